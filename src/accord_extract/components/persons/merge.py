"""One person per individual: full names, parts of them ("M. Ouédraogo"), and a misspelt repeat
("Bouzeghoub" then "Bouzegoub"), compared with rapidfuzz. Look-ups go through indexes of name parts,
so a text of thousands of capitalised words costs time linear in its length."""

from __future__ import annotations

from bisect import bisect_left, insort

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from ...places import fold
from .._common import NAME_PARTICLES, Intervals, is_all_caps, is_name_token, natural_case, token_words

# A repeat of a name whose spelling differs this little is the same name (rapidfuzz ratio, 0-100).
SAME_NAME = 88
MIN_FUZZY_LENGTH = 5


def merge_persons(
    doc: Doc, names: list[Span], cue_at, blocked: Intervals, titles, sent_starts: list[int], dynastic: dict
) -> list[dict]:
    persons: list[dict] = []
    by_key: dict[str, dict] = {}
    by_part: dict[str, list[dict]] = {}
    singles = []

    def add(person: dict, span: Span) -> None:
        mention = [span.start_char, span.end_char]
        if mention not in person["mentions"]:
            person["mentions"].append(mention)
        sent_start = sent_starts[span.start] if sent_starts else 0
        found_titles, honorifics, ranks, country = titles.read(doc, span, cue_at, sent_start)
        if span.start_char in dynastic:
            honorifics = [*honorifics, dynastic[span.start_char]]
        for key, values in (("titles", found_titles), ("honorifics", honorifics), ("ranks", ranks)):
            for value in values:
                if value not in person[key]:
                    person[key].append(value)
        person["country"] = person["country"] or country

    def find(span: Span) -> dict | None:
        parts = _parts(span)
        if not parts:
            return None
        for person in by_part.get(min(parts), []):
            if parts <= person["_parts"]:
                return person
        return _fuzzy(span, parts, by_part)

    def new_or_known(span: Span) -> None:
        key = fold(span.text)
        person = by_key.get(key) or find(span)
        if person is None:
            person = {
                "name": _canonical(span),
                "titles": [],
                "honorifics": [],
                "ranks": [],
                "country": None,
                "mentions": [],
                "_parts": _parts(span),
            }
            persons.append(person)
            for part in person["_parts"]:
                by_part.setdefault(part, []).append(person)
            by_key[key] = person
        add(person, span)

    pairs = []
    for span in sorted(names, key=lambda s: s.start):
        words = [t for t in span if t.lower_ not in NAME_PARTICLES or t.i not in (span.start, span.end - 1)]
        if len(words) == 1 and not any(t.is_title or is_all_caps(t) for t in words):
            continue
        if len(span) == 1:
            singles.append(span)
        elif _pair_shaped(span):
            pairs.append(span)
        else:
            new_or_known(span)
    for span in pairs:
        halves = [span[0:1], span[2:3]]
        found = [_by_surname(half, by_part) for half in halves]
        if found[0] is not None and found[1] is not None and found[0] is not found[1]:
            for person, half in zip(found, halves, strict=True):
                add(person, half)  # "le tandem Adou-Zoungrana": the two ministers named before
        else:
            new_or_known(span)
    for span in singles:
        person = find(span)
        if person is not None:
            add(person, span)
    _surnames(doc, persons, cue_at, blocked, add)
    for person in persons:
        person.pop("_parts")
        person["mentions"].sort()
    return persons


def _surnames(doc: Doc, persons: list[dict], cue_at, blocked: Intervals, add) -> None:
    """Bare surnames later in the text: "le Président Morel", "KONÉ a déclaré", "M. Bouzegoub"."""
    surnames: dict[str, dict] = {}
    for person in persons:
        for word in [fold(w) for w in person["name"].split()][1:]:
            if word not in NAME_PARTICLES:
                surnames.setdefault(word, person)
    if not surnames:
        return
    by_prefix: dict[str, list[str]] = {}
    for word in surnames:
        by_prefix.setdefault(word[:3], []).append(word)
    taken = sorted(tuple(m) for p in persons for m in p["mentions"])
    starts = [s for s, _ in taken]
    for i, word in enumerate(token_words(doc)):
        if not word[:1].isupper() or i in cue_at:
            continue
        key = fold(word)
        target = surnames.get(key)
        if target is None and len(key) >= MIN_FUZZY_LENGTH:
            near = [w for w in by_prefix.get(key[:3], []) if fuzz.ratio(w, key) >= SAME_NAME]
            target = surnames[near[0]] if len(near) == 1 else None
        if target is None:
            continue
        token = doc[i]
        if not is_name_token(token):
            continue
        span = (token.idx, token.idx + len(token.text))
        k = bisect_left(starts, span[0])
        if (k < len(taken) and taken[k][0] < span[1]) or (k and taken[k - 1][1] > span[0]):
            continue
        if blocked.overlaps(*span):
            continue
        add(target, doc[i : i + 1])
        insort(taken, span)
        starts.insert(bisect_left(starts, span[0]), span[0])


def _fuzzy(span: Span, parts: set[str], by_part: dict[str, list[dict]]) -> dict | None:
    """A name whose parts are a known person's, one of them spelt a letter or two differently
    ("Mbarga Nkollo" for "Jean-Claude Mbarga Nkolo")."""
    seen = {id(p): p for part in parts for p in by_part.get(part, [])}
    for person in seen.values():
        known = person["_parts"]
        odd = parts - known
        if len(odd) != 1 or len(parts) < 2:
            continue
        a = next(iter(odd))
        if len(a) >= 4 and any(len(b) >= 4 and fuzz.ratio(a, b) >= SAME_NAME - 10 for b in known - parts):
            return person
    return None


def _pair_shaped(span: Span) -> bool:
    return len(span) == 3 and span[1].text == "-" and not span[0].whitespace_ and not span[1].whitespace_


def _by_surname(half: Span, by_part: dict[str, list[dict]]) -> dict | None:
    """The one known person whose name ends with this word."""
    word = fold(half.text)
    known = [p for p in by_part.get(word, []) if fold(p["name"].split()[-1]) == word]
    return known[0] if len(known) == 1 else None


def _parts(span: Span) -> set[str]:
    return {fold(t.text) for t in span if t.lower_ not in NAME_PARTICLES}


def _canonical(span: Span) -> str:
    words = []
    for token in span:
        word = natural_case(token.text)
        words.append(word + (" " if token.whitespace_ else ""))
    return "".join(words).strip()
