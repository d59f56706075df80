"""Persons: names separated from their titles, honorifics and ranks, merged across mentions.

Names come from the stock NER (PER) once cue words are trimmed off, from the
token after a cue ("S.E.M.", "le Colonel", "le ministre de ..., "), and from
the "Prénom NOM" shape of francophone press. Titles are read from the
contiguous zone of cues and complements before the name and from an
apposition after it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..places import fold, gazetteer
from ..resources import lexicon
from ._common import (
    FUNCTION_WORDS,
    NAME_PARTICLES,
    is_all_caps,
    is_name_token,
    natural_case,
    overlaps,
    phrase_matcher,
    register_extensions,
    sentence_starts,
    token_words,
)

DETERMINERS = frozenset({"le", "la", "les", "l'", "l’", "Le", "La", "Les", "L'", "L’"})
NOT_TITLES = frozenset({"homologue"})
MAX_NAME_TOKENS = 5


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
        self.window = scan_window
        groups: dict[str, list[str]] = {}
        for row in lexicon("person_cues"):
            groups.setdefault(row["type"], []).extend(row["terms"])
        self.cue_words = {fold(t) for terms in groups.values() for t in terms for t in t.split()}
        self.cues = phrase_matcher(nlp, groups)
        self.gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        self._sent_starts = sentence_starts(doc) if doc.has_annotation("SENT_START") else []
        cues = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.cues(doc)])
        cue_at = {t: span for span in cues for t in range(span.start, span.end)}
        blocked = self._blocked(doc)
        names: list[Span] = []
        for ent in doc.ents:
            if ent.label_ == "PER":
                span = self._trim(doc, ent, cue_at)
                if span is not None:
                    names.append(span)
        for cue in cues:
            span = self._after_cue(doc, cue, cue_at)
            if span is not None:
                names.append(span)
        names.extend(self._shape_names(doc, cue_at))
        names = [n for n in filter_spans([_glue_hyphens(n) for n in names]) if self._plausible(n, blocked)]
        persons = self._merge(doc, names, cues, cue_at, blocked)
        # A place or organisation inside a person's name was a misreading ("Lima" as a surname).
        person_spans = [tuple(m) for p in persons for m in p["mentions"]]
        doc._.accord_places = [
            p for p in doc._.accord_places if not any(overlaps((p[0], p[1]), s) for s in person_spans)
        ]
        doc._.accord_organizations = [
            o
            for o in doc._.accord_organizations
            if not any(overlaps((o["start"], o["end"]), s) for s in person_spans)
        ]
        doc._.accord_persons = persons
        return doc

    # -- name candidates ----------------------------------------------------------

    def _blocked(self, doc: Doc) -> list[tuple[int, int]]:
        # Cities do not block: surnames often coincide with a city's name ("Yao", "Carmona").
        spans = [(p[0], p[1]) for p in doc._.accord_places if p[3] != "city"]
        spans += [(o["start"], o["end"]) for o in doc._.accord_organizations]
        return spans

    def _trim(self, doc: Doc, ent: Span, cue_at: dict[int, Span]) -> Span | None:
        start, end = ent.start, ent.end
        while start < end and (
            start in cue_at or not is_name_token(doc[start]) or doc[start].text in DETERMINERS
        ):
            start += 1
        while end > start and not is_name_token(doc[end - 1]):
            end -= 1
        if start >= end:
            return None
        span = self._extend(doc, start, end, cue_at)
        return span

    def _extend(self, doc: Doc, start: int, end: int, cue_at: dict[int, Span]) -> Span:
        """Take the rest of a name the NER cut short ("Président Ousmane" + "KONÉ")."""
        while end < len(doc) and end - start < MAX_NAME_TOKENS and end not in cue_at:
            token = doc[end]
            if is_name_token(token) and not token.is_sent_start and doc[end - 1].whitespace_:
                if fold(token.text) in self.cue_words and not is_all_caps(token):
                    break
                end += 1
            else:
                break
        return doc[start:end]

    def _after_cue(self, doc: Doc, cue: Span, cue_at: dict[int, Span]) -> Span | None:
        """The first name run after a cue, within the cue's title zone."""
        i = cue.end
        limit = min(len(doc), cue.end + self.window)
        while i < limit:
            token = doc[i]
            if token.is_sent_start and i != cue.end:
                return None
            if i in cue_at:
                i = cue_at[i].end
                continue
            if is_name_token(token):
                prev = doc[i - 1]
                after_function_word = (
                    prev.lower_ in FUNCTION_WORDS
                    and prev.i not in cue_at
                    and prev.lower_ not in {"le", "la", "l'", "l’"}
                )
                after_det_in_complement = (
                    prev.lower_ in {"la", "l'", "l’"}
                    and i - 2 >= cue.end
                    and doc[i - 2].lower_ in {"de", "à"}
                )
                j = i
                while (
                    j < len(doc)
                    and j - i < MAX_NAME_TOKENS
                    and j not in cue_at
                    and (
                        is_name_token(doc[j])
                        or (
                            doc[j].lower_ in NAME_PARTICLES
                            and j + 1 < len(doc)
                            and is_name_token(doc[j + 1])
                            and j > i
                        )
                    )
                ):
                    j += 1
                run = doc[i:j]
                if after_function_word or after_det_in_complement or self._is_place_or_demonym(run):
                    i = j
                    continue
                if (
                    len(run) >= 2
                    or is_all_caps(run[0])
                    or (cue.label_ in ("honorific", "rank") and i == cue.end)
                ):
                    return run
                i = j
                continue
            if token.is_punct and token.text not in (",", "-"):
                return None
            # Lowercase complements ("étrangères", "malienne") may continue a title; verbs end it.
            lowercase_word = token.is_alpha and token.is_lower and token.lower_ not in FUNCTION_WORDS
            ends_zone = cue.label_ != "title" or token.lower_ in {"a", "ont", "est", "qui", "avec", "par"}
            if lowercase_word and token.text not in DETERMINERS and ends_zone:
                return None
            i += 1
        return None

    def _shape_names(self, doc: Doc, cue_at: dict[int, Span]) -> list[Span]:
        """ "Prénom NOM": a capitalised given name followed by an ALL-CAPS surname."""
        spans = []
        words = token_words(doc)
        for i in range(len(words) - 1):
            # Cheap string test first; Token objects only for the few candidates.
            if not (words[i][:1].isupper() and len(words[i + 1]) >= 3 and words[i + 1].isupper()):
                continue
            token, nxt = doc[i], doc[i + 1]
            if (
                token.i not in cue_at
                and not token.is_stop
                and token.text not in DETERMINERS
                and is_name_token(token)
                and not is_all_caps(token)
                and is_all_caps(nxt)
                and len(nxt.text) >= 3
                and token.whitespace_
            ):
                span = self._extend(doc, token.i, token.i + 2, cue_at)
                if not self._is_place_or_demonym(span):
                    spans.append(span)
        return spans

    def _is_place_or_demonym(self, span: Span) -> bool:
        return bool(
            self.gazetteer.lookup(span.text)
            or any(_non_city(self.gazetteer.lookup(t.text)) for t in span)
            or self.gazetteer.country_of_demonym(span[0].text)
        )

    def _plausible(self, span: Span, blocked: list[tuple[int, int]]) -> bool:
        words = [t for t in span if t.lower_ not in NAME_PARTICLES]
        if not words or all(fold(t.text) in self.cue_words for t in words):
            return False
        if self.gazetteer.lookup(span.text):
            return False
        if any(overlaps((span.start_char, span.end_char), b) for b in blocked) and not any(
            is_all_caps(t) for t in span[1:]
        ):
            # Inside an organisation or a place, unless it has the Prénom NOM shape.
            return False
        first = span[0]
        if len(span) == 1 and first.is_sent_start and not is_all_caps(first):
            return False  # "Poursuivant", "Ensuite": sentence-initial words the NER calls persons.
        return not (first.is_sent_start and first.text.lower().endswith("ant") and len(span) == 1)

    # -- persons ----------------------------------------------------------------

    def _merge(self, doc, names, cues, cue_at, blocked) -> list[dict]:
        persons: list[dict] = []
        by_key: dict[str, dict] = {}
        singles = []
        for span in sorted(names, key=lambda s: s.start):
            words = [
                t for t in span if t.lower_ not in NAME_PARTICLES or t.i not in (span.start, span.end - 1)
            ]
            if len(words) == 1 and not any(t.is_title or is_all_caps(t) for t in words):
                continue
            if len(span) == 1:
                singles.append(span)
                continue
            key = fold(span.text)
            person = by_key.get(key) or self._find_by_part(persons, span)
            if person is None:
                person = {
                    "name": _canonical(span),
                    "titles": [],
                    "honorifics": [],
                    "ranks": [],
                    "country": None,
                    "mentions": [],
                    "_parts": {fold(t.text) for t in span if t.lower_ not in NAME_PARTICLES},
                }
                persons.append(person)
                by_key[key] = person
            self._add_mention(doc, person, span, cue_at)
        for span in singles:
            person = self._find_by_part(persons, span)
            if person is not None:
                self._add_mention(doc, person, span, cue_at)
        # Bare surnames later in the text: "le Président Morel", "KONÉ a déclaré".
        taken = {tuple(m) for p in persons for m in p["mentions"]}
        surnames: dict[str, dict] = {}
        for person in persons:
            for word in [fold(w) for w in person["name"].split()][1:]:
                surnames.setdefault(word, person)
        words = token_words(doc) if surnames else []
        for i, word in enumerate(words):
            if not word[:1].isupper() or i in cue_at or fold(word) not in surnames:
                continue
            token = doc[i]
            if not is_name_token(token):
                continue
            key = (token.idx, token.idx + len(token.text))
            if any(overlaps(key, t) for t in taken):
                continue
            person = surnames[fold(token.text)]
            if person is not None and not any(overlaps(key, b) for b in blocked):
                self._add_mention(doc, person, doc[token.i : token.i + 1], cue_at)
                taken.add(key)
        for person in persons:
            person.pop("_parts")
            person["mentions"].sort()
        return persons

    def _find_by_part(self, persons: list[dict], span: Span, surname_only: bool = False) -> dict | None:
        parts = {fold(t.text) for t in span if t.lower_ not in NAME_PARTICLES}
        if not parts:
            return None
        for person in persons:
            if surname_only:
                name_parts = [fold(w) for w in person["name"].split()]
                if len(name_parts) > 1 and parts <= set(name_parts[1:]):
                    return person
            elif parts and parts <= person["_parts"]:
                return person
        return None

    def _add_mention(self, doc: Doc, person: dict, span: Span, cue_at: dict[int, Span]) -> None:
        mention = [span.start_char, span.end_char]
        if mention not in person["mentions"]:
            person["mentions"].append(mention)
        titles, honorifics, ranks, country = self._titles(doc, span, cue_at)
        for key, values in (("titles", titles), ("honorifics", honorifics), ("ranks", ranks)):
            for value in values:
                if value not in person[key]:
                    person[key].append(value)
        person["country"] = person["country"] or country

    def _titles(self, doc: Doc, name: Span, cue_at: dict[int, Span]):
        """Cues and their complements in the zone right before the name, and an apposition after it."""
        titles, honorifics, ranks = [], [], []
        country = None
        sent_start = self._sent_starts[name.start] if self._sent_starts else 0
        i = name.start - 1
        zone_start = name.start
        while i >= sent_start:
            token = doc[i]
            if i in cue_at:
                i = cue_at[i].start - 1
                zone_start = i + 1
                continue
            if (
                token.text in DETERMINERS
                or token.text == ","
                or token.lower_ in FUNCTION_WORDS
                or (
                    token.is_alpha
                    and (
                        token.is_title or is_all_caps(token) or self.gazetteer.country_of_demonym(token.text)
                    )
                )
                or (token.is_lower and token.is_alpha and _complement_word(token))
            ):
                i -= 1
                continue
            break
        # Only a zone that contains a cue counts.
        j = zone_start
        while j < name.start:
            if j in cue_at:
                cue = cue_at[j]
                if cue.label_ == "honorific":
                    honorifics.append(cue.text)
                    j = cue.end
                elif cue.label_ == "rank":
                    ranks.append(cue.text)
                    j = cue.end
                else:
                    k = cue.end
                    while k < name.start and k not in cue_at and doc[k].text != ",":
                        k += 1
                    while k > cue.end and (
                        doc[k - 1].text in DETERMINERS or doc[k - 1].lower_ in FUNCTION_WORDS
                    ):
                        k -= 1
                    phrase = doc[cue.start : k]
                    country = country or self._country_in(phrase)
                    if cue.text.lower() not in NOT_TITLES:
                        titles.append(phrase.text)
                    j = max(k, cue.end)
            else:
                j += 1
        # Apposition: "Prénom Nom, ministre des Affaires étrangères, ..."
        k = name.end
        if k + 1 < len(doc) and doc[k].text == "," and (k + 1) in cue_at and cue_at[k + 1].label_ == "title":
            cue = cue_at[k + 1]
            m = cue.end
            while (
                m < len(doc)
                and not doc[m].is_punct
                and not doc[m].is_sent_start
                and m - cue.end < 10
                and (
                    doc[m].lower_ in FUNCTION_WORDS
                    or doc[m].text in DETERMINERS
                    or doc[m].is_title
                    or is_all_caps(doc[m])
                    or _complement_word(doc[m])
                    or self.gazetteer.country_of_demonym(doc[m].text)
                )
            ):
                m += 1
            phrase = doc[cue.start : m]
            country = country or self._country_in(phrase)
            titles.append(phrase.text)
        return titles, honorifics, ranks, country

    def _country_in(self, phrase: Span) -> str | None:
        for token in phrase:
            iso = self.gazetteer.country_of_demonym(token.text)
            if iso:
                return iso
        for start in range(len(phrase)):
            for end in range(len(phrase), start, -1):
                place = self.gazetteer.lookup(phrase[start:end].text)
                if place and place.kind == "country":
                    return place.country
        return None


def _glue_hyphens(span: Span) -> Span:
    """ "Han Seung-min": the tokenizer splits hyphenated given names; a name takes the glued parts."""
    doc, end = span.doc, span.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return doc[span.start : end]


def _non_city(place) -> bool:
    return place is not None and place.kind != "city"


def _complement_word(token: Token) -> bool:
    """Lowercase words inside a function title: "étrangères", "délégué", "malienne"."""
    return (
        token.is_alpha
        and token.is_lower
        and len(token.text) > 3
        and token.text
        not in {"avec", "dans", "pour", "sous", "vers", "chez", "lors", "après", "avant", "entre", "selon"}
        and not token.text.endswith(("é", "ée", "és", "ées"))
    ) or token.text in {"délégué", "déléguée", "chargé", "chargée"}


def _canonical(span: Span) -> str:
    words = []
    for token in span:
        word = natural_case(token.text)
        words.append(word + (" " if token.whitespace_ else ""))
    return "".join(words).strip()
