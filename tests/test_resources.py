"""Data files: every lexicon loads with the keys its schema allows; a bad row names its file and line."""

import pytest

from accord_extract.errors import ResourceError
from accord_extract.resources import LEXICONS, lexicon, patterns, read_jsonl


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_every_lexicon_loads(name):
    rows = lexicon(name)
    assert rows


def test_sector_lexicon_covers_the_contract_vocabulary():
    from accord_extract.schemas import Sector

    assert {row["sector"] for row in lexicon("sectors")} == {s.value for s in Sector}


def test_instrument_lexicon_uses_the_contract_vocabulary():
    from accord_extract.schemas import Instrument

    rows = lexicon("instruments")
    named = {row["instrument"] for row in rows if row["strength"] != "carrier"}
    assert named == {i.value for i in Instrument}
    # Carriers ("six textes") count instruments without naming one.
    assert {row["instrument"] for row in rows if row["strength"] == "carrier"} == {None}
    assert {row["strength"] for row in rows} == {"strong", "weak", "carrier"}


def test_date_patterns_compile():
    import spacy
    from spacy.matcher import Matcher

    matcher = Matcher(spacy.blank("xx").vocab, validate=True)
    for row in patterns("dates"):
        matcher.add(row["label"], [row["pattern"]])
    assert len(matcher) >= 8


def test_malformed_row_names_file_and_line(tmp_path, monkeypatch):
    import accord_extract.resources as resources

    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "bad.jsonl").write_text('{"sector": "energie", "terms": []}\n{"sectr": "x"}\n')
    monkeypatch.setattr(resources, "DATA", tmp_path)
    with pytest.raises(ResourceError, match=r"bad\.jsonl:2: keys \['sectr'\]"):
        read_jsonl("lexicons/bad.jsonl", {"sector", "terms"})


def test_unknown_names_are_refused():
    with pytest.raises(ResourceError, match="unknown lexicon"):
        lexicon("no-such-lexicon")
    with pytest.raises(ResourceError, match="unknown resource"):
        patterns("no-such-patterns")
