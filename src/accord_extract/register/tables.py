"""The register's tables: fixed Arrow schemas, rows sorted by DuckDB, written byte for byte the same each time.

Every table is written as Parquet and as JSONL. Files go to a staging folder
first and are renamed into place one by one, `manifest.json` (row counts and
sha256 of each file) last: a reader that finds the manifest's hashes matching has
a consistent register.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import orjson

from ..outputs import file_sha256 as sha256

TABLES = ("events", "agreements", "agreement_sources", "event_sources")

# ORDER BY of each table: readable order (by date, then parties), ties broken by ids.
ORDER = {
    "events": "date NULLS LAST, party_countries, event_id",
    "agreements": "date NULLS LAST, party_countries, event_id, agreement_id",
    "agreement_sources": "event_id, agreement_id, doc_id, ordinal",
    "event_sources": "event_id, doc_id, part",
}


def schemas():
    import pyarrow as pa

    strings = pa.list_(pa.string())
    by_docs = pa.list_(pa.struct([("value", pa.string()), ("doc_ids", strings)]))
    conflicts = pa.list_(pa.struct([("field", pa.string()), ("chosen", pa.string()), ("values", by_docs)]))
    offsets = pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))
    return {
        "events": pa.schema(
            [
                ("event_id", pa.string()),
                ("party_countries", strings),
                ("parties", strings),
                ("date", pa.string()),
                ("date_alternatives", by_docs),
                ("first_day", pa.string()),
                ("last_day", pa.string()),
                ("place", pa.string()),
                ("place_alternatives", by_docs),
                ("doc_ids", strings),
                ("n_sources", pa.int64()),
                ("n_agreements", pa.int64()),
                ("agreement_ids", strings),
                (
                    "stated_agreement_counts",
                    pa.list_(pa.struct([("value", pa.int64()), ("doc_ids", strings)])),
                ),
                ("conflicts", conflicts),
            ]
        ),
        "agreements": pa.schema(
            [
                ("agreement_id", pa.string()),
                ("event_id", pa.string()),
                ("instrument", pa.string()),
                ("title", pa.string()),
                ("titles", by_docs),
                ("parties", strings),
                ("party_countries", strings),
                ("signatories", pa.list_(pa.struct([("name", pa.string()), ("doc_ids", strings)]))),
                ("date", pa.string()),
                ("date_alternatives", by_docs),
                ("place", pa.string()),
                ("place_alternatives", by_docs),
                ("sectors", strings),
                (
                    "sources",
                    pa.list_(
                        pa.struct([("doc_id", pa.string()), ("ordinal", pa.int64()), ("evidence", offsets)])
                    ),
                ),
                ("n_sources", pa.int64()),
                ("conflicts", conflicts),
            ]
        ),
        "agreement_sources": pa.schema(
            [
                ("agreement_id", pa.string()),
                ("event_id", pa.string()),
                ("doc_id", pa.string()),
                ("ordinal", pa.int64()),
                ("instrument", pa.string()),
                ("title", pa.string()),
                ("parties", strings),
                ("signatories", strings),
                ("date", pa.string()),
                ("place", pa.string()),
                ("sectors", strings),
                ("evidence", offsets),
                ("publication_date", pa.string()),
                ("match_score", pa.float64()),
            ]
        ),
        "event_sources": pa.schema(
            [
                ("event_id", pa.string()),
                ("doc_id", pa.string()),
                ("part", pa.int64()),
                ("publication_date", pa.string()),
                ("stated_agreement_count", pa.int64()),
                ("n_agreements", pa.int64()),
                ("date", pa.string()),
                ("place", pa.string()),
                ("party_countries", strings),
            ]
        ),
    }


def sorted_tables(rows: dict[str, list[dict]], previous: Path | None = None, keep: list[str] = ()):
    """Arrow tables of the rows, each in its ORDER (DuckDB sorts; the order does not depend on the input's).

    With `previous` (a register folder), the rows of the events in `keep` are taken from its
    Parquet tables as they are, beside the new rows: an update never turns old rows into
    Python objects.
    """
    import duckdb
    import pyarrow as pa

    out = {}
    con = duckdb.connect()
    try:
        con.register("keep", pa.table({"event_id": pa.array(sorted(keep), pa.string())}))
        for name, schema in schemas().items():
            con.register("t", pa.Table.from_pylist(rows.get(name, []), schema=schema))
            query = "SELECT * FROM t"
            if previous is not None:
                path = str(previous / f"{name}.parquet").replace("'", "''")
                query = (
                    f"SELECT * FROM read_parquet('{path}') WHERE event_id IN (SELECT event_id FROM keep)"
                    f" UNION ALL BY NAME {query}"
                )
            result = arrow(con.sql(f"SELECT * FROM ({query}) ORDER BY {ORDER[name]}"))
            out[name] = result.select(schema.names).cast(schema).combine_chunks()
            con.unregister("t")
    finally:
        con.close()
    return out


def arrow(result):
    """A DuckDB relation as an Arrow table (the method's name changed across DuckDB versions)."""
    method = getattr(result, "to_arrow_table", None) or result.arrow
    return method()


def write_register(
    tables, output: Path, extra: dict[str, bytes] | None = None, manifest: dict | None = None
) -> dict:
    """Write every table as Parquet and JSONL (and the extra files) into `output`, atomically per file."""
    import duckdb
    import pyarrow.parquet as pq

    output.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=output))
    files: dict[str, dict] = {}
    con = duckdb.connect()
    try:
        for name, table in tables.items():
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
            con.register("t", table)  # DuckDB writes JSON lines in the table's order, faster than Python
            target = str(staging / f"{name}.jsonl").replace("'", "''")
            con.execute(f"COPY t TO '{target}' (FORMAT JSON)")
            con.unregister("t")
            for suffix in ("parquet", "jsonl"):
                files[f"{name}.{suffix}"] = {"rows": table.num_rows}
        for rel, table in (extra or {}).items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, staging / rel, compression="zstd")
            files[rel] = {"rows": table.num_rows}
        for rel in files:
            files[rel]["sha256"] = sha256(staging / rel)
            _fsync(staging / rel)
        for rel in files:
            (output / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, output / rel)
        body = {**(manifest or {}), "files": dict(sorted(files.items()))}
        tmp = staging / "manifest.json"
        tmp.write_bytes(orjson.dumps(body, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
        _fsync(tmp)
        os.replace(tmp, output / "manifest.json")
    finally:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
    return body


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
