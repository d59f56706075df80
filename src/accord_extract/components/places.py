"""Countries, regions and cities from the gazetteer, with ISO alpha-3 codes."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..places import gazetteer
from ._common import natural_case, register_extensions, token_words

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

    def _shouted(self, form: str):
        """Datelines write the city in capitals ("ABUJA, 12 mars"); look up its natural form."""
        if not form.isupper() or len(form) < 4:
            return None
        place = self.gazetteer.lookup(_natural(form))
        return place if place is not None and place.kind == "city" else None

    def __call__(self, doc: Doc) -> Doc:
        # Plain strings and offsets, no Token objects: this runs on every capitalised token.
        words = token_words(doc)
        spaces = doc.to_array("SPACY").tolist()
        offsets = doc.to_array("IDX").tolist()
        prefixes = self.gazetteer.first_word_prefixes
        found = []
        i, n = 0, len(words)
        while i < n:
            word = words[i]
            if not (word[:1].isupper() or word.lower() in LOWERCASE_STARTS_OK) or (
                word not in prefixes and _natural(word) not in prefixes
            ):
                i += 1
                continue
            windows, form = [], ""
            for j in range(i, min(n, i + self.max_words)):
                form += words[j]
                windows.append((j + 1, form))
                form += " " if spaces[j] else ""
            match = None
            for end, form in reversed(windows):
                place = self.gazetteer.lookup(form) or self._shouted(form)
                if place is not None and _whole_words(words, spaces, end):
                    match = (end, form, place)
                    break
            if match is None:
                i += 1
                continue
            end, form, place = match
            found.append([offsets[i], offsets[i] + len(form), place.name, place.kind, place.country])
            i = end
        doc._.accord_places = found
        return doc


def _natural(text: str) -> str:
    return " ".join(natural_case(word) for word in text.split(" "))


def _whole_words(words: list[str], spaces: list[int], end: int) -> bool:
    """A match must not be glued to a following hyphen word ("Mali-Russie" is fine, "Congo-" part is not)."""
    glued = end + 1 < len(words) and words[end] == "-" and not spaces[end - 1]
    # "Abidjan-Lagos" joins two names; "Congo-" followed by a lowercase word is another word.
    return not glued or words[end + 1][:1].isupper()
