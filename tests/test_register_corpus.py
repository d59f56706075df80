"""The consolidation corpus: its gold register agrees with its gold records and has the shape the issue asks."""

import json
from collections import Counter

from accord_extract.resources import lexicon
from accord_extract.scoring import gold_files, load_gold

from .conftest import CORPUS

FOLDER = CORPUS / "consolidation"


def test_gold_register_covers_every_gold_agreement_once():
    gold = json.loads((FOLDER / "gold.json").read_text(encoding="utf-8"))
    records = {r.document.id: r for r in map(load_gold, gold_files(FOLDER))}
    reports = [tuple(s) for e in gold["events"] for a in e["agreements"] for s in a["sources"]]
    assert len(reports) == len(set(reports))
    assert set(reports) == {(doc_id, a.ordinal) for doc_id, r in records.items() for a in r.agreements}
    docs = [d for e in gold["events"] for d in e["doc_ids"]]
    assert sorted(docs) == sorted(records)
    for event in gold["events"]:
        for agreement in event["agreements"]:
            assert {d for d, _ in agreement["sources"]} <= set(event["doc_ids"]), agreement["id"]


def _countries(records, doc_ids) -> frozenset[str]:
    iso = {row["name"]: row["iso3"] for row in lexicon("countries")}
    names = [p for d in doc_ids for a in records[d].agreements for p in (*a.parties, *a.parties_optional)]
    return frozenset(iso[n] for n in names if n in iso)


def test_corpus_has_multi_report_events_and_distractors():
    gold = json.loads((FOLDER / "gold.json").read_text(encoding="utf-8"))
    records = {r.document.id: r for r in map(load_gold, gold_files(FOLDER))}
    multi = [e for e in gold["events"] if 2 <= len(e["doc_ids"]) <= 5]
    assert len(multi) >= 8
    pairs = Counter(_countries(records, e["doc_ids"]) for e in multi)
    distractors = [
        e for e in gold["events"] if len(e["doc_ids"]) == 1 and _countries(records, e["doc_ids"]) in pairs
    ]
    assert len(distractors) >= 4
    # reports that disagree on the day, and reports that give only a count
    days = [{a.date for d in e["doc_ids"] for a in records[d].agreements if a.date} for e in multi]
    assert sum(len(d) > 1 for d in days) >= 3
    assert sum(any(not records[d].agreements for d in e["doc_ids"]) for e in multi) >= 2
