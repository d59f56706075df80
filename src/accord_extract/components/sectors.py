"""Sector mentions from the sector lexicon (data/lexicons/sectors.jsonl)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import lexicon
from ._common import phrase_matcher, register_extensions
from .span_groups import write_sectors


@Language.factory("accord_sectors", assigns=["doc._.accord_sectors"], default_config={"lexicon": "sectors"})
def make_sector_finder(nlp: Language, name: str, lexicon: str) -> SectorFinder:
    return SectorFinder(nlp, lexicon)


class SectorFinder:
    """Writes `doc._.accord_sectors`: [sector, start_char, end_char]; the longest phrase wins,
    so "sécurité alimentaire" is agriculture and not sécurité. A term listed under two
    sectors ("cybersécurité") yields both."""

    def __init__(self, nlp: Language, lexicon_name: str = "sectors") -> None:
        register_extensions()
        groups: dict[str, list[str]] = {}
        for row in lexicon(lexicon_name):
            groups.setdefault(row["sector"], []).extend(row["terms"])
        self.matcher = phrase_matcher(nlp, groups, attr="LOWER")

    def __call__(self, doc: Doc) -> Doc:
        matches = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        kept = {(s.start, s.end) for s in filter_spans(matches)}
        doc._.accord_sectors = [
            [span.label_, span.start_char, span.end_char]
            for span in matches
            if (span.start, span.end) in kept
        ]
        write_sectors(doc, doc._.accord_sectors)
        return doc
