"""Preloaded into the worker processes of the local dask cluster (`--engine dask` without --scheduler).

Ctrl-C reaches every process of the terminal's process group; it belongs to
the client, which stops the run and shuts the cluster down in order. Workers
that handled it themselves would each die with a traceback.
"""

from __future__ import annotations

import contextlib
import signal


def dask_setup(worker) -> None:
    with contextlib.suppress(ValueError):  # not the main thread: nothing to undo
        signal.signal(signal.SIGINT, signal.SIG_IGN)
