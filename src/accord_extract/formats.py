"""What a file holds, told by its bytes and not by its name: text, HTML, PDF, gzip, or a format we refuse.

`extract` and `batch` both go through `sniff()` and the converters here, so one
file is read the same way by every command. Converters return plain text and
the warnings a reader of the record needs (offsets index the extracted text).
"""

from __future__ import annotations

import io
import re
import zlib

from .errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
# Every article type the tool reads: the batch default walks these (a .gz holds one of them).
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".gz"}

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png image"),
    (b"\xff\xd8\xff", "jpeg image"),
    (b"GIF8", "gif image"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "executable"),
)
_HTML_HEAD = re.compile(
    r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<(p|div|li|ul|ol|a|span|br|table|td|tr|h[1-6]|nav|article|section|meta|link)\b", re.I)


def sniff(data: bytes) -> str:
    """'pdf', 'gzip', 'zip', 'ole', ... from the magic bytes, else 'text' (decoded, then maybe HTML)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"%PDF-" in data[:1024]:  # some producers put junk before the header; readers accept it
        return "pdf"
    return "text"


def looks_html(text: str) -> bool:
    """An HTML page, whatever its file name says: a document head, or markup dense enough."""
    head = text[:4000]
    if _HTML_HEAD.match(head):
        return True
    return len(_TAG.findall(head)) >= 5 and head.count("</") >= 3


def refuse(kind: str, source: str) -> InputError:
    if kind == "zip":
        return InputError(f"unsupported format: zip archive: {source}")
    if kind in ("docx", "odt", "xlsx", "pptx"):
        return InputError(f"unsupported format: {kind}: {source} (save it as text, HTML or PDF)")
    if kind == "ole":
        return InputError(f"unsupported format: doc (Office 97-2003): {source}")
    if kind == "rtf":
        return InputError(f"unsupported format: rtf: {source}")
    return InputError(f"not a text article: {source} is a {kind} file")


def zip_kind(data: bytes) -> str:
    """docx, odt, ... or plain zip, from the archive's member names (nothing is extracted)."""
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return "zip"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "mimetype" in names and "content.xml" in names:
        return "odt"
    return "zip"


def gunzip(data: bytes, limit: int, source: str) -> bytes:
    """The decompressed bytes, never more than `limit` (a small .gz can expand without end)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"not a text article: {source} is a damaged gzip file ({exc})") from None
    if len(out) > limit:
        raise InputError(f"article too large: {source} decompresses to more than {limit:,} bytes")
    return out


def pdf_to_text(data: bytes, source: str) -> tuple[str, str | None]:
    """The text of every page (pypdf), pages separated by a blank line; and the document title."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"not a text article: {source} is a PDF that cannot be read ({exc})") from None
    return "\n\n".join(p.strip("\n") for p in pages), (str(title) if title else None)


def html_to_text(html: str) -> tuple[str, str | None, str | None, list[str]]:
    """Main text, title and date of a page (trafilatura); the whole body's text (lxml) when that finds none."""
    import trafilatura

    warnings: list[str] = []
    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True
        )
    except (ValueError, TypeError, RecursionError):
        result = None
    data = {} if result is None else (result if isinstance(result, dict) else result.as_dict())
    text = data.get("text") or ""
    title, published = data.get("title"), data.get("date")
    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = None
    if not text.strip():
        body, body_title = body_text(html)
        if body.strip():
            text, title = body, title or body_title
            warnings.append("the page's main text could not be told apart: the whole page text was read")
    return text, title, published, warnings


_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section"}
    | {"header", "footer", "blockquote", "pre", "table", "ul", "ol", "dd", "dt"}
)


def body_text(html: str) -> tuple[str, str | None]:
    """Plain text of the page body without scripts and styles, one line per block element."""
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return "", None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title = root.findtext(".//title")
    body = root.find("body")
    parts: list[str] = []

    def walk(node) -> None:
        # An explicit stack: a page nested thousands deep must not exhaust Python's recursion limit.
        stack = [(node, False)]
        while stack:
            element, closing = stack.pop()
            if closing:
                if element.tail and element is not node:
                    parts.append(element.tail)
                continue
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text and tag:
                parts.append(element.text)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))

    walk(body if body is not None else root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line), (title.strip() if title else None)
