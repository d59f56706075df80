"""When an instrument is signed: the nearest tense cue to its mention (past, future, negated, the
event's), the sentences that report the event's signing, and the zone after them where a list goes on."""

from __future__ import annotations

import re

from .context import Context
from .mentions import Mention
from .vocabulary import words


def tense(ctx: Context, m: Mention, event_year: int | None) -> str:
    """event | past | future | none: the nearest cue to the mention within its clause, else its sentence.

    In a relative clause after the instrument ("..., qui renouvelle le précédent programme arrivé à
    échéance en 2023") only a signing word speaks of the instrument itself ("qui avait été signé")."""
    relative = _relative_start(ctx, m)
    if event_year is not None:
        dated = _dated(ctx, m, event_year, relative)
        if dated:
            return dated
    for lo, hi in (ctx.clause(m.start), ctx.window(m.start)):
        best: tuple[int, str] | None = None
        for role in ("signing", "past", "future"):
            for start, end in ctx.cues_in(role, lo, hi):
                if m.start <= start < max(m.end, m.title_end):
                    continue  # the instrument's own words ("pour les trois années à venir")
                if (
                    relative is not None
                    and start >= relative
                    and (role != "signing" or ctx.has_cue("instrument", relative, start))
                ):
                    continue  # "un avenant par lequel ils renouvellent l'accord conclu en 2018": that one's
                kind = role
                if role == "signing":
                    kind = _signing_tense(ctx, start, end)
                elif role == "past" and ctx.has_cue("signing", start, end) and on_the_eve(ctx, start):
                    kind = "event"  # "La veille, ..., ils avaient signé"
                distance = m.start - end if end <= m.start else start - m.end
                if best is None or distance < best[0] or (distance == best[0] and kind != "event"):
                    best = (distance, kind)
        if best is not None:
            return best[1]
    return "event" if _signed_next(ctx, m) else "none"


def _signed_next(ctx: Context, m: Mention) -> bool:
    """ "Le plus important des textes est un mémorandum ... Il a été signé par A et B" ("L'avenant a été
    signé par ..."): the next sentence opens on a pronoun for it, or its own word, and a signing word of
    the event."""
    if m.plural or m.strength == "carrier" or m.sent + 1 >= len(ctx.sents):
        return False
    s = ctx.sents[m.sent + 1]
    if s.start >= s.end:
        return False
    first = ctx.lower[s.start]
    again = (
        first in ("le", "la", "l'", "l’")
        and s.start + 1 < s.end
        and ctx.lower[s.start + 1] == ctx.lower[m.start]
    )
    if first not in ("il", "elle") and not again:
        return False
    reach = s.start + 5 + again
    return any(_signing_tense(ctx, a, b) == "event" for a, b in ctx.cues_in("signing", s.start, reach))


def _relative_start(ctx: Context, m: Mention) -> int | None:
    """The token of a relative pronoun right after the instrument's title ("..., qui", "dont", "par
    lequel")."""
    end = ctx.sents[m.sent].end
    k = m.title_end
    if k < end and ctx.words[k] == "(":  # "le Programme d'échanges culturels (PEC), qui ..."
        close = next((j for j in range(k, min(end, k + 6)) if ctx.words[j] == ")"), None)
        k = close + 1 if close is not None else k
    for j in range(k, min(end, k + 3)):
        if ctx.lower[j] in RELATIVE_PRONOUNS:
            return j
        if ctx.lower[j] != "," and not (ctx.lower[j] in RELATIVE_PREPOSITIONS and j + 1 < end):
            break
    # "(PEC) pour les quatre prochaines années, qui renouvelle le précédent programme": a relative set off
    # by a comma a little further on, with no other instrument or clause break before it.
    for j in range(k + 1, min(end, k + 12)):
        if ctx.words[j] in (";", ":", ".") or "instrument" in (ctx.cue_at.get(j) or {}):
            return None
        if ctx.lower[j] in RELATIVE_PRONOUNS and ctx.words[j - 1] == ",":
            return j
    return None


RELATIVE_PRONOUNS = frozenset(
    {"qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel", "auxquels", "auxquelles"}
)
RELATIVE_PREPOSITIONS = frozenset({"par", "pour", "selon", "sur", "avec", "dans"})


def coordinated(ctx: Context, a: Mention, b: Mention) -> bool:
    """b follows a in one enumeration: a list separator just before b's determiner, no tense cue between."""
    if a.sent != b.sent:
        return False
    lo = max(a.end, min(a.title_end, b.start))
    if any(ctx.has_cue(role, lo, b.start) for role in ("signing", "past", "future")):
        return False
    before = ctx.lower[max(lo, b.start - 4) : b.start]
    return any(w in (",", ";", "et", "ainsi", "que", "qu'", "qu’", "même") for w in before)


def on_the_eve(ctx: Context, start: int) -> bool:
    """ "La veille, à Thessalonique, les ministres avaient signé ...": a sentence that opens on the day
    before the event's is a part of the event, its pluperfect notwithstanding."""
    s = ctx.sents[ctx.sent_of[start]]
    return any(e < ctx.n and ctx.words[e] == "," for _, e in ctx.cues_in("event_eve", s.start, s.start + 1))


