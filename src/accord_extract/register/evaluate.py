"""Scoring a register against a gold register: pairwise and B-cubed precision, recall and F1.

The gold register (`gold.json`) says which articles tell of the same event and
which (doc_id, ordinal) agreement reports of the gold records are the same
instrument. A register built from the tool's own extraction has its own ordinals:
each article's predicted agreements are first aligned one to one with its gold
agreements (the alignment `evaluate` uses). A gold report the extraction missed
counts as a cluster of its own (it costs recall); a predicted report with no gold
counterpart is listed, not scored.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Hashable
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import orjson

from ..errors import GoldError, InputError


def _clusters(assignment: dict[Hashable, Hashable]) -> dict[Hashable, set]:
    out: dict[Hashable, set] = {}
    for item, cluster in assignment.items():
        out.setdefault(cluster, set()).add(item)
    return out


def _prf(tp: float, n_pred: float, n_gold: float) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def pairwise(gold: dict, pred: dict) -> dict:
    """Precision and recall over pairs of items put together; items are the gold's."""
    pred = {item: pred.get(item, ("alone", item)) for item in gold}

    def pairs(assignment):
        return {
            frozenset(p)
            for members in _clusters(assignment).values()
            for p in combinations(sorted(members, key=str), 2)
        }

    g, p = pairs(gold), pairs(pred)
    return {**_prf(len(g & p), len(p), len(g)), "tp": len(g & p), "fp": len(p - g), "fn": len(g - p)}


def bcubed(gold: dict, pred: dict) -> dict:
    """B-cubed: per item, the share of its predicted cluster that is right and of its gold cluster that is found."""
    pred = {item: pred.get(item, ("alone", item)) for item in gold}
    gold_of, pred_of = _clusters(gold), _clusters(pred)
    precision = recall = 0.0
    for item in gold:
        g, p = gold_of[gold[item]], pred_of[pred[item]]
        both = len(g & p)
        precision += both / len(p)
        recall += both / len(g)
    n = len(gold)
    return (
        _prf(precision, n, n) | {"r": round(recall / n, 4), "f1": _f1(precision / n, recall / n)}
        if n
        else _prf(0, 0, 0)
    )


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r) if p + r else 0.0, 4)


def read_gold_register(path: str | os.PathLike) -> dict:
    """gold.json → {"events": {doc_id: event}, "agreements": {(doc_id, ordinal): agreement}}."""
    path = Path(path)
    try:
        data = orjson.loads(path.read_bytes())
        events, agreements = {}, {}
        for event in data["events"]:
            for doc_id in event["doc_ids"]:
                if doc_id in events:
                    raise GoldError(f"{path}: {doc_id} is in two events")
                events[doc_id] = event["id"]
            for agreement in event["agreements"]:
                for doc_id, ordinal in agreement["sources"]:
                    key = (doc_id, int(ordinal))
                    if key in agreements:
                        raise GoldError(f"{path}: ({doc_id}, {ordinal}) is in two agreements")
                    if doc_id not in event["doc_ids"]:
                        raise GoldError(
                            f"{path}: {doc_id} is a source of {agreement['id']} but not in its event"
                        )
                    agreements[key] = agreement["id"]
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold register ({exc.strerror})") from None
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{path}: not a gold register ({type(exc).__name__}: {exc})") from None
    return {"events": events, "agreements": agreements}


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputError(
            f"{path.parent}: not a register (no {path.name}; run `accord-extract consolidate` first)"
        )
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def _align(sources: list[dict], gold_records: dict) -> tuple[dict, list[str]]:
    """Predicted (doc_id, ordinal) → gold (doc_id, ordinal), article by article."""
    from ..scoring import align_agreements

    by_doc: dict[str, list[dict]] = {}
    for row in sources:
        by_doc.setdefault(row["doc_id"], []).append(row)
    mapping, unaligned = {}, []
    for doc_id, rows in sorted(by_doc.items()):
        rows.sort(key=lambda r: r["ordinal"])
        gold = gold_records.get(doc_id)
        if gold is None:
            unaligned += [f"{doc_id}#{r['ordinal']}" for r in rows]
            continue
        pred = [
            SimpleNamespace(
                instrument=r["instrument"],
                evidence=[SimpleNamespace(start=e["start"], end=e["end"]) for e in r["evidence"]],
            )
            for r in rows
        ]
        pairs = align_agreements(pred, gold.agreements)
        for i, j in pairs:
            mapping[(doc_id, rows[i]["ordinal"])] = (doc_id, gold.agreements[j].ordinal)
        matched = {i for i, _ in pairs}
        unaligned += [f"{doc_id}#{rows[i]['ordinal']}" for i in range(len(rows)) if i not in matched]
    return mapping, unaligned


