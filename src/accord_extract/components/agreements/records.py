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

from bisect import bisect_right
from dataclasses import dataclass, field

from .context import Context
from .lists import DomainList, domain_list
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
            and _coordinated(ctx, mentions[n - 1], mentions[n])
        ):
            tenses[n] = "event"
    event = Event(signing_sents=event_sentences(ctx, event_year))
    signing = set(event.signing_sents)
    zone = _zone(ctx, signing, mentions)
    items: list[Item] = []
    headline: list[Item] = []
    described_by: dict[int, Item] = {}
    for n, m in enumerate(mentions):
        sent = ctx.sents[m.sent]
        if tenses[n] in ("past", "future") or _reference_context(ctx, m):
            continue
        if _inside_title(ctx, mentions[n - 1] if n else None, m):
            continue  # inside the previous one's title: "une déclaration sur les négociations d'un accord ..."
        here = tenses[n] == "event" or m.sent in signing
        if sent.noise:
            continue  # "Lire aussi : Le Niger et la Chine signent trois accords"
        if sent.header:
            _headline(ctx, m, event, headline)
            continue
        if not (here or zone[m.sent]):
            continue
        if m.det == "count":
            _count(ctx, m, event, items)
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
            continue
        if m.strength == "elliptic":
            _elliptic(ctx, m, items, event)
            continue
        if m.plural:
            dl = domain_list(ctx, m) if m.det in ("plural_indef", "none") else None
            if dl is not None:
                items += _distribute(ctx, dl, m)
            elif m.det in ("plural_def", "demonstrative", "none"):
                dl = domain_list(ctx, m)
                group = _group_for(event, m)
                if dl is not None and group is not None and len(dl.items) <= group.count:
                    # "Les protocoles d'entente concernent A, B et C": the counted ones, one per domain.
                    group.distributed = True
                    items += _distribute(ctx, dl, group.mention)
                    continue
                if dl is not None:
                    event.pending_lists.append(dl)
                _refer_all(items, m)
            continue
        if m.strength == "carrier" or m.det in ("demonstrative", "possessive"):
            words = title_words(ctx, m)
            match = next(
                (i for i in reversed(items) if words and i.words and compatible(i.words, words)), None
            )
            if match is not None:
                match.refs.append(m)  # "le texte sur le corridor": the one whose title says so
            elif not words:
                _refer_last(items, m)
            continue
        words = title_words(ctx, m)
        if m.det == "ordinal" and _refer_ordinal(items, m):
            continue
        if m.det in ("def", "none") or (m.capitalised and m.det != "ordinal"):
            match = _matching(items, m, words, ctx)
            if match is not None:
                match.refs.append(m)
                continue
            if not words and m.det == "def" and any(i.instrument == m.instrument for i in items):
                _refer_last(items, m)
                continue
        if m.det == "def" and _complement(ctx, m):
            continue  # "l'extension du contrat ...", "la révision de la convention": what it is about
            if not words and m.det == "def" and any(i.instrument == m.instrument for i in items):
                _refer_last(items, m)
                continue
        if m.strength == "weak" and not (_near_signing(ctx, m) or _listed(ctx, m)):
            continue
        items.append(Item(m, m.instrument, (m.start, m.title_end), words=words))
    starts = sorted({i.mention.start for i in [*headline, *items]} | {r.start for i in items for r in i.refs})
    for item in [*headline, *items]:
        lo, hi = item.domain or (item.mention.start, _clause_end(ctx, item.mention, starts))
        item.sectors = frozenset(s for s, *_ in ctx.sectors.within(ctx.idx[lo], ctx.char_end(hi)))
    items = _merge_headline(headline, items)
    items = _merge_provisional(items)
    explicit_sentences = {i.mention.sent for i in items if not i.provisional}
    summary = {i.mention.sent for i in items if i.provisional} - explicit_sentences
    items[:] = _in_text_order(items, summary)
    _mark_shared_sentences(items)
    _reconcile(ctx, items, event)
    return items, event


# -- tense --------------------------------------------------------------------------------


def tense(ctx: Context, m: Mention, event_year: int | None) -> str:
    """event | past | future | none: the nearest cue to the mention within its clause, else its sentence.

    In a relative clause after the instrument ("..., qui renouvelle le précédent programme arrivé à
    échéance en 2023") only a signing word speaks of the instrument itself ("qui avait été signé")."""
    relative = _relative_start(ctx, m)
    if event_year is not None:
        dated = _dated(ctx, m, event_year, relative)
        if dated:
            return dated
    for lo, hi in (ctx.clause(m.start), (ctx.sents[m.sent].start, ctx.sents[m.sent].end)):
        best: tuple[int, str] | None = None
        for role in ("signing", "past", "future"):
            for start, end in ctx.cues_in(role, lo, hi):
                if m.start <= start < max(m.end, m.title_end):
                    continue  # the instrument's own words ("pour les trois années à venir")
                if relative is not None and start >= relative and role != "signing":
                    continue
                kind = role
                if role == "signing":
                    kind = _signing_tense(ctx, start, end)
                distance = m.start - end if end <= m.start else start - m.end
                if best is None or distance < best[0] or (distance == best[0] and kind != "event"):
                    best = (distance, kind)
        if best is not None:
            return best[1]
    return "none"


