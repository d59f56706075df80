"""Enumerations: the domains a plural instrument is distributed over, and the lists items are read from.

"quatre protocoles d'accord portant sur l'hydraulique, la pêche, le numérique
et la santé" is four agreements, one per domain; so is "des ententes en
matière de douanes, de météorologie et de protection civile", and "Ces
protocoles concernent ..." in the next sentence. A domain list ends where a
new instrument starts ("..., ainsi qu'un accord-cadre sur le sport").
"""

from __future__ import annotations

from dataclasses import dataclass

from ...resources import lexicon
from .context import Context
from .mentions import Mention
from .vocabulary import words

SEPARATORS = frozenset({",", ";"})
COORDINATORS = frozenset({"et", "ou"})
# Words that end a domain list: a verb, an agent, a relative clause.
LIST_STOPS = words("list_stop")
# Between the instrument word and its domains: "de coopération", "bilatéraux", "signés hier".
LEAD_WORDS = words("domain_lead")
PRONOUN_STARTS = words("anaphor_start")
NUMBER_WORDS = frozenset(next(r["values"] for r in lexicon("counting") if r["kind"] == "number"))


@dataclass(slots=True)
class DomainList:
    mention: Mention  # the plural instrument it distributes
    items: list[tuple[int, int]]  # token ranges of the domains
    intro: str  # the words that introduced it ("portant sur", "en matière de")


def domain_list(ctx: Context, mention: Mention, limit: int = 60) -> DomainList | None:
    """The domains right after a plural instrument, or in the next sentence when it opens on an anaphor
    ("Quatre mémorandums ont été signés. Ceux-ci couvrent ...")."""
    found = _domains_from(
        ctx, _intro_after(ctx, mention.end, ctx.sents[mention.sent].end, reach=8), mention, limit
    )
    if found is None and mention.count:
        found = _domains_from(ctx, _respectively_after(ctx, mention), mention, limit)
    if found is None:
        nxt = mention.sent + 1
        while nxt < len(ctx.sents) and not ctx.sentence_text(nxt).strip():
            nxt += 1
        anaphor = _anaphor(ctx, nxt) if nxt < len(ctx.sents) else None
        if anaphor is not None and _same_instrument(ctx, nxt, mention):
            s = ctx.sents[nxt]
            found = _domains_from(ctx, _intro_after(ctx, anaphor, s.end, reach=8), mention, limit)
    return found


def _domains_from(ctx: Context, start, mention: Mention, limit: int) -> DomainList | None:
    if start is None:
        return None
    begin, intro = start
    items = split_items(ctx, begin, ctx.sents[ctx.sent_of[begin]].end, limit, want=mention.count)
    if len(items) < 2:
        return None
    # Domains name sectors: "la salle des conférences" or "des volets aussi divers" do not.
    with_sector = sum(1 for lo, hi in items if ctx.sectors.within(ctx.idx[lo], ctx.char_end(hi)))
    return DomainList(mention, items, intro) if 2 * with_sector >= len(items) else None


def _same_instrument(ctx: Context, k: int, mention: Mention) -> bool:
    """ "Les protocoles d'entente concernent ..." continues protocols, not the "sept documents" before."""
    s = ctx.sents[k]
    for start, _ in ctx.cues_in("instrument", s.start, min(s.end, s.start + 4)):
        if (
            mention.instrument is None
            or ctx.instrument_at.get(start, mention.instrument) != mention.instrument
        ):
            return False
    return True