def _errors(gold: dict, pred: dict) -> dict:
    """Gold clusters the register split, and register clusters that merge gold clusters."""
    pred = {item: pred.get(item, ("alone", item)) for item in gold}

    def show(item):
        return item if isinstance(item, str) else f"{item[0]}#{item[1]}"

    split = []
    for cluster, members in sorted(_clusters(gold).items()):
        parts = {pred[m] for m in members}
        if len(parts) > 1:
            split.append(
                {
                    "gold": cluster,
                    "parts": sorted(sorted(show(m) for m in members if pred[m] == p) for p in parts),
                }
            )
    merged = []
    for members in _clusters(pred).values():
        golds = sorted({gold[m] for m in members})
        if len(golds) > 1:
            merged.append({"gold": golds, "items": sorted(show(m) for m in members)})
    return {"split": split, "merged": sorted(merged, key=lambda m: m["items"])}


def score_register(gold_path: str | os.PathLike, register: str | os.PathLike) -> dict:
    """Scores of the register folder `register` against the gold register."""
    from ..scoring import gold_files, load_gold

    gold_path, register = Path(gold_path), Path(register)
    gold = read_gold_register(gold_path)
    folder = gold_path.parent / "gold"
    gold_records = {}
    if folder.is_dir():
        for path in gold_files(folder):
            record = load_gold(path)
            gold_records[record.document.id] = record
    sources = _read_jsonl(register / "agreement_sources.jsonl")
    event_sources = _read_jsonl(register / "event_sources.jsonl")
    mapping, unaligned = _align(sources, gold_records)
    pred_agreements = {
        mapping[(r["doc_id"], r["ordinal"])]: r["agreement_id"]
        for r in sources
        if (r["doc_id"], r["ordinal"]) in mapping
    }
    pred_events = {}
    for row in sorted(event_sources, key=lambda r: (r["doc_id"], r["part"])):
        pred_events.setdefault(row["doc_id"], row["event_id"])
    out = {}
    for name, g, p in (
        ("agreements", gold["agreements"], pred_agreements),
        ("events", gold["events"], pred_events),
    ):
        out[name] = {
            "items": len(g),
            "gold_clusters": len(set(g.values())),
            "predicted_clusters": len({p.get(i, ("alone", i)) for i in g}),
            "pairwise": pairwise(g, p),
            "bcubed": bcubed(g, p),
            "errors": _errors(g, p),
        }
    missed = sorted(f"{d}#{o}" for d, o in gold["agreements"] if (d, o) not in pred_agreements)
    out["alignment"] = {
        "gold_reports": len(gold["agreements"]),
        "found": len(pred_agreements),
        "missed": missed,
        "unaligned_predictions": sorted(unaligned),
    }
    return out


def evaluate_register(
    gold: str | os.PathLike,
    records: str | os.PathLike | None = None,
    register: str | os.PathLike | None = None,
) -> dict:
    """Score a register against `gold.json`.

    `register`: an existing register folder. `records`: a batch output (or a folder of
    records) consolidated first, into a temporary folder. Neither: the gold records beside
    `gold.json` (its `gold/` folder) are consolidated, which scores the matcher alone.
    """
    from .consolidate import consolidate

    gold = Path(gold)
    if register is not None:
        return score_register(gold, register)
    source = Path(records) if records is not None else gold.parent / "gold"
    with tempfile.TemporaryDirectory(prefix="accord-register-") as tmp:
        summary = consolidate(source, tmp, full=True)
        report = score_register(gold, tmp)
    report["consolidation"] = {k: v for k, v in summary.items() if k != "output"}
    return report
