"""The dask engine: the same batch on a dask.distributed cluster.

The client reads and decodes articles (the resume check needs their hash)
and sends plain text to the workers in tasks of a few dozen; each worker
process keeps one pipeline; workers return plain JSON records, never spaCy
objects. The scheduler retries the tasks of a lost worker; the client writes
each article's record once.
"""

from __future__ import annotations

import itertools
from functools import cache


@cache
def _worker_extractor():
    from .extractor import Extractor

    extractor = Extractor()
    extractor.nlp  # noqa: B018  (load once per worker process)
    return extractor


def extract_task(items: list[tuple[str, dict]]) -> list[tuple]:
    """Run on a worker: [(doc_id, article fields)] → [("ok", doc_id, json, words) | ("error", path, kind, msg)]."""
    import orjson

    from .io import Article

    extractor = _worker_extractor()
    out = []
    for doc_id, fields in items:
        article = Article(**fields)
        try:
            record = extractor.extract_article(article, doc_id)
            out.append(
                ("ok", doc_id, orjson.dumps(record.model_dump(mode="json")), len(article.text.split()))
            )
        except Exception as exc:  # one bad article must not fail the task
            out.append(("error", article.source, type(exc).__name__, str(exc)))
    return out


def run_dask(pending, options, write, fail) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        from .errors import AccordError

        raise AccordError(
            "the dask engine needs the dask extra: pip install 'accord-extract[dask]'"
        ) from None
    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, options.workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    written: set[str] = set()
    try:
        batches = _chunks(pending, options.task_size)
        window = max(2, 2 * len(client.scheduler_info()["workers"]))
        futures = as_completed()
        for batch in itertools.islice(batches, window):
            futures.add(client.submit(extract_task, batch, retries=3, pure=False))
        for future in futures:
            for item in future.result():
                if item[0] == "ok":
                    _, doc_id, data, words = item
                    if doc_id not in written:  # a retried task never writes twice
                        written.add(doc_id)
                        write(data, words)
                else:
                    fail(*item[1:])
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                futures.add(client.submit(extract_task, nxt, retries=3, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _chunks(pending, size: int):
    iterator = iter(pending)
    while True:
        chunk = [(doc_id, _fields(article)) for article, doc_id in itertools.islice(iterator, size)]
        if not chunk:
            return
        yield chunk


def _fields(article) -> dict:
    return {
        "text": article.text,
        "source": article.source,
        "encoding": article.encoding,
        "title": article.title,
        "publication_date": article.publication_date,
        "warnings": list(article.warnings),
    }
