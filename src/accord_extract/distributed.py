"""The dask engine: the same batch on a dask.distributed cluster.

The client reads and decodes articles (the resume check needs their hash)
and sends plain text to the workers in tasks of a few dozen; each worker
process keeps one pipeline and extracts one article at a time under its
budget (see `tasks.extract_task`); workers return plain JSON records, never
spaCy objects. The scheduler retries the tasks of a lost worker; a task that
still fails is split and its articles sent alone, so only the article that
kills a worker is blamed. The client writes each article's record once. A
local cluster keeps its scratch space in a temporary folder removed at the end.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import socket
import tempfile
from urllib.parse import urlsplit

from .errors import AccordError
from .tasks import extract_task

CONNECT_TIMEOUT = 10.0


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Fail at once, in one line, when nothing listens at the scheduler's address."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or not parts.port:
        raise AccordError(f"--scheduler {address!r}: expected tcp://HOST:PORT")
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=timeout).close()
    except OSError as exc:
        raise AccordError(f"cannot reach the dask scheduler at {address}: {exc.strerror or exc}") from None


def _import():
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise AccordError(
            "the dask engine needs the dask extra: pip install 'accord-extract[dask]'"
        ) from None
    return Client, LocalCluster, as_completed


@contextlib.contextmanager
def _quiet():
    """Dask logs every closed comm and cancelled task as a traceback while a cluster shuts down."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "asyncio")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def run_dask(tasks, options, sink, settings: dict | None = None) -> int:
    """Run every task on the cluster; results go to `sink.result(item)`. Returns the number of workers."""
    Client, LocalCluster, as_completed = _import()
    if options.scheduler:
        check_scheduler(options.scheduler)
    scratch = None if options.scheduler else tempfile.TemporaryDirectory(prefix="accord-dask-")
    cluster = client = None
    try:
        if options.scheduler:
            client = Client(options.scheduler, timeout=CONNECT_TIMEOUT)
        else:
            import dask

            settings = {"distributed.scheduler.allowed-failures": 1, "temporary-directory": scratch.name}
            with dask.config.set(settings):
                cluster = LocalCluster(
                    n_workers=max(1, options.workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    local_directory=scratch.name,
                    # A stop closes the scheduler under live workers: their heartbeat errors are noise.
                    silence_logs=logging.CRITICAL,
                    preload=["accord_extract.dask_setup"],
                )
            client = Client(cluster)
        n_workers = len(client.scheduler_info()["workers"])
        if n_workers == 0:
            client.wait_for_workers(1, timeout=60)
            n_workers = len(client.scheduler_info()["workers"])
        sink.workers(list(client.scheduler_info()["workers"]))
        _drain(client, as_completed, tasks, options, sink, max(2, 2 * n_workers), settings or {})
        return n_workers
    except OSError as exc:
        raise AccordError(f"the dask cluster failed: {exc}") from None
    finally:
        with _quiet():
            if client is not None:
                with contextlib.suppress(Exception):
                    client.close(timeout=10)
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close(timeout=10)
        if scratch is not None:
            scratch.cleanup()


def _drain(client, as_completed, tasks, options, sink, window: int, settings: dict) -> None:
    written: set[str] = set()
    futures = as_completed()
    meta: dict = {}

    def submit(task) -> None:
        future = client.submit(extract_task, task, options.timeout, settings, retries=2, pure=False)
        meta[future.key] = task
        futures.add(future)

    for task in itertools.islice(tasks, window):
        submit(task)
    for future in futures:
        task = meta.pop(future.key)
        try:
            results = future.result()
        except Exception as exc:  # the task kept killing workers (or raised): split it
            if len(task) > 1:
                for item in task:
                    submit([item])
            else:
                doc_id, fields = task[0]
                message = (
                    f"{fields['source']}: the worker process died while extracting it ({type(exc).__name__})"
                )
                results = [("error", doc_id, fields["source"], "WorkerDied", message)]
                _deliver(results, sink, written)
            future.release()
            continue
        _deliver(results, sink, written)
        future.release()
        nxt = next(tasks, None)
        if nxt is not None:
            submit(nxt)


def _deliver(results, sink, written: set[str]) -> None:
    for item in results:
        if item[1] in written:  # a retried task never writes twice
            continue
        written.add(item[1])
        sink.result(item)
