"""Items of one article reconciled: a headline's and a lead's summary merged with the body's details,
summary items put in their text order, and the stated count's arbiter role."""

from __future__ import annotations

from bisect import bisect_right

from .context import Context
from .items import Event, Item, compatible, distribute
from .mentions import Mention


def merge_headline(headline: list[Item], items: list[Item]) -> list[Item]:
    """A headline's instrument is the body's, when the body names one like it or one of its subject (the
    headline's "pacte gazier" is the body's "contrat de fourniture de gaz"); else it stands alone."""
    kept = []
    for h in headline:
        if not any(i.instrument == h.instrument or h.sectors & i.sectors for i in items):
            kept.append(h)
    return kept + items


def in_text_order(items: list[Item], summary: set[int]) -> list[Item]:
    """Items by `_position`; a summary item the body does not detail stays right after the sibling
    before it in the summary's own order ("santé, enseignement supérieur, énergies, sport")."""
    keys: dict[int, float] = {}
    previous: dict[int, float] = {}
    order = sorted(range(len(items)), key=lambda n: (items[n].domain or (items[n].mention.start,))[0])
    for n in order:
        item = items[n]
        key = float(_position(item, summary))
        if item.provisional and item.mention.sent in summary and not _detailed(item):
            sibling = previous.get(id(item.mention))
            key = sibling + 0.5 if sibling is not None else key
        keys[n] = key
        if item.provisional:
            previous[id(item.mention)] = key
    return [items[n] for n in sorted(keys, key=lambda n: (keys[n], n))]


def _detailed(item: Item) -> bool:
    return any(
        r.sent > item.mention.sent and r.start not in item.loose and (r.det == "ordinal" or not r.plural)
        for r in item.refs
    )


def _position(item: Item, summary_sentences: set[int]) -> int:
    """Where an agreement stands in the text order: its mention; for a summary item (a lead that counts
    the instruments by domain and names none) that the body details later, that detail's place."""
    if not item.provisional or item.mention.sent not in summary_sentences:
        return item.mention.start
    details = [
        r.start
        for r in item.refs
        if r.sent > item.mention.sent and r.start not in item.loose and (r.det == "ordinal" or not r.plural)
    ]
    return min(details) if details else (item.domain or (item.mention.start,))[0]


def clause_end(ctx: Context, m: Mention, starts: list[int]) -> int:
    """The end of the mention's clause, or the next mention in it: the words that describe it."""
    _, hi = ctx.clause(m.start)
    k = bisect_right(starts, m.start)
    return min(hi, starts[k]) if k < len(starts) else hi


def ctx_word(item: Item) -> str:
    return item.mention_word


def merge_provisional(items: list[Item], reach: int = 60) -> list[Item]:
    """A lead that counts the instruments by domain ("dix accords couvrant l'investissement, l'énergie
    ...") and a body that details them: each detailed item replaces the summary item of its domain.
    A count of "accords" or "textes" names agreements in general, so any instrument may detail it.
    The details are looked for among the next `reach` items."""
    out: list[Item | None] = list(items)
    where = {id(item): n for n, item in enumerate(items)}
    for a in [i for i in items if i.provisional]:
        pos = where.get(id(a))
        if pos is None:
            continue
        generic = a.mention.strength == "carrier" or a.mention.instrument is None or ctx_word(a) == "accords"
        twin = next(
            (
                b
                for b in out[pos + 1 : pos + 1 + reach]
                if b is not None
                and (not b.provisional or b.mention.sent > a.mention.sent)
                and b.mention.start > a.mention.start
                and (generic or b.instrument == a.instrument)
                and (
                    (a.sectors and a.sectors & b.sectors)
                    or (a.words and b.words and compatible(a.words, b.words))
                )
            ),
            None,
        )
        if twin is None:
            continue
        twin.refs.append(a.mention)
        out[where.pop(id(twin))] = None
        out[pos] = twin
        where[id(twin)] = pos
        del where[id(a)]
    return [item for item in out if item is not None]


def mark_shared_sentences(items: list[Item]) -> None:
    by_sent: dict[int, int] = {}
    for item in items:
        by_sent[item.mention.sent] = by_sent.get(item.mention.sent, 0) + 1
    for item in items:
        if by_sent[item.mention.sent] > 1:
            item.own_sentence = False


def reconcile_with_count(ctx: Context, items: list[Item], event: Event) -> None:
    """Fewer items than the stated count: a distributive list not used yet may hold the rest.
    More: a summary (headline, lead) named some of them twice."""
    count = event.count if event.count is not None else event.headline_count
    if count is None:
        return
    if len(items) < count:
        for dl in event.pending_lists:
            if len(dl.items) == count - len(items) or (not items and len(dl.items) <= count):
                items += distribute(ctx, dl, dl.mention)
                break
    if len(items) > count:
        _merge_duplicates(items, count)


def _merge_duplicates(items: list[Item], count: int) -> None:
    """Drop a summary item (or an earlier one) that a later item of the same instrument and title repeats."""
    k = 0
    while len(items) > count and k < len(items):
        a = items[k]
        twin = next(
            (
                b
                for b in items[k + 1 : k + 61]
                if b.instrument == a.instrument
                and b.mention.sent != a.mention.sent
                and (
                    (a.summary and (not a.words or not b.words or compatible(a.words, b.words)))
                    or (a.words and b.words and compatible(a.words, b.words))
                )
            ),
            None,
        )
        if twin is not None:
            twin.refs.append(a.mention)
            items.pop(k)
            continue
        k += 1
