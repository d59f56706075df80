"""Mentions → the agreements of the event: which mentions open one, which refer back, and the count.

A mention opens an agreement when it is introduced (indefinite, a list item,
a definite first mention with a title not seen before, "un autre") in a
sentence that reports the event's signing or in the zone that follows one.
Demonstratives, possessives and bare definites refer back; plural mentions
open one agreement per domain when they are distributed over a list.
Mentions whose nearest tense cue is past ("signé en 2019", "avait été
conclu") or future ("seront signés", "en vue de leur signature") open
nothing. The headline and the lead may summarise what the body details:
they are merged, and the stated count arbitrates.
"""

from __future__ import annotations

from .context import Context
from .items import Event, Group, Item, compatible, content_words, distribute, title_words
from .lists import domain_list
from .mentions import Mention
from .reconcile import (
    clause_end,
    in_text_order,
    mark_shared_sentences,
    merge_headline,
    merge_provisional,
    reconcile_with_count,
)
from .references import (
    LIST_REACH,
    RECENT,
    matching,
    refer_all,
    refer_last,
    refer_ordinal,
)
from .tense import (
    ITEM_DETERMINERS,
    coordinated,
    event_sentences,
    listed,
    near_signing,
    reference_context,
    tense,
    zone_of,
)
from .vocabulary import words


def build_items(ctx: Context, mentions: list[Mention], event_year: int | None) -> tuple[list[Item], Event]:
    tenses = [tense(ctx, m, event_year) for m in mentions]
    for m, t in zip(mentions, tenses, strict=True):
        m.tense = t
    for n in range(1, len(mentions)):
        # "... des ententes en matière de A et de B, ainsi qu'un accord-cadre appelé à remplacer le
        # dispositif en vigueur depuis 1997": an item coordinated with the one before shares its tense.
        if (
            tenses[n] in ("past", "future")
            and tenses[n - 1] == "event"
            and coordinated(ctx, mentions[n - 1], mentions[n])
        ):
            tenses[n] = "event"
    event = Event(signing_sents=event_sentences(ctx, event_year))
    signing = set(event.signing_sents)
    zone = zone_of(ctx, signing, mentions)
    items: list[Item] = []
    headline: list[Item] = []
    described_by: dict[int, Item] = {}
    announced: set[int] = set()  # "Le second est un protocole ...": an ordinal introduces the next one
    second_heads = {n for n in range(1, len(mentions)) if _second_head(ctx, mentions[n - 1], mentions[n])}
    for n in second_heads:
        if mentions[n].instrument != mentions[n - 1].instrument:
            mentions[n - 1].instrument = None  # a count of several kinds, as "onze textes" would be
    for n, m in enumerate(mentions):
        sent = ctx.sents[m.sent]
        if tenses[n] in ("past", "future") or reference_context(ctx, m):
            continue
        if _inside_title(ctx, mentions[n - 1] if n else None, m) or n in second_heads:
            continue  # inside the previous one's title: "une déclaration sur les négociations d'un accord ..."
        here = tenses[n] == "event" or m.sent in signing
        if sent.noise:
            continue  # "Lire aussi : Le Niger et la Chine signent trois accords"
        if sent.header:
            _headline(ctx, m, event, headline)
            continue
        if not (here or zone[m.sent]):
            continue
        if m.det in ("count", "partitive"):
            _count(ctx, m, event, items)
            continue
        if (
            items
            and items[-1].mention.sent == m.sent
            and ctx.has_cue("form_of", max(0, m.start - 6), m.start)
        ):
            items[-1].refs.append(m)  # "un protocole d'accord qui consigne, sous la forme d'un procès-verbal"
            continue
        if n in described_by:
            described_by.pop(n).refs.append(m)  # the lead's n-th instrument, described again
            continue
        if m.det == "ordinal" and m.strength in ("elliptic", "carrier") and _apposed(ctx, m, mentions, n):
            # "Le premier texte, un accord relatif à ...": the next mention carries the instrument; it is
            # the n-th one of a lead that listed them, when there is such an item of that instrument.
            target = _nth_explicit(items, m.ordinal)
            if target is not None and target.instrument == mentions[n + 1].instrument:
                described_by[n + 1] = target
                target.refs.append(m)
            else:
                announced.add(n + 1)
            continue
        if m.strength == "elliptic":
            _elliptic(ctx, m, items, event)
            continue
        if m.plural:
            dl = domain_list(ctx, m) if m.det in ("plural_indef", "none") else None
            if dl is not None:
                items += distribute(ctx, dl, m)
            elif m.det in ("plural_def", "demonstrative", "none"):
                dl = domain_list(ctx, m)
                group = _group_for(event, m)
                if dl is not None and group is not None and len(dl.items) <= group.count:
                    # "Les protocoles d'entente concernent A, B et C": the counted ones, one per domain.
                    group.distributed = True
                    items += distribute(ctx, dl, group.mention)
                    continue
                if dl is not None:
                    event.pending_lists.append(dl)
                refer_all(items, m)
            continue
        if m.strength == "carrier" or m.det in ("demonstrative", "possessive"):
            words = title_words(ctx, m)
            match = next(
                (i for i in reversed(items[-RECENT:]) if words and i.words and compatible(i.words, words)),
                None,
            )
            if match is not None:
                match.refs.append(m)  # "le texte sur le corridor": the one whose title says so
            elif not words:
                refer_last(items, m)
            continue
        words = title_words(ctx, m)
        if m.det == "ordinal" and refer_ordinal(items, m):
            continue
        if m.det in ("def", "none") or (m.capitalised and m.det != "ordinal"):
            match = matching(items, m, words, ctx)
            if match is not None:
                match.refs.append(m)
                continue
            if not words and m.det == "def" and any(i.instrument == m.instrument for i in items[-RECENT:]):
                refer_last(items, m, ctx)
                continue
        if m.det == "def" and _complement(ctx, m):
            continue  # "l'extension du contrat ...", "la révision de la convention": what it is about
        if m.strength == "weak" and not (
            near_signing(ctx, m)
            or listed(ctx, m)
            or n in announced
            # "un accord sur ... et une entente sur ...", "l'accord sur A, signé par ... ; le protocole ..."
            or (items and coordinated(ctx, items[-1].mention, m))
            or (items and _next_in_list(ctx, items[-1].mention, m))
        ):
            continue
        items.append(Item(m, m.instrument, (m.start, m.title_end), words=words))
    starts = sorted({i.mention.start for i in [*headline, *items]} | {r.start for i in items for r in i.refs})
    for item in [*headline, *items]:
        lo, hi = item.domain or (item.mention.start, clause_end(ctx, item.mention, starts))
        item.sectors = frozenset(s for s, *_ in ctx.sectors.within(ctx.idx[lo], ctx.char_end(hi)))
    items = merge_headline(headline, items)
    items = merge_provisional(items)
    explicit_sentences = {i.mention.sent for i in items if not i.provisional}
    summary = {i.mention.sent for i in items if i.provisional} - explicit_sentences
    items[:] = in_text_order(items, summary)
    mark_shared_sentences(items)
    reconcile_with_count(ctx, items, event)
    return items, event


