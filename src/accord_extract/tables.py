"""records.jsonl → normalised Parquet tables keyed by doc_id (DuckDB, pandas and Spark read them).

`documents` carries every document field, `publication_date` as a real date,
and the decoded text when the records hold it (`--with-text`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import orjson

TABLES = ("documents", "persons", "organizations", "locations", "dates", "agreements", "sectors")


def _schemas():
    import pyarrow as pa

    mention = pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]))
    strings = pa.list_(pa.string())
    return {
        "documents": pa.schema(
            [
                ("doc_id", pa.string()),
                ("schema_version", pa.string()),
                ("source", pa.string()),
                ("url", pa.string()),
                ("language", pa.string()),
                ("sha256", pa.string()),
                ("n_chars", pa.int64()),
                ("title", pa.string()),
                ("publication_date", pa.date32()),
                ("encoding", pa.string()),
                ("stated_agreement_count", pa.int64()),
                ("warnings", strings),
                ("text", pa.string()),
            ]
        ),
        "persons": pa.schema(
            [
                ("doc_id", pa.string()),
                ("name", pa.string()),
                ("titles", strings),
                ("honorifics", strings),
                ("ranks", strings),
                ("country", pa.string()),
                ("mentions", mention),
            ]
        ),
        "organizations": pa.schema(
            [
                ("doc_id", pa.string()),
                ("name", pa.string()),
                ("kind", pa.string()),
                ("country", pa.string()),
                ("mentions", mention),
            ]
        ),
        "locations": pa.schema(
            [
                ("doc_id", pa.string()),
                ("name", pa.string()),
                ("kind", pa.string()),
                ("country", pa.string()),
                ("mentions", mention),
            ]
        ),
        "dates": pa.schema(
            [
                ("doc_id", pa.string()),
                ("value", pa.string()),
                ("granularity", pa.string()),
                ("mentions", mention),
            ]
        ),
        "agreements": pa.schema(
            [
                ("doc_id", pa.string()),
                ("ordinal", pa.int64()),
                ("instrument", pa.string()),
                ("title", pa.string()),
                ("parties", strings),
                ("signatories", strings),
                ("date", pa.string()),
                ("place", pa.string()),
                ("sectors", strings),
                ("evidence", mention),
            ]
        ),
        "sectors": pa.schema([("doc_id", pa.string()), ("sector", pa.string()), ("mentions", mention)]),
    }


_DOCUMENT = ("source", "url", "language", "sha256", "n_chars", "title", "encoding", "stated_agreement_count")


def rows_of(record: dict) -> dict[str, list[dict]]:
    doc = record["document"]
    published = doc.get("publication_date")
    document = {
        "doc_id": doc["id"],
        "schema_version": record.get("schema_version"),
        **{k: doc.get(k) for k in _DOCUMENT},
        "publication_date": dt.date.fromisoformat(published) if published else None,
        "warnings": record.get("warnings", []),
        "text": doc.get("text"),
    }
    doc_id = doc["id"]
    out = {"documents": [document]}
    for table in TABLES[1:]:
        out[table] = [{"doc_id": doc_id, **item} for item in record.get(table, [])]
    return out


def arrow_tables(records: Iterable[dict]) -> dict:
    """Record dicts → {table name: pyarrow.Table}, with the Parquet files' schemas (in memory: for a
    notebook's records, not a batch's)."""
    import pyarrow as pa

    schemas = _schemas()
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for record in records:
        for table, items in rows_of(record).items():
            rows[table] += [{k: item.get(k) for k in schemas[table].names} for item in items]
    return {t: pa.Table.from_pylist(rows[t], schema=schemas[t]) for t in TABLES}


def write_parquet(records_path: Path, output: Path, chunk_rows: int = 5000) -> dict[str, int]:
    """Stream the JSONL into one Parquet file per table; each written under a temporary name, then renamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = _schemas()
    counts = dict.fromkeys(TABLES, 0)
    writers, buffers, temps = {}, {t: [] for t in TABLES}, {}
    try:
        for table in TABLES:
            temps[table] = output / f".{table}.parquet.tmp"
            writers[table] = pq.ParquetWriter(temps[table], schemas[table])

        def flush(table: str) -> None:
            if buffers[table]:
                writers[table].write_table(pa.Table.from_pylist(buffers[table], schema=schemas[table]))
                buffers[table].clear()

        with open(records_path, "rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                for table, rows in rows_of(orjson.loads(line)).items():
                    buffers[table] += [{k: row.get(k) for k in schemas[table].names} for row in rows]
                    counts[table] += len(rows)
                    if len(buffers[table]) >= chunk_rows:
                        flush(table)
        for table in TABLES:
            flush(table)
            writers.pop(table).close()
            os.replace(temps[table], output / f"{table}.parquet")
    finally:
        for writer in writers.values():
            writer.close()
        for temp in temps.values():
            Path(temp).unlink(missing_ok=True)
    return counts
