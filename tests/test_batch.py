"""Batch runs: good and bad articles, crash and resume, Parquet tables."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from accord_extract.batch import BatchOptions, run_batch
from accord_extract.outputs import compact_records

from .conftest import CORPUS


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    articles = sorted(CORPUS.glob("*.txt"))[:6]
    for i, path in enumerate(articles):
        shutil.copy(path, (src / "sub" if i % 2 else src) / path.name)
    (src / "binary.txt").write_bytes(b"\x00\xff\xfe" * 50)
    (src / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    return src, len(articles)


def lines(path):
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_good_and_bad_articles(folder, tmp_path, extractor):
    src, n_good = folder
    out = tmp_path / "out"
    summary = run_batch(src, out, BatchOptions(formats=("jsonl", "parquet")))
    records = lines(out / "records.jsonl")
    errors = lines(out / "errors.jsonl")
    assert len(records) == n_good
    assert {e["path"].rsplit("/", 1)[-1] for e in errors} == {"binary.txt", "broken.txt"}
    assert all(e["message"] for e in errors)
    assert summary["found"] == n_good + 2
    assert (summary["done"], summary["failed"], summary["skipped"]) == (n_good, 2, 0)
    assert json.loads((out / "summary.json").read_text())["done"] == n_good
    assert any(r["document"]["id"].startswith("sub/") for r in records)

    import pyarrow.parquet as pq

    assert pq.read_table(out / "tables" / "documents.parquet").num_rows == len(records)
    for table in ("persons", "organizations", "locations", "dates", "agreements", "sectors"):
        rows = pq.read_table(out / "tables" / f"{table}.parquet").num_rows
        assert rows == sum(len(r[table]) for r in records), table

    again = run_batch(src, out, BatchOptions())
    assert (again["done"], again["skipped"]) == (0, n_good)
    assert len(lines(out / "records.jsonl")) == n_good


def test_half_written_line_is_repaired_and_newest_kept(tmp_path):
    path = tmp_path / "records.jsonl"
    old = orjson.dumps({"document": {"id": "a", "source": "a.txt", "sha256": "x"}})
    new = orjson.dumps({"document": {"id": "a", "source": "a.txt", "sha256": "y"}})
    other = orjson.dumps({"document": {"id": "b", "source": "b.txt", "sha256": "z"}})
    path.write_bytes(old + b"\n" + other + b"\n" + new + b"\n" + other[:20])
    assert compact_records(path) == {"a": ("y", "a.txt"), "b": ("z", "b.txt")}
    assert path.read_bytes() == other + b"\n" + new + b"\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())


@pytest.mark.slow
def test_sigkill_then_resume_gives_each_article_once(tmp_path):
    from accord_extract.stub import ENV

    src = tmp_path / "in"
    src.mkdir()
    articles = sorted(CORPUS.glob("*.txt"))
    for k in range(3):  # 3 copies of the corpus under different names
        for path in articles:
            shutil.copy(path, src / f"{k}-{path.name}")
    total = 3 * len(articles)
    out = tmp_path / "out"
    env = {**os.environ, ENV: "0.05"}  # about processes, not extraction: the test-only stub pipeline
    proc = subprocess.Popen(
        [EXE, "batch", str(src), "--output", str(out), "--quiet", "--batch-size", "4"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    records = out / "records.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and (not records.exists() or records.read_bytes().count(b"\n") < 5):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = records.read_bytes().count(b"\n")
    assert 0 < done_before < total
    result = subprocess.run(
        [EXE, "batch", str(src), "--output", str(out), "--quiet"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    ids = [r["document"]["id"] for r in lines(records)]
    assert len(ids) == len(set(ids)) == total
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped"] >= done_before - 1
