"""Issue 11 and 14 fault cases with real signals: a held lock, a kill mid-publish, signals to the parent,
stuck, stopped and dying workers, an unreadable folder, a full disk."""

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest

from accord_extract.batch import BatchOptions, run_batch
from accord_extract.errors import AccordError
from accord_extract.stub import ENV as STUB

EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"
TEXT = "Le ministre Aliou Ndiaye a signé un accord sur la pêche à Dakar le 12 mars 2024.\n"


def lines(path):
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def folder(root: Path, n: int, marks: dict | None = None) -> Path:
    src = root / "in"
    src.mkdir()
    for i in range(n):
        (src / f"a{i:03d}.txt").write_text(f"{TEXT}Article {i}.\n", encoding="utf-8")
    for name, text in (marks or {}).items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def stubbed(seconds: float) -> dict:
    """The environment of a batch whose workers use the test-only stub pipeline (`accord_extract.stub`):
    these tests are about processes and signals, not extraction, so no model is loaded."""
    return {**os.environ, STUB: str(seconds)}


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_second_run_on_a_held_output_fails_at_once(tmp_path):
    src = folder(tmp_path, 2)
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl,os,sys,time; f=open(sys.argv[1],'w'); f.write(str(os.getpid()));"
            " f.flush(); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
            str(out / ".lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = subprocess.run(
            [EXE, "batch", str(src), "-o", str(out), "-q"], capture_output=True, text=True
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"accord-extract: {out} is in use by another batch run (pid {holder.pid}); wait for it or use another --output"
    ]
    assert not (out / "records.jsonl").exists()


def _publish_then_die(src, out):
    """Child process: the table writer SIGKILLs its own process after three of the seven tables."""
    import pyarrow.parquet as parquet

    real = parquet.ParquetWriter
    made = []

    def writer(path, schema):
        made.append(path)
        if len(made) == 4:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, schema)

    parquet.ParquetWriter = writer
    run_batch(src, out, BatchOptions(formats=("jsonl", "parquet")))


def test_tables_are_published_as_one_unit_and_repaired_by_any_run(tmp_path, extractor):
    src = folder(tmp_path, 3)
    out = tmp_path / "out"
    run_batch(src, out, BatchOptions(formats=("jsonl", "parquet")))
    before = {p.name: pq.read_table(p).num_rows for p in (out / "tables").glob("*.parquet")}
    (src / "new.txt").write_text(TEXT, encoding="utf-8")
    child = multiprocessing.get_context("fork").Process(target=_publish_then_die, args=(src, out))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL
    after = {p.name: pq.read_table(p).num_rows for p in (out / "tables").glob("*.parquet")}
    assert after == before  # the killed publish changed no table
    assert any(
        p.name.startswith(".tables-") for p in out.iterdir() if p.resolve() != (out / "tables").resolve()
    )
    repaired = run_batch(src, out, BatchOptions(formats=("jsonl",)))  # a jsonl run repairs the tables
    assert repaired["tables"]["documents"] == 4
    assert pq.read_table(out / "tables" / "documents.parquet").num_rows == 4
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock"]
    assert leftovers == [os.readlink(out / "tables")]


