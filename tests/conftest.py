"""Session-scoped pipeline: the model loads once for the whole test run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "mali-russie-2025.txt"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def extractor():
    from accord_extract import Extractor

    extractor = Extractor()
    extractor.nlp  # noqa: B018
    return extractor


@pytest.fixture(scope="session")
def seed_record(extractor):
    return extractor.extract_file(SEED)


@pytest.fixture(scope="session")
def corpus_report(extractor):
    from accord_extract.scoring import evaluate

    return evaluate(CORPUS, extractor=extractor)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
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
