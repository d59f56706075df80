"""The register of agreements: matching rules on hand-made records, determinism, incremental updates, scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from accord_extract.register.consolidate import consolidate
from accord_extract.register.evaluate import bcubed, evaluate_register, pairwise
from accord_extract.register.tables import TABLES

from .conftest import CORPUS

GOLD = CORPUS / "consolidation" / "gold.json"
ISO = {"Bénin": "BEN", "Togo": "TGO"}
FLOOR = {"agreements": 0.95, "events": 0.95}  # measured 1.000 and 1.000; the target is 0.90


def agreement(ordinal, title, instrument="accord", date="2024-04-16", place="Cotonou", **kw):
    return {
        "ordinal": ordinal,
        "instrument": instrument,
        "title": title,
        "parties": kw.get("parties", ["Bénin", "Togo"]),
        "signatories": kw.get("signatories", []),
        "date": date,
        "place": place,
        "sectors": kw.get("sectors", []),
        "evidence": [{"start": 10 * ordinal, "end": 10 * ordinal + 9, "text": "x" * 9}],
    }


def record(doc_id, agreements, pub="2024-04-17", stated=None, countries=("Bénin", "Togo")):
    return {
        "document": {"id": doc_id, "publication_date": pub, "stated_agreement_count": stated},
        "locations": [
            {
                "name": c,
                "kind": "country",
                "country": ISO[c],
                "mentions": [{"start": 0, "end": 1, "text": "x"}],
            }
            for c in countries
        ],
        "agreements": agreements,
    }


def write_records(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "records.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return folder


def rows(register: Path, table: str) -> list[dict]:
    return [
        json.loads(line) for line in (register / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def build(tmp_path, records) -> Path:
    out = tmp_path / "register"
    consolidate(write_records(tmp_path / "batch", records), out)
    return out


def test_same_report_twice_gives_one_agreement_with_two_sources(tmp_path):
    text = [
        agreement(1, "accord de coopération en matière de sécurité transfrontalière", sectors=["securite"]),
        agreement(2, "protocole d'accord sur l'interconnexion électrique", "protocole", sectors=["energie"]),
    ]
    out = build(tmp_path, [record("wire", text), record("copy", text)])
    agreements = rows(out, "agreements")
    assert len(agreements) == 2
    for row in agreements:
        assert row["n_sources"] == 2
        assert sorted(s["doc_id"] for s in row["sources"]) == ["copy", "wire"]
        assert row["conflicts"] == []
    assert len(rows(out, "events")) == 1
    sources = rows(out, "agreement_sources")
    assert len(sources) == 4 and {s["match_score"] for s in sources} == {1.0}


def test_similar_titles_different_instruments_stay_two(tmp_path):
    both = [
        agreement(1, "accord de coopération dans le domaine de l'énergie", sectors=["energie"]),
        agreement(2, "accord de coopération dans le domaine de la santé", sectors=["sante"]),
    ]
    out = build(
        tmp_path,
        [
            record("a", both),
            record("b", both),
            # the same subject, another instrument: a memorandum is not the accord
            record(
                "c",
                [
                    agreement(
                        1,
                        "mémorandum d'entente dans le domaine de l'énergie",
                        "memorandum",
                        sectors=["energie"],
                    )
                ],
            ),
            # one outlet names only the health accord: it joins that one, not the energy one
            record("d", [agreement(1, "accord dans le domaine de la santé", sectors=["sante"])]),
        ],
    )
    agreements = {(a["instrument"], tuple(a["sectors"])): a for a in rows(out, "agreements")}
    assert len(agreements) == 3
    assert sorted(s["doc_id"] for s in agreements["accord", ("energie",)]["sources"]) == ["a", "b"]
    assert sorted(s["doc_id"] for s in agreements["accord", ("sante",)]["sources"]) == ["a", "b", "d"]
    assert [s["doc_id"] for s in agreements["memorandum", ("energie",)]["sources"]] == ["c"]
    assert len(rows(out, "events")) == 1


def test_titles_with_the_same_sector_but_another_subject_stay_two(tmp_path):
    out = build(
        tmp_path,
        [
            record(
                "a",
                [
                    agreement(
                        1, "accord dans le domaine de la formation professionnelle", sectors=["education"]
                    )
                ],
            ),
            record(
                "b",
                [agreement(1, "accord dans le domaine de l'enseignement supérieur", sectors=["education"])],
            ),
        ],
    )
    assert len(rows(out, "agreements")) == 2


def test_date_conflict_is_reported_not_silently_resolved(tmp_path):
    title = "accord de coopération en matière de sécurité transfrontalière"
    out = build(
        tmp_path,
        [
            record("wire", [agreement(1, title, date="2024-04-16")], stated=3),
            record("communique", [agreement(1, title, date="2024-04-16")], stated=3),
            record("paper", [agreement(1, title, date="2024-04-17")], pub="2024-04-18", stated=4),
        ],
    )
    (row,) = rows(out, "agreements")
    assert row["n_sources"] == 3
    assert row["date"] == "2024-04-16"  # the value most sources give
    assert row["date_alternatives"] == [{"value": "2024-04-17", "doc_ids": ["paper"]}]
    date_conflict = next(c for c in row["conflicts"] if c["field"] == "date")
    assert date_conflict["values"] == [
        {"value": "2024-04-16", "doc_ids": ["communique", "wire"]},
        {"value": "2024-04-17", "doc_ids": ["paper"]},
    ]
    (event,) = rows(out, "events")
    fields = {c["field"] for c in event["conflicts"]}
    assert fields == {"date", "stated_agreement_count"}
    assert event["stated_agreement_counts"] == [
        {"value": 3, "doc_ids": ["communique", "wire"]},
        {"value": 4, "doc_ids": ["paper"]},
    ]


def test_less_precise_date_agrees_and_tie_goes_to_first_published(tmp_path):
    title = "accord relatif aux services aériens"
    out = build(
        tmp_path,
        [
            record("wire", [agreement(1, title, date="2025-01-20")], pub="2025-01-20"),
            record("paper", [agreement(1, title, date="2025-01-19")], pub="2025-01-21"),
            record("weekly", [agreement(1, title, date="2025-01")], pub="2025-01-25"),
        ],
    )
    (row,) = rows(out, "agreements")
    assert row["date"] == "2025-01-20"
    assert [a["value"] for a in row["date_alternatives"]] == ["2025-01-19"]


def test_distractor_on_another_date_is_another_event(tmp_path):
    title = "accord sur la gestion de la transhumance transfrontalière"
    out = build(
        tmp_path,
        [
            record("april", [agreement(1, title, date="2024-04-16")]),
            record("september", [agreement(1, title, date="2024-09-10", place="Lomé")], pub="2024-09-10"),
        ],
    )
    assert len(rows(out, "events")) == 2
    assert len(rows(out, "agreements")) == 2


def test_count_only_article_and_missing_party_join_the_event(tmp_path):
    title = "accord de coopération en matière de sécurité transfrontalière"
    out = build(
        tmp_path,
        [
            record("wire", [agreement(1, title)], stated=3),
            # extraction kept one party only, and the article names only Togo
            record("paper", [agreement(1, title, parties=["Togo"])], countries=("Togo",)),
            # three accords, nothing listed; dated by its publication day
            record("foreign", [], stated=3),
        ],
    )
    (event,) = rows(out, "events")
    assert event["doc_ids"] == ["foreign", "paper", "wire"]
    (row,) = rows(out, "agreements")
    assert row["n_sources"] == 2 and row["parties"] == ["Bénin", "Togo"]


def test_signatories_are_merged_with_their_sources(tmp_path):
    title = "accord de coopération en matière de sécurité transfrontalière"
    out = build(
        tmp_path,
        [
            record("wire", [agreement(1, title, signatories=["Yawovi Agbodjan", "Gaston Houénou"])]),
            record("paper", [agreement(1, title, signatories=["Agbodjan"])]),
        ],
    )
    (row,) = rows(out, "agreements")
    assert row["signatories"] == [
        {"name": "Gaston Houénou", "doc_ids": ["wire"]},
        {"name": "Yawovi Agbodjan", "doc_ids": ["paper", "wire"]},
    ]


def _bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _gold_records(tmp_path: Path) -> list[bytes]:
    return [
        orjson.dumps(orjson.loads(p.read_bytes()))
        for p in sorted((CORPUS / "consolidation/gold").glob("*.json"))
    ]


def test_deterministic_and_incremental_equals_full_rebuild(tmp_path):
    lines = _gold_records(tmp_path)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "records.jsonl").write_bytes(b"".join(line + b"\n" for line in lines[:20]))
    incremental = tmp_path / "incremental"
    first = consolidate(batch, incremental)
    assert first["segments_reused"] == 0
    (batch / "records.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))
    second = consolidate(batch, incremental)
    assert 0 < second["segments_reused"] < second["segments"]
    full = tmp_path / "full"
    consolidate(batch, full, full=True)
    again = tmp_path / "again"
    consolidate(batch, again, full=True)
    assert _bytes(incremental) == _bytes(full) == _bytes(again)
    assert set(_bytes(full)) >= {f"{t}.{s}" for t in TABLES for s in ("parquet", "jsonl")} | {"manifest.json"}
    assert not [p for p in full.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_parquet_tables_and_jsonl_give_the_same_register(tmp_path):
    from accord_extract.tables import write_parquet

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "records.jsonl").write_bytes(b"".join(line + b"\n" for line in _gold_records(tmp_path)))
    consolidate(batch / "records.jsonl", tmp_path / "from-jsonl")
    write_parquet(batch / "records.jsonl", batch)
    consolidate(batch, tmp_path / "from-parquet")
    assert _bytes(tmp_path / "from-jsonl") == _bytes(tmp_path / "from-parquet")


def test_register_parquet_matches_jsonl(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "register"
    consolidate(CORPUS / "consolidation" / "gold", out)
    for table in TABLES:
        assert pq.read_table(out / f"{table}.parquet").to_pylist() == rows(out, table)
    sources = rows(out, "agreement_sources")
    gold = json.loads((CORPUS / "consolidation/gold/benin-togo-2024-abp.json").read_text(encoding="utf-8"))
    first = next(s for s in sources if (s["doc_id"], s["ordinal"]) == ("benin-togo-2024-abp", 1))
    assert first["evidence"] == [
        {"start": e["start"], "end": e["end"]} for e in gold["agreements"][0]["evidence"]
    ]


def test_pairwise_and_bcubed_by_hand():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    # pairs: gold {ab, ac, bc}; predicted {ab, cd}; one right
    assert pairwise(gold, pred) == {"p": 0.5, "r": 0.3333, "f1": 0.4, "tp": 1, "fp": 1, "fn": 2}
    # B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 0.6667
    assert bcubed(gold, pred) == {"p": 0.75, "r": 0.6667, "f1": 0.7059}
    assert bcubed(gold, {})["r"] == 0.5  # missing items are singletons: recall 1/3, 1/3, 1/3, 1
    assert bcubed(gold, gold)["f1"] == pairwise(gold, gold)["f1"] == 1.0


def test_gold_records_score_above_floor():
    report = evaluate_register(GOLD)
    for name, floor in FLOOR.items():
        assert report[name]["bcubed"]["f1"] >= floor, report[name]["errors"]
        assert report[name]["pairwise"]["f1"] >= floor, report[name]["errors"]
    assert report["alignment"]["found"] == report["alignment"]["gold_reports"] == 69


def test_tool_extraction_is_scored(extractor, tmp_path):
    """Reported, not floored: the figure the README quotes comes from this run."""
    batch = tmp_path / "batch"
    batch.mkdir()
    with open(batch / "records.jsonl", "wb") as handle:
        for path in sorted((CORPUS / "consolidation").glob("*.txt")):
            handle.write(orjson.dumps(extractor.extract_file(path).model_dump(mode="json")) + b"\n")
    report = evaluate_register(GOLD, records=batch)
    for name in ("agreements", "events"):
        for measure in ("pairwise", "bcubed"):
            assert 0.0 <= report[name][measure]["f1"] <= 1.0
    assert report["alignment"]["found"] > report["alignment"]["gold_reports"] // 2
    print(
        json.dumps({k: {m: report[k][m] for m in ("pairwise", "bcubed")} for k in ("agreements", "events")})
    )


def test_import_stays_light():
    code = (
        "import sys, accord_extract; accord_extract.consolidate; accord_extract.evaluate_register; "
        "print([m for m in ('spacy', 'duckdb', 'rapidfuzz') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("bad", ["missing", "empty-folder"])
def test_bad_source_is_one_clear_error(tmp_path, bad):
    from accord_extract.errors import InputError

    source = tmp_path / bad
    if bad == "empty-folder":
        source.mkdir()
    with pytest.raises(InputError, match=str(source)):
        consolidate(source, tmp_path / "out")


def test_a_register_changed_by_hand_is_rebuilt_not_reused(tmp_path):
    batch = write_records(tmp_path / "batch", [json.loads(line) for line in _gold_records(tmp_path)])
    out = tmp_path / "register"
    consolidate(batch, out)
    assert consolidate(batch, out)["segments_recomputed"] == 0
    (out / "agreements.parquet").write_bytes(b"not the file the manifest knows")
    again = consolidate(batch, out)
    assert again["segments_reused"] == 0 and again["segments_recomputed"] == again["segments"]
    full = tmp_path / "full"
    consolidate(batch, full, full=True)
    assert _bytes(out) == _bytes(full)
