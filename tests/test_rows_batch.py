"""Issue 12: batch reads JSONL, CSV and Parquet files of rows {id, text, publication_date, title, source,
url}, carries the metadata into each record, and takes --publication-date as a default."""

import csv
import json

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from accord_extract.batch import BatchOptions, run_batch
from accord_extract.errors import AccordError

TEXT = "Le ministre sénégalais Aliou Ndiaye a signé hier un accord sur la pêche à Dakar.\n"
ROWS = [
    {
        "id": "r1",
        "text": TEXT,
        "publication_date": "2024-03-12",
        "title": "Pêche",
        "source": "s1",
        "url": "u1",
    },
    {"id": "r2", "text": TEXT, "publication_date": None, "title": None, "source": None, "url": None},
    {"id": "r3", "text": TEXT, "publication_date": "2024-02-30", "title": None, "source": None, "url": None},
]


def write(path, rows):
    if path.suffix == ".jsonl":
        path.write_bytes(
            b"".join(orjson.dumps({k: v for k, v in r.items() if v is not None}) + b"\n" for r in rows)
        )
    elif path.suffix == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def records(out):
    return {
        r["document"]["id"]: r for r in map(orjson.loads, (out / "records.jsonl").read_bytes().splitlines())
    }


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_rows_carry_their_metadata(tmp_path, suffix, monkeypatch):
    source = write(tmp_path / f"articles{suffix}", ROWS)
    out = tmp_path / "out"
    summary = run_batch(
        source, out, BatchOptions(publication_date="2025-01-02", formats=("jsonl", "parquet"))
    )
    assert (summary["found"], summary["done"], summary["failed"]) == (3, 2, 1)
    got = records(out)
    r1, r2 = got["r1"]["document"], got["r2"]["document"]
    assert (r1["title"], r1["source"], r1["url"], r1["publication_date"]) == (
        "Pêche",
        "s1",
        "u1",
        "2024-03-12",
    )
    assert [d["value"] for d in got["r1"]["dates"]] == ["2024-03-11"]  # "hier", the row's own date
    assert r2["publication_date"] == "2025-01-02"  # the --publication-date default
    assert [d["value"] for d in got["r2"]["dates"]] == ["2025-01-01"]
    assert r2["source"] == f"articles{suffix}:2"
    (error,) = map(json.loads, (out / "errors.jsonl").read_text().splitlines())
    assert (
        error["doc_id"] == "" and "publication_date" in error["message"] and "2024-02-30" in error["message"]
    )
    documents = pq.read_table(out / "tables" / "documents.parquet")
    assert documents.schema.field("publication_date").type == pa.date32()
    again = run_batch(source, out, BatchOptions())
    assert (again["done"], again["skipped"]) == (0, 2)  # resume by row id and text


def test_duplicate_row_ids_and_unknown_columns(tmp_path):
    dup = write(tmp_path / "dup.jsonl", [ROWS[0], {**ROWS[0], "text": "Autre."}])
    summary = run_batch(dup, tmp_path / "out", BatchOptions())
    assert (summary["done"], summary["failed"]) == (1, 1)
    (error,) = map(json.loads, (tmp_path / "out" / "errors.jsonl").read_text().splitlines())
    assert error["error"] == "DuplicateId" and "dup.jsonl:1" in error["message"]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(AccordError, match="expected"):
        run_batch(bad, tmp_path / "out2", BatchOptions())


def test_with_text_puts_the_decoded_text_in_records_and_tables(tmp_path):
    source = write(tmp_path / "a.jsonl", ROWS[:1])
    out = tmp_path / "out"
    run_batch(source, out, BatchOptions(with_text=True, formats=("jsonl", "parquet")))
    assert records(out)["r1"]["document"]["text"] == TEXT
    assert pq.read_table(out / "tables" / "documents.parquet").column("text").to_pylist() == [TEXT]
