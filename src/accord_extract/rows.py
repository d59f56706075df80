"""Articles as rows of metadata, the way data teams hold scraped pages: {id, text, publication_date, title,
source, url}, from Python dicts or from a JSONL, CSV or Parquet file.

`extract_many` and `batch` read rows through here, so one row is checked the
same way everywhere: a missing id or text, an unknown key or a publication
date that is not a calendar day is an InputError naming the row and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path

import orjson

from .errors import InputError
from .io import Article, display, guess_language, normalise

FIELDS = ("id", "text", "publication_date", "title", "source", "url")
REQUIRED = ("id", "text")
ROW_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value, field: str = "publication_date", where: str = "") -> str | None:
    """A date, a datetime or a YYYY-MM-DD string → "YYYY-MM-DD"; None and "" → None; else InputError."""
    prefix = f"{where}: " if where else ""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InputError(f"{prefix}{field} must be a date or YYYY-MM-DD, not {value!r}")


def article_of(row: dict, where: str) -> tuple[str, Article]:
    """(doc_id, Article) of one row; InputError naming `where` and the field at fault."""
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected an object with keys {list(FIELDS)}, not {type(row).__name__}")
    unknown = sorted(set(row) - set(FIELDS))
    if unknown:
        raise InputError(f"{where}: unknown keys {unknown}; expected {list(FIELDS)}")
    for name in REQUIRED:
        if row.get(name) is None or (name == "id" and str(row[name]).strip() == ""):
            raise InputError(f"{where}: {name} is missing")
    if not isinstance(row["text"], str):
        raise InputError(f"{where}: text must be a string, not {type(row['text']).__name__}")
    for name in ("title", "source", "url"):
        if row.get(name) is not None and not isinstance(row[name], str):
            raise InputError(f"{where}: {name} must be a string, not {type(row[name]).__name__}")
    doc_id = str(row["id"]).strip()
    text = normalise(row["text"])
    warnings = [] if text.strip() else ["empty article: no text to extract from"]
    language = guess_language(text) if text.strip() else "fr"
    if text.strip() and language != "fr":
        warnings.append(f"the text does not look French (looks like {language}); extracted anyway")
    article = Article(
        text=text,
        source=row.get("source") or where,
        encoding=None,
        title=row.get("title") or None,
        publication_date=iso_day(row.get("publication_date"), where=where),
        url=row.get("url") or None,
        language=language,
        warnings=warnings,
    )
    return doc_id, article


def is_rows_file(path: str | os.PathLike) -> bool:
    return os.fspath(path).lower().endswith(ROW_SUFFIXES)


def read_rows(path: str | os.PathLike) -> Iterator[tuple[str, dict | Exception]]:
    """(locator, row) for every row of the file in order, streamed; a row that cannot be parsed is
    (locator, InputError). Locators are `name:line` (JSONL) or `name:row` (CSV, Parquet: the n-th data
    row, a CSV field may span lines), 1-based."""
    path = Path(path)
    name = display(path.name)
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            yield from _parquet_rows(path, name)
        elif suffix == ".csv":
            yield from _csv_rows(path, name)
        else:
            yield from _jsonl_rows(path, name)
    except OSError as exc:
        raise InputError(f"{display(path)}: cannot read ({exc.strerror or exc})") from None


def _jsonl_rows(path: Path, name: str):
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield f"{name}:{number}", orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield f"{name}:{number}", InputError(f"{name}:{number}: not JSON ({exc})")


def _csv_rows(path: Path, name: str):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        unknown = sorted(set(reader.fieldnames or []) - set(FIELDS))
        missing = [f for f in REQUIRED if f not in (reader.fieldnames or [])]
        if unknown or missing:
            raise InputError(
                f"{name}: columns {reader.fieldnames}; expected {list(FIELDS)} (id and text required)"
            )
        try:
            for number, row in enumerate(reader, 1):
                yield f"{name}:{number}", {k: (v if v != "" else None) for k, v in row.items()}
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{name}: not a readable UTF-8 CSV file ({exc})") from None


def _parquet_rows(path: Path, name: str):
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid for a file that is not Parquet
        raise InputError(f"{name}: not a readable Parquet file ({exc})") from None
    columns = parquet.schema_arrow.names
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown or any(f not in columns for f in REQUIRED):
        raise InputError(f"{name}: columns {columns}; expected {list(FIELDS)} (id and text required)")
    number = 0
    for batch in parquet.iter_batches(batch_size=256):
        for row in batch.to_pylist():
            number += 1
            yield f"{name}:{number}", row