def _signing_tense(ctx: Context, start: int, end: int) -> str:
    """The tense of one signing word: "avaient signé" is past, "seront signés" and "à signer" future,
    "n'a été signé" negated, "signés à Tachkent en décembre 2022" past when the event is later."""
    before = ctx.lower[max(0, start - 4) : start]
    word = ctx.lower[start]
    if any(w in NEGATIONS for w in before) or (end < ctx.n and ctx.lower[end] in ("pas", "jamais", "point")):
        return "negated"
    if any(w in ("avait", "avaient", "déjà", "eu", "précédemment") for w in before[-3:]):
        return "event" if on_the_eve(ctx, start) else "past"
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
    clause about something else); a month "dernier" or "prochain" is another time too."""
    stop = min(ctx.sents[m.sent].end, m.title_end + 6)
    if relative is not None:
        stop = min(stop, relative)
    # "l'Avenant n°2 à l'Accord relatif aux services aériens du 17 août 2014": the date is the amended one's.
    inner = next((t for t in range(m.end, stop) if "instrument" in (ctx.cue_at.get(t) or {})), None)
    if inner is not None:
        stop = inner
    lo, hi = ctx.idx[m.start], ctx.char_end(stop)
    for _, cand in ctx.dates.within(lo, hi):
        year = cand.get("year")
        if cand.get("header"):
            continue
        if not year and cand.get("direction") in ("last", "next") and not cand.get("days"):
            # "conclu en décembre dernier", "le sommet de mars prochain": another month than the event's
            return "past" if cand["direction"] == "last" else "future"
        if not year or TARGET.search(ctx.text, max(0, cand["start"] - 24), cand["start"]):
            continue  # "visant à doubler les échanges d'ici 2030": a target, not when it was signed
        if year < event_year:
            return "past"
        if year > event_year and cand["label"] in ("YEAR", "MONTH_YEAR", "MONTH"):
            return "future"
    return None


# A year the instrument aims at or runs to, right before the date: not when it was signed.
TARGET = re.compile(
    r"(d['’]ici(\s+(à|a|la fin de|fin))?|à l['’]horizon|horizon|jusqu['’](en|à|au))\s*$", re.IGNORECASE
)


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


def zone_of(ctx: Context, signing: set[int], mentions: list[Mention]) -> list[bool]:
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


def reference_context(ctx: Context, m: Mention) -> bool:
    """ "dans le cadre de l'accord ...", "conformément au protocole ...": an instrument already in force."""
    return ctx.has_cue("reference", max(0, m.start - 5), m.start) and m.det in ("def", "plural_def", "none")


def near_signing(ctx: Context, m: Mention) -> bool:
    """The weak word is what was signed: "ont signé un partenariat", "la signature d'une feuille de route",
    "un plan d'action a été adopté"."""
    for start, end in ctx.cues_in("signing", max(0, m.start - 24), m.start):
        if _signing_tense(ctx, start, end) == "event" and _object_of(ctx, end, m.start):
            return True
    after = m.title_end
    for start, end in ctx.cues_in("signing", after, after + 4):
        if _signing_tense(ctx, start, end) == "event" and all(
            ctx.lower[t] in PASSIVE_LINKS for t in range(after, start)
        ):
            return True
    return False


OBJECT_LINKS = words("object_link")
OBJECT_GAP = words("object_gap")


def _object_of(ctx: Context, end: int, start: int) -> bool:
    """Only determiners between the verb and the word, or first whom it was signed with: "a paraphé avec
    le ministère sénégalais de la Formation une entente sur ..."."""
    t = end
    if ctx.lower[t : t + 1] == ["avec"]:
        t += 1
        while t < start and ctx.lower[t] in OBJECT_LINKS:
            t += 1
        org = next(iter(ctx.orgs.within(ctx.idx[t], ctx.idx[t] + 1)), None)
        if org is None:
            return False
        t = ctx.token_at(org[1])
    t = _past_adverbials(ctx, t, start)
    return start - t <= 6 and all(ctx.lower[k] in OBJECT_LINKS for k in range(t, start))


def _past_adverbials(ctx: Context, t: int, start: int) -> int:
    """Past the day and the place put between the verb and its object: "ont signé mardi soir à Dakar un
    partenariat"."""
    lo = t
    while t < start:
        at = ctx.idx[t]
        date = next(iter(ctx.dates.within(at, at + 1)), None)
        place = next(iter(ctx.places.within(at, at + 1)), None)
        if date is not None or place is not None:
            end = date[1]["end"] if date is not None else place[1]
            t = max(t + 1, ctx.token_at(end))
        elif ctx.lower[t] in OBJECT_GAP:
            t += 1
        else:
            break
    return t if t - lo <= 10 else lo


PASSIVE_LINKS = words("passive_link")


def listed(ctx: Context, m: Mention) -> bool:
    """A weak instrument word inside an enumeration of instruments ("..., un partenariat dans l'élevage")."""
    sent = ctx.sents[m.sent]
    if sent.list_item or ctx.has_cue("list_intro", sent.start, m.start):
        return True
    # "... : l'Accord sur les points de passage, le Protocole relatif au transit, le Mémorandum ...": an
    # item after a colon, set off by a separator, with instruments before it in that enumeration.
    k = m.start - 1
    while k > sent.start and ctx.lower[k] in ITEM_DETERMINERS:
        k -= 1
    if ctx.words[k] not in (",", ";", "et"):
        return False
    colon = next((j for j in range(m.start - 1, sent.start - 1, -1) if ctx.words[j] == ":"), None)
    return colon is not None and ctx.has_cue("instrument", colon, k)


ITEM_DETERMINERS = frozenset({"le", "la", "l'", "l’", "les", "un", "une", "du", "de", "des", "d'", "d’"})
