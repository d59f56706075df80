"""Batch output → register: blocks, segments, events, agreements, tables; only what changed is recomputed.

Blocking and segments are in `blocking.py`: each segment is clustered on its own.

Incremental: a segment's result is a pure function of its reports, so the register
keeps each segment's rows under a fingerprint of its reports (`state/segments.jsonl`).
A re-run reads the input again (one DuckDB scan), rebuilds the reports, and
reclusters only the segments whose fingerprint is new: those that gained, lost or
changed a report. The output is byte-identical to a full rebuild.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import orjson

from ..errors import InputError
from .blocking import adopt_blocks, segments_of
from .canonical import event_rows
from .events import cluster_events
from .load import load_bundles
from .matching import cluster_agreements
from .reports import Report, reports_of
from .tables import TABLES, sorted_tables, write_register

# Bump when a rule changes what a segment consolidates to: cached segments are then recomputed.
RULES_VERSION = "register-rules-1"
STATE = "state/segments.jsonl"


def consolidate_segment(reports: list[Report]) -> dict[str, list[dict]]:
    """Events of the segment, their agreements and sources, as table rows."""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for event in cluster_events(reports):
        groups = cluster_agreements(a for r in event.reports for a in r.agreements)
        event_row, agreements, sources, event_sources = event_rows(event, groups)
        rows["events"].append(event_row)
        rows["agreements"] += agreements
        rows["agreement_sources"] += sources
        rows["event_sources"] += event_sources
    return rows


def _fingerprint(members: list[Report], prints: dict[str, str]) -> str:
    digest = hashlib.sha256(RULES_VERSION.encode())
    for report in sorted(members, key=lambda r: r.key):
        digest.update(f"\x1e{report.key}\x1f{'+'.join(report.block)}\x1f{prints[report.doc_id]}".encode())
    return digest.hexdigest()


def _read_state(output: Path) -> dict[str, dict]:
    path = output / STATE
    if not path.is_file():
        return {}
    cache = {}
    try:
        with open(path, "rb") as handle:
            for line in handle:
                entry = orjson.loads(line)
                cache[entry["fingerprint"]] = entry["rows"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return {}  # a damaged cache only costs a full rebuild
    return cache


def default_output(source: str | os.PathLike) -> Path:
    source = Path(source)
    return (source if source.is_dir() else source.parent) / "register"


def consolidate(
    source: str | os.PathLike, output: str | os.PathLike | None = None, *, full: bool = False
) -> dict:
    """Consolidate a batch output folder (records.jsonl or Parquet tables) into a register folder.

    Returns a summary dict (counts, segments recomputed and reused, seconds). With
    `full`, the cached segments are ignored and everything is recomputed.
    """
    started = time.perf_counter()
    output = Path(output) if output is not None else default_output(source)
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: exists and is not a folder")
    bundles = load_bundles(source)
    prints: dict[str, str] = {}
    reports: list[Report] = []
    for bundle in bundles:
        prints[bundle["doc_id"]] = hashlib.sha256(
            orjson.dumps(bundle, option=orjson.OPT_SORT_KEYS)
        ).hexdigest()
        reports += reports_of(bundle)
    adopt_blocks(reports)
    cache = {} if full else _read_state(output)
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    state = []
    reused = 0
    segments = segments_of(reports)
    for _, members in segments:
        fingerprint = _fingerprint(members, prints)
        part = cache.get(fingerprint)
        if part is None:
            part = consolidate_segment(members)
        else:
            reused += 1
        state.append((fingerprint, part))
        for table in TABLES:
            rows[table] += part[table]
    state.sort(key=lambda entry: entry[0])
    state_bytes = b"".join(orjson.dumps({"fingerprint": f, "rows": p}) + b"\n" for f, p in state)
    tables = sorted_tables(rows)
    counts = {
        "documents": len(bundles),
        "agreement_reports": sum(len(r.agreements) for r in reports),
        "events": tables["events"].num_rows,
        "agreements": tables["agreements"].num_rows,
        "agreements_with_conflicts": sum(1 for row in rows["agreements"] if row["conflicts"]),
        "events_with_conflicts": sum(1 for row in rows["events"] if row["conflicts"]),
        "segments": len(segments),
    }
    write_register(
        tables, output, extra={STATE: state_bytes}, manifest={"rules": RULES_VERSION, "counts": counts}
    )
    return {
        **counts,
        "segments_recomputed": len(segments) - reused,
        "segments_reused": reused,
        "output": str(output),
        "elapsed_seconds": round(time.perf_counter() - started, 3),
    }
