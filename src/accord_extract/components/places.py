"""Countries, regions and cities from the gazetteer, with ISO alpha-3 codes."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..places import gazetteer
from ._common import natural_case, register_extensions

# A place never starts with these tokens even when the form exists ("Son").
LOWERCASE_STARTS_OK = frozenset({"bande", "golfe", "mer", "océan", "delta"})


@Language.factory("accord_places", assigns=["doc._.accord_places"], default_config={"max_words": 7})
def make_place_finder(nlp: Language, name: str, max_words: int) -> PlaceFinder:
    return PlaceFinder(max_words)


class PlaceFinder:
    """Longest gazetteer match at each capitalised token; no overlaps.

    Writes `doc._.accord_places`: [start_char, end_char, name, kind, country].
    """

    def __init__(self, max_words: int = 7) -> None:
        register_extensions()
        self.gazetteer = gazetteer()
        self.max_words = max_words

    def _shouted(self, span):
        """Datelines write the city in capitals ("ABUJA, 12 mars"); look up its natural form."""
        if not span.text.isupper() or len(span.text) < 4:
            return None
        place = self.gazetteer.lookup(_natural(span.text))
        return place if place is not None and place.kind == "city" else None

    def __call__(self, doc: Doc) -> Doc:
        found = []
        prefixes = self.gazetteer.first_word_prefixes
        i, n = 0, len(doc)
        while i < n:
            token = doc[i]
            if not (token.text[:1].isupper() or token.lower_ in LOWERCASE_STARTS_OK) or (
                token.text not in prefixes and _natural(token.text) not in prefixes
            ):
                i += 1
                continue
            match = None
            for j in range(min(n, i + self.max_words), i, -1):
                span = doc[i:j]
                place = self.gazetteer.lookup(span.text) or self._shouted(span)
                if place is not None and _whole_words(doc, i, j):
                    match = (span, place)
                    break
            if match is None:
                i += 1
                continue
            span, place = match
            found.append([span.start_char, span.end_char, place.name, place.kind, place.country])
            i = span.end
        doc._.accord_places = found
        return doc


def _natural(text: str) -> str:
    return " ".join(natural_case(word) for word in text.split(" "))


def _whole_words(doc: Doc, start: int, end: int) -> bool:
    """A match must not be glued to a following hyphen word ("Mali-Russie" is fine, "Congo-" part is not)."""
    glued = end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
    # "Abidjan-Lagos" joins two names; "Congo-" followed by a lowercase word is another word.
    return not glued or doc[end + 1].text[:1].isupper()
