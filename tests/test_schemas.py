import json

import pytest

from accord_extract.errors import GoldError
from accord_extract.schemas import DateValue, ExtractionResult, GoldResult
from accord_extract.scoring import load_gold

from .conftest import CORPUS


@pytest.mark.parametrize(
    "path",
    sorted((CORPUS / "gold").glob("*.json")) + sorted((CORPUS / "heldout/gold").glob("*.json")),
    ids=lambda p: p.stem,
)
def test_gold_files_validate_and_offsets_hold(path):
    gold = load_gold(path)
    text = (path.parent.parent / f"{gold.document.id}.txt").read_text(encoding="utf-8")
    for mention in gold.mentions():
        assert text[mention.start : mention.end] == mention.text


def test_malformed_gold_names_the_field(tmp_path):
    data = json.loads((CORPUS / "gold/mali-russie-2025.json").read_text(encoding="utf-8"))
    data["persons"][0]["nmae"] = data["persons"][0].pop("name")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match=r"persons\.0\.name"):
        load_gold(bad)


@pytest.mark.parametrize(
    ("value", "granularity"), [("2025-06", "day"), ("2025-13-01x", "day"), ("25", "year")]
)
def test_date_value_must_match_granularity(value, granularity):
    with pytest.raises(ValueError):
        DateValue(value=value, granularity=granularity)


def test_vocabularies_are_closed():
    with pytest.raises(ValueError):
        ExtractionResult.model_validate({"document": {"id": "x"}, "sectors": [{"sector": "astrologie"}]})
    with pytest.raises(ValueError):
        ExtractionResult.model_validate(
            {"document": {"id": "x"}, "agreements": [{"ordinal": 1, "instrument": "pacte"}]}
        )


def test_gold_only_fields_are_not_in_predictions():
    with pytest.raises(ValueError):
        ExtractionResult.model_validate(
            {"document": {"id": "x"}, "persons": [{"name": "A B", "aliases": ["B"]}]}
        )
    assert GoldResult.model_validate(
        {"document": {"id": "x"}, "persons": [{"name": "A B", "aliases": ["B"]}]}
    )
