"""The corpus evaluation must not fall below the floors committed in tests/quality_floor.json."""

import json
from pathlib import Path

FLOOR = json.loads((Path(__file__).parent / "quality_floor.json").read_text())


def test_corpus_micro_f1_above_floor(corpus_report):
    assert corpus_report["micro_f1"] >= FLOOR["micro_f1"], corpus_report["fields"]


def test_seed_above_floor(corpus_report):
    seed = next(d for d in corpus_report["documents"] if d["id"] == "mali-russie-2025")
    assert seed["micro_f1"] >= FLOOR["seed_micro_f1"], seed["fields"]


def test_kept_aside_set_above_floor(corpus_report):
    """The articles kept aside are scored, never tuned on: their floor guards against overfitting."""
    held = corpus_report["kept_aside"]
    assert held["n_documents"] >= 8
    assert held["micro_f1"] >= FLOOR["kept_aside_micro_f1"], held["fields"]
