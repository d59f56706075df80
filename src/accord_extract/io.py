"""Reading articles (bytes → text, encodings, HTML) and writing records (JSON, atomic).

The text an ExtractionResult describes is the decoded, normalised text
returned here: CRLF/CR become LF and no-break spaces become spaces (same
length), so offsets index exactly what `read_article(...).text` returns.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<div|<p>)", re.IGNORECASE)
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


def read_article(path: str | os.PathLike) -> Article:
    """Read one article file; raise InputError with a one-line reason when it is not one."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not an article file")
        data = path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode_article(data, source=str(path), html=path.suffix.lower() in HTML_SUFFIXES)


def decode_article(data: bytes, source: str = "<bytes>", html: bool | None = None) -> Article:
    text, encoding = decode_bytes(data, source)
    warnings = []
    if encoding not in ("utf-8", "ascii"):
        warnings.append(f"decoded as {encoding}, not UTF-8")
    title = published = None
    if html or (html is None and _HTML_START.match(data[:512])) or (html is None and _looks_html(text)):
        text, title, published = html_to_text(text)
    text = normalise(text)
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
    if best is None or _control_ratio(str(best)) > 0.01:
        raise InputError(f"not a text article: {source} is not decodable as text")
    return str(best), best.encoding.replace("_", "-")


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


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return head.count("<p") + head.count("<div") + head.count("</") >= 3 and "<" in head[:200]


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main article text, title and date of an HTML page (trafilatura, no network)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    if result is None:
        return "", None, None
    data = result if isinstance(result, dict) else result.as_dict()
    text = data.get("text") or ""
    published = data.get("date")
    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = None
    return text, data.get("title"), published


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


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
