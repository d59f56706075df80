"""Issue 11, identity and resume: one record per article whatever the path spelling, the edits or the engine."""

import json
import os
import shutil

import orjson
import pyarrow.parquet as pq
import pytest

from accord_extract.batch import BatchOptions, run_batch
from accord_extract.tables import TABLES

from .conftest import CORPUS

TEXT = "Le ministre Aliou Ndiaye a signé un accord sur la pêche à Dakar le 12 mars 2024.\n"


def records(out):
    return [orjson.loads(line) for line in (out / "records.jsonl").read_bytes().splitlines()]


def errors(out):
    return [orjson.loads(line) for line in (out / "errors.jsonl").read_bytes().splitlines()]


def summary(out):
    return json.loads((out / "summary.json").read_text())


def one_per_article(out, expected_ids):
    """Exactly one record per article in records.jsonl and in every Parquet table."""
    rows = records(out)
    ids = [r["document"]["id"] for r in rows]
    assert sorted(ids) == sorted(expected_ids)
    for table in TABLES:
        got = pq.read_table(out / "tables" / f"{table}.parquet").column("doc_id").to_pylist()
        want = [r["document"]["id"] for r in rows for _ in ([0] if table == "documents" else r[table])]
        assert sorted(got) == sorted(want), table
    return {r["document"]["id"]: r for r in rows}