def split_items(
    ctx: Context, begin: int, end: int, limit: int, want: int | None = None
) -> list[tuple[int, int]]:
    """Coordinated noun phrases from `begin`, up to a verb, an agent, the clause end or the next instrument.

    Commas, semicolons, "ainsi que" and "de même que" always separate; a piece opening on "en particulier",
    "notamment", "dont" elaborates the one before. "et" separates only where a determiner or preposition
    follows it ("..., la pêche et la santé", "de A et de B"), and only as the list's last join, or as often
    as a stated count needs ("la formation des magistrats et des greffiers" stays one domain)."""
    pieces: list[list[int]] = []  # [lo, hi, joined_by_et]
    current = begin
    j = begin
    stop = min(end, begin + limit)
    final_join = False
    while j < stop:
        low = ctx.lower[j]
        roles = ctx.cue_at.get(j, {})
        if low == "(":
            close = next((k for k in range(j + 1, min(stop, j + 25)) if ctx.words[k] == ")"), None)
            if close is not None:
                j = close + 1  # "(environ 7,2 milliards de FCFA)": an aside inside the item
                continue
        if "\n" in ctx.words[j] or low in (".", ":", "(", ")", "!", "?", "«", "»"):
            break
        if "instrument" in roles and j > begin:
            # "..., ainsi qu'un accord-cadre sur le sport": the list ends before the new instrument.
            cut = j
            while cut > current and ctx.lower[cut - 1] in _DETERMINERS | COORDINATORS | SEPARATORS | _JOINS:
                cut -= 1
            if cut <= current:
                final_join = False  # "..., et de C, ainsi qu'un accord-cadre": that join was the instrument's
            j = cut
            break
        if low in LIST_STOPS or ctx.persons.within(ctx.idx[j], ctx.idx[j] + 1):
            break
        if low in SEPARATORS:
            pieces.append([current, j])
            current = j + 1
            final_join = False
        elif low in ("ainsi", "de", "mais", "sans") and j + 1 < stop and ctx.lower[j + 1] in _JOIN_SECOND:
            width = 3 if low == "de" and j + 2 < stop and ctx.lower[j + 2] == "que" else 2
            if low == "de" and width != 3:
                j += 1
                continue
            pieces.append([current, j])
            j += width
            current = j
            final_join = True
            continue
        j += 1
    pieces.append([current, j])
    pieces = [p for p in pieces if p[1] > p[0]]
    merged: list[list[int]] = []
    for lo, hi in pieces:
        first = next((t for t in range(lo, hi) if ctx.words[t].strip()), lo)
        if merged and (ctx.lower[first] in ELABORATIONS or _two_words(ctx, first, "en particulier")):
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    merged = [list(p) for p in _clean(ctx, [(lo, hi) for lo, hi in merged])]
    # "et" joins: the last piece's when the list had no final join yet, then as many as a count needs.
    if merged and not final_join:
        _split_at_et(ctx, merged, len(merged) - 1, last=len(merged) > 1)
    if want is not None:
        k = len(merged) - 1
        while len(merged) < want and k >= 0:
            if not _split_at_et(ctx, merged, k):
                k -= 1
    return _clean(ctx, [(lo, hi) for lo, hi in merged])


ELABORATIONS = words("elaboration")
_JOIN_SECOND = frozenset({"que", "qu'", "qu’", "même", "aussi", "oublier"})
_ET_FOLLOWERS = frozenset(
    {
        "la",
        "le",
        "les",
        "l'",
        "l’",
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "au",
        "aux",
        "à",
        "un",
        "une",
        "sur",
        "en",
        "celui",
        "celle",
    }
)


def _two_words(ctx: Context, t: int, phrase: str) -> bool:
    return " ".join(ctx.lower[t : t + 2]) == phrase


def _split_at_et(ctx: Context, pieces: list[list[int]], k: int, last: bool = False) -> bool:
    """Split piece k at its first "et" (or "ou") that a determiner or preposition follows; at its last
    for a list's final join ("de la pêche et de l'aquaculture et de l'hydraulique")."""
    lo, hi = pieces[k]
    joins = range(lo + 1, hi - 1)
    for t in reversed(joins) if last else joins:
        if ctx.lower[t] in COORDINATORS and ctx.lower[t + 1] in _ET_FOLLOWERS:
            pieces[k : k + 1] = [[lo, t], [t + 1, hi]]
            return True
    return False


_DETERMINERS = frozenset(
    {"un", "une", "le", "la", "les", "l'", "l’", "d'un", "d’un", "d'une", "d’une", "des"}
)
_JOINS = frozenset({"ainsi", "que", "qu'", "qu’", "de", "même"})