# -- tense --------------------------------------------------------------------------------


def _inside_title(ctx: Context, previous: Mention | None, m: Mention) -> bool:
    """m complements the title of the instrument before it ("... sur le lancement des négociations d'un
    accord de partenariat"), as opposed to a new item of a list."""
    if previous is None or previous.sent != m.sent or previous.strength == "carrier":
        return False
    if not previous.start < m.start < previous.title_end:
        return False
    k = m.start - 1
    while k > previous.end and ctx.lower[k] in ("un", "une", "le", "la", "l'", "l’", "les"):
        k -= 1
    return ctx.lower[k] in ("de", "d'", "d’", "du", "des", "à", "au", "aux")  # "un avenant à la convention"


def _kind_before(ctx: Context, start: int, reach: int = LIST_REACH) -> int | None:
    """The nearest instrument word of a known kind before token `start`, within reach."""
    for k in range(start - 1, max(-1, start - reach), -1):
        if ctx.instrument_at.get(k):
            return k
    return None


def _second_head(ctx: Context, previous: Mention | None, m: Mention) -> bool:
    """ "onze mémorandums d'entente et accords de coopération": one counted group under two words."""
    return (
        previous is not None
        and previous.det == "count"
        and m.det == "none"
        and m.plural
        and previous.sent == m.sent
        and m.start == previous.end + 1
        and ctx.lower[previous.end] in ("et", "ou")
    )


# -- kinds of mention ---------------------------------------------------------------------------


def _headline(ctx: Context, m: Mention, event: Event, headline: list[Item]) -> None:
    if m.det == "count":
        event.headline_count = event.headline_count or m.count
    elif not m.plural and m.strength in ("strong", "weak") and m.det in ("indef", "none", "def"):
        headline.append(
            Item(m, m.instrument, (m.start, m.title_end), summary=True, words=title_words(ctx, m))
        )