def _relative_start(ctx: Context, m: Mention) -> int | None:
    """The token of a relative pronoun right after the instrument's title ("..., qui", "dont")."""
    end = ctx.sents[m.sent].end
    for k in range(m.title_end, min(end, m.title_end + 3)):
        if ctx.lower[k] in ("qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles"):
            return k
        if ctx.lower[k] not in (",",):
            return None
    return None


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


def _coordinated(ctx: Context, a: Mention, b: Mention) -> bool:
    """b follows a in one enumeration: a list separator just before b's determiner, no tense cue between."""
    if a.sent != b.sent:
        return False
    lo = max(a.end, min(a.title_end, b.start))
    if any(ctx.has_cue(role, lo, b.start) for role in ("signing", "past", "future")):
        return False
    before = ctx.lower[max(lo, b.start - 4) : b.start]
    return any(w in (",", ";", "et", "ainsi", "que", "qu'", "qu’", "même") for w in before)


def _signing_tense(ctx: Context, start: int, end: int) -> str:
    """The tense of one signing word: "avaient signé" is past, "seront signés" and "à signer" future,
    "n'a été signé" negated, "signés à Tachkent en décembre 2022" past when the event is later."""
    before = ctx.lower[max(0, start - 4) : start]
    word = ctx.lower[start]
    if any(w in NEGATIONS for w in before) or (end < ctx.n and ctx.lower[end] in ("pas", "jamais", "point")):
        return "negated"
    if any(w in ("avait", "avaient", "déjà", "eu", "précédemment") for w in before[-3:]):
        return "past"
    if any(w in FUTURE_AUXILIARIES for w in ctx.lower[max(0, start - 5) : start]):
        return "future"  # "seront signés", "devrait en outre être formalisé"
    if ctx.has_cue("future", max(0, start - 5), start):
        return "future"  # "en vue notamment de la signature"
    if word.endswith(("er", "re")) and not word.endswith("ure"):
        return "future"  # an infinitive: "ont convenu de signer", "devrait conclure", "pour parapher"
    if ctx.has_cue("past", end, end + 2):
        return "past"
    if ctx.has_cue("future", max(0, start - 2), start):
        return "future"
    if ctx.event_year is not None and not word.startswith("signature"):
        stop = end
        while stop < min(ctx.n, end + 14) and ctx.words[stop] not in (";", ".", ":"):
            stop += 1
        lo, hi = ctx.idx[min(end, ctx.n - 1)], ctx.char_end(stop)
        if any(
            c.get("year") and c["year"] < ctx.event_year and not c.get("header")
            for _, c in ctx.dates.within(lo, hi)
        ):
            return "past"
    return "event"


FUTURE_AUXILIARIES = words("future_auxiliary")
NEGATIONS = words("negation")


def _dated(ctx: Context, m: Mention, event_year: int, relative: int | None = None) -> str | None:
    """ "l'accord de 2005", "la convention signée en mars 2019" (past), "un protocole au cours de l'année
    2026" (future): a year other than the event's, in the title or right after it (not in a relative
    clause about something else)."""
    stop = min(ctx.sents[m.sent].end, m.title_end + 6)
    if relative is not None:
        stop = min(stop, relative)
    lo, hi = ctx.idx[m.start], ctx.char_end(stop)
    for _, cand in ctx.dates.within(lo, hi):
        year = cand.get("year")
        if not year or cand.get("header"):
            continue
        if year < event_year:
            return "past"
        if year > event_year and cand["label"] in ("YEAR", "MONTH_YEAR", "MONTH"):
            return "future"
    return None


def event_sentences(ctx: Context, event_year: int | None) -> list[int]:
    """Sentences with a signing word in the tense of the event."""
    out = []
    for start, end in ctx.cues.get("signing", []):
        if _signing_tense(ctx, start, end) != "event":
            continue
        k = ctx.sent_of[start]
        if not out or out[-1] != k:
            out.append(k)
    return sorted(set(out))