def _clean(ctx: Context, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop empty pieces, pieces without a content word ("et", "enfin"), and a closing apposition that
    sums the list up (", des secteurs dans lesquels ...")."""
    out = []
    for lo, hi in items:
        while lo < hi and (
            not ctx.words[lo].strip() or ctx.lower[lo] in ("enfin", "puis", "aussi", "notamment")
        ):
            lo += 1
        head = next((t for t in range(lo, hi) if ctx.lower[t] not in _DETERMINERS), None)
        if head is not None and ctx.lower[head] in SUMMING_WORDS:
            continue
        if lo < hi and any(ctx.words[t][:1].isalpha() and len(ctx.words[t]) > 2 for t in range(lo, hi)):
            out.append((lo, hi))
    return out


SUMMING_WORDS = words("summing_word")


def _respectively_after(ctx: Context, mention: Mention, reach: int = 60) -> tuple[int, str] | None:
    """ "trois conventions ..., avec A, B et C, portant respectivement sur X, Y et Z": a counted plural's
    domains may come after a long complement when "respectivement" says they are its items one by one."""
    end = min(ctx.sents[mention.sent].end, mention.end + reach)
    for j in range(mention.end, end):
        roles = ctx.cue_at.get(j) or {}
        if "instrument" in roles and j >= mention.title_end:
            return None  # another instrument's domains
        if "domain_intro" in roles and "respectivement" in ctx.lower[j : roles["domain_intro"]]:
            k = roles["domain_intro"]
            while k < end and ctx.lower[k] in DOMAIN_FILLERS:
                k += 1
            return k, " ".join(ctx.lower[j : roles["domain_intro"]])
    return None


def _period_end(ctx: Context, j: int, end: int) -> int | None:
    """After "pour la période 2025-2027," or "sur la période de 2024 à 2026": the time it covers."""
    if ctx.lower[j] not in ("pour", "sur") or ctx.lower[j + 1 : j + 3] != ["la", "période"]:
        return None
    k = j + 3
    while k < end and (ctx.lower[k] in ("de", "du", "à", "au", "-", "–", ",") or ctx.lower[k][:1].isdigit()):
        k += 1
    return k


def _intro_after(ctx: Context, begin: int, end: int, reach: int) -> tuple[int, str] | None:
    """A domain introducer ("portant sur", "dans les domaines de", "en matière de") within `reach` words
    of `begin`, over the words that may stand between ("de coopération", "bilatéraux", "Ces textes")."""
    j, stop = begin, begin + reach
    while j < min(end, stop):
        period = _period_end(ctx, j, end)
        if period is not None:
            stop += period - j  # "trois programmes exécutifs pour la période 2025-2027, dans les domaines de"
            j = period
            continue
        roles = ctx.cue_at.get(j) or {}
        if "domain_intro" in roles:
            k = roles["domain_intro"]
            intro = " ".join(ctx.lower[j:k])
            while k < end and ctx.lower[k] in DOMAIN_FILLERS:
                k += 1
            return k, intro
        low = ctx.lower[j]
        if low == "(":
            close = next((k for k in range(j + 1, min(end, j + 7)) if ctx.words[k] == ")"), None)
            if close is not None:
                j = close + 1  # "deux Échanges de Notes (E/N) portant sur ..."
                continue
        if not (
            low in LEAD_WORDS
            or low in PRONOUN_STARTS
            or "instrument" in roles
            or _inside_instrument(ctx, j)
            or low.isdigit()
            or low in NUMBER_WORDS
            or low.endswith(("aux", "ales", "iels", "ielles"))
        ):
            return None
        j += 1
    return None


DOMAIN_FILLERS = words("domain_filler")


def _inside_instrument(ctx: Context, j: int) -> bool:
    """A token inside a multi-word instrument term ("protocoles d'accord")."""
    return any(
        "instrument" in (ctx.cue_at.get(k) or {}) and ctx.cue_at[k]["instrument"] > j
        for k in range(max(0, j - 3), j)
    )


def _anaphor(ctx: Context, k: int, reach: int = 20) -> int | None:
    """Where sentence k speaks of the instruments just counted: "Ces protocoles concernent ...", "Ils
    portent sur ...", "Selon une source, les textes couvrent ..."; None if it does not."""
    s = ctx.sents[k]
    for t in range(s.start, min(s.end, s.start + reach)):
        if (ctx.lower[t] in PRONOUN_STARTS and (t == s.start or ctx.words[t - 1] in (",", ":"))) or (
            t == s.start and ctx.lower[t] in PRONOUN_STARTS
        ):
            return t
    return None
