"""What a batch reads: the walk of a folder, a list file, a rows file (JSONL, CSV, Parquet) or one article;
each entry with its identity.

An article's identity is its path relative to the input root (the folder, the
list file's folder, or the single article's folder), so `in`, `./in` and
`/abs/in` name the same articles; its doc_id is that path without its suffix.
Two entries with one doc_id are an error naming both. The walk never follows a
symbolic link out of the input root unless asked, never enters the output
folder, and reports every entry it cannot read. In a rows file, an article's
identity is its row's `id`; the rows are read twice (ids first, texts as they
are sent), so memory does not follow the file's size.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .errors import InputError
from .formats import ARTICLE_SUFFIXES
from .io import display
from .rows import article_of, is_rows_file, read_rows

DEFAULT_PATTERNS = tuple(sorted(f"*{suffix}" for suffix in ARTICLE_SUFFIXES))
LIST_SUFFIXES = (".lst", ".list")


@dataclass
class Entry:
    """One thing found: an article to read (`problem` and `skip` None), a failure, or a skip."""

    path: str  # as found (os.fsdecode string: surrogates for undecodable bytes)
    rel: str  # relative to the input root, printable (bytes that are not UTF-8 as \xNN)
    doc_id: str = ""
    problem: tuple[str, str] | None = None  # (kind, message): fails without being read
    skip: str | None = None  # reason: counted as skipped, reported in errors.jsonl
    row: int | None = None  # position in the rows file (0-based) when the input is one


@dataclass
class Walk:
    root: str
    entries: list[Entry] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)  # files not matching the patterns, by suffix
    rows_file: str | None = None  # the input is a JSONL, CSV or Parquet file of article rows


def doc_id_of(rel: str) -> str:
    path = PurePosixPath(rel)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return str(path.with_suffix("")) if path.suffix else str(path)


def find(
    source: str | os.PathLike,
    patterns: tuple[str, ...] = DEFAULT_PATTERNS,
    follow_symlinks: bool = False,
    exclude: tuple[str, ...] = (),
) -> Walk:
    """Every entry under `source` (a folder, a list file or one article), sorted, with unique doc_ids."""
    source = os.fspath(source)
    if os.path.isdir(source):
        walk = _walk_folder(source, patterns, follow_symlinks, {os.path.realpath(x) for x in exclude})
    elif os.path.isfile(source) and is_rows_file(source):
        walk = _rows_walk(source)
    elif os.path.isfile(source):
        walk = _read_list(source) if is_list_file(source) else _single(source)
    elif os.path.lexists(source):
        raise InputError(f"{display(source)}: not a folder, a list file or an article")
    else:
        raise InputError(f"{display(source)}: no such folder or file")
    return walk


def is_list_file(path: str) -> bool:
    """A list file: named .lst/.list, or every line of its first 200 names a file of an article type."""
    if path.lower().endswith(LIST_SUFFIXES):
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
        lines = [
            line.strip() for line in head.decode("utf-8").splitlines() if line.strip() and line[0] != "#"
        ][:200]
    except (OSError, UnicodeDecodeError):
        return False
    return bool(lines) and all(_article_name(line) for line in lines)


def _article_name(line: str) -> bool:
    name = line.lower()
    return len(line) < 4096 and any(name.endswith(suffix) for suffix in ARTICLE_SUFFIXES)


def _single(path: str) -> Walk:
    root = os.path.dirname(os.path.abspath(path))
    rel = display(os.path.basename(path))
    return Walk(root=root, entries=[Entry(path=path, rel=rel, doc_id=doc_id_of(rel))])


def _rows_walk(path: str) -> Walk:
    """One entry per row, its doc_id the row's id; a row that does not validate fails alone."""
    walk = Walk(root=os.path.dirname(os.path.abspath(path)), rows_file=path)
    for index, (where, row) in enumerate(read_rows(path)):
        entry = Entry(path=path, rel=where, row=index)
        try:
            if isinstance(row, Exception):
                raise row
            entry.doc_id, _ = article_of(row, where)
        except InputError as exc:
            entry.problem = ("InputError", str(exc))
        walk.entries.append(entry)
    return walk


