"""Countries, regions and cities from the gazetteer, with ISO alpha-3 codes; the towns and provinces of
the article's countries where the words around name a place."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..places import fold, gazetteer
from ..resources import lexicon
from ._common import natural_case, register_extensions, token_words
from .span_groups import write_places

CONNECTORS = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "l'", "l’", "les"})
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
        context = {row["role"]: frozenset(row["terms"]) for row in lexicon("place_context")}
        self.place_nouns, self.links = context["place_noun"], context["link"]
        self.list_links, self.generic = context["list_link"], context["generic_name"]
        self.not_places = frozenset(fold(t) for row in lexicon("not_places") for t in row["terms"])

    def _shouted(self, form: str, after: str, natural: set[str]):
        """Datelines and headlines write names in capitals ("ABUJA, 12 mars", "TUNISIE-LIBYE : ..."): a
        country by its natural form; a city only in a dateline or when the text also names it in natural
        case, since capitals make towns of common words ("ACCORD SUR LE GAZ")."""
        if not form.isupper() or len(form) < 4:
            return None
        place = self.gazetteer.lookup(_natural(form))
        if place is None or place.kind not in ("city", "country"):
            return None
        named = all(word in natural for word in place.name.split() if word[:1].isupper())
        if place.kind == "city" and after[:1] not in (",", "(", "-", "–", "—") and not named:
            return None
        return place

    def __call__(self, doc: Doc) -> Doc:
        # Plain strings and offsets, no Token objects: this runs on every capitalised token.
        words = token_words(doc)
        spaces = doc.to_array("SPACY").tolist()
        offsets = doc.to_array("IDX").tolist()
        prefixes = self.gazetteer.first_word_prefixes
        found = []
        text, natural = None, set()  # built on the first word in capitals only
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
                if j > i and not words[j].strip():
                    break  # a line break ends a name
                form += words[j]
                windows.append((j + 1, form))
                form += " " if spaces[j] else ""
            match = None
            for end, form in reversed(windows):
                place = self.gazetteer.lookup(form)
                if place is None and form.isupper() and not _bracketed(words, i, end):  # "(PARE)": an acronym
                    if text is None:
                        text, natural = doc.text, {w for w in words if w[:1].isupper() and not w.isupper()}
                    place = self._shouted(form, text[offsets[i] + len(form) :][:3].lstrip(), natural)
                if place is not None and _whole_words(words, spaces, end):
                    match = (end, form, place)
                    break
            if match is None:
                i += 1
                continue
            end, form, place = match
            found.append(
                [i, end, [offsets[i], offsets[i] + len(form), place.name, place.kind, place.country]]
            )
            i = end
        found = self._local_places(doc, words, spaces, found)
        found = self._towns_the_ner_saw(doc, words, found)
        doc._.accord_places = [entry for _, _, entry in found]
        write_places(doc, doc._.accord_places)
        return doc

    def _local_places(self, doc: Doc, words: list[str], spaces: list[int], found: list) -> list:
        """Towns and provinces of the article's countries, where the words before name a place: "dans la
        province de Cabo Delgado", "le maire de Ouanaminthe", "à Tindouf et Zouérat". A longer local name
        replaces the gazetteer's pieces of it ("Cabo" and "Delgado")."""
        gaz = self.gazetteer
        countries = {entry[4] for _, _, entry in found if entry[4]}
        countries |= {iso for w in words if w[:1].islower() and (iso := gaz.country_of_demonym(w))}
        if not countries:
            return found
        prefixes, offsets = gaz.local_prefixes, doc.to_array("IDX").tolist()
        starts = {i: k for k, (i, _, _) in enumerate(found)}
        ends = {end for _, end, _ in found}
        taken = [False] * len(words)
        for i, end, _ in found:
            for t in range(i, end):
                taken[t] = True
        added, dropped = [], set()
        for i, word in enumerate(words):
            if not word[:1].isupper() or (taken[i] and i not in starts) or word not in prefixes:
                continue
            best, form = None, ""
            for j in range(i, min(len(words), i + 4)):
                form += words[j]
                place = gaz.lookup_local(form, countries)
                if place is not None and _whole_words(words, spaces, j + 1):
                    best = (j + 1, form, place)
                form += " " if spaces[j] else ""
            if best is None:
                continue
            end, form, place = best
            mine = [k for k, (s, e, _) in enumerate(found) if i <= s < end]
            if any(found[k][1] > end for k in mine) or (i in starts and found[starts[i]][1] >= end):
                continue
            if end < len(words) and words[end][:1].isupper():
                continue  # part of a longer name
            if not self._named_as_place(words, i, form, ends):
                continue
            dropped.update(mine)
            ends.add(end)
            added.append(
                [i, end, [offsets[i], offsets[i] + len(form), place.name, place.kind, place.country]]
            )
            for t in range(i, end):
                taken[t] = True
        if not added:
            return found
        kept = [f for k, f in enumerate(found) if k not in dropped]
        return sorted(kept + added, key=lambda f: f[0])

    def _towns_the_ner_saw(self, doc: Doc, words: list[str], found: list) -> list:
        """A town no gazetteer knows ("à Tecún Umán", "entre Villamontes et Puerto Busch"): a place for the
        stock NER, named where a place is ("à", "entre", after a place noun or another place)."""
        taken = {t for i, end, _ in found for t in range(i, end)}
        ends = {end for _, end, _ in found}
        lower = [w.lower() for w in words]
        added = []
        for ent in doc.ents:
            i, end = ent.start, ent.end
            if ent.label_ != "LOC" or end - i > 3 or any(t in taken for t in range(i, end)) or i < 2:
                continue
            if not all(w[:1].isupper() and not w.isupper() for w in words[i:end] if w.isalpha()):
                continue  # "AGN", "de la" inside: an acronym or a phrase, not a town
            if any(
                fold(w) in self.not_places or fold(w).rstrip("s") in self.not_places for w in words[i:end]
            ):
                continue  # "entre États"
            if in_place_position(lower, i, self.place_nouns, ends, self.list_links):
                added.append([i, end, [ent.start_char, ent.end_char, ent.text, "city", None]])
                ends.add(end)
        return sorted(found + added, key=lambda f: f[0]) if added else found

    def _named_as_place(self, words: list[str], i: int, form: str, ends: set[int]) -> bool:
        """A place noun just before ("région des Plateaux", "province du Free State"), else a locative word
        ("à Podor", "de Ouanaminthe") or a list of places ("à Tindouf et Zouérat") for a name that is not
        also an ordinary word."""
        k = i - 1
        while k >= 0 and words[k].lower() in CONNECTORS:
            k -= 1
        if k >= 0 and k < i - 1 and words[k].lower() in self.place_nouns:
            return True
        if k >= 0 and k == i - 1 and words[k].lower() in self.place_nouns:
            return True  # "la région Centrale"
        if form in self.generic or i == 0:
            return False
        before = words[i - 1].lower()
        if before in ("de", "d'", "d’"):
            return i < 2 or not words[i - 2][:1].isupper()  # "Banque de Tindouf" is a name
        if before in self.links:
            return True
        return before in self.list_links and i - 1 in ends


