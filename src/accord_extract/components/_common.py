"""Shared helpers for the components: extensions, phrase matchers from lexicons, token tests."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

EXTENSIONS = (
    "accord_places",
    "accord_organizations",
    "accord_persons",
    "accord_dates",
    "accord_sectors",
    "accord_agreements",
    "accord_warnings",
    "accord_meta",
)

FUNCTION_WORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l'",
        "l’",
        "d'",
        "d’",
        "et",
        "en",
        "pour",
        "sur",
        "à",
        "au",
        "aux",
    ]
)
NAME_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "da",
        "dos",
        "das",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ben",
        "bin",
        "ibn",
        "ould",
        "ag",
        "al",
        "el",
        "le",
        "la",
        "ter",
        "mac",
    ]
)
APOSTROPHES = "'’"


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def phrase_matcher(nlp, groups: dict[str, Iterable[str]], attr: str = "ORTH") -> PhraseMatcher:
    """A PhraseMatcher whose match ids are the group keys (sector ids, cue types...). Every term is
    added with both apostrophes ("d'État" and "d’État"): press text uses either."""
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for key, terms in groups.items():
        variants = set()
        for term in terms:
            variants |= {term, term.replace("'", "’"), term.replace("’", "'")}
        docs = list(nlp.tokenizer.pipe(sorted(variants)))
        if attr == "LOWER":
            docs = [d for d in docs if len(d)]
        matcher.add(key, docs)
    return matcher


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def is_name_token(token: Token) -> bool:
    """Capitalised or ALL-CAPS word, possibly hyphenated: a candidate piece of a proper name."""
    text = token.text.strip(APOSTROPHES)
    if not text or not text[0].isupper():
        return False
    return all(ch.isalpha() or ch in "-'’." for ch in text) and any(ch.isalpha() for ch in text)


def is_all_caps(token: Token) -> bool:
    letters = [ch for ch in token.text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def natural_case(word: str) -> str:
    """TRAORÉ -> Traoré; keeps hyphen and apostrophe parts capitalised (BEN-SALEH -> Ben-Saleh)."""
    if not any(ch.isalpha() for ch in word) or not word.isupper() or len(word) < 2:
        return word
    out, upper_next = [], True
    for ch in word:
        out.append(ch.upper() if upper_next else ch.lower())
        upper_next = ch in "-'’ "
    return "".join(out)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_chars(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def doc_text(doc: Doc) -> str:
    """`doc.text` joins every token on each call; the components read it often, so keep one copy."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def token_words(doc: Doc) -> list[str]:
    """Every token's text, read from the offsets in one pass: no Token objects are built."""
    words = doc.user_data.get(_WORDS_KEY)
    if words is None:
        text = doc_text(doc)
        words = [text[i : i + n] for i, n in doc.to_array(["IDX", "LENGTH"]).tolist()]
        doc.user_data[_WORDS_KEY] = words
    return words


def drop_text_cache(doc: Doc) -> None:
    """Called by the last component so the cached copies do not travel with the doc between processes."""
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(_WORDS_KEY, None)


def sentence_starts(doc: Doc) -> list[int]:
    """The index of the first token of each token's sentence, in one pass (Span.sent walks each time)."""
    starts, current = [], 0
    for i, flag in enumerate(doc.to_array("SENT_START")):
        if flag == 1 or i == 0:
            current = i
        starts.append(current)
    return starts


_TEXT_KEY = ("accord_extract", "text")
_WORDS_KEY = ("accord_extract", "words")


class Intervals:
    """Character ranges, asked whether a range overlaps any of them in O(log n): sorted starts and a
    running maximum of the ends. Rebuilt, not updated: components build one per question they ask."""

    def __init__(self, spans) -> None:
        ordered = sorted((s, e) for s, e in spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        best = -1
        for _, e in ordered:
            best = max(best, e)
            self.max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start

    def __len__(self) -> int:
        return len(self.starts)


def header_line(line: str) -> bool:
    """A title or header line: short, and not ended by a sentence's full stop (a bracketed time stamp is),
    nor by what opens or goes on with a list ("ont signé les textes suivants :", "- un accord ... ;")."""
    if len(line) > 220:
        return False
    return line[-1] not in ".!?…»:;," or line.startswith("[")