def _zone(ctx: Context, signing: set[int], mentions: list[Mention]) -> list[bool]:
    """Sentences where a mention may open an agreement without a signing word of its own: the rest of a
    signing sentence's paragraph, and later sentences that continue its list or describe an instrument.
    A sentence about signings of another time ("seront paraphés", "avaient signé") closes the zone, and
    the list that continues it ("Il s'agit notamment de ...") belongs to that other time."""
    opens_with_mention = {m.sent for m in mentions if m.start - ctx.sents[m.sent].start <= 3}
    opens_with_mention |= {
        m.sent for m in mentions if ctx.sents[m.sent].list_item and m.start - ctx.sents[m.sent].start <= 6
    }
    other_time = {
        ctx.sent_of[s] for s, e in ctx.cues.get("signing", []) if _signing_tense(ctx, s, e) != "event"
    }
    zone = [False] * len(ctx.sents)
    state, state_paragraph = None, -1
    for k, sent in enumerate(ctx.sents):
        if sent.header:
            continue
        if k in signing:
            state, state_paragraph = "event", sent.paragraph
            zone[k] = True
            continue
        if k in other_time:
            state, state_paragraph = "other", sent.paragraph
            continue
        if state != "event":
            continue
        same_paragraph = sent.paragraph == state_paragraph
        continues = sent.list_item or k in opens_with_mention or _opens_list(ctx, sent)
        zone[k] = bool(same_paragraph or continues)
    return zone


def _opens_list(ctx: Context, sent) -> bool:
    head = range(sent.start, min(sent.end, sent.start + 6))
    return any(
        "list_intro" in (ctx.cue_at.get(t) or {}) or "elliptic" in (ctx.cue_at.get(t) or {}) for t in head
    )


def _reference_context(ctx: Context, m: Mention) -> bool:
    """ "dans le cadre de l'accord ...", "conformément au protocole ...": an instrument already in force."""
    return ctx.has_cue("reference", max(0, m.start - 5), m.start) and m.det in ("def", "plural_def", "none")


def _near_signing(ctx: Context, m: Mention) -> bool:
    """The weak word is what was signed: "ont signé un partenariat", "la signature d'une feuille de route",
    "un plan d'action a été adopté"."""
    for start, end in ctx.cues_in("signing", max(0, m.start - 6), m.start):
        if _signing_tense(ctx, start, end) == "event" and all(
            ctx.lower[t] in OBJECT_LINKS for t in range(end, m.start)
        ):
            return True
    after = m.title_end
    for start, end in ctx.cues_in("signing", after, after + 4):
        if _signing_tense(ctx, start, end) == "event" and all(
            ctx.lower[t] in PASSIVE_LINKS for t in range(after, start)
        ):
            return True
    return False


OBJECT_LINKS = words("object_link")
PASSIVE_LINKS = words("passive_link")


def _listed(ctx: Context, m: Mention) -> bool:
    """A weak instrument word inside an enumeration of instruments ("..., un partenariat dans l'élevage")."""
    sent = ctx.sents[m.sent]
    return sent.list_item or ctx.has_cue("list_intro", sent.start, m.start)


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
    if event.count is None or (event.count_sent is not None and ctx.sents[event.count_sent].header):
        event.count, event.count_sent = m.count, m.sent
    same = [i for i in items if m.instrument is not None and i.instrument == m.instrument]
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
        items += _distribute(ctx, dl, m)
    else:
        event.pending_lists.append(dl)


def _group_for(event: Event, m: Mention) -> Group | None:
    """The latest counted group of the same instrument not yet distributed over its domains."""
    for group in reversed(event.groups):
        if not group.distributed and (m.instrument is None or group.mention.instrument == m.instrument):
            return group
    return None


def _distribute(ctx: Context, dl: DomainList, m: Mention) -> list[Item]:
    instrument = m.instrument or "accord"
    return [
        Item(
            m,
            instrument,
            (lo, hi),
            domain=(lo, hi),
            words=_words(ctx, lo, hi),
            own_sentence=False,
            provisional=True,
            mention_word=ctx.lower[m.start],
        )
        for lo, hi in dl.items
    ]


def _elliptic(ctx: Context, m: Mention, items: list[Item], event: Event) -> None:
    """ "un autre dans la recherche", "celui sur la santé", "le second, sur la pêche". Right after a
    count ("deux accords, l'un dans la défense, l'autre dans les mines") they are that count's domains:
    summary items that a later description may detail."""
    if m.ordinal and _refer_ordinal(items, m):
        return
    words = _words(ctx, m.end, m.title_end)
    if m.det == "def" and words:
        match = next((i for i in reversed(items) if i.words and compatible(i.words, words)), None)
        if match is not None:
            match.refs.append(m)  # "Celui relatif à l'enseignement supérieur, conclu entre ..."
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
    explicit = [i for i in items if not i.provisional]
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


