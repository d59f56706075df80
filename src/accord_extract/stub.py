"""TEST ONLY: a model-free stand-in for the pipeline, for tests about process control, not extraction.

A batch worker that finds ACCORD_EXTRACT_STUB_PIPELINE in its environment
builds its Extractor on `StubPipeline(seconds)` instead of loading spaCy and
the model: every article costs `seconds` of sleep and yields an empty record.
Marks in the text act out faults: STUB-HANG loops forever (in Python, where
the dask watchdog reaches it), STUB-HANG-NER does so in the work `pipe` shares
across its batch (as a model's NER runs over a whole batch at once),
STUB-KILL kills the worker process with SIGKILL, STUB-RAISE raises. Never set
it outside the test suite.
"""

from __future__ import annotations

import itertools
import os
import signal
import time

ENV = "ACCORD_EXTRACT_STUB_PIPELINE"


class _Values:
    """What the project's components would write on `doc._`, all empty."""

    def __init__(self) -> None:
        self.accord_places = self.accord_organizations = self.accord_persons = []
        self.accord_dates = self.accord_sectors = self.accord_agreements = self.accord_warnings = []
        self.accord_meta = {}

    def has(self, name: str) -> bool:
        return hasattr(self, name)


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text
        self._ = _Values()


class StubPipeline:
    max_length = 1_000_000

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds

    def __call__(self, text: str) -> _Doc:
        if "STUB-KILL" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "STUB-RAISE" in text:
            raise ValueError("the stub pipeline was told to fail")
        while "STUB-HANG" in text:  # and STUB-HANG-NER: alone, the shared work is this text's
            time.sleep(0.05)
        if self.seconds:
            time.sleep(self.seconds)
        return _Doc(text)

    def pipe(self, texts, batch_size: int = 1):
        texts = iter(texts)
        while batch := list(itertools.islice(texts, max(1, batch_size))):
            for text in batch:  # the batch's shared work, before any doc of it is yielded
                while "STUB-HANG-NER" in text:
                    time.sleep(0.05)
            for text in batch:
                yield self(text)
