"""Every component's results as spaCy span groups: labels, extensions, displaCy, DocBin (issue 12)."""

from __future__ import annotations

import re

import pytest
from spacy import displacy
from spacy.tokens import DocBin

from accord_extract.components.span_groups import agreement_key

from .conftest import CORPUS

TEXT = (
    "Dakar, le 12 mars 2025 (APS) - Le Sénégal et le Maroc ont signé mercredi à Dakar un accord sur la "
    "pêche et un mémorandum d'entente sur la santé. Les textes ont été signés par M. Yassine Fall, "
    "ministre de l'Intégration africaine, et par l'Office national des pêches."
)


@pytest.fixture(scope="module")
def doc(extractor):
    return extractor.nlp(TEXT)


def spans(doc, key):
    return [(s.text, s.label_) for s in doc.spans[key]]


def test_each_component_writes_its_group(doc):
    assert ("Sénégal", "country") in spans(doc, "accord_places")
    assert ("Dakar", "city") in spans(doc, "accord_places")
    assert ("Yassine Fall", "PER") in spans(doc, "accord_persons")
    assert ("Office national des pêches", "government") in spans(doc, "accord_organizations")
    assert ("12 mars 2025", "DAY_MONTH_YEAR") in spans(doc, "accord_dates")
    assert {("pêche", "peche"), ("santé", "sante")} <= set(spans(doc, "accord_sectors"))
    assert ("accord", "accord") in spans(doc, "accord_instruments")
    assert ("mémorandum d'entente", "memorandum") in spans(doc, "accord_instruments")


def test_spans_carry_the_canonical_values(doc):
    place = next(s for s in doc.spans["accord_places"] if s.text == "Sénégal")
    assert (place._.accord_name, place._.accord_iso) == ("Sénégal", "SEN")
    date = doc.spans["accord_dates"][0]
    assert date._.accord_value == "2025-03-12"
    sector = next(s for s in doc.spans["accord_sectors"] if s.text == "santé")
    assert sector._.accord_sector == "sante"
    person = doc.spans["accord_persons"][0]
    assert person._.accord_name == "Yassine Fall"


def test_one_group_per_agreement_holds_its_evidence(doc):
    agreements = doc._.accord_agreements
    assert len(agreements) == 2
    for record in agreements:
        group = doc.spans[agreement_key(record["ordinal"])]
        assert [(s.start_char, s.end_char) for s in group] == [tuple(e) for e in record["evidence"]]
        assert {s.label_ for s in group} == {record["instrument"]}


def test_groups_and_values_survive_docbin(doc, extractor):
    blob = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = next(DocBin().from_bytes(blob).get_docs(extractor.nlp.vocab))
    for key in doc.spans:
        assert spans(back, key) == spans(doc, key)
    place = next(s for s in back.spans["accord_places"] if s.text == "Maroc")
    assert place._.accord_iso == "MAR"


LABEL = re.compile(r"z-index: 10; color: #000;[^>]*>\s*(\S[^<]*?)\s*</span>")
TOKEN = re.compile(r"position: relative; height: \d+px;\">\s*(\S[^<]*?)\s*<")


@pytest.mark.parametrize("key", ["accord_places", "accord_persons", "accord_organizations", "accord_sectors"])
def test_displacy_renders_a_corpus_article_s_spans(extractor, key):
    doc = extractor.nlp((CORPUS / "mali-russie-2025.txt").read_text(encoding="utf-8"))
    group = sorted(doc.spans[key], key=lambda s: (s.start, s.end))
    assert group
    html = displacy.render(doc, style="span", options={"spans_key": key}, page=True)
    # displaCy writes one label per span, where it starts, and bolds every token under a span.
    assert LABEL.findall(html) == [s.label_ for s in group]
    covered = sorted({t.i for s in group for t in s})
    assert TOKEN.findall(html) == [doc[i].text for i in covered]


def test_the_readme_spacy_example_runs_and_prints_what_it_says(capsys):
    readme = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Span groups", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    expected = next(line[2:] for line in code.splitlines() if line.startswith("# ["))
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == expected
