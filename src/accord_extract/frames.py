"""Records → the batch's Parquet tables as DataFrames, for notebooks: `to_frames(records)`.

The tables are built by `tables.arrow_tables`, the code that writes the
Parquet files, so a notebook sees the same columns and types as a data team
reading `tables/*.parquet`, each keyed by `doc_id`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import orjson

from .errors import AccordError


def _dicts(records) -> Iterable[dict]:
    if isinstance(records, str | os.PathLike):
        with open(Path(records), "rb") as handle:
            for line in handle:
                if line.strip():
                    yield orjson.loads(line)
        return
    for record in records:
        yield record if isinstance(record, dict) else record.model_dump(mode="json")


def to_frames(records, backend: str = "pandas") -> dict:
    """{"documents", "persons", "organizations", "locations", "dates", "agreements", "sectors"} →
    DataFrame, from ExtractionResult objects, record dicts or the path of a records.jsonl file.

    `backend`: "pandas" (the default) or "polars"; each needs its library installed."""
    from .tables import arrow_tables

    if backend not in ("pandas", "polars"):
        raise AccordError(f"backend must be 'pandas' or 'polars', not {backend!r}")
    try:
        convert = __import__(backend)
    except ImportError:
        raise AccordError(
            f"to_frames(backend={backend!r}) needs {backend}: pip install 'accord-extract[notebook]' "
            f"(or pip install {backend})"
        ) from None
    tables = arrow_tables(_dicts(records))
    if backend == "polars":
        return {name: convert.from_arrow(table) for name, table in tables.items()}
    return {name: table.to_pandas() for name, table in tables.items()}
