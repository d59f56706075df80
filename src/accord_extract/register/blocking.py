"""Blocks and segments: which reports are ever compared.

A block is a set of party countries. Inside a block, reports are cut into time
segments wherever two consecutive reports (by date) are more than
`SEGMENT_GAP_DAYS` apart: no event spans such a gap, so each segment is clustered
on its own and the cost grows with the number of reports, not with its square.
DuckDB computes the segments with window functions.

Before that, reports whose block is doubtful are given the block of the events
around them: a report that names one party country only (the extraction missed the
other), and an article that lists no agreement (a count, a mention) and whose
block is a guess from the countries it names.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from .reports import Report
from .tables import arrow

SEGMENT_GAP_DAYS = 45


def adopt_blocks(reports: list[Report]) -> None:
    """Give doubtful reports the block most reports near their dates have, among the blocks that fit them.

    Only reports with a sure block (two or more party countries, agreements, days) vote,
    so the result does not depend on the order of the reports.
    """
    votes: dict = {}
    for report in reports:
        if len(report.block) >= 2 and report.agreements and report.days:
            for d in report.days:
                votes.setdefault(d, Counter())[report.block] += 1
    if not votes:
        return
    counts = {date.fromisoformat(d): c for d, c in votes.items()}
    for report in reports:
        partial = len(report.block) < 2 and report.agreements
        guessed = not report.agreements
        if not (partial or guessed):
            continue
        found: Counter = Counter()
        for day in report.near_days:
            found.update(counts.get(day, {}))
        if partial:
            fitting = [b for b in found if set(report.block) <= set(b)]
        else:
            fitting = [b for b in found if set(b) <= set(report.mentioned)]
        if fitting:
            report.block = min(fitting, key=lambda b: (-found[b], b))


def segments_of(reports: list[Report]) -> list[tuple[str, list[Report]]]:
    """(segment id, reports) in a stable order; a report with no date at all, or no party country, is alone."""
    import duckdb
    import pyarrow as pa

    table = pa.table(
        {
            "key": pa.array([r.key for r in reports], pa.string()),
            "block": pa.array(["+".join(r.block) for r in reports], pa.string()),
            "anchor": pa.array([r.anchor for r in reports], pa.date32()),
        }
    )
    con = duckdb.connect()
    try:
        con.register("r", table)
        result = con.sql(
            f"""
            WITH dated AS (
                SELECT key, block, anchor,
                    CASE WHEN lag(anchor) OVER w IS NULL OR anchor - lag(anchor) OVER w > {SEGMENT_GAP_DAYS}
                         THEN 1 ELSE 0 END AS opens
                FROM r WHERE anchor IS NOT NULL AND block <> ''
                WINDOW w AS (PARTITION BY block ORDER BY anchor, key)
            )
            SELECT key, block || '/' || CAST(sum(opens) OVER (PARTITION BY block ORDER BY anchor, key
                ROWS UNBOUNDED PRECEDING) AS VARCHAR) AS segment FROM dated
            UNION ALL
            SELECT key, 'alone/' || key AS segment FROM r WHERE anchor IS NULL OR block = ''
            ORDER BY segment, key
            """
        )
        pairs = arrow(result).to_pylist()
    finally:
        con.close()
    by_key = {r.key: r for r in reports}
    out: dict[str, list[Report]] = {}
    for row in pairs:
        out.setdefault(row["segment"], []).append(by_key[row["key"]])
    return list(out.items())
