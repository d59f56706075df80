"""Batch output → register: blocks, segments, events, agreements, tables; only what changed is recomputed.

Blocking and segments are in `blocking.py`: each segment is clustered on its own.

Incremental: a segment's result is a pure function of its reports, so the register
keeps, for each segment, a fingerprint of its reports and the ids of its events
(`state/segments.parquet`). A re-run reads the input again (one DuckDB scan),
rebuilds the reports, reclusters only the segments whose fingerprint is new (those
that gained, lost or changed a report), and takes the rows of the others from the
previous Parquet tables with DuckDB. The output is byte-identical to a full rebuild.
The state is used only when the manifest's hashes match the files.
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
from .tables import TABLES, sha256, sorted_tables, write_register

# Bump when a rule changes what a segment consolidates to: cached segments are then recomputed.
RULES_VERSION = "register-rules-1"
STATE = "state/segments.parquet"


def _with_conflicts(table) -> int:
    import pyarrow.compute as pc

    return int(pc.sum(pc.greater(pc.list_value_length(table["conflicts"]), 0)).as_py() or 0)


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


def previous_state(output: Path) -> dict[str, list[str]] | None:
    """fingerprint → event ids of the last run, when its files are there and unchanged; else None."""
    import pyarrow.parquet as pq

    try:
        manifest = orjson.loads((output / "manifest.json").read_bytes())
        if manifest.get("rules") != RULES_VERSION:
            return None
        needed = [f"{t}.parquet" for t in TABLES] + [STATE]
        if any(sha256(output / rel) != manifest["files"][rel]["sha256"] for rel in needed):
            return None
        rows = pq.read_table(output / STATE).to_pydict()
    except (OSError, KeyError, TypeError, ValueError, orjson.JSONDecodeError):
        return None  # no usable state: a full rebuild
    state: dict[str, list[str]] = {}
    for fingerprint, event in zip(rows["fingerprint"], rows["event_id"], strict=True):
        state.setdefault(fingerprint, []).append(event)
    return state


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
    import pyarrow as pa

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
    state = None if full else previous_state(output)
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    kept: list[str] = []
    reused = 0
    assignment: list[tuple[str, str]] = []
    segments = segments_of(reports)
    for _, members in segments:
        fingerprint = _fingerprint(members, prints)
        if state is not None and fingerprint in state:
            events = state[fingerprint]
            kept += events
            reused += 1
        else:
            part = consolidate_segment(members)
            events = [row["event_id"] for row in part["events"]]
            for table in TABLES:
                rows[table] += part[table]
        assignment += [(fingerprint, event) for event in events]
    tables = sorted_tables(rows, output if kept else None, kept)
    fingerprints, events = zip(*sorted(assignment), strict=True) if assignment else ((), ())
    state_table = pa.table(
        {"fingerprint": pa.array(fingerprints, pa.string()), "event_id": pa.array(events, pa.string())}
    )
    counts = {
        "documents": len(bundles),
        "agreement_reports": sum(len(r.agreements) for r in reports),
        "events": tables["events"].num_rows,
        "agreements": tables["agreements"].num_rows,
        "agreements_with_conflicts": _with_conflicts(tables["agreements"]),
        "events_with_conflicts": _with_conflicts(tables["events"]),
        "segments": len(segments),
    }
    write_register(
        tables, output, extra={STATE: state_table}, manifest={"rules": RULES_VERSION, "counts": counts}
    )
    return {
        **counts,
        "segments_recomputed": len(segments) - reused,
        "segments_reused": reused,
        "output": str(output),
        "elapsed_seconds": round(time.perf_counter() - started, 3),
    }
