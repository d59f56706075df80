"""accord-extract: typed records of who, when, what and about what from French diplomatic news.

Importing the package is cheap: spaCy and the model load on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["ExtractionResult", "Extractor", "__version__", "evaluate", "load_pipeline"]


def __getattr__(name: str):
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    if name == "load_pipeline":
        from .pipeline import load_pipeline

        return load_pipeline
    if name == "ExtractionResult":
        from .schemas import ExtractionResult

        return ExtractionResult
    if name == "evaluate":
        from .scoring import evaluate

        return evaluate
    raise AttributeError(f"module 'accord_extract' has no attribute {name!r}")
