"""Units of work for the batch engines: plain articles in, plain JSON records out, each reported alone.

Both the local worker processes and the dask workers extract through
`extract_stream`: the articles of one task go through `nlp.pipe` together
(spaCy's batching is where its speed is), and each article's result is
reported as soon as it is done, so a time limit or a crash is charged to the
article being processed. Each process keeps one pipeline, and nothing
spaCy-specific crosses a process boundary.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterable, Iterator
from functools import cache

import orjson

from .io import Article

DEFAULT_TIMEOUT = 120.0  # seconds per article (--timeout-per-article) ...
PER_MILLION_CHARS = 60.0  # ... plus this much per million characters: long articles take longer
TASK_CHARS = 100_000  # a task holds at most --batch-size articles and about this many characters


def budget(timeout: float | None, n_chars: int) -> float | None:
    """The wall-clock budget of one article: `timeout`, plus PER_MILLION_CHARS per million characters."""
    if timeout is None or timeout <= 0:
        return None
    return timeout + PER_MILLION_CHARS * n_chars / 1_000_000


def worker_extractor():
    """One pipeline per process, loaded on its first use (the test-only stub when
    ACCORD_EXTRACT_STUB_PIPELINE is set, see `stub.py`)."""
    import os

    from .stub import ENV

    return _extractor(os.environ.get(ENV))


@cache
def _extractor(stub: str | None):
    from .extractor import Extractor
    from .stub import StubPipeline

    extractor = Extractor(nlp=StubPipeline(float(stub or 0)) if stub is not None else None)
    extractor.nlp  # noqa: B018
    return extractor


def extract_stream(extractor, items: list[tuple[str, dict]], settings: dict | None = None) -> Iterator[tuple]:
    """One result per article, in order, each as soon as it is done:
    ("ok", doc_id, record JSON, words) or ("error", doc_id, source, kind, message).

    `settings`: {"with_text": bool, "default_date": "YYYY-MM-DD" or None}, the same for every article."""
    settings = settings or {}
    articles = {doc_id: Article(**fields) for doc_id, fields in items}
    pairs = [(doc_id, articles[doc_id]) for doc_id, _ in items]
    for doc_id, result in extractor.stream(
        pairs, with_text=settings.get("with_text", False), default_date=settings.get("default_date")
    ):
        article = articles[doc_id]
        if isinstance(result, Exception):
            message = f"{article.source}: {result}"
            yield ("error", doc_id, article.source, type(result).__name__, message)
        else:
            yield ("ok", doc_id, orjson.dumps(result.model_dump(mode="json")), len(article.text.split()))


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


def shared_heads(items: list[tuple[str, dict]]) -> set[int]:
    """Positions of the articles whose time budget also holds their `nlp.pipe` group's shared work (the
    first of each group of several): one of them past its budget may be innocent."""
    from .extractor import pipe_groups

    groups = pipe_groups([len(fields["text"]) for _, fields in items])
    return {start for start, end in groups if end - start > 1}


def extract_task(
    items: list[tuple[str, dict]], timeout: float | None = None, settings: dict | None = None
) -> list[tuple]:
    """[(doc_id, article fields)] → one result per article (see `extract_stream`), each under its budget.

    The dask engine runs this on its workers, where no parent can kill a stuck article's process. An
    article past its budget is blamed, unless its budget also held its group's shared work: then it is
    tried again alone first."""
    extractor = worker_extractor()
    out: list[tuple] = []
    pending = list(items)
    while pending:
        stream = extract_stream(extractor, pending, settings)
        shared, position = shared_heads(pending), 0
        try:
            while pending:
                fields = pending[0][1]
                seconds = budget(timeout, len(fields["text"]))
                dog = _Watchdog(seconds)
                try:
                    result = next(stream)
                finally:
                    dog.stop()
                out.append(result)
                pending.pop(0)
                position += 1
        except ArticleTimeout:
            stream.close()
            head = pending.pop(0)
            if position in shared:
                out += extract_task([head], timeout, settings)
            else:
                out.append(timed_out(head[0], head[1]["source"], seconds or 0))
    return out


def chunks(pending: Iterable[tuple[Article, str]], size: int) -> Iterator[list[tuple[str, dict]]]:
    """Tasks of at most `size` articles and TASK_CHARS characters (a longer article goes alone), as plain
    dicts, drawn lazily from the stream: a long article does not hold a dozen others behind it on one
    worker while another worker is free."""
    task: list[tuple[str, dict]] = []
    chars = 0
    for article, doc_id in pending:
        n = len(article.text)
        if task and (len(task) >= size or chars + n > TASK_CHARS):
            yield task
            task, chars = [], 0
        task.append((doc_id, fields(article)))
        chars += n
    if task:
        yield task


def fields(article: Article) -> dict:
    return {
        "text": article.text,
        "source": article.source,
        "encoding": article.encoding,
        "title": article.title,
        "publication_date": article.publication_date,
        "warnings": list(article.warnings),
        "url": article.url,
        "language": article.language,
    }
