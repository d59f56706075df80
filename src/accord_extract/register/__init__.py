"""The register of agreements: one row per instrument signed, whatever the number of articles that report it.

`consolidate(batch_output, register_dir)` reads a batch output (records.jsonl or
the Parquet tables), groups the reports into signing events and the events'
agreement reports into instruments, and writes `events`, `agreements`,
`agreement_sources` and `event_sources` as Parquet and JSONL. `evaluate_register`
scores a register against a gold register. DuckDB and rapidfuzz load on first use.
"""

from __future__ import annotations

__all__ = ["consolidate", "evaluate_register"]


def __getattr__(name: str):
    if name == "consolidate":
        from .consolidate import consolidate

        return consolidate
    if name == "evaluate_register":
        from .evaluate import evaluate_register

        return evaluate_register
    raise AttributeError(f"module 'accord_extract.register' has no attribute {name!r}")
