"""Units of work for the batch engines: plain articles in, plain JSON records out.

Both the local process pool and the dask workers run `extract_task`; each
process keeps one pipeline, and nothing spaCy-specific crosses a process
boundary.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cache

import orjson

from .io import Article


@cache
def worker_extractor():
    """One pipeline per worker process, loaded on its first task."""
    from .extractor import Extractor

    extractor = Extractor()
    extractor.nlp  # noqa: B018
    return extractor


def extract_task(items: list[tuple[str, dict]]) -> list[tuple]:
    """[(doc_id, article fields)] → [("ok", doc_id, record JSON, words) | ("error", path, kind, message)].

    The articles go through nlp.pipe together; if that raises, they are redone one by one so that
    the article at fault fails alone."""
    extractor = worker_extractor()
    articles = [(Article(**fields), doc_id) for doc_id, fields in items]
    try:
        return [
            _ok(doc_id, record, article)
            for (doc_id, record), (article, _) in zip(extractor.extract_many(articles), articles, strict=True)
        ]
    except Exception:
        pass
    out = []
    for article, doc_id in articles:
        try:
            out.append(_ok(doc_id, extractor.extract_article(article, doc_id), article))
        except Exception as exc:
            out.append(("error", article.source, type(exc).__name__, f"{article.source}: {exc}"))
    return out


def _ok(doc_id: str, record, article: Article) -> tuple:
    return ("ok", doc_id, orjson.dumps(record.model_dump(mode="json")), len(article.text.split()))


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


def deliver(results: list[tuple], write, fail, written: set[str] | None = None) -> None:
    """Hand a task's results to the writers; an article already written (a retried task) is skipped."""
    for item in results:
        if item[0] == "ok":
            _, doc_id, data, words = item
            if written is not None:
                if doc_id in written:
                    continue
                written.add(doc_id)
            write(data, words)
        else:
            fail(*item[1:])
