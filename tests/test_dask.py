"""The dask engine: same records as the local engine, a loopback cluster, a worker killed mid-batch."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from accord_extract.batch import BatchOptions, run_batch

from .conftest import CORPUS

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def records(out):
    rows = [orjson.loads(line) for line in (out / "records.jsonl").read_bytes().splitlines()]
    return {r["document"]["id"]: r for r in rows}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def local_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    run_batch(CORPUS, out, BatchOptions(glob="*.txt"))
    return records(out)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two worker processes on loopback, as on a real cluster."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask-logs")
    procs = [
        subprocess.Popen(
            [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=open(logs / "s.log", "w"),  # noqa: SIM115  (the process keeps it)
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ]
    for k in range(2):
        procs.append(
            subprocess.Popen(
                [
                    BIN / "dask",
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--nworkers",
                    "1",
                    "--no-dashboard",
                    "--name",
                    f"w{k}",
                ],
                stdout=open(logs / f"w{k}.log", "w"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    from distributed import Client

    deadline = time.time() + 60
    with Client(address, timeout=60) as client:
        while len(client.scheduler_info()["workers"]) < 2 and time.time() < deadline:
            time.sleep(0.2)
    yield address, procs
    for proc in reversed(procs):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


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
