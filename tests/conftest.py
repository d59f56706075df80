"""Session-scoped pipeline: the model loads once for the whole test run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "mali-russie-2025.txt"


@pytest.fixture(scope="session")
def extractor():
    from accord_extract import Extractor

    extractor = Extractor()
    extractor.nlp  # noqa: B018
    return extractor


@pytest.fixture(scope="session")
def seed_record(extractor):
    return extractor.extract_file(SEED)


@pytest.fixture(scope="session")
def corpus_report(extractor):
    from accord_extract.scoring import evaluate

    return evaluate(CORPUS, extractor=extractor)