def _read_list(path: str) -> Walk:
    """Paths one per line (# comments), relative paths read from the list file's folder."""
    root = os.path.dirname(os.path.abspath(path))
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{display(path)}: cannot read the list file ({exc})") from None
    walk = Walk(root=root)
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        full = os.path.normpath(os.path.join(root, line))
        rel = display(os.path.relpath(full, root)).replace(os.sep, "/")
        walk.entries.append(Entry(path=full, rel=rel, doc_id=doc_id_of(rel)))
    return walk


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(lowered, p.lower()) for p in patterns)


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower() or "(none)"


def _walk_folder(root: str, patterns, follow: bool, exclude: set[str]) -> Walk:
    walk = Walk(root=os.path.abspath(root))
    real_root = os.path.realpath(root)
    seen_dirs = {_inode(real_root)}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            rel = prefix.rstrip("/") or "."
            message = f"{display(folder)}: cannot read this folder ({exc.strerror or exc}); its articles are missing"
            walk.entries.append(Entry(path=folder, rel=display(rel), problem=("UnreadableFolder", message)))
            continue
        subfolders = []
        for item in items:
            rel = display(prefix + item.name)
            try:
                kind = _classify(item, real_root, follow)
            except OSError as exc:
                if _matches(item.name, patterns):
                    message = f"{display(item.path)}: cannot inspect ({exc.strerror or exc})"
                    walk.entries.append(
                        Entry(item.path, rel, doc_id_of(rel), problem=("InputError", message))
                    )
                continue
            if kind == "dir":
                real = os.path.realpath(item.path)
                if real in exclude or any(real.startswith(x + os.sep) for x in exclude):
                    continue  # the output folder: never read our own outputs back
                if item.is_symlink() and _inode(real) in seen_dirs:
                    continue  # a folder loop, or a folder already walked
                seen_dirs.add(_inode(real))
                subfolders.append((item.path, prefix + item.name + "/"))
            elif kind == "dir-link":
                target = display(os.path.realpath(item.path))
                reason = f"{display(item.path)}: symbolic link to a folder ({target}), not followed (--follow-symlinks)"
                walk.entries.append(Entry(item.path, rel, doc_id_of(rel), skip=reason))
            elif not _matches(item.name, patterns):
                walk.ignored[_suffix(item.name)] += 1
            elif kind == "outside-link":
                target = display(os.path.realpath(item.path))
                reason = (
                    f"{display(item.path)}: symbolic link leaving the input folder (to {target}), "
                    "not followed (--follow-symlinks reads it)"
                )
                walk.entries.append(Entry(item.path, rel, doc_id_of(rel), skip=reason))
            else:  # a file, a link inside the root, a broken link, a FIFO, a device: the reader decides
                walk.entries.append(Entry(item.path, rel, doc_id_of(rel)))
        stack.extend(reversed(subfolders))
    return walk


def _classify(item: os.DirEntry, real_root: str, follow: bool) -> str:
    if not item.is_symlink():
        return "dir" if item.is_dir(follow_symlinks=False) else "file"
    try:
        info = os.stat(item.path)
    except OSError:
        return "file"  # broken link or loop: read_bytes names which
    if stat.S_ISDIR(info.st_mode):
        return "dir" if follow else "dir-link"
    target = os.path.realpath(item.path)
    if follow or target == real_root or target.startswith(real_root + os.sep):
        return "file"
    return "outside-link"


def _inode(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def check_ids(entries: list[Entry], recorded: dict[str, str] | None = None) -> None:
    """A doc_id taken twice (x.txt and x.html, or a path listed twice) fails all but one entry, naming both.

    The one kept is the file the id was recorded for by an earlier run (`recorded`: doc_id → source),
    else the first in walk order, so adding a file never silently changes what an id stands for."""
    recorded = recorded or {}
    owner: dict[str, Entry] = {}
    live = [e for e in entries if not (e.problem or e.skip)]
    for entry in live:
        if recorded.get(entry.doc_id) == entry.rel:
            owner[entry.doc_id] = entry
    for entry in live:
        first = owner.setdefault(entry.doc_id, entry)
        if first is not entry:
            entry.problem = (
                "DuplicateId",
                f"{entry.rel}: doc_id {entry.doc_id!r} is already used by {first.rel}; rename one of them",
            )