def _refer_ordinal(items: list[Item], m: Mention) -> bool:
    """ "Le premier a été paraphé par ...": the n-th agreement already opened (detailed ones first, else
    the ones a lead or a count summarised)."""
    explicit = [i for i in items if not i.provisional]
    pool = explicit if len(explicit) >= (m.ordinal or 0) else [i for i in items if i.provisional]
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


def _refer_last(items: list[Item], m: Mention) -> None:
    for item in reversed(items):
        if m.instrument is None or item.instrument == m.instrument:
            item.refs.append(m)
            item.loose.add(m.start)
            return


def _refer_all(items: list[Item], m: Mention) -> None:
    for item in items:
        if m.instrument is None or item.instrument == m.instrument:
            item.refs.append(m)
            item.loose.add(m.start)


def _matching(
    items: list[Item], m: Mention, words: frozenset[str], ctx: Context | None = None
) -> Item | None:
    """An agreement already opened that this definite mention names again: same instrument, and the
    same title words or the same sectors ("la convention sanitaire" for "la convention dans le domaine
    de la santé")."""
    sectors = _span_sectors(ctx, m.start, m.title_end) if ctx is not None and words else frozenset()
    for item in reversed(items):
        if item.instrument != m.instrument:
            continue
        if not words:
            return item if not item.words or item.summary else None
        if item.words and compatible(item.words, words):
            return item
        if sectors and ctx is not None:
            lo, hi = item.domain or (item.mention.start, item.mention.title_end)
            if _span_sectors(ctx, lo, hi) == sectors:
                return item
    return None


def _span_sectors(ctx: Context, lo: int, hi: int) -> frozenset[str]:
    return frozenset(s for s, *_ in ctx.sectors.within(ctx.idx[lo], ctx.char_end(max(lo + 1, hi))))


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if a <= b or b <= a:
        return True
    return len(a & b) / len(a | b) >= 0.5


def title_words(ctx: Context, m: Mention) -> frozenset[str]:
    return _words(ctx, m.end, m.title_end)


def _words(ctx: Context, lo: int, hi: int) -> frozenset[str]:
    return frozenset(
        _stem(w)
        for w in ctx.lower[lo:hi]
        if w.isalpha() and len(w) > 2 and w not in GENERIC and w not in ctx.demonym_words
    )


def _stem(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 4 else word


# -- reconciliation -------------------------------------------------------------------------------


def _merge_headline(headline: list[Item], items: list[Item]) -> list[Item]:
    """A headline's instrument is the body's, when the body names one like it; else it stands alone."""
    kept = []
    for h in headline:
        if not any(i.instrument == h.instrument for i in items):
            kept.append(h)
    return kept + items


def _in_text_order(items: list[Item], summary: set[int]) -> list[Item]:
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


def _clause_end(ctx: Context, m: Mention, starts: list[int]) -> int:
    """The end of the mention's clause, or the next mention in it: the words that describe it."""
    _, hi = ctx.clause(m.start)
    k = bisect_right(starts, m.start)
    return min(hi, starts[k]) if k < len(starts) else hi


def ctx_word(item: Item) -> str:
    return item.mention_word


def _merge_provisional(items: list[Item]) -> list[Item]:
    """A lead that counts the instruments by domain ("dix accords couvrant l'investissement, l'énergie
    ...") and a body that details them: each detailed item replaces the summary item of its domain.
    A count of "accords" or "textes" names agreements in general, so any instrument may detail it."""
    out = list(items)
    for a in [i for i in items if i.provisional]:
        generic = a.mention.strength == "carrier" or ctx_word(a) == "accords"
        twin = next(
            (
                b
                for b in out
                if b is not a
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
        if twin is None or a not in out:
            continue
        twin.refs.append(a.mention)
        out.remove(twin)
        out[out.index(a)] = twin
    return out


def _mark_shared_sentences(items: list[Item]) -> None:
    by_sent: dict[int, int] = {}
    for item in items:
        by_sent[item.mention.sent] = by_sent.get(item.mention.sent, 0) + 1
    for item in items:
        if by_sent[item.mention.sent] > 1:
            item.own_sentence = False


def _reconcile(ctx: Context, items: list[Item], event: Event) -> None:
    """Fewer items than the stated count: a distributive list not used yet may hold the rest.
    More: a summary (headline, lead) named some of them twice."""
    count = event.count if event.count is not None else event.headline_count
    if count is None:
        return
    if len(items) < count:
        for dl in event.pending_lists:
            if len(dl.items) == count - len(items) or (not items and len(dl.items) <= count):
                items += _distribute(ctx, dl, dl.mention)
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
                for b in items[k + 1 :]
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
