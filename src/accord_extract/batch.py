"""Folder runs: one record per article, resumable, whatever the path spelling, the edits or the engine.

`run_batch` walks the input (`inputs.find`: identity = path relative to the
input root), holds the output folder's lock, compacts what a previous run
left, reads each article in this process (the resume check needs its text
hash), sends the new and changed ones to an engine (`local` or `dask`) and
appends each record as it comes. At the end records.jsonl is compacted to one
line per doc_id, the Parquet tables are rebuilt as one unit when they no
longer match it, and summary.json accounts for every article found:
found = done + skipped + failed.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from . import outputs
from .errors import AccordError
from .inputs import DEFAULT_PATTERNS, Entry, check_ids, find
from .io import atomic_file, display, read_article
from .outputs import ERRORS, RECORDS, SUMMARY, TABLES, OutputError, output_error
from .tasks import DEFAULT_TIMEOUT, chunks

ENGINES = ("local", "dask")
FORMATS = ("jsonl", "parquet")


@dataclass
class BatchOptions:
    workers: int = 1
    formats: tuple[str, ...] = ("jsonl",)
    resume: bool = True
    glob: str | tuple[str, ...] = DEFAULT_PATTERNS  # one pattern or several, matched on file names
    engine: str = "local"
    scheduler: str | None = None
    task_size: int = 16  # articles per task sent to a worker (--batch-size)
    timeout: float | None = DEFAULT_TIMEOUT  # per article of up to a million characters; None: no limit
    follow_symlinks: bool = False
    prune: bool = False  # remove the records of articles no longer found
    publication_date: str | None = None  # for articles that state none (rows may give their own)
    with_text: bool = False  # put the decoded text in each record (document.text) and table
    progress: Callable[[dict], None] | None = None

    def patterns(self) -> tuple[str, ...]:
        return (self.glob,) if isinstance(self.glob, str) else tuple(self.glob)


class BatchInterrupted(AccordError):
    """The run was stopped by a signal; what was done is kept and a re-run resumes."""

    def __init__(self, summary: dict, signum: int) -> None:
        super().__init__(f"interrupted: {summary['done']} done, re-run the same command to resume")
        self.summary, self.signum = summary, signum


class _Stop(KeyboardInterrupt):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def validate(options: BatchOptions) -> None:
    """Options that cannot work, refused before any file is touched."""
    if options.engine not in ENGINES:
        raise AccordError(f"--engine must be local or dask, not {options.engine!r}")
    if options.scheduler and options.engine != "dask":
        raise AccordError("--scheduler needs --engine dask")
    if options.workers < 1:
        raise AccordError("--workers must be at least 1")
    if options.task_size < 1:
        raise AccordError("--batch-size must be at least 1")
    if not set(options.formats) <= set(FORMATS) or not options.formats:
        raise AccordError(f"--format must be jsonl, parquet or both, not {options.formats!r}")
    if not options.patterns():
        raise AccordError("--glob needs a pattern")
    from .rows import iso_day

    options.publication_date = iso_day(options.publication_date, field="--publication-date")


@dataclass
class _State:
    found: int = 0
    done: int = 0
    updated: int = 0
    skipped: Counter = field(default_factory=Counter)
    failed: int = 0
    words: int = 0
    failures: list[dict] = field(default_factory=list)
    workers: list = field(default_factory=list)
    loaded: bool = False

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())


class _Sink:
    """Writes each result as it comes (unbuffered appends: a full disk fails one write, cleanly)."""

    def __init__(self, output: Path, state: _State, known: dict[str, str], progress, started: float) -> None:
        self.records_path, self.errors_path = output / RECORDS, output / ERRORS
        self.records = os.open(
            self.records_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o666
        )
        self.errors = os.open(self.errors_path, os.O_WRONLY | os.O_TRUNC | os.O_CREAT | os.O_CLOEXEC, 0o666)
        self.state, self.known, self.progress, self.started = state, known, progress, started

    def close(self) -> None:
        for fd in (self.records, self.errors):
            try:
                os.fsync(fd)
            except OSError:
                pass
            finally:
                os.close(fd)

    def _append(self, fd: int, path: Path, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            raise output_error(path, exc) from None

    def result(self, item: tuple) -> None:
        if item[0] == "ok":
            _, doc_id, data, words = item
            self._append(self.records, self.records_path, data + b"\n")
            self.state.done += 1
            self.state.words += words
            if doc_id in self.known:
                self.state.updated += 1
            self.state.loaded = True
            self.tell()
        else:
            _, doc_id, path, kind, message = item
            self.fail(path, kind, message, doc_id)

    def fail(self, path: str, kind: str, message: str, doc_id: str = "") -> None:
        entry = {"path": path, "doc_id": doc_id, "error": kind, "message": message}
        self._append(self.errors, self.errors_path, orjson.dumps(entry) + b"\n")
        self.state.failed += 1
        self.state.failures.append(entry)
        self.tell(failure=entry)

    def skip(self, entry: Entry, reason: str, message: str | None) -> None:
        self.state.skipped[reason] += 1
        if message:  # skipped for a reason a person should see: in errors.jsonl, marked as skipped
            line = {"path": entry.rel, "doc_id": entry.doc_id, "error": "Skipped", "message": message}
            self._append(self.errors, self.errors_path, orjson.dumps(line) + b"\n")

    def warn(self, entry: Entry, warning: str) -> None:
        if self.progress:
            self.progress({**self.snapshot(), "warning": f"{entry.rel}: {warning}"})

    def workers(self, ids: list) -> None:
        self.state.workers = list(ids)
        self.tell()

    def snapshot(self) -> dict:
        s = self.state
        return {
            "phase": "running" if s.loaded else "loading",
            "found": s.found,
            "done": s.done,
            "failed": s.failed,
            "skipped": s.n_skipped,
            "elapsed": time.perf_counter() - self.started,
            "workers": s.workers,
        }

    def tell(self, **extra) -> None:
        if self.progress:
            self.progress({**self.snapshot(), **extra})


def run_batch(
    source: str | os.PathLike, output: str | os.PathLike, options: BatchOptions | None = None
) -> dict:
    """Extract every article under `source` into `output`; return the summary (also in summary.json).

    Raises AccordError (one line) when the run cannot start or its outputs cannot be written, and
    BatchInterrupted on Ctrl-C, SIGTERM or SIGHUP after a clean stop."""
    options = options or BatchOptions()
    validate(options)
    output = Path(os.path.abspath(output))
    walk = find(source, options.patterns(), options.follow_symlinks, exclude=(str(output),))
    if options.engine == "dask" and options.scheduler:
        from .distributed import check_scheduler

        check_scheduler(options.scheduler)
    outputs.prepare(output)
    with outputs.locked(output):
        return _run(walk, output, options)


def _run(walk, output: Path, options: BatchOptions) -> dict:
    started = time.perf_counter()
    outputs.clean_leftovers(output)
    records_path = output / RECORDS
    if not options.resume:
        records_path.unlink(missing_ok=True)
    recorded = outputs.compact_records(records_path)  # cuts a half-written line, keeps the newest per id
    check_ids(walk.entries, {doc_id: source for doc_id, (_, source) in recorded.items()})
    known = {doc_id: sha for doc_id, (sha, _) in recorded.items()}
    state = _State(found=len(walk.entries))
    sink = _Sink(output, state, known, options.progress, started)
    stopped = None
    try:
        with _signals_stop():
            try:
                sink.tell()
                tasks = chunks(_pending(walk, known, sink), options.task_size)
                settings = {"with_text": options.with_text, "default_date": options.publication_date}
                if options.engine == "dask":
                    from .distributed import run_dask

                    n_workers = run_dask(tasks, options, sink, settings)
                else:
                    from .local import run_local

                    n_workers = run_local(tasks, options, sink, settings)
            except _Stop as stop:
                stopped, n_workers = stop.signum, len(state.workers)
            except KeyboardInterrupt:
                stopped, n_workers = signal.SIGINT, len(state.workers)
    finally:
        sink.close()
    return _finish(walk, output, options, state, known, started, n_workers, stopped)


def _pending(walk, known: dict[str, str], sink: _Sink):
    """(article, doc_id) for every entry that is new or changed; everything else accounted for."""
    rows = _rows(walk.rows_file) if walk.rows_file else None
    for entry in walk.entries:
        row = next(rows) if rows is not None else None
        if entry.problem:
            sink.fail(entry.rel, entry.problem[0], entry.problem[1], entry.doc_id)
            continue
        if entry.skip:
            sink.skip(entry, "symlink", entry.skip)
            continue
        try:
            if rows is None:
                article = read_article(entry.path, source=entry.rel)
            elif row is None or row[0] != entry.doc_id:
                raise AccordError(f"{entry.rel}: the rows file changed during the run; re-run")
            else:
                article = row[1]
        except AccordError as exc:
            sink.fail(entry.rel, type(exc).__name__, _named(str(exc), entry), entry.doc_id)
            continue
        if known.get(entry.doc_id) == hashlib.sha256(article.text.encode("utf-8")).hexdigest():
            sink.skip(entry, "unchanged", None)
            sink.tell()
            continue
        for warning in article.warnings:
            sink.warn(entry, warning)
        yield article, entry.doc_id


def _rows(path: str):
    """The rows file again, as Articles (None for a row that failed validation in the walk)."""
    from .rows import article_of, read_rows

    for where, row in read_rows(path):
        try:
            yield None if isinstance(row, Exception) else article_of(row, where)
        except AccordError:
            yield None
    while True:  # fewer rows than in the walk: the file changed
        yield None


def _named(message: str, entry: Entry) -> str:
    return message if entry.rel in message or display(entry.path) in message else f"{entry.rel}: {message}"


def _finish(walk, output: Path, options, state: _State, known, started, n_workers, stopped) -> dict:
    found_ids = {e.doc_id for e in walk.entries if e.doc_id}
    hidden = [
        e.rel.rstrip("/") + "/" for e in walk.entries if e.problem and e.problem[0] == "UnreadableFolder"
    ]
    deleted = sorted(
        doc_id
        for doc_id in known
        if doc_id not in found_ids and not any(doc_id.startswith(prefix) for prefix in hidden)
    )
    drop = set(deleted) if options.prune and stopped is None else set()
    records_path = output / RECORDS
    kept = outputs.compact_records(records_path, drop)
    tables = None
    if stopped is None and ("parquet" in options.formats or (output / TABLES).is_symlink()):
        try:
            sha = outputs.file_sha256(records_path)
        except OSError as exc:
            raise output_error(records_path, exc) from None
        if not outputs.tables_current(output, sha):
            tables = outputs.publish_tables(output, records_path, sha)
    elapsed = time.perf_counter() - started
    handled = state.done + state.n_skipped + state.failed
    summary = {
        "status": "complete" if stopped is None else "interrupted",
        "input": display(walk.root),
        "found": state.found,
        "done": state.done,
        "updated": state.updated,
        "skipped": state.n_skipped,
        "failed": state.failed,
        "pending": state.found - handled,
        "skipped_by_reason": dict(state.skipped),
        "ignored_by_type": dict(sorted(walk.ignored.items())),
        "records": len(kept),
        "deleted": len(deleted),
        "deleted_ids": deleted,
        "pruned": len(drop),
        "failed_paths": [f["path"] for f in state.failures],
        "elapsed_seconds": round(elapsed, 3),
        "words": state.words,
        "words_per_second": round(state.words / elapsed, 1) if elapsed > 0 else 0.0,
        "engine": options.engine,
        "workers": n_workers,
        "timeout_per_article": options.timeout,
        "tables": tables,
    }
    if stopped is None and handled != state.found:
        raise AssertionError(f"accounting: found {state.found} != done + skipped + failed = {handled}")
    try:
        with atomic_file(output / SUMMARY) as handle:
            handle.write(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    except OSError as exc:
        raise output_error(output / SUMMARY, exc) from None
    if stopped is not None:
        raise BatchInterrupted(summary, stopped)
    return summary


class _signals_stop:
    """SIGTERM and SIGHUP stop the run as Ctrl-C does (clean stop, resumable), in the main thread."""

    def __enter__(self):
        self.saved = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGHUP):
                self.saved[sig] = signal.signal(sig, _raise_stop)
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


def _raise_stop(signum, frame) -> None:
    raise _Stop(signum)


__all__ = ["BatchInterrupted", "BatchOptions", "OutputError", "run_batch", "validate"]
