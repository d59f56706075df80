"""Later mentions that name an agreement already opened: by its rank ("Le premier a été paraphé par"),
by its instrument ("l'échange de notes"), by its title words or sectors ("la convention sanitaire"), by
its head word ("le protocole agricole") or by its bodies' acronyms ("le mémorandum SONIDEP-CNPC")."""

from __future__ import annotations

from .context import Context
from .items import Item, compatible
from .mentions import Mention

# A reference reads back at most this many agreements, an ordinal this many: enough for any article's
# list (15 is the most the press reports at once), and the cost stays linear in a text without end.
RECENT = 60
LIST_REACH = 200


def refer_ordinal(items: list[Item], m: Mention) -> bool:
    """ "Le premier a été paraphé par ...": the n-th agreement already opened (detailed ones first, else
    the ones a lead or a count summarised)."""
    recent = items[-LIST_REACH:]
    explicit = [i for i in recent if not i.provisional]
    pool = explicit if len(explicit) >= (m.ordinal or 0) else [i for i in recent if i.provisional]
    # "Trois des conventions concernent A, B et C. La première ..., la deuxième ...": the list just before.
    before = [i.mention.sent for i in recent if i.mention.sent < m.sent]
    if before and m.sent - max(before) <= 2:
        latest = [i for i in recent if i.mention.sent == max(before)]
        if len(latest) >= max(2, m.ordinal or 0):
            pool = latest
    if not m.ordinal or len(pool) < m.ordinal:
        return False
    target = pool[m.ordinal - 1]
    if target.refs and not target.summary:
        return False
    if m.instrument is not None and target.instrument != m.instrument and not target.summary:
        return False
    target.refs.append(m)
    if target.summary and m.instrument:
        target.summary = False
    return True


def refer_last(items: list[Item], m: Mention, ctx: Context | None = None) -> None:
    """The latest agreement of its instrument (of its kind, for "autre": "l'échange de notes")."""
    recent = list(reversed(items[-RECENT:]))
    if ctx is not None and m.instrument == "autre":
        recent = [i for i in recent if same_kind(ctx, i.mention, m)] or recent
    for item in recent:
        if m.instrument is None or item.instrument == m.instrument:
            item.refs.append(m)
            item.loose.add(m.start)
            return


def refer_all(items: list[Item], m: Mention) -> None:
    for item in items[-RECENT:]:
        if m.instrument is None or item.instrument == m.instrument:
            item.refs.append(m)
            item.loose.add(m.start)


def matching(items: list[Item], m: Mention, words: frozenset[str], ctx: Context | None = None) -> Item | None:
    """An agreement already opened that this definite mention names again: same instrument, and the
    same title words or the same sectors ("la convention sanitaire" for "la convention dans le domaine
    de la santé")."""
    sectors = span_sectors(ctx, m.start, m.title_end) if ctx is not None and words else frozenset()
    acronyms = acronyms_in(ctx, m.end, m.title_end) if ctx is not None else frozenset()
    for item in reversed(items[-RECENT:]):
        if item.instrument != m.instrument and not same_head(ctx, item.mention, m):
            continue
        if ctx is not None and m.instrument == "autre" and not same_kind(ctx, item.mention, m):
            continue  # "autre" is many kinds: "le plan d'action" does not name "un échange de notes" again
        if acronyms and acronyms <= acronyms_in(ctx, item.mention.start, sentence_reach(ctx, item.mention)):
            return item  # "le mémorandum SONIDEP-CNPC": the one between "(SONIDEP)" and "(CNPC)"
        if not words:
            return item if not item.words or item.summary else None
        if item.words and compatible(item.words, words):
            return item
        if sectors and ctx is not None:
            lo, hi = item.domain or (item.mention.start, item.mention.title_end)
            if span_sectors(ctx, lo, hi) == sectors:
                return item
    return None


def acronyms_in(ctx: Context, lo: int, hi: int) -> frozenset[str]:
    return frozenset(
        part
        for w in ctx.words[lo:hi]
        for part in w.split("-")
        if len(part) > 1 and part.isupper() and part.isalpha()
    )


def sentence_reach(ctx: Context, m: Mention, reach: int = 40) -> int:
    return min(m.start + reach, ctx.sents[m.sent].end)


def same_head(ctx: Context | None, a: Mention, b: Mention) -> bool:
    """ "le protocole agricole" names "un protocole d'entente dans le domaine de l'agriculture" again."""
    return ctx is not None and b.strength == "weak" and ctx.lower[a.start] == ctx.lower[b.start]


def same_kind(ctx: Context, a: Mention, b: Mention) -> bool:
    return ctx.lower[a.start] == ctx.lower[b.start] or a.strength == "carrier" or b.strength == "carrier"


def span_sectors(ctx: Context, lo: int, hi: int) -> frozenset[str]:
    return frozenset(s for s, *_ in ctx.sectors.within(ctx.idx[lo], ctx.char_end(max(lo + 1, hi))))
