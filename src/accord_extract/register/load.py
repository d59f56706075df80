"""Batch output → one plain bundle per article: what the register needs from each record, read with DuckDB.

The same bundles come out of `records.jsonl`, a folder of record files (gold files
included: their extra keys are ignored), or the Parquet tables of `batch
--format parquet`. DuckDB reads only the columns used, so a register over a large
batch never materialises the persons' mentions or the evidence texts in Python.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

_EVIDENCE = 'STRUCT("start" BIGINT, "end" BIGINT)[]'
_AGREEMENT = (
    "STRUCT(ordinal BIGINT, instrument VARCHAR, title VARCHAR, parties VARCHAR[], signatories VARCHAR[], "
    f"date VARCHAR, place VARCHAR, sectors VARCHAR[], evidence {_EVIDENCE})"
)
_MENTIONS = 'STRUCT("start" BIGINT)[]'
_COLUMNS = {
    "document": "STRUCT(id VARCHAR, publication_date VARCHAR, stated_agreement_count BIGINT)",
    "agreements": f"{_AGREEMENT}[]",
    "locations": f"STRUCT(name VARCHAR, kind VARCHAR, country VARCHAR, mentions {_MENTIONS})[]",
    "organizations": "STRUCT(name VARCHAR, country VARCHAR)[]",
    "dates": "STRUCT(value VARCHAR, granularity VARCHAR)[]",
}
_TABLES = ("documents", "agreements", "locations", "organizations", "dates")


def describe_source(source: str | os.PathLike) -> tuple[str, list[Path]]:
    """("jsonl", [files]) or ("parquet", [folder]): where the records of a batch output are."""
    path = Path(source)
    if path.is_file():
        return "jsonl", [path]
    if not path.is_dir():
        raise InputError(
            f"{path}: no such batch output (expected a folder with records.jsonl or Parquet tables)"
        )
    records = path / "records.jsonl"
    tables = [path / f"{t}.parquet" for t in _TABLES]
    has_tables = all(t.is_file() for t in tables)
    if has_tables and (
        not records.is_file() or min(t.stat().st_mtime for t in tables) >= records.stat().st_mtime
    ):
        return "parquet", [path]
    if records.is_file():
        return "jsonl", [records]
    singles = sorted(path.glob("*.json"))
    if singles:
        return "json", singles
    raise InputError(f"{path}: no records.jsonl, Parquet tables or record files (*.json) here")


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def _record_relations(con, kind: str, paths: list[Path]) -> None:
    """The five flat views (docs, agreements, countries, orgs, days) over record files."""
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in _COLUMNS.items()) + "}"
    fmt = "newline_delimited" if kind == "jsonl" else "auto"
    con.execute(
        f"""
        CREATE TEMP TABLE raw AS
        SELECT * EXCLUDE (rn) FROM (
            SELECT *, row_number() OVER () AS rn
            FROM read_json({_sql_list(paths)}, format='{fmt}', columns={columns}, maximum_object_size=67108864)
        ) QUALIFY row_number() OVER (PARTITION BY document.id ORDER BY rn DESC) = 1
        """
    )
    con.execute(
        """
        CREATE TEMP VIEW docs AS SELECT document.id AS doc_id, document.publication_date AS publication_date,
            document.stated_agreement_count AS stated_agreement_count FROM raw;
        CREATE TEMP VIEW agreements AS SELECT document.id AS doc_id, unnest(agreements, recursive := true) FROM raw;
        CREATE TEMP VIEW locations AS SELECT document.id AS doc_id, unnest(locations, recursive := true) FROM raw;
        CREATE TEMP VIEW orgs AS SELECT document.id AS doc_id, unnest(organizations, recursive := true) FROM raw;
        CREATE TEMP VIEW days AS SELECT document.id AS doc_id, unnest(dates, recursive := true) FROM raw;
        """
    )


def _table_relations(con, folder: Path) -> None:
    def table(name: str) -> str:
        return "read_parquet('" + str(folder / f"{name}.parquet").replace("'", "''") + "')"

    con.execute(
        f"""
        CREATE TEMP VIEW docs AS SELECT doc_id, publication_date, stated_agreement_count FROM {table("documents")}
            QUALIFY row_number() OVER (PARTITION BY doc_id) = 1;
        CREATE TEMP VIEW agreements AS SELECT doc_id, ordinal, instrument, title, parties, signatories, date, place,
            sectors, list_transform(evidence, lambda e: {{'start': e.start, 'end': e."end"}}) AS evidence
            FROM {table("agreements")};
        CREATE TEMP VIEW locations AS SELECT doc_id, name, kind, country, mentions FROM {table("locations")};
        CREATE TEMP VIEW orgs AS SELECT doc_id, name, country FROM {table("organizations")};
        CREATE TEMP VIEW days AS SELECT doc_id, value, granularity FROM {table("dates")};
        """
    )


_BUNDLES = """
WITH ag AS (
    SELECT doc_id, list({'ordinal': ordinal, 'instrument': instrument, 'title': title,
        'parties': coalesce(parties, []), 'signatories': coalesce(signatories, []), 'date': date, 'place': place,
        'sectors': coalesce(sectors, []),
        'evidence': list_transform(coalesce(evidence, []), lambda e: [e.start, e."end"])} ORDER BY ordinal) AS agreements
    FROM agreements WHERE ordinal IS NOT NULL AND instrument IS NOT NULL GROUP BY doc_id
), co AS (
    SELECT doc_id, list([country, name, CAST(len(coalesce(mentions, [])) AS VARCHAR),
        CAST(coalesce(list_min(list_transform(mentions, lambda m: m.start)), 0) AS VARCHAR)]
        ORDER BY len(coalesce(mentions, [])) DESC, list_min(list_transform(mentions, lambda m: m.start)), name) AS countries
    FROM locations WHERE kind = 'country' AND country IS NOT NULL GROUP BY doc_id
), og AS (
    SELECT doc_id, list([name, country] ORDER BY name, country) AS org_countries
    FROM orgs WHERE country IS NOT NULL GROUP BY doc_id
), dy AS (
    SELECT doc_id, list(DISTINCT value ORDER BY value) AS days FROM days WHERE granularity = 'day' GROUP BY doc_id
)
SELECT d.doc_id, d.publication_date, d.stated_agreement_count,
    coalesce(ag.agreements, []) AS agreements, coalesce(co.countries, []) AS countries,
    coalesce(og.org_countries, []) AS org_countries, coalesce(dy.days, []) AS days
FROM docs d LEFT JOIN ag USING (doc_id) LEFT JOIN co USING (doc_id) LEFT JOIN og USING (doc_id)
    LEFT JOIN dy USING (doc_id)
WHERE d.doc_id IS NOT NULL
ORDER BY d.doc_id
"""


def load_bundles(source: str | os.PathLike) -> list[dict]:
    """One dict per article, sorted by doc_id: publication date, stated count, agreements, countries named
    (most mentioned first), organisations' countries, and the days the article states."""
    import duckdb

    kind, paths = describe_source(source)
    con = duckdb.connect()
    try:
        if kind == "parquet":
            _table_relations(con, paths[0])
        else:
            _record_relations(con, kind, paths)
        cursor = con.execute(_BUNDLES)
        names = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise InputError(f"{source}: cannot read the batch output ({str(exc).splitlines()[0]})") from None
    finally:
        con.close()
    bundles = []
    for row in rows:
        bundle = dict(zip(names, row, strict=True))
        bundle["countries"] = [(c[0], c[1], int(c[2]), int(c[3])) for c in bundle["countries"]]
        bundle["org_countries"] = [tuple(x) for x in bundle["org_countries"]]
        bundles.append(bundle)
    return bundles
