"""Persons: names separated from their titles, honorifics and ranks, merged across mentions.

Stages: `candidates` (the stock NER's PER spans trimmed of cue words, the name after a cue such as
"S.E.M." or "le ministre de ..., ", the "Prénom NOM" shape of francophone press), `titles` (the
cues and complements before a name, an apposition after it), `merge` (one person per individual:
full names, surnames alone, and a misspelt repeat of a name).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...places import fold, gazetteer
from ...resources import lexicon, role_terms
from .._common import Intervals, phrase_matcher, register_extensions, sentence_starts, token_words
from ..places import in_place_position
from ..span_groups import write_organizations, write_persons, write_places
from .candidates import NameCandidates, glue_hyphens
from .merge import merge_persons
from .titles import TitleReader


@Language.factory(
    "accord_persons",
    assigns=["doc._.accord_persons"],
    requires=["doc.ents", "doc._.accord_places", "doc._.accord_organizations"],
    default_config={"scan_window": 14},
)
def make_person_finder(nlp: Language, name: str, scan_window: int) -> PersonFinder:
    return PersonFinder(nlp, scan_window)


class PersonFinder:
    """Writes `doc._.accord_persons`: dicts name/titles/honorifics/ranks/country/mentions."""

    def __init__(self, nlp: Language, scan_window: int = 14) -> None:
        register_extensions()
        groups: dict[str, list[str]] = {}
        for row in lexicon("person_cues"):
            groups.setdefault(row["type"], []).extend(row["terms"])
        dynastic = {fold(t) for t in groups.pop("dynastic_honorific", [])}
        cue_words = {fold(t) for terms in groups.values() for t in terms for t in t.split()}
        not_starts = {fold(h) for row in lexicon("organization_cues") for h in row["heads"] if " " not in h}
        not_starts |= {
            fold(t) for row in lexicon("not_organizations") if row["role"] == "venue" for t in row["terms"]
        }
        self.cues = phrase_matcher(nlp, groups)
        self.gazetteer = gazetteer()
        # "Hyderabad House", "Kigali Arena": a venue named after a place
        not_ends = role_terms("place_context", "venue_name_word")
        self.place_nouns = role_terms("place_context", "place_noun")
        self.candidates = NameCandidates(
            self.gazetteer, cue_words, scan_window, dynastic, not_starts, not_ends
        )
        self.titles = TitleReader(self.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        sent_starts = sentence_starts(doc) if doc.has_annotation("SENT_START") else []
        cues = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.cues(doc)])
        cue_at = {t: span for span in cues for t in range(span.start, span.end)}
        strong, weak = self._blocked(doc)
        names: list[Span] = []
        for ent in doc.ents:
            if ent.label_ == "PER":
                span = self.candidates.trim(doc, ent, cue_at)
                if span is not None and self.candidates.plausible(span, strong, weak):
                    names.append(span)
        for cue in cues:
            span = self.candidates.after_cue(doc, cue, cue_at)
            # A name right after a cue is a person even where the NER saw an organisation.
            if span is None:
                continue
            direct = span.start > 0 and (doc[span.start - 1].text == "," or (span.start - 1) in cue_at)
            if self.candidates.plausible(span, strong, None if direct else weak):
                names.append(span)
        for span in self.candidates.shape_names(doc, cue_at):
            if self.candidates.plausible(span, strong, weak):
                names.append(span)
        names = filter_spans([glue_hyphens(n) for n in names])
        names, dynastic = self.candidates.split_dynastic(names)
        every = Intervals(
            [(p[0], p[1]) for p in doc._.accord_places if p[3] != "city"]
            + [(o["start"], o["end"]) for o in doc._.accord_organizations if " " in o["name"]]
        )
        persons = merge_persons(doc, names, cue_at, every, self.titles, sent_starts, dynastic)
        persons, towns = towns_read_as_persons(doc, persons, self.place_nouns)
        if towns:
            doc._.accord_places = sorted([*doc._.accord_places, *towns], key=lambda p: (p[0], p[1]))
        # A place or organisation inside a person's name was a misreading ("Lima" as a surname).
        person_spans = Intervals(tuple(m) for p in persons for m in p["mentions"])
        doc._.accord_places = [p for p in doc._.accord_places if not person_spans.overlaps(p[0], p[1])]
        doc._.accord_organizations = [
            o for o in doc._.accord_organizations if not person_spans.overlaps(o["start"], o["end"])
        ]
        doc._.accord_persons = persons
        write_persons(doc, persons)
        write_places(doc, doc._.accord_places)
        write_organizations(doc, doc._.accord_organizations)
        return doc

    def _blocked(self, doc: Doc) -> tuple[Intervals, Intervals]:
        """Names do not cross places (cities aside: surnames often are one, "Yao", "Carmona") nor
        organisations; the stock NER's organisations block less, a cue word overrides them."""
        strong = [(p[0], p[1]) for p in doc._.accord_places if p[3] != "city"]
        weak = []
        for org in doc._.accord_organizations:
            (weak if org.get("source") == "ner" else strong).append((org["start"], org["end"]))
        return Intervals(strong), Intervals(weak)


def towns_read_as_persons(doc: Doc, persons: list[dict], place_nouns: frozenset[str]) -> tuple[list, list]:
    """ "à Tecún Umán", "entre Villamontes et Mariscal Estigarribia", "le poste frontalier de Ras Jedir":
    a name with no title, honorific or rank that is only ever where something is, is a town the stock NER
    read as a person."""
    lower = [w.lower() for w in token_words(doc)]
    # A "place" inside a person's name ("Konan" in "Kouadio Konan") is no place that "et" could follow.
    named = Intervals(tuple(m) for p in persons for m in p["mentions"])
    place_ends = {
        span.end
        for p in doc._.accord_places
        if not named.overlaps(p[0], p[1]) and (span := doc.char_span(p[0], p[1], "expand"))
    }
    kept, towns = [], []
    for person in persons:
        if person["titles"] or person["honorifics"] or person["ranks"] or not person["mentions"]:
            kept.append(person)
            continue
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in person["mentions"]]
        if all(
            span is not None and in_place_position(lower, span.start, place_nouns, place_ends)
            for span in spans
        ):
            towns += [[s.start_char, s.end_char, s.text, "city", None] for s in spans]
        else:
            kept.append(person)
    return kept, towns
