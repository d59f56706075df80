"""The local engine: forked worker processes, each keeping one pipeline, watched by the parent.

The parent sends each worker one task (a few articles, which the worker runs
through `nlp.pipe` together) at a time and gets one message per article back
as each is done, so it always knows which article a worker is on and since
when. Past an article's budget the worker is killed and replaced and the rest
of its task goes to the other workers; the article fails as "timed out", unless
its budget also held its `nlp.pipe` group's shared work (it was the first of
the group): then it is tried once more alone first. A worker that dies is
replaced the same way; its article is tried once more alone and fails only if
it kills that worker too. Workers die with the parent
(PR_SET_PDEATHSIG, and EOF on their pipe), ignore Ctrl-C (the parent stops
them), and hold no copy of the output lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Iterator
from multiprocessing.connection import wait

from .errors import AccordError
from .tasks import budget, extract_stream, shared_heads, timed_out, worker_extractor

START_TIMEOUT = 600.0  # loading the pipeline takes seconds; minutes means the worker is stuck
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _worker_main(conn, parent: int, close: list, settings: dict) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    from .outputs import LOCK_FDS

    for fd in LOCK_FDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    for other in close:  # other workers' pipes: the parent's end closing must reach them as EOF
        with contextlib.suppress(OSError):
            other.close()
    extractor = worker_extractor()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        for result in extract_stream(extractor, task, settings):
            conn.send(result)


class _Slot:
    def __init__(self, context, others: list, settings: dict) -> None:
        parent_end, child_end = context.Pipe()
        self.proc = context.Process(
            target=_worker_main,
            args=(child_end, os.getpid(), [s.conn for s in others], settings),
            daemon=True,
        )
        self.proc.start()
        child_end.close()
        self.conn = parent_end
        self.ready = False
        self.items: deque = deque()
        self.shared: set[int] = set()  # positions whose budget also holds their group's shared work
        self.position = 0  # of the article being extracted, in the current task
        self.since = time.monotonic()
        self.limit: float | None = START_TIMEOUT

    def assign(self, task: list, timeout: float | None) -> None:
        self.conn.send(task)
        self.items = deque(task)
        self.shared, self.position = shared_heads(task), 0
        self._clock(timeout)

    def _clock(self, timeout: float | None) -> None:
        self.since = time.monotonic()
        self.limit = budget(timeout, len(self.items[0][1]["text"])) if self.items else None

    def deadline(self) -> float:
        return self.since + self.limit if self.limit else float("inf")

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)


def run_local(tasks: Iterator[list], options, sink, settings: dict | None = None) -> int:
    """Run every task; results go to `sink.result(item)`. Returns the number of workers (none are
    started when there is nothing to do)."""
    context = multiprocessing.get_context("fork")
    timeout = options.timeout
    settings = settings or {}
    first = next(tasks, None)
    if first is None:
        return 0
    tasks = itertools.chain([first], tasks)
    # Loaded here once: every worker, and every replacement of a killed one, is forked with it (copy on
    # write) instead of loading the model again.
    worker_extractor()
    slots: list[_Slot] = []
    for _ in range(max(1, options.workers)):
        slots.append(_Slot(context, slots, settings))
    sink.workers([s.proc.pid for s in slots])
    retry: deque = deque()
    strikes: Counter = Counter()
    failed_starts = 0
    exhausted = False

    def next_task():
        nonlocal exhausted
        if retry:
            return retry.popleft()
        if exhausted:
            return None
        task = next(tasks, None)
        exhausted = task is None
        return task

    def replace(slot: _Slot) -> None:
        slot.stop()
        index = slots.index(slot)
        slots[index] = _Slot(context, [s for s in slots if s is not slot], settings)
        sink.workers([s.proc.pid for s in slots])

    def lost(slot: _Slot, why: str, timed: bool) -> None:
        nonlocal failed_starts
        if not slot.ready:
            failed_starts += 1
            if failed_starts >= 3:
                raise AccordError(f"the worker processes cannot start: {why}")
            replace(slot)
            return
        head = slot.items.popleft() if slot.items else None
        rest = list(slot.items)
        seconds = slot.limit or 0
        alone = slot.position not in slot.shared
        replace(slot)
        # The rest of the task, one article per task: spread over the free workers rather than queued behind
        # one (a task that lost a worker is rarely the only one that will).
        retry.extend([item] for item in rest)
        if head is None:
            return
        doc_id, fields = head
        if timed and alone:
            sink.result(timed_out(doc_id, fields["source"], seconds))
            return
        if timed:
            retry.appendleft([head])  # alone: its batch's shared work ran in its time
            return
        strikes[doc_id] += 1
        if strikes[doc_id] >= 2:
            message = f"{fields['source']}: the worker process died ({why}) while extracting it, twice"
            sink.result(("error", doc_id, fields["source"], "WorkerDied", message))
        else:
            retry.appendleft([head])  # alone, first: innocent if it was a stray kill

    try:
        while True:
            for slot in slots:
                if slot.ready and not slot.items:
                    task = next_task()
                    if task is None:
                        break
                    slot.assign(task, timeout)
            busy = [s for s in slots if s.items or not s.ready]
            if not busy:
                if exhausted and not retry:
                    break
                continue
            now = time.monotonic()
            pause = min(1.0, max(0.0, min(s.deadline() for s in busy) - now))
            for conn in wait([s.conn for s in busy], timeout=pause):
                slot = next(s for s in slots if s.conn is conn)
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    slot.proc.join(5)
                    lost(slot, _how(slot.proc.exitcode), timed=False)
                    continue
                if message[0] == "ready":
                    slot.ready = True
                    slot.since = time.monotonic()
                    slot.limit = None
                    continue
                slot.items.popleft()
                slot.position += 1
                sink.result(message)
                slot._clock(timeout)
            now = time.monotonic()
            for slot in list(slots):
                if (slot.items or not slot.ready) and now > slot.deadline():
                    lost(slot, "did not start in time" if not slot.ready else "timed out", timed=slot.ready)
    finally:
        for slot in slots:
            with contextlib.suppress(OSError, ValueError):
                slot.conn.send(None)
        for slot in slots:
            slot.stop()
    return len(slots)


def _how(code: int | None) -> str:
    if code is None:
        return "unknown cause"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"