@pytest.fixture
def small(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i, path in enumerate(sorted(CORPUS.glob("*.txt"))[:4]):
        shutil.copy(path, (src / "sub" if i % 2 else src) / path.name)
    return src


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.slow)])
def test_spelling_edit_and_engines_give_one_record_per_article(small, tmp_path, engine, request):
    """The end-to-end case: batch, edit one article, re-run under another spelling of the input."""
    options = {"formats": ("jsonl", "parquet")}
    if engine == "dask":
        options.update(engine="dask", scheduler=request.getfixturevalue("cluster")[0])
    out = tmp_path / "out"
    first = run_batch(small, out, BatchOptions(**options))
    ids = [r["document"]["id"] for r in records(out)]
    assert first["done"] == len(ids) == 4
    one_per_article(out, ids)

    edited = next(small.glob("sub/*.txt"))
    edited.write_text(TEXT, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:  # "./in/" and the absolute path name the same articles as "in"
        again = run_batch("./in/", out, BatchOptions(**options))
        third = run_batch(str(small.resolve()), out, BatchOptions(**options))
    finally:
        os.chdir(cwd)
    assert (again["done"], again["updated"], again["skipped"]) == (1, 1, 3)
    assert (third["done"], third["skipped"]) == (0, 4)
    got = one_per_article(out, ids)
    assert got[f"sub/{edited.stem}"]["document"]["n_chars"] == len(TEXT)
    assert [p["name"] for p in got[f"sub/{edited.stem}"]["persons"]] == ["Aliou Ndiaye"]
    assert got[f"sub/{edited.stem}"]["document"]["source"] == f"sub/{edited.name}"


def test_deleted_article_reported_then_pruned(small, tmp_path):
    out = tmp_path / "out"
    run_batch(small, out, BatchOptions(formats=("jsonl", "parquet")))
    gone = next(small.glob("*.txt"))
    gone.unlink()
    kept = run_batch(small, out, BatchOptions())
    assert (kept["deleted"], kept["deleted_ids"], kept["pruned"]) == (1, [gone.stem], 0)
    assert len(records(out)) == 4
    pruned = run_batch(small, out, BatchOptions(prune=True))
    assert (pruned["deleted"], pruned["pruned"], pruned["records"]) == (1, 1, 3)
    one_per_article(out, [r["document"]["id"] for r in records(out)])  # a jsonl run rebuilt the tables
    assert gone.stem not in {r["document"]["id"] for r in records(out)}


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.slow)])
def test_doc_id_collisions_are_errors_naming_both(tmp_path, engine, request):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    (src / "dup.txt").write_text(TEXT, encoding="utf-8")
    (src / "dup.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (src / "a" / "x.txt").write_text(TEXT, encoding="utf-8")
    (src / "b" / "x.txt").write_text(TEXT, encoding="utf-8")
    listing = src / "list.lst"
    listing.write_text("a/x.txt\nb/x.txt\nb/x.txt\n", encoding="utf-8")
    options = {}
    if engine == "dask":
        options.update(engine="dask", scheduler=request.getfixturevalue("cluster")[0])
    out = tmp_path / "out"
    result = run_batch(src, out, BatchOptions(**options))
    assert (result["found"], result["done"], result["failed"], result["skipped"]) == (4, 3, 1, 0)
    ids = sorted(r["document"]["id"] for r in records(out))
    assert ids == ["a/x", "b/x", "dup"]
    (error,) = errors(out)
    assert (
        error["error"] == "DuplicateId" and "dup.html" in error["message"] and "dup.txt" in error["message"]
    )
    # the list file: paths read from its folder, ids relative to it, a path listed twice is one error
    listed = run_batch(listing, tmp_path / "out2", BatchOptions(**options))
    assert (listed["found"], listed["done"], listed["failed"]) == (3, 2, 1)
    assert sorted(r["document"]["id"] for r in records(tmp_path / "out2")) == ["a/x", "b/x"]


def test_the_recorded_file_keeps_its_id_when_a_namesake_appears(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "dup.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, BatchOptions())
    (src / "dup.html").write_text("<html><body><p>Autre texte.</p></body></html>", encoding="utf-8")
    again = run_batch(src, out, BatchOptions())
    assert (again["done"], again["skipped"], again["failed"]) == (0, 1, 1)
    assert records(out)[0]["document"]["source"] == "dup.txt"
    assert "dup.html" in errors(out)[0]["path"]


def test_outputs_inside_the_input_are_not_read_back(small):
    out = small / "out"
    first = run_batch(small, out, BatchOptions(formats=("jsonl", "parquet")))
    again = run_batch(small, out, BatchOptions(formats=("jsonl", "parquet")))
    assert first["found"] == again["found"] == 4
    assert again["skipped"] == 4 and again["ignored_by_type"] == {}


def test_default_patterns_cover_every_type_and_count_what_is_ignored(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "b.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (src / "c.jpg").write_bytes(b"\xff\xd8\xff" + b"0" * 10)
    (src / "d.csv").write_text("a,b\n", encoding="utf-8")
    (src / "e.csv").write_text("a,b\n", encoding="utf-8")
    result = run_batch(src, tmp_path / "out", BatchOptions())
    assert (result["found"], result["done"]) == (2, 2)
    assert result["ignored_by_type"] == {".csv": 2, ".jpg": 1}
    both = run_batch(src, tmp_path / "out2", BatchOptions(glob=("*.txt", "*.csv")))
    assert (both["found"], both["done"], both["failed"]) == (3, 3, 0)  # a CSV is text: extracted
    assert both["ignored_by_type"] == {".html": 1, ".jpg": 1}


def test_a_single_article_is_one_article(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("a.txt\nb.txt\n" + TEXT, encoding="utf-8")
    result = run_batch(article, tmp_path / "out", BatchOptions())
    assert (result["found"], result["done"]) == (1, 1)
    assert records(tmp_path / "out")[0]["document"]["id"] == "one"


def test_summary_and_outputs_are_shared_readable(small, tmp_path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        run_batch(small, out, BatchOptions(formats=("jsonl", "parquet")))
    finally:
        os.umask(old)
    for path in [*out.iterdir(), *(out / "tables").iterdir()]:
        if path.name == ".lock" or path.is_symlink():
            continue
        assert path.stat().st_mode & 0o777 in (0o644, 0o755), path
    result = summary(out)
    assert result["workers"] == 1 and result["failed_paths"] == []
