"""The output folder of a batch: its lock, records.jsonl (appended, then compacted), errors, tables, summary.

Rules kept here:
- one run at a time: an exclusive `flock` on `.lock`, taken before anything is written;
- records.jsonl holds one line per doc_id once a run ends (or when the next run starts after a crash):
  the newest line wins, compaction writes a new file and renames it;
- the Parquet tables are one unit: written into a fresh hidden folder, published by replacing the
  `tables` symbolic link in one rename, the old folder removed after; the next run, whatever its
  --format, removes leftovers and rebuilds tables that do not match records.jsonl.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import uuid
from pathlib import Path

import orjson

from .errors import AccordError
from .io import atomic_file, display, shared_mode

RECORDS, ERRORS, SUMMARY, LOCK, TABLES = "records.jsonl", "errors.jsonl", "summary.json", ".lock", "tables"
MANIFEST = "_manifest.json"
# Descriptors a forked worker must close, so that only the run itself holds the lock.
LOCK_FDS: set[int] = set()


class OutputError(AccordError):
    """The output folder cannot be used or written (locked, full, not writable)."""


def output_error(path: Path, exc: OSError) -> OutputError:
    if exc.errno == errno.ENOSPC:
        return OutputError(f"disk full writing {display(path)}; free some space and re-run to resume")
    return OutputError(f"cannot write {display(path)}: {exc.strerror or exc}")


def prepare(output: Path) -> None:
    """Create the output folder, or fail with one line before any work."""
    try:
        if output.exists() and not output.is_dir():
            raise OutputError(f"{display(output)}: exists and is not a folder")
        output.mkdir(parents=True, exist_ok=True)
        probe = output / f".probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(
            f"cannot use {display(output)} as the output folder: {exc.strerror or exc}"
        ) from None


@contextlib.contextmanager
def locked(output: Path):
    """Hold the output folder for this run; a second run fails at once, naming the holder's PID."""
    path = output / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, shared_mode())
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise OutputError(
            f"{display(output)} is in use by another batch run (pid {holder}); wait for it or use another --output"
        ) from None
    LOCK_FDS.add(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        LOCK_FDS.discard(fd)
        os.close(fd)  # the lock goes with the descriptor; the file stays (unlinking it would race)


def clean_leftovers(output: Path) -> None:
    """Temporary files and unpublished table folders a killed run left behind."""
    current = _tables_target(output)
    for entry in output.iterdir():
        name = entry.name
        if name.endswith(".tmp") and name.startswith("."):
            entry.unlink(missing_ok=True)
        elif name.startswith(".tables-") and entry.is_dir() and not entry.is_symlink() and name != current:
            shutil.rmtree(entry, ignore_errors=True)
        elif name.startswith(".tables-link-"):
            entry.unlink(missing_ok=True)


# -- records.jsonl ---------------------------------------------------------------------


def scan_records(path: Path) -> tuple[dict[str, tuple[int, str, str]], int, bool]:
    """{doc_id: (line number of its newest line, sha256, source)}, the number of lines, and whether a
    half-written last line was cut off (a crash mid-write)."""
    latest: dict[str, tuple[int, str, str]] = {}
    if not path.exists():
        return latest, 0, False
    cut = False
    size = path.stat().st_size
    if size:
        with open(path, "rb") as handle:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":
                data = path.read_bytes()
                with open(path, "r+b") as rw:
                    rw.truncate(data.rfind(b"\n") + 1)
                cut = True
    n = 0
    with open(path, "rb") as handle:
        for n, line in enumerate(handle, 1):
            try:
                document = orjson.loads(line)["document"]
                latest[document["id"]] = (n, document.get("sha256") or "", document.get("source") or "")
            except (orjson.JSONDecodeError, KeyError, TypeError):
                continue  # a corrupt line: compaction drops it
    return latest, n, cut


def compact_records(path: Path, drop: set[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """Keep the newest line of each doc_id (minus `drop`), in one atomic rewrite when anything changes.
    Returns {doc_id: (sha256, source)} of what is kept."""
    latest, n_lines, _ = scan_records(path)
    keep = {number for doc_id, (number, _, _) in latest.items() if doc_id not in drop}
    if len(keep) != n_lines:
        try:
            with atomic_file(path) as out, open(path, "rb") as handle:
                for number, line in enumerate(handle, 1):
                    if number in keep:
                        out.write(line)
        except OSError as exc:
            raise output_error(path, exc) from None
    return {doc_id: (sha, source) for doc_id, (_, sha, source) in latest.items() if doc_id not in drop}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- tables ----------------------------------------------------------------------------


def _tables_target(output: Path) -> str | None:
    link = output / TABLES
    return os.readlink(link) if link.is_symlink() else None


def tables_current(output: Path, records_sha: str) -> bool:
    """Whether the published tables were built from exactly this records.jsonl."""
    try:
        manifest = orjson.loads((output / TABLES / MANIFEST).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return manifest.get("records_sha256") == records_sha


def publish_tables(output: Path, records: Path, records_sha: str) -> dict[str, int]:
    """Build every table into a fresh folder, then swap the `tables` link to it in one rename."""
    from .tables import TABLES as NAMES
    from .tables import write_parquet

    fresh = output / f".tables-{uuid.uuid4().hex[:12]}"
    link_tmp = output / f".tables-link-{uuid.uuid4().hex[:12]}"
    old = _tables_target(output)
    try:
        fresh.mkdir(mode=shared_mode(directory=True))
        os.chmod(fresh, shared_mode(directory=True))
        counts = write_parquet(records, fresh)
        manifest = {"records_sha256": records_sha, "rows": counts, "tables": [f"{t}.parquet" for t in NAMES]}
        with atomic_file(fresh / MANIFEST) as handle:
            handle.write(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        _fsync_dir(fresh)
        link = output / TABLES
        if link.exists() and not link.is_symlink():
            raise OutputError(f"{display(link)} exists and is not the link this tool publishes; move it away")
        os.symlink(fresh.name, link_tmp)
        os.replace(link_tmp, link)
        _fsync_dir(output)
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        link_tmp.unlink(missing_ok=True)
        raise output_error(fresh, exc) from None
    if old and old != fresh.name:
        shutil.rmtree(output / old, ignore_errors=True)
    return counts


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
