"""accord-extract: typed records of who, when, what and about what from French diplomatic news.

Importing the package is cheap: spaCy and the model, DuckDB and rapidfuzz load on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = [
    "ExtractionResult",
    "Extractor",
    "__version__",
    "consolidate",
    "evaluate",
    "evaluate_register",
    "load_pipeline",
]


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
    if name == "consolidate":
        from .register.consolidate import consolidate

        return consolidate
    if name == "evaluate_register":
        from .register.evaluate import evaluate_register

        return evaluate_register
    raise AttributeError(f"module 'accord_extract' has no attribute {name!r}")