def in_place_position(
    lower: list[str], i: int, place_nouns: frozenset[str], place_ends: set[int], links=("et", "ou")
) -> bool:
    """Token i is where a place is named: after "à" or "entre", after a place noun and "de" ("la ville de
    X"), after "à Y et", or after one of `links` that follows a place ("à Tindouf et X": the place's token
    end is in `place_ends`)."""
    before = lower[i - 1] if i else ""
    if before in ("à", "entre"):
        return True
    if before in ("de", "d'", "d’"):
        return i > 1 and lower[i - 2] in place_nouns
    if before == "et" and i > 2 and lower[i - 3] == "à":
        return True  # "à Y et X"
    return before in links and i - 1 in place_ends


def _natural(text: str) -> str:
    return " ".join(natural_case(word) for word in text.split(" "))


def _whole_words(words: list[str], spaces: list[int], end: int) -> bool:
    """A match must not be glued to a following hyphen word ("Mali-Russie" is fine, "Congo-" part is not)."""
    glued = end + 1 < len(words) and words[end] == "-" and not spaces[end - 1]
    # "Abidjan-Lagos" joins two names; "Congo-" followed by a lowercase word is another word.
    return not glued or words[end + 1][:1].isupper()


def _bracketed(words: list[str], start: int, end: int) -> bool:
    return start > 0 and end < len(words) and words[start - 1] == "(" and words[end] == ")"
