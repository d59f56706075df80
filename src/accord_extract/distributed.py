"""The dask engine: the same batch on a dask.distributed cluster.

The client reads and decodes articles (the resume check needs their hash)
and sends plain text to the workers in tasks of a few dozen; each worker
process keeps one pipeline; workers return plain JSON records, never spaCy
objects. The scheduler retries the tasks of a lost worker; the client writes
each article's record once.
"""

from __future__ import annotations

import itertools

from .tasks import chunks, deliver, extract_task


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
        batches = chunks(pending, options.task_size)
        window = max(2, 2 * len(client.scheduler_info()["workers"]))
        futures = as_completed()
        for batch in itertools.islice(batches, window):
            futures.add(client.submit(extract_task, batch, retries=3, pure=False))
        for future in futures:
            deliver(future.result(), write, fail, written)  # a retried task never writes twice
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                futures.add(client.submit(extract_task, nxt, retries=3, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
