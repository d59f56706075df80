"""What every agreement stage reads: sentences and paragraphs, cue words, and the entities found upstream.

Built once per document from plain token strings and the upstream components'
plain values; every look-up by character range is a bisection, so each stage
stays linear in the length of the text whatever it contains.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .._common import doc_text, header_line, token_words
from .vocabulary import words

BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "▪", "►", "o"})
NUMBERED = re.compile(r"^(\d{1,2}|[ivx]{1,4}|[a-h])[.)°\-–/]$|^\d{1,2}[-–)]?$", re.IGNORECASE)
CLAUSE_BREAKS = frozenset({";", ":", "(", ")", "•"})
# How far a clause or "the sentence" reaches from a token: real sentences are shorter, and a text
# with no full stop must not make every rule read all of it.
REACH = 60
# Words that open a person's portfolio: a sector word after them names an office, not a subject.
PORTFOLIO_HEADS = words("portfolio_head")
CONNECTORS = frozenset({"de", "du", "des", "la", "le", "l'", "l’", "d'", "d’", "et", "en", "aux", "au", "à"})


@dataclass(slots=True)
class Sentence:
    index: int
    start: int  # token indices
    end: int
    start_char: int
    end_char: int
    paragraph: int
    header: bool = False  # a title or header line above the body
    noise: bool = False  # a "Lire aussi : ..." line: another article's headline
    list_item: bool = False  # opens with a bullet or an item number


@dataclass(slots=True)
class Spans:
    """Items sorted by start offset, with a bisection look-up of those inside a character range."""

    items: list = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, items, start) -> Spans:
        ordered = sorted(items, key=start)
        return cls(ordered, [start(item) for item in ordered])

    def within(self, lo: int, hi: int, end=None) -> list:
        out = []
        for k in range(bisect_left(self.starts, lo), len(self.items)):
            if self.starts[k] >= hi:
                break
            if end is None or end(self.items[k]) <= hi:
                out.append(self.items[k])
        return out


@dataclass(slots=True)
class Person:
    start: int
    end: int
    name: str
    titles: tuple[str, ...]
    country: str | None = None


class Context:
    """The document as the agreement stages see it."""

    def __init__(self, doc: Doc, cue_matches: dict[str, list[tuple[int, int]]], demonyms=frozenset()) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.words = token_words(doc)
        self.lower = [w.lower() for w in self.words]
        self.idx = doc.to_array("IDX").tolist()
        self.n = len(self.words)
        self.sents = self._sentences(doc, {s for s, _ in cue_matches.get("noise_line", [])})
        self.sent_of = [0] * self.n
        for sent in self.sents:
            for t in range(sent.start, sent.end):
                self.sent_of[t] = sent.index
        # Cue words by role: role -> sorted (start, end) token ranges, and per token the roles it opens.
        self.cues = {role: sorted(spans) for role, spans in cue_matches.items()}
        self.cue_at: dict[int, dict[str, int]] = {}
        for role, spans in self.cues.items():
            for start, end in spans:
                self.cue_at.setdefault(start, {})[role] = max(end, self.cue_at.get(start, {}).get(role, 0))
        persons = [
            Person(s, e, p["name"], tuple(p.get("titles", ())), p.get("country"))
            for p in doc._.accord_persons or []
            for s, e in p["mentions"]
        ]
        self.persons = Spans.of(persons, lambda p: p.start)
        self.places = Spans.of(doc._.accord_places or [], lambda p: p[0])
        orgs = []
        for org in doc._.accord_organizations or []:
            orgs.append((org["start"], org["end"], org))
            orgs += [(s, e, org) for s, e in org.get("extra_mentions", [])]
        self.orgs = Spans.of(orgs, lambda o: o[0])
        self.dates = Spans.of(list(enumerate(doc._.accord_dates or [])), lambda d: d[1]["start"])
        self.sectors = Spans.of(doc._.accord_sectors or [], lambda s: s[1])
        self.demonym_words = demonyms
        self.event_year: int | None = None
        self.instrument_at: dict[int, str | None] = {}

    # -- tokens and characters -----------------------------------------------------------

    def char_end(self, token: int) -> int:
        """End offset of token `token - 1`, i.e. the character end of a span ending before `token`."""
        if token <= 0:
            return 0
        return self.idx[token - 1] + len(self.words[token - 1])

    def token_at(self, char: int) -> int:
        """The first token starting at or after `char`."""
        return bisect_left(self.idx, char)

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.idx[start] : self.char_end(end)] if start < end else ""

    def has_cue(self, role: str, lo: int, hi: int) -> bool:
        """A cue of that role starting in tokens [lo, hi)."""
        spans = self.cues.get(role, [])
        k = bisect_left(spans, (lo, -1))
        return k < len(spans) and spans[k][0] < hi

    def cues_in(self, role: str, lo: int, hi: int) -> list[tuple[int, int]]:
        spans = self.cues.get(role, [])
        out = []
        for k in range(bisect_left(spans, (lo, -1)), len(spans)):
            if spans[k][0] >= hi:
                break
            out.append(spans[k])
        return out

    def clause(self, token: int, reach: int = REACH) -> tuple[int, int]:
        """Tokens of the clause around `token`: its sentence cut at semicolons, colons and brackets, and
        at most `reach` tokens each way (a text without full stops is not one clause)."""
        sent = self.sents[self.sent_of[token]]
        lo, floor = token, max(sent.start, token - reach)
        while lo > floor and self.words[lo - 1] not in CLAUSE_BREAKS:
            lo -= 1
        hi, ceiling = token, min(sent.end, token + reach)
        while hi < ceiling and self.words[hi] not in CLAUSE_BREAKS:
            hi += 1
        return lo, hi

    def window(self, token: int, reach: int = 2 * REACH) -> tuple[int, int]:
        """The sentence of `token`, at most `reach` tokens each way: what "the sentence" means to a rule."""
        sent = self.sents[self.sent_of[token]]
        return max(sent.start, token - reach), min(sent.end, token + reach)

    def in_portfolio(self, token: int, reach: int = 10) -> bool:
        """ "le ministre de l'Agriculture et de la Pêche": a word inside a person's portfolio."""
        i = token - 1
        while i >= max(0, token - reach):
            word = self.lower[i]
            if word in PORTFOLIO_HEADS:
                return True
            if word == "," and i + 1 < self.n and self.lower[i + 1] in ("de", "du", "des", "d'", "d’"):
                i -= 1
                continue
            if word in CONNECTORS or self.words[i][:1].isupper() or _adjective(word):
                i -= 1
                continue
            return False
        return False

    # -- sentences -------------------------------------------------------------------------

    def _sentences(self, doc: Doc, noise_starts: set[int]) -> list[Sentence]:
        sents: list[Sentence] = []
        paragraph = 0
        for k, span in enumerate(doc.sents):
            start, end = span.start, span.end
            if k and _breaks_paragraph(self.words, start):
                paragraph += 1
            first = next((t for t in range(start, end) if self.words[t].strip()), start)
            sents.append(
                Sentence(
                    index=k,
                    start=start,
                    end=end,
                    start_char=self.idx[start] if start < self.n else len(self.text),
                    end_char=self.char_end(end),
                    paragraph=paragraph,
                    list_item=first < end and _item_marker(self.words, first),
                )
            )
        # Header lines: the leading short lines without a final full stop (titles, communiqué headers,
        # "[ 04-03-2025. 10h20]"); every sentence that starts on one of them is a header sentence.
        pos, lines = 0, 0
        header_end = 0
        while pos < len(self.text) and lines < 12 and pos < 900:
            nl = self.text.find("\n", pos)
            line_end = len(self.text) if nl == -1 else nl
            line = self.text[pos:line_end].strip()
            if line:
                if not header_line(line) or line_end >= len(self.text.rstrip()):
                    break
                header_end = line_end
                lines += 1
            pos = line_end + 1
        for sent in sents:
            if sent.start_char >= header_end:
                break
            sent.header = True
        noisy_line = False
        for sent in sents:
            first = next((t for t in range(sent.start, sent.end) if self.words[t].strip()), sent.start)
            line_start = sent.start == 0 or _breaks_paragraph(self.words, sent.start)
            if line_start:
                noisy_line = first in noise_starts
            sent.noise = noisy_line
        return sents

    def sentence_text(self, k: int) -> str:
        s = self.sents[k]
        return self.text[s.start_char : s.end_char]


def _breaks_paragraph(words: list[str], start: int) -> bool:
    return start > 0 and "\n" in words[start - 1]


def _item_marker(words: list[str], first: int) -> bool:
    """A bullet, "1-", "2)", "a)", "(i)", "(1)", "premièrement": the opening of a list item."""
    word = words[first]
    if word in BULLETS:
        return True
    nxt = words[first + 1] if first + 1 < len(words) else ""
    if word == "(" and first + 2 < len(words) and words[first + 2] == ")":
        return bool(re.fullmatch(r"\d{1,2}|[ivx]{1,4}|[a-h]", words[first + 1], re.IGNORECASE))
    if nxt in (")", "-", "–", ".", "/") and re.fullmatch(r"\d{1,2}|[ivx]{1,4}|[a-h]", word, re.IGNORECASE):
        return True
    return bool(NUMBERED.match(word)) and nxt[:1] not in ("%",)


def _adjective(word: str) -> bool:
    return (
        word.isalpha()
        and word.islower()
        and word.endswith(
            ("al", "ale", "aux", "ique", "iques", "aire", "aires", "ien", "ienne", "el", "elle", "if", "ive")
        )
    )
