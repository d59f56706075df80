"""Issue 12: to_frames(records) gives the batch's Parquet tables as DataFrames, same columns and rows."""

import datetime as dt

import pyarrow.parquet as pq
import pytest

from accord_extract import to_frames
from accord_extract.batch import BatchOptions, run_batch
from accord_extract.errors import AccordError
from accord_extract.tables import TABLES

from .conftest import CORPUS


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory, extractor):
    src = tmp_path_factory.mktemp("frames-in")
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        (src / path.name).write_bytes(path.read_bytes())
    out = tmp_path_factory.mktemp("frames-out")
    run_batch(src, out, BatchOptions(formats=("jsonl", "parquet"), publication_date="2024-06-01"))
    return out


def test_frames_are_the_parquet_tables(batch_out):
    frames = to_frames(batch_out / "records.jsonl")
    assert set(frames) == set(TABLES)
    for table in TABLES:
        parquet = pq.read_table(batch_out / "tables" / f"{table}.parquet").to_pandas()
        assert list(frames[table].columns) == list(parquet.columns), table
        assert frames[table].equals(parquet), table
    documents = frames["documents"]
    assert len(documents) == 3 and documents["doc_id"].is_unique
    assert {"language", "schema_version", "encoding", "stated_agreement_count", "url", "text"} <= set(
        documents
    )
    assert all(isinstance(d, dt.date) for d in documents["publication_date"])
    assert set(frames["persons"]["doc_id"]) <= set(documents["doc_id"])


def test_frames_from_record_objects(extractor):
    record = extractor.extract_text(
        "Le ministre Aliou Ndiaye a signé un accord à Dakar le 12 mars 2024.", doc_id="x"
    )
    frames = to_frames([record])
    assert frames["documents"]["doc_id"].tolist() == ["x"]
    assert frames["persons"]["name"].tolist() == ["Aliou Ndiaye"]
    assert frames["dates"]["value"].tolist() == ["2024-03-12"]


def test_polars_backend(batch_out):
    pl = pytest.importorskip("polars")
    frames = to_frames(batch_out / "records.jsonl", backend="polars")
    assert isinstance(frames["documents"], pl.DataFrame)
    assert frames["documents"].schema["publication_date"] == pl.Date
    with pytest.raises(AccordError, match="backend must be"):
        to_frames([], backend="spark")