def start_after_records(command: list[str], env: dict, out, n: int = 3) -> subprocess.Popen:
    """Start a batch in its own session and return once it has written n records (or after 120 s)."""
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    )
    records = out / "records.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and (not records.exists() or records.read_bytes().count(b"\n") < n):
        time.sleep(0.05)
    return proc


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_workers_die_with_the_parent_and_signals_stop_cleanly(tmp_path, sig):
    src = folder(tmp_path, 40)
    out = tmp_path / "out"
    env = stubbed(0.1)  # 40 articles x 0.1 s on 2 workers: the signal comes mid-run
    proc = start_after_records(
        [EXE, "batch", str(src), "-o", str(out), "--workers", "2", "--batch-size", "4"], env, out
    )
    workers = children(proc.pid)
    assert len(workers) == 2
    os.kill(proc.pid, sig)
    proc.wait(60)
    stderr = proc.stderr.read()
    deadline = time.time() + 10
    while time.time() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)  # no orphan left behind
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 128 + sig
        assert "Traceback" not in stderr
        done = json.loads((out / "summary.json").read_text())["done"]
        assert (
            stderr.strip().splitlines()[-1]
            == f"accord-extract: interrupted: {done} done, re-run the same command to resume"
        )
        assert json.loads((out / "summary.json").read_text())["status"] == "interrupted"
    resumed = subprocess.run(
        [EXE, "batch", str(src), "-o", str(out), "-q", "--workers", "2"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert resumed.returncode == 0, resumed.stderr
    ids = [r["document"]["id"] for r in lines(out / "records.jsonl")]
    assert len(ids) == len(set(ids)) == 40


def test_a_stuck_article_times_out_alone(tmp_path, monkeypatch):
    src = folder(tmp_path, 6, {"hang.txt": TEXT + "STUB-HANG\n"})
    monkeypatch.setenv(STUB, "0")  # forked workers inherit it
    out = tmp_path / "out"
    started = time.monotonic()
    result = run_batch(src, out, BatchOptions(workers=2, timeout=1.5, task_size=3))
    assert time.monotonic() - started < 60
    (error,) = lines(out / "errors.jsonl")
    assert (error["path"], error["error"]) == ("hang.txt", "TimedOut")
    assert "timed out after 2 s" in error["message"]
    assert (result["done"], result["failed"]) == (6, 1)


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_batch_stuck_in_shared_work_blames_only_its_culprit(tmp_path, monkeypatch, request, engine):
    """A task's articles go through nlp.pipe together: the first one's budget also holds the group's shared
    work (the NER of all of them). When that work hangs on another article, the first is tried again alone
    and extracted; the culprit, alone, times out and is the only one blamed."""
    src = folder(tmp_path, 3, {"a001.txt": TEXT + "STUB-HANG-NER\n"})  # a000, a001 (culprit), a002
    options = {"timeout": 1.0, "task_size": 3}
    if engine == "dask":
        import cloudpickle
        from distributed import Client

        from . import dask_hooks

        cloudpickle.register_pickle_by_value(dask_hooks)
        address = request.getfixturevalue("cluster")[0]
        with Client(address) as client:
            client.run(dask_hooks.install_stub)
            try:
                result = run_batch(
                    src, tmp_path / "out", BatchOptions(engine="dask", scheduler=address, **options)
                )
            finally:
                client.run(dask_hooks.remove_stub)
    else:
        monkeypatch.setenv(STUB, "0")
        result = run_batch(src, tmp_path / "out", BatchOptions(workers=2, **options))
    (error,) = lines(tmp_path / "out" / "errors.jsonl")
    assert (error["path"], error["error"]) == ("a001.txt", "TimedOut")
    assert (result["done"], result["failed"]) == (2, 1)
    assert sorted(r["document"]["id"] for r in lines(tmp_path / "out" / "records.jsonl")) == ["a000", "a002"]


def test_a_stopped_worker_is_replaced(tmp_path, monkeypatch):
    src = folder(tmp_path, 8)
    monkeypatch.setenv(STUB, "0.2")
    stopped = []

    def progress(state):
        if state["done"] >= 2 and not stopped and state["workers"]:
            os.kill(state["workers"][0], signal.SIGSTOP)
            stopped.append(state["workers"][0])

    out = tmp_path / "out"
    result = run_batch(src, out, BatchOptions(workers=2, timeout=2, task_size=2, progress=progress))
    assert stopped and not alive(stopped[0])
    timed = [e for e in lines(out / "errors.jsonl") if e["error"] == "TimedOut"]
    assert len(timed) <= 1  # the article the stopped worker held, if it had one
    assert result["done"] + len(timed) == 8 and result["failed"] == len(timed)


def test_only_the_article_that_kills_its_worker_is_blamed(tmp_path, monkeypatch):
    src = folder(tmp_path, 6, {"poison.txt": TEXT + "STUB-KILL\n"})
    monkeypatch.setenv(STUB, "0.05")
    killed = []

    def progress(state):  # one stray kill of an innocent worker: its article must not be blamed
        if state["done"] == 1 and not killed and state["workers"]:
            os.kill(state["workers"][-1], signal.SIGKILL)
            killed.append(True)

    out = tmp_path / "out"
    result = run_batch(src, out, BatchOptions(workers=2, task_size=3, progress=progress))
    (error,) = lines(out / "errors.jsonl")
    assert (error["path"], error["error"]) == ("poison.txt", "WorkerDied")
    assert "killed by SIGKILL" in error["message"]
    assert (result["done"], result["failed"], result["found"]) == (6, 1, 7)


@pytest.mark.slow
def test_dask_workers_time_out_a_stuck_article(tmp_path, cluster):
    import cloudpickle
    from distributed import Client

    from . import dask_hooks

    cloudpickle.register_pickle_by_value(dask_hooks)
    address, _ = cluster
    src = folder(tmp_path, 4, {"hang.txt": TEXT + "STUB-HANG\n"})
    with Client(address) as client:
        client.run(dask_hooks.install_stub)
        try:
            result = run_batch(
                src, tmp_path / "out", BatchOptions(engine="dask", scheduler=address, timeout=1)
            )
        finally:
            client.run(dask_hooks.remove_stub)
    (error,) = lines(tmp_path / "out" / "errors.jsonl")
    assert (error["path"], error["error"]) == ("hang.txt", "TimedOut")
    assert (result["done"], result["failed"]) == (4, 1)


def _interrupt_dask(src, out, command, env, group: bool):
    """Start a dask batch, Ctrl-C it after 3 records; (return code, stderr, summary, processes left)."""
    proc = start_after_records([*command, "--batch-size", "2"], env, out)
    if group:  # a terminal's Ctrl-C reaches every process of the group: the client and its cluster
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGINT)
    proc.wait(60)
    group = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    deadline = time.time() + 10
    while time.time() < deadline and any(alive(int(pid)) for pid in group):
        time.sleep(0.1)
    left = [pid for pid in group if alive(int(pid))]  # a dead child not yet reaped is not left behind
    return proc.returncode, proc.stderr.read(), json.loads((out / "summary.json").read_text()), left


@pytest.mark.slow
@pytest.mark.parametrize("where", ["scheduler", "local-cluster"])
def test_ctrl_c_on_dask_stops_with_one_line_and_resumes(tmp_path, request, where):
    """SIGINT: one message, no traceback, exit 130, no process left behind (a local cluster is shut down,
    a shared scheduler is left usable); a re-run finishes the job, each article once."""
    src = folder(tmp_path, 40)
    out = tmp_path / "out"
    command = [EXE, "batch", str(src), "-o", str(out), "--engine", "dask"]
    if where == "local-cluster":
        env = stubbed(0.2)  # the cluster's worker processes inherit it
        code, stderr, summary, left = _interrupt_dask(src, out, [*command, "--workers", "2"], env, True)
        resumed = subprocess.run([*command, "-q"], capture_output=True, text=True, timeout=300, env=env)
    else:
        import cloudpickle
        from distributed import Client

        from . import dask_hooks

        cloudpickle.register_pickle_by_value(dask_hooks)
        address = request.getfixturevalue("cluster")[0]
        command += ["--scheduler", address]
        with Client(address) as client:
            client.run(dask_hooks.install_stub, 0.1)
            try:
                code, stderr, summary, left = _interrupt_dask(src, out, command, None, False)
                resumed = subprocess.run([*command, "-q"], capture_output=True, text=True, timeout=300)
            finally:
                client.run(dask_hooks.remove_stub)
    assert code == 130, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert summary["status"] == "interrupted" and 3 <= summary["done"] < 40
    assert stderr.strip().splitlines()[-1] == (
        f"accord-extract: interrupted: {summary['done']} done, re-run the same command to resume"
    )
    assert left == []
    assert resumed.returncode == 0, resumed.stderr
    ids = [r["document"]["id"] for r in lines(out / "records.jsonl")]
    assert len(ids) == len(set(ids)) == 40
    assert json.loads((out / "summary.json").read_text())["skipped"] == summary["done"]


def test_an_unreadable_folder_is_an_error(tmp_path, monkeypatch):
    src = folder(tmp_path, 2)
    (src / "locked").mkdir()
    (src / "locked" / "x.txt").write_text(TEXT, encoding="utf-8")
    if os.geteuid() == 0:  # root reads a 000 folder anyway: make the walk's scandir fail as it would
        real = os.scandir

        def scandir(path="."):
            if os.fspath(path).endswith("locked"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)

        monkeypatch.setattr("accord_extract.inputs.os.scandir", scandir)
    else:
        (src / "locked").chmod(0)
    out = tmp_path / "out"
    try:
        result = run_batch(src, out, BatchOptions())
    finally:
        (src / "locked").chmod(0o755)
    (error,) = lines(out / "errors.jsonl")
    assert error["error"] == "UnreadableFolder" and "Permission denied" in error["message"]
    assert (result["found"], result["done"], result["failed"]) == (3, 2, 1)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="needs root to mount a tmpfs")
def test_disk_full_is_one_line_then_a_clean_resume(tmp_path):
    src = folder(tmp_path, 40)
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(small)], check=True)
    try:
        out = small / "out"
        result = subprocess.run(
            [EXE, "batch", str(src), "-o", str(out), "-q"], capture_output=True, text=True
        )
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"accord-extract: disk full writing {out}/records.jsonl; free some space and re-run to resume"
        ]
        subprocess.run(["mount", "-o", "remount,size=8m", str(small)], check=True)
        again = subprocess.run([EXE, "batch", str(src), "-o", str(out), "-q"], capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        ids = [r["document"]["id"] for r in lines(out / "records.jsonl")]
        assert len(ids) == len(set(ids)) == 40
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


def test_run_batch_refuses_bad_options_before_any_work(tmp_path):
    src = folder(tmp_path, 1)
    out = tmp_path / "out"
    with pytest.raises(AccordError, match="--scheduler needs --engine dask"):
        run_batch(src, out, BatchOptions(scheduler="tcp://127.0.0.1:1"))
    with pytest.raises(AccordError, match="no such folder"):
        run_batch(tmp_path / "missing", out, BatchOptions())
    assert not out.exists()
