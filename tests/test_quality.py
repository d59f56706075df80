"""The corpus evaluation must not fall below the floors committed in tests/quality_floor.json."""

import json
from pathlib import Path

from accord_extract.scoring import AGREEMENT_ATTRIBUTES

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


def test_agreements_found_and_described_above_floor(corpus_report):
    """Issue 10's bar on the corpus: agreements found with P and R >= 0.90, their six attributes F1 >= 0.85."""
    fields = corpus_report["fields"]
    found = fields["agreements"]
    assert min(found["p"], found["r"]) >= FLOOR["agreements_pr"], found
    tp = sum(fields[f"agreement.{a}"]["tp"] for a in AGREEMENT_ATTRIBUTES)
    fp = sum(fields[f"agreement.{a}"]["fp"] for a in AGREEMENT_ATTRIBUTES)
    fn = sum(fields[f"agreement.{a}"]["fn"] for a in AGREEMENT_ATTRIBUTES)
    assert 2 * tp / (2 * tp + fp + fn) >= FLOOR["agreement_attributes_f1"], {
        a: fields[f"agreement.{a}"] for a in AGREEMENT_ATTRIBUTES
    }
