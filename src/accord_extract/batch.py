"""Folder runs: stream articles to worker processes, append records, resume after a crash.

Records are appended to `records.jsonl` and flushed article by article; a
re-run skips every article whose (source, text sha256) is already there and
repairs a half-written last line. Errors go to `errors.jsonl`, one per
article, and never stop the run. Parquet tables are written at the end under
temporary names and renamed. Two engines share all of this and the tasks of
`tasks.py`: `local` (a pool of forked processes) and `dask` (a dask.distributed
cluster).
"""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .errors import AccordError, InputError
from .io import Article, decode_article, write_atomic
from .tasks import chunks, deliver, extract_task

RECORDS, ERRORS, SUMMARY = "records.jsonl", "errors.jsonl", "summary.json"


@dataclass
class BatchOptions:
    workers: int = 1
    formats: tuple[str, ...] = ("jsonl",)
    resume: bool = True
    glob: str = "*.txt"
    batch_size: int = 32
    engine: str = "local"
    scheduler: str | None = None
    task_size: int = 16
    progress: Callable[[dict], None] | None = None


@dataclass
class _Counts:
    found: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    failures: list[dict] = field(default_factory=list)


def discover(source: str | os.PathLike, pattern: str = "*.txt") -> Iterator[Path]:
    """Articles under a folder (recursive, sorted, symlinked folders not followed) or listed in a file."""
    source = Path(source)
    if source.is_file():
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                yield Path(line.strip())
        return
    if not source.is_dir():
        raise InputError(f"{source}: no such folder or list file")
    for root, dirs, files in os.walk(source, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if fnmatch.fnmatch(name, pattern):
                yield Path(root) / name


def doc_id_for(path: Path, root: Path) -> str:
    """The path below the input folder without suffix: unique, stable, readable."""
    try:
        rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix()


def repair_jsonl(path: Path) -> set[tuple[str, str]]:
    """Drop a half-written last line (crash mid-write); return the (source, sha256) pairs already done."""
    done: set[tuple[str, str]] = set()
    if not path.exists():
        return done
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with open(path, "r+b") as handle:
            handle.truncate(cut)
        data = data[:cut]
    good = []
    for line in data.splitlines():
        try:
            record = orjson.loads(line)
            done.add((record["document"]["source"], record["document"]["sha256"]))
            good.append(line)
        except (orjson.JSONDecodeError, KeyError, TypeError):
            continue  # a corrupt line: rewritten away below
    if len(good) != len(data.splitlines()):
        write_atomic(path, b"".join(line + b"\n" for line in good))
    return done


def run_batch(
    source: str | os.PathLike, output: str | os.PathLike, options: BatchOptions | None = None
) -> dict:
    options = options or BatchOptions()
    source, output = Path(source), Path(output)
    output.mkdir(parents=True, exist_ok=True)
    records_path, errors_path = output / RECORDS, output / ERRORS
    if not options.resume:
        records_path.unlink(missing_ok=True)
    done = repair_jsonl(records_path)
    counts = _Counts()
    started = time.perf_counter()
    with open(records_path, "ab") as records, open(errors_path, "wb") as errors:

        def fail(path: str, kind: str, message: str) -> None:
            counts.failed += 1
            entry = {"path": path, "error": kind, "message": message}
            counts.failures.append(entry)
            errors.write(orjson.dumps(entry) + b"\n")
            errors.flush()

        def write(record_json: bytes, n_words: int) -> None:
            records.write(record_json + b"\n")
            records.flush()
            counts.done += 1
            counts.words += n_words
            if options.progress:
                options.progress(
                    {
                        "done": counts.done,
                        "failed": counts.failed,
                        "skipped": counts.skipped,
                        "found": counts.found,
                        "elapsed": time.perf_counter() - started,
                    }
                )

        pending = _pending(source, options.glob, done, counts, fail)
        if options.engine == "dask":
            from .distributed import run_dask

            run_dask(pending, options, write, fail)
        else:
            _run_local(pending, options, write, fail)
        os.fsync(records.fileno())
    elapsed = time.perf_counter() - started
    if "parquet" in options.formats:
        from .tables import write_parquet

        write_parquet(records_path, output)
    summary = {
        "found": counts.found,
        "done": counts.done,
        "skipped": counts.skipped,
        "failed": counts.failed,
        "elapsed_seconds": round(elapsed, 3),
        "words": counts.words,
        "words_per_second": round(counts.words / elapsed, 1) if elapsed > 0 else 0.0,
        "engine": options.engine,
        "workers": options.workers,
    }
    write_atomic(output / SUMMARY, orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    return summary


def _pending(source: Path, pattern: str, done, counts: _Counts, fail) -> Iterator[tuple[Article, str]]:
    """Read and decode each article in the parent: cheap, and the resume check needs the text hash."""
    for path in discover(source, pattern):
        counts.found += 1
        try:
            if path.is_symlink() and not path.exists():
                raise InputError(f"{path}: broken symbolic link")
            if path.is_dir():
                raise InputError(f"{path}: is a folder, not an article file")
            data = path.read_bytes()
            article = decode_article(data, source=str(path), html=path.suffix.lower() in (".html", ".htm"))
        except AccordError as exc:
            fail(str(path), type(exc).__name__, str(exc))
            continue
        except OSError as exc:
            fail(str(path), type(exc).__name__, f"{path}: {exc.strerror or exc}")
            continue
        if (str(path), hashlib.sha256(article.text.encode("utf-8")).hexdigest()) in done:
            counts.skipped += 1
            continue
        yield article, doc_id_for(path, source)


def _run_local(pending, options: BatchOptions, write, fail) -> None:
    """Tasks of a few articles; with one worker in this process, else in a pool of forked processes that
    each keep one pipeline and send back JSON records. A bounded number of tasks is in flight, so memory
    stays flat whatever the folder size."""
    tasks = chunks(pending, options.task_size)
    if options.workers <= 1:
        for task in tasks:
            deliver(extract_task(task), write, fail)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")

    def new_pool():
        return ProcessPoolExecutor(options.workers, mp_context=context)

    pool = new_pool()
    inflight: deque = deque()
    try:
        for task in itertools.chain(tasks, [None]):
            if task is not None:
                inflight.append((task, pool.submit(extract_task, task)))
            while inflight and (task is None or len(inflight) >= 2 * options.workers):
                task_done, future = inflight.popleft()
                try:
                    deliver(future.result(), write, fail)
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): redo the unfinished tasks one article at a
                    # time, so that only an article that kills a worker fails.
                    pool.shutdown(cancel_futures=True)
                    retry = [task_done] + [t for t, _ in inflight]
                    inflight.clear()
                    pool = _retry_alone(new_pool, retry, write, fail)
    finally:
        pool.shutdown(cancel_futures=True)


def _retry_alone(new_pool, tasks, write, fail):
    from concurrent.futures.process import BrokenProcessPool

    pool = new_pool()
    for item in (item for task in tasks for item in task):
        try:
            deliver(pool.submit(extract_task, [item]).result(), write, fail)
        except BrokenProcessPool:
            source = item[1]["source"]
            fail(source, "WorkerDied", f"{source}: the worker process died while extracting it")
            pool.shutdown(cancel_futures=True)
            pool = new_pool()
    return pool


def progress_printer(total_hint: int | None = None, quiet: bool = False, every: float = 5.0):
    """A progress callback: rich bar on a terminal, periodic plain lines otherwise, nothing when quiet."""
    if quiet:
        return None, None
    if sys.stderr.isatty():
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(
            TextColumn("articles"),
            BarColumn(),
            TextColumn("{task.completed} done"),
            TextColumn("{task.fields[rate]:.1f}/s"),
            TimeRemainingColumn(),
            transient=True,
        )
        task = bar.add_task("batch", total=total_hint, rate=0.0)

        def update(state: dict) -> None:
            bar.update(task, completed=state["done"], rate=state["done"] / max(state["elapsed"], 1e-6))

        return update, bar
    last = [0.0]

    def line(state: dict) -> None:
        if state["elapsed"] - last[0] >= every:
            last[0] = state["elapsed"]
            print(
                f"accord-extract: {state['done']} done, {state['failed']} failed, {state['skipped']} skipped, "
                f"{state['done'] / max(state['elapsed'], 1e-6):.1f} articles/s",
                file=sys.stderr,
                flush=True,
            )

    return line, None
