"""The dask engine: same records as the local engine, a loopback cluster, a worker killed mid-batch."""

import os
import shutil
import signal

import orjson
import pytest

from accord_extract.batch import BatchOptions, run_batch

from .conftest import CORPUS

pytestmark = pytest.mark.slow


def records(out):
    rows = [orjson.loads(line) for line in (out / "records.jsonl").read_bytes().splitlines()]
    return {r["document"]["id"]: r for r in rows}


@pytest.fixture(scope="module")
def local_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    run_batch(CORPUS, out, BatchOptions(glob="*.txt"))
    return records(out)


def _strip(record):
    return {k: v for k, v in record.items()}


def test_dask_on_loopback_cluster_matches_local(cluster, local_records, tmp_path):
    address, _ = cluster
    out = tmp_path / "dask"
    summary = run_batch(CORPUS, out, BatchOptions(engine="dask", scheduler=address, task_size=4))
    assert summary["failed"] == 0
    got = records(out)
    assert set(got) == set(local_records)
    for doc_id, record in got.items():
        assert _strip(record) == _strip(local_records[doc_id]), doc_id


def test_killed_worker_still_every_record_once(cluster, tmp_path):
    address, procs = cluster
    src = tmp_path / "in"
    src.mkdir()
    for k in range(4):
        for path in sorted(CORPUS.glob("*.txt")):
            shutil.copy(path, src / f"{k}-{path.name}")
    expected = len(list(src.glob("*.txt")))
    killed = []

    def progress(state):
        if state["done"] >= 3 and not killed:
            os.killpg(procs[1].pid, signal.SIGKILL)
            killed.append(True)

    out = tmp_path / "out"
    run_batch(src, out, BatchOptions(engine="dask", scheduler=address, task_size=3, progress=progress))
    assert killed
    lines = (out / "records.jsonl").read_bytes().splitlines()
    ids = [orjson.loads(line)["document"]["id"] for line in lines]
    assert len(ids) == len(set(ids)) == expected
