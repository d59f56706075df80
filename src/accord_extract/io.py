"""Reading articles (bytes → text: formats, encodings, HTML) and writing outputs (atomic, shared modes).

The text an ExtractionResult describes is the decoded, normalised text
returned here: CRLF/CR become LF and no-break spaces become spaces (same
length), so offsets index exactly what `read_article(...).text` returns.
Only regular files are read, and never more than `MAX_BYTES` of them: a FIFO,
a device or an endless /proc file cannot stall or exhaust the reader.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .errors import InputError
from .formats import HTML_SUFFIXES, gunzip, html_to_text, looks_html, pdf_to_text, refuse, sniff, zip_kind

MAX_BYTES = 64 * 1024 * 1024  # a file larger than this is refused before it is read

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
# Very common French and English function words: enough to tell the two apart.
_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "un",
        "une",
        "est",
        "en",
        "dans",
        "pour",
        "sur",
        "avec",
        "au",
        "aux",
        "qui",
        "que",
        "ont",
        "été",
        "par",
        "ce",
        "cette",
    ]
)
_OTHER = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "for",
            "on",
            "with",
            "that",
            "by",
            "was",
            "are",
            "from",
            "this",
            "have",
            "has",
        ]
    ),
    "es": frozenset(
        ["el", "los", "las", "del", "y", "en", "por", "con", "para", "que", "una", "es", "fue", "como"]
    ),
    "de": frozenset(
        ["der", "die", "das", "und", "ist", "mit", "von", "den", "für", "nicht", "ein", "eine", "auf", "dem"]
    ),
}


@dataclass
class Article:
    text: str
    source: str
    encoding: str = "utf-8"
    title: str | None = None
    publication_date: str | None = None
    warnings: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None  # as guessed from the text (fr, en, es, de)


def display(path: str | os.PathLike) -> str:
    """A path fit for JSON and terminals: bytes that are not UTF-8 shown as \\xNN (os.fsdecode keeps them
    as surrogates, which no JSON or Parquet writer accepts)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit`; InputError with a one-line reason otherwise.

    The file is opened non-blocking (a FIFO swapped in cannot hang the open) and checked with fstat on
    the open descriptor, so what is read is what was checked."""
    name = display(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{name}: broken symbolic link") from None
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not an article file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{name}: symbolic link loop") from None
        raise InputError(f"{name}: cannot open ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a folder, not an article file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file ({_file_type(info.st_mode)})")
        if info.st_size > limit:
            raise InputError(f"article too large: {name} is {info.st_size:,} bytes (limit {limit:,})")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > limit:  # a file that grows, or a /proc file whose size says 0
        raise InputError(f"article too large: {name} has more than {limit:,} bytes")
    return b"".join(chunks)


def _file_type(mode: int) -> str:
    for test, label in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return label
    return "not a file"


def read_article(path: str | os.PathLike, source: str | None = None, limit: int = MAX_BYTES) -> Article:
    """Read one article file; raise InputError with a one-line reason when it is not one."""
    data = read_bytes(path, limit)
    return decode_article(
        data, source=source or display(path), suffix=Path(os.fsdecode(path)).suffix, limit=limit
    )


def read_stream(stream, source: str = "<stdin>", limit: int = MAX_BYTES) -> Article:
    """One article from a binary stream (standard input), read to its end but never beyond `limit`."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(f"article too large: {source} has more than {limit:,} bytes")
    return decode_article(data, source=source, limit=limit)


def decode_article(
    data: bytes,
    source: str = "<bytes>",
    html: bool | None = None,
    suffix: str = "",
    limit: int = MAX_BYTES,
) -> Article:
    """Bytes → Article, the format told by the bytes (PDF, gzip, HTML, text) and the suffix only as a hint.

    `html=True` forces HTML, `html=False` forces text; None (the default) decides by content and suffix."""
    warnings: list[str] = []
    kind = sniff(data)
    if kind == "gzip":
        data = gunzip(data, limit, source)
        suffix = Path(source.removesuffix(".gz")).suffix
        kind = sniff(data)
        if kind == "gzip":
            raise InputError(f"not a text article: {source} is gzip inside gzip")
    if kind == "zip":
        kind = zip_kind(data)
    title = published = None
    if kind == "pdf":
        text, title = pdf_to_text(data, source)
        warnings.append("extracted from a PDF: offsets index the text extracted from it")
        encoding = "pdf"
    elif kind != "text":
        raise refuse(kind, source)
    else:
        text, encoding = decode_bytes(data, source)
        if encoding not in ("utf-8", "ascii"):
            warnings.append(f"decoded as {encoding}, not UTF-8")
        if html is None:
            html = suffix.lower() in HTML_SUFFIXES or looks_html(text)
        if html:
            text, title, published, notes = html_to_text(text)
            warnings += notes
    text = normalise(text)
    language = "fr"
    if not text.strip():
        warnings.append("empty article: no text to extract from")
    else:
        language = guess_language(text)
        if language != "fr":
            warnings.append(f"the text does not look French (looks like {language}); extracted anyway")
    return Article(
        text=text,
        source=source,
        encoding=encoding,
        title=title,
        publication_date=published,
        warnings=warnings,
        language=language,
    )


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", source), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source), "utf-16"
    if b"\x00" in data:
        raise InputError(f"not a text article: {source} contains NUL bytes (binary file?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]).best()
    if best is None:
        raise InputError(f"not a text article: {source} is not decodable as text")
    text, encoding = str(best), best.encoding.replace("_", "-")
    if encoding != "cp1252" and (_C1.search(text) or encoding.startswith(("latin", "iso8859"))):
        # ISO-8859-x and cp1252 agree on every letter but give bytes 0x80-0x9F (œ, ’, €, …) to C1
        # control characters: a French text means cp1252 whenever that decodes.
        with contextlib.suppress(UnicodeDecodeError):
            text, encoding = data.decode("cp1252"), "cp1252"
    if _C1.search(text) or _control_ratio(text) > 0.01:
        raise InputError(f"not a text article: {source} is not decodable as text")
    return text, encoding


_C1 = re.compile("[\x80-\x9f]")


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not a text article: {source} has a {encoding} mark but invalid bytes ({exc.reason})"
        ) from None


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(text))


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)


def guess_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].lower())
    if len(words) < 8:
        return "fr"
    scores = {"fr": sum(w in _FRENCH for w in words)}
    scores.update({lang: sum(w in vocab for w in words) for lang, vocab in _OTHER.items()})
    best = max(scores, key=scores.get)
    return best if scores[best] > scores["fr"] * 1.5 else "fr"


# -- writing ------------------------------------------------------------------------


def dumps(record) -> bytes:
    """One record as UTF-8 JSON, non-ASCII kept as is."""
    return orjson.dumps(record.model_dump(mode="json"))


_umask_lock = threading.Lock()


def shared_mode(directory: bool = False) -> int:
    """The mode a plain open() or mkdir() would give under the current umask (0644/0755 usually).

    mkstemp and mkdtemp create 0600/0700 files: renamed into place, they would be the only outputs a
    shared data folder cannot read."""
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike):
    """A binary file handle whose content replaces `path` in one rename when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, shared_mode())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write to a uniquely named temporary file beside the target, then rename: readers never see half a
    file, and two writers never share a temporary name."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{display(path)}: is a folder; give a file name to write")
    with atomic_file(path) as handle:
        handle.write(data)
