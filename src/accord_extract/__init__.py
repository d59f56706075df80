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
    "to_frames",
    "to_record",
]

_WHERE = {
    "Extractor": "extractor",
    "to_record": "extractor",
    "load_pipeline": "pipeline",
    "ExtractionResult": "schemas",
    "evaluate": "scoring",
    "to_frames": "frames",
    "consolidate": "register.consolidate",
    "evaluate_register": "register.evaluate",
}


def __getattr__(name: str):
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'accord_extract' has no attribute {name!r}")
