"""The records the stages pass along: an agreement item, the event, a counted group; and how two titles
compare."""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import Context
from .lists import DomainList
from .mentions import Mention
from .vocabulary import words

# Words of a title that say nothing about which instrument it is.
GENERIC = words("generic_title_word")


CONTINUATION_STARTS = frozenset(
    {"il", "elle", "ce", "cet", "cette", "le", "la", "l'", "l’", "ledit", "ladite"}
)


@dataclass(slots=True)
class Item:
    mention: Mention
    instrument: str
    seg: tuple[int, int]  # tokens of its own words
    domain: tuple[int, int] | None = None
    summary: bool = False  # opened in the headline or in a lead sentence that lists instruments
    refs: list[Mention] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    own_sentence: bool = True  # the only item opened in its sentence
    sectors: frozenset[str] = frozenset()  # the sectors its title or domain names
    provisional: bool = False  # a lead's or headline's summary: a detailed item later may replace it
    mention_word: str = ""  # the instrument word as written, lowercased ("accords", "ententes")
    loose: set[int] = field(default_factory=set)  # starts of refs that name no agreement in particular


@dataclass(slots=True)
class Event:
    count: int | None = None
    count_sent: int | None = None
    headline_count: int | None = None
    signing_sents: list[int] = field(default_factory=list)
    pending_lists: list[DomainList] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


@dataclass(slots=True)
class Group:
    """ "trois protocoles d'entente": a counted instrument whose domains may come later."""

    mention: Mention
    count: int
    distributed: bool = False


def distribute(ctx: Context, dl: DomainList, m: Mention) -> list[Item]:
    instrument = m.instrument or "accord"
    return [
        Item(
            m,
            instrument,
            (lo, hi),
            domain=(lo, hi),
            words=content_words(ctx, lo, hi),
            own_sentence=False,
            provisional=True,
            mention_word=ctx.lower[m.start],
        )
        for lo, hi in dl.items
    ]


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if a <= b or b <= a:
        return True
    return len(a & b) / len(a | b) >= 0.5


def title_words(ctx: Context, m: Mention) -> frozenset[str]:
    return content_words(ctx, m.end, m.title_end)


def content_words(ctx: Context, lo: int, hi: int) -> frozenset[str]:
    return frozenset(
        _stem(w)
        for w in ctx.lower[lo:hi]
        if w.isalpha() and len(w) > 2 and w not in GENERIC and w not in ctx.demonym_words
    )


def _stem(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 4 else word
