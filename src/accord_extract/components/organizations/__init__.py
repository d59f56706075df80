"""Organisations, in stages: candidates from cue words ("ministère", "Agence", "société d'État") and
from the stock NER's ORG spans (`candidates`), the things that only look like organisations dropped
(`filters`: instrument titles, offices, venues, headline fragments), overlaps resolved, acronyms linked
to their expansions (`acronyms`), names coordinated with a company added (`coordination`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...places import gazetteer
from ...resources import lexicon
from .._common import Intervals, phrase_matcher, register_extensions
from ..span_groups import write_organizations
from .acronyms import join_by_acronym, link_acronyms
from .candidates import Candidates
from .coordination import coordinated
from .filters import NotOrganizations, resolve_overlaps


@Language.factory(
    "accord_organizations",
    assigns=["doc._.accord_organizations"],
    requires=["doc.ents", "doc._.accord_places"],
    default_config={"max_lowercase_modifiers": 4, "max_name_tokens": 24},
)
def make_organization_finder(
    nlp: Language, name: str, max_lowercase_modifiers: int, max_name_tokens: int = 24
) -> OrganizationFinder:
    return OrganizationFinder(nlp, max_lowercase_modifiers, max_name_tokens)


class OrganizationFinder:
    """Writes `doc._.accord_organizations`: dicts with start, end, name, kind, country, acronym."""

    def __init__(self, nlp: Language, max_lowercase_modifiers: int = 4, max_name_tokens: int = 24) -> None:
        register_extensions()
        kind_of_head: dict[str, str] = {}
        for row in lexicon("organization_cues"):
            for head in row["heads"]:
                kind_of_head.setdefault(head, row["kind"])
        heads = phrase_matcher(
            nlp,
            {kind: [h for h, k in kind_of_head.items() if k == kind] for kind in set(kind_of_head.values())},
        )
        context = {row["role"]: frozenset(row["terms"]) for row in lexicon("organization_context")}
        person_cues = {t.casefold() for row in lexicon("person_cues") for t in row["terms"]}
        self.heads = heads
        # Press agencies and outlets, named as the source or byline: organisations, never persons.
        self.media = phrase_matcher(nlp, {row["role"]: row["terms"] for row in lexicon("media")})
        self.person_cues = person_cues
        self.gazetteer = gazetteer()
        self.candidates = Candidates(
            kind_of_head,
            gazetteer(),
            person_cues,
            portfolio_heads=context["portfolio_head"],
            state_words=context["state_word"],
            legal_prefixes=context["legal_prefix"],
            max_modifiers=max_lowercase_modifiers,
            max_tokens=max_name_tokens,
        )
        self.filters = NotOrganizations(nlp, kind_of_head, gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        found: list[dict] = []
        for match_id, start, end in self.heads(doc):
            org = self.candidates.from_head(doc, start, end, doc.vocab.strings[match_id])
            if org:
                found.append(org)
        media = [doc[start:end] for _, start, end in self.media(doc)]
        for span in media:
            found.append(
                {"start": span.start_char, "end": span.end_char, "name": span.text, "kind": "other"}
                | {"country": None, "source": "lexicon"}
            )
        if media:  # "Prensa Latina" names no city
            inside = Intervals((s.start_char, s.end_char) for s in media)
            doc._.accord_places = [p for p in doc._.accord_places if not inside.overlaps(p[0], p[1])]
        for ent in doc.ents:
            if ent.label_ in ("ORG", "MISC"):
                org = self.candidates.from_entity(doc, ent)
                if org:
                    found.append(org)
        found = self.filters(doc, found)
        found = coordinated(doc, resolve_overlaps(found), self.gazetteer, self.person_cues)
        doc._.accord_organizations = link_acronyms(doc, join_by_acronym(doc, found))
        write_organizations(doc, doc._.accord_organizations)
        return doc