def _count(ctx: Context, m: Mention, event: Event, items: list[Item]) -> None:
    """ "neuf accords", "six textes": the stated count, and one agreement per domain if they are listed."""
    if m.det == "partitive":
        pass  # "Trois des conventions concernent A, B et C": some of those counted before
    elif event.count is None or (event.count_sent is not None and ctx.sents[event.count_sent].header):
        event.count, event.count_sent = m.count, m.sent
    same = [i for i in items[-RECENT:] if m.instrument is not None and i.instrument == m.instrument]
    if same and m.count and len(same) >= m.count:
        for item in same[-m.count :]:
            item.refs.append(m)  # "Quant aux deux mémorandums, ils ont été signés par ..."
        return
    group = Group(m, m.count or 0)
    if m.instrument is not None:
        event.groups.append(group)
    dl = domain_list(ctx, m)
    if dl is None or m.count is None:
        return
    if len(dl.items) <= m.count:
        group.distributed = True
        items += distribute(ctx, dl, m)
    else:
        event.pending_lists.append(dl)


def _group_for(event: Event, m: Mention) -> Group | None:
    """The latest counted group of the same instrument not yet distributed over its domains."""
    for group in reversed(event.groups):
        if not group.distributed and (m.instrument is None or group.mention.instrument == m.instrument):
            return group
    return None


def _elliptic(ctx: Context, m: Mention, items: list[Item], event: Event) -> None:
    """ "un autre dans la recherche", "celui sur la santé", "le second, sur la pêche". Right after a
    count ("deux accords, l'un dans la défense, l'autre dans les mines") they are that count's domains:
    summary items that a later description may detail."""
    if m.ordinal and refer_ordinal(items, m):
        return
    words = content_words(ctx, m.end, m.title_end)
    if m.det == "def" and words:
        match = next((i for i in reversed(items[-RECENT:]) if i.words and compatible(i.words, words)), None)
        if match is not None:
            match.refs.append(m)  # "Celui relatif à l'enseignement supérieur, conclu entre ..."
            if match.provisional and match.mention.instrument is None:
                # "le mémorandum sur l'eau ; celui sur l'énergie": of a count of several kinds, the kind
                # of the instrument it stands for
                before = _kind_before(ctx, m.start)
                if before is not None and ctx.sent_of[before] == m.sent:
                    match.instrument = ctx.instrument_at[before]
            return
    if m.plural:
        return
    group = next(
        (g for g in reversed(event.groups) if g.mention.sent == m.sent and g.mention.start < m.start), None
    )
    if group is not None:
        items.append(
            Item(
                m,
                group.mention.instrument or "accord",
                (m.start, m.title_end),
                domain=(m.end, max(m.end + 1, m.title_end)),
                words=words,
                own_sentence=False,
                provisional=True,
                mention_word=ctx.lower[group.mention.start],
            )
        )
        return
    previous = items[-1] if items else None
    if previous is None and event.count is None:
        return
    instrument = previous.instrument if previous else "accord"
    items.append(Item(m, instrument, (m.start, m.title_end), words=words))


def _nth_explicit(items: list[Item], ordinal: int | None) -> Item | None:
    explicit = [i for i in items[-LIST_REACH:] if not i.provisional]
    if not ordinal or len(explicit) < ordinal:
        return None
    return explicit[ordinal - 1]


def _apposed(ctx: Context, m: Mention, mentions: list[Mention], n: int) -> bool:
    nxt = mentions[n + 1] if n + 1 < len(mentions) else None
    if nxt is None or nxt.sent != m.sent or nxt.strength in ("elliptic", "carrier"):
        return False
    return all(ctx.lower[t] in APPOSITION_LINKS for t in range(m.end, nxt.start))


APPOSITION_LINKS = words("apposition_link")


def _complement(ctx: Context, m: Mention) -> bool:
    """A definite instrument that complements a noun ("l'extension du contrat"), not a list item."""
    k = m.start - 1
    while k >= 0 and ctx.lower[k] in ("la", "le", "l'", "l’", "les"):
        k -= 1
    if k < 0 or ctx.lower[k] not in ("du", "de", "d'", "d’", "des"):
        return False
    head = ctx.lower[k - 1] if k else ""
    return head.isalpha() and head.islower() and head not in NOT_HEADS


NOT_HEADS = words("not_complement_head")


def _next_in_list(ctx: Context, previous: Mention, m: Mention) -> bool:
    """ "L'accord sur l'eau a été signé par A et B ; le protocole sur la santé, par C et D": a weak word
    after a semicolon that closes an item of the same sentence is the next item."""
    if previous.sent != m.sent:
        return False
    k = m.start - 1
    while k > previous.end and ctx.lower[k] in ITEM_DETERMINERS:
        k -= 1
    return ctx.words[k] == ";"


# -- reconciliation -------------------------------------------------------------------------------
