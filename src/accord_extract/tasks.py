"""Units of work for the batch engines: plain articles in, plain JSON records out, one article at a time.

Both the local worker processes and the dask workers extract through
`extract_one`; each process keeps one pipeline, and nothing spaCy-specific
crosses a process boundary. Articles go one at a time so that a time limit
or a crash is charged to exactly one article.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from collections.abc import Iterable, Iterator
from functools import cache

import orjson

from .io import Article

DEFAULT_TIMEOUT = 120.0  # seconds per article (--timeout-per-article) ...
PER_MILLION_CHARS = 60.0  # ... plus this much per million characters: long articles take longer


def budget(timeout: float | None, n_chars: int) -> float | None:
    """The wall-clock budget of one article: `timeout`, plus PER_MILLION_CHARS per million characters."""
    if timeout is None or timeout <= 0:
        return None
    return timeout + PER_MILLION_CHARS * n_chars / 1_000_000


@cache
def worker_extractor():
    """One pipeline per worker process, loaded on its first task."""
    from .extractor import Extractor

    extractor = Extractor()
    extractor.nlp  # noqa: B018
    return extractor


def extract_one(extractor, doc_id: str, fields: dict) -> tuple:
    """("ok", doc_id, record JSON, words) or ("error", doc_id, source, kind, message)."""
    article = Article(**fields)
    try:
        record = extractor.extract_article(article, doc_id)
    except Exception as exc:
        return ("error", doc_id, article.source, type(exc).__name__, f"{article.source}: {exc}")
    return ("ok", doc_id, orjson.dumps(record.model_dump(mode="json")), len(article.text.split()))


def timed_out(doc_id: str, source: str, seconds: float) -> tuple:
    return (
        "error",
        doc_id,
        source,
        "TimedOut",
        f"{source}: timed out after {seconds:.0f} s (--timeout-per-article)",
    )


class ArticleTimeout(BaseException):
    """Raised inside the extracting thread by the watchdog; a BaseException so no rule's `except
    Exception` swallows it."""


class _Watchdog:
    """Past the budget, raise ArticleTimeout in the thread that is extracting (it is delivered at the next
    Python instruction, which every rule of the pipeline reaches)."""

    def __init__(self, seconds: float | None) -> None:
        self.lock = threading.Lock()
        self.done = self.fired = False
        self.thread = threading.get_ident()
        self.timer = threading.Timer(seconds, self._fire) if seconds else None
        if self.timer:
            self.timer.daemon = True
            self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.done:
                return
            self.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(self.thread), ctypes.py_object(ArticleTimeout)
            )

    def stop(self) -> None:
        with self.lock:
            self.done = True
        if self.timer:
            self.timer.cancel()


def extract_task(items: list[tuple[str, dict]], timeout: float | None = None) -> list[tuple]:
    """[(doc_id, article fields)] → one result per article (see `extract_one`), each under its budget.

    The dask engine runs this on its workers, where no parent can kill a stuck article's process."""
    extractor = worker_extractor()
    out = []
    for doc_id, fields in items:
        seconds = budget(timeout, len(fields["text"]))
        try:
            dog = _Watchdog(seconds)
            try:
                result = extract_one(extractor, doc_id, fields)
            finally:
                dog.stop()
        except ArticleTimeout:
            result = timed_out(doc_id, fields["source"], seconds or 0)
        out.append(result)
    return out


def chunks(pending: Iterable[tuple[Article, str]], size: int) -> Iterator[list[tuple[str, dict]]]:
    """Tasks of `size` articles, as plain dicts, drawn lazily from the stream."""
    iterator = iter(pending)
    while chunk := [(doc_id, fields(article)) for article, doc_id in itertools.islice(iterator, size)]:
        yield chunk


def fields(article: Article) -> dict:
    return {
        "text": article.text,
        "source": article.source,
        "encoding": article.encoding,
        "title": article.title,
        "publication_date": article.publication_date,
        "warnings": list(article.warnings),
    }
