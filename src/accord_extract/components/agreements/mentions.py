"""Instrument mentions: where the text names an accord, a mémorandum, six textes, "un autre", "le premier".

A mention carries what the words around it say about it: its instrument (from
the instruments lexicon), whether the term is a strong instrument word, a weak
one ("partenariat", "feuille de route": an instrument only where a signing is
reported) or a carrier ("six textes"); its determiner (indefinite, definite,
demonstrative, a count, an ordinal); and where its title ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .vocabulary import words

INDEFINITE = frozenset({"un", "une", "d'un", "d’un", "d'une", "d’une"})
DEFINITE = frozenset({"le", "la", "l'", "l’", "du", "au", "à"})
PLURAL_DEFINITE = frozenset({"les", "aux"})
PLURAL_INDEFINITE = frozenset(
    {"des", "de", "d'", "d’", "plusieurs", "divers", "diverses", "nombreux", "différents"}
)
DEMONSTRATIVE = frozenset(
    {"ce", "cet", "cette", "ces", "ledit", "ladite", "lesdits", "lesdites", "tel", "telle"}
)
POSSESSIVE = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos"})
WHOLE = words("whole_of")
# Adjectives that may stand between a determiner and the instrument word.
PRE_ADJECTIVES = words("pre_adjective")
# "d'accord", "en accord avec", "d'un commun accord": the word, not an instrument.
IDIOM_BEFORE = words("idiom_before")
IDIOM_AFTER = words("idiom_after")
NEGATIONS = words("negation")
RELATION_LEVEL = words("relation_level")  # "au rang de partenariat stratégique"
TITLE_STOPS = words("title_stop")
TITLE_PUNCT = frozenset({",", ";", ":", ".", "(", ")", "«", "»", '"', "“", "”", "!", "?", "…", "–", "—", "-"})
SIGNER_SIDES = frozenset(
    f"{det} {noun}"
    for det in ("la", "le", "les", "l'", "l’", "sa", "son")
    for noun in ("partie", "compte", "côté", "gouvernement", "part")
)
COMPLEMENT_STARTS = frozenset({"de", "du", "des", "d'", "d’"})
# What follows an elliptic item ("un autre dans la recherche", "le second, sur la pêche", "celui de la santé").
ELLIPTIC_FOLLOW = words("elliptic_follow")


@dataclass(slots=True)
class Mention:
    start: int  # tokens
    end: int
    instrument: str | None  # None: a carrier ("textes") or an elliptic item whose instrument is inherited
    strength: str  # strong | weak | carrier | elliptic
    plural: bool
    det: str  # indef | def | plural_def | plural_indef | demonstrative | possessive | count | partitive |
    # ordinal | none
    sent: int
    title_end: int
    count: int | None = None
    ordinal: int | None = None
    capitalised: bool = False
    tense: str = ""  # event | past | future | negated | none, once `records.tense` has read it


ACRONYM = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ]{0,3}[A-ZÀ-Ý](/[A-Z]{1,3})?$|^[A-Z]/[A-Z]$")


def acronym_matches(words: list[str], matches: list[tuple]) -> list[tuple]:
    """ "l'Accord de ligne de crédit (ALC)" then "un deuxième ALC", "les deux ALC": an acronym the text
    defines for an instrument names that instrument wherever it recurs."""
    defined: dict[str, tuple[str | None, str]] = {}
    for start, end, instrument, strength in matches:
        if strength == "carrier":
            continue
        for k in range(end, min(len(words) - 2, end + 12)):
            if words[k] in (",", ";", ".", ":") or "\n" in words[k]:
                break
            if words[k] == "(" and words[k + 2] == ")" and ACRONYM.match(words[k + 1]):
                # Its own acronym starts as it does ("Accord de ligne de crédit (ALC)"), or nothing named
                # stands between: "(SMH)" after "un MoU entre Sonatrach et la Société ..." is the company's.
                own = words[k + 1][0].lower() == words[start][0].lower()
                if own or not any(w[:1].isupper() for w in words[end:k]):
                    defined.setdefault(words[k + 1], (instrument, "strong"))
                break
    if not defined:
        return []
    taken = {t for start, end, *_ in matches for t in range(start, end)}
    out = []
    for i, word in enumerate(words):
        key = word if word in defined else word[:-1] if word.endswith("s") and word[:-1] in defined else None
        if (
            key is None
            or i in taken
            or (i and words[i - 1] == "(" and i + 1 < len(words) and words[i + 1] == ")")
        ):
            continue
        instrument, strength = defined[key]
        out.append((i, i + 1, instrument, strength))
    return out


def find_mentions(ctx: Context, matches, elliptic: list[tuple[int, int]], numbers, ordinals, limit: int):
    """Mentions in text order, idioms and named instruments of other times left out."""
    found: list[Mention] = []
    taken = [False] * ctx.n
    for start, end, instrument, strength in matches:
        if any(taken[start:end]) or _idiom(ctx, start, end) or _in_organisation(ctx, start, end):
            continue
        for t in range(start, end):
            taken[t] = True
        first = ctx.lower[start]
        plural = _plural(first)
        det, count, ordinal = determiner(ctx, start, numbers, ordinals)
        found.append(
            Mention(
                start=start,
                end=end,
                instrument=instrument,
                strength=strength,
                plural=plural,
                det=det,
                sent=ctx.sent_of[start],
                title_end=title_end(ctx, end, limit),
                count=count,
                ordinal=ordinal,
                capitalised=ctx.words[start][:1].isupper() and start > ctx.sents[ctx.sent_of[start]].start,
            )
        )
    for start, end in sorted({*elliptic, *_bare_ones(ctx, numbers)}):
        if any(taken[start:end]) or (end < ctx.n and _instrument_near(taken, end)):
            continue  # "un autre accord": the instrument word carries the mention
        if end < ctx.n and not _elliptic_follow(ctx, end):
            continue  # "le premier ministre", "la première session", "l'autre de purger": not an item
        if any(s < start < e for s, e in ctx.cues_in("signing", max(0, start - 3), start)):
            continue  # "le protocole porte celles du ministre": the signatures, not another text
        words = ctx.lower[start:end]
        ordinal = next((ordinals[w] for w in words if ordinals.get(w)), None)
        det = "ordinal" if ordinal else "indef" if words[0] in INDEFINITE else "def"
        found.append(
            Mention(
                start=start,
                end=end,
                instrument=None,
                strength="elliptic",
                plural=words[-1] in ("ceux", "celles"),
                det=det,
                sent=ctx.sent_of[start],
                title_end=title_end(ctx, end, limit),
                ordinal=ordinal,
            )
        )
    found.sort(key=lambda m: m.start)
    return found


def _bare_ones(ctx: Context, numbers: dict) -> list[tuple[int, int]]:
    """ "deux partenariats : un dans l'agro-industrie, un autre dans la formation": a bare "un" that opens
    the first item after a count, set off by a colon or a comma."""
    out = []
    for t in range(1, ctx.n - 1):
        if (
            ctx.lower[t] not in ("un", "une")
            or ctx.words[t - 1] not in (":", ",")
            or ctx.lower[t + 1] in ("autre",)
        ):
            continue
        lo = max(ctx.sents[ctx.sent_of[t]].start, t - 12)
        if any(
            ctx.lower[k] in numbers and "instrument" in (ctx.cue_at.get(k + 1) or {}) for k in range(lo, t)
        ):
            out.append((t, t + 1))
    return out


def _elliptic_follow(ctx: Context, end: int) -> bool:
    word = ctx.lower[end]
    if not ctx.words[end][:1].isalnum():
        return True
    if word in ("de", "d'", "d’"):
        return end + 1 < ctx.n and ctx.lower[end + 1] in ("la", "l'", "l’", "le", "les")
    return word in ELLIPTIC_FOLLOW


def determiner(ctx: Context, start: int, numbers: dict, ordinals: dict) -> tuple[str, int | None, int | None]:
    """The determiner before an instrument word, over adjectives and "(09)": (kind, count, ordinal)."""
    ordinal = None
    i = start - 1
    lo = max(ctx.sents[ctx.sent_of[start]].start, start - 6)
    while i >= lo:
        word = ctx.lower[i]
        if ordinals.get(word):
            ordinal = ordinal or ordinals[word]
        if word in numbers or re.fullmatch(r"\d{1,3}", word):
            value = numbers.get(word) or int(word)
            # "neuf (09) accords": the number in brackets repeats the one before it.
            return "count", value, ordinal
        if word in PRE_ADJECTIVES or word in ordinals or re.fullmatch(r"\(?\d{1,3}\)?", word):
            i -= 1
            continue
        if ordinal:
            return "ordinal", None, ordinal
        if word in INDEFINITE:
            return "indef", None, None
        if word in DEFINITE:
            return "def", None, None
        if word in PLURAL_DEFINITE:
            return "plural_def", None, None
        if word in DEMONSTRATIVE:
            return "demonstrative", None, None
        if word in POSSESSIVE:
            return "possessive", None, None
        if word in PLURAL_INDEFINITE:
            if i and ctx.lower[i - 1] in WHOLE:
                return "plural_def", None, None  # "l'ensemble des textes"
            if i and word in ("des", "d'entre") and ctx.lower[i - 1] in numbers:
                return "partitive", numbers[ctx.lower[i - 1]], None  # "trois des conventions"
            return "plural_indef", None, None
        return "none", None, None
    return ("ordinal", None, ordinal) if ordinal else ("none", None, None)


def title_end(ctx: Context, end: int, limit: int) -> int:
    """Where an instrument's title ends: at a verb, a clause mark, a person, or the next coordinated item.

    A comma followed by "de ..." that is not another instrument continues a list of complements
    ("dans les domaines de l'agriculture, de l'élevage et de la pêche")."""
    sent_end = ctx.sents[ctx.sent_of[end - 1]].end
    j = end
    while j < sent_end and j - end < limit:
        word, low = ctx.words[j], ctx.lower[j]
        if "\n" in word:
            break
        if word == "," and j + 1 < sent_end and ctx.lower[j + 1] in COMPLEMENT_STARTS:
            if not _opens_item(ctx, j + 1):
                j += 1
                continue
            break
        if word in ("-", "–") and not ctx.doc[j - 1].whitespace_ and j + 1 < sent_end:
            j += 1  # "libre-échange", "Dosso-Gaya": a hyphen inside a word
            continue
        if word in TITLE_PUNCT or low in TITLE_STOPS:
            break
        if low in ("et", "ou") and _opens_item(ctx, j + 1):
            break
        if low == "pour" and " ".join(ctx.lower[j + 1 : j + 3]) in SIGNER_SIDES:
            break  # "pour la partie malienne": who signed, not what about
        if (
            low == "avec"
            and j + 1 < sent_end
            and (
                ctx.lower[j + 1] in ("son", "sa", "ses", "leur", "leurs")
                or ctx.persons.within(ctx.idx[j + 1], ctx.idx[j + 1] + 1)
            )
        ):
            break  # "avec son homologue gambien": with whom, not what about
        if ctx.persons.within(ctx.idx[j], ctx.idx[j] + 1):
            break
        j += 1
    while j > end and ctx.lower[j - 1] in ("et", "ou", "de", "du", "des", "la", "le", "l'", "l’", "d'", "d’"):
        j -= 1
    return j


def _opens_item(ctx: Context, i: int) -> bool:
    """Another item starts at token i: a determiner (or "de la") then an instrument or elliptic word."""
    for k in range(i, min(ctx.n, i + 4)):
        roles = ctx.cue_at.get(k, {})
        if "instrument" in roles or "elliptic" in roles:
            return True
        if ctx.lower[k] not in INDEFINITE | DEFINITE | PLURAL_DEFINITE | PLURAL_INDEFINITE | {"ainsi", "que"}:
            return False
    return False


def _instrument_near(taken: list[bool], end: int) -> bool:
    return any(taken[end : end + 2])


def _plural(word: str) -> bool:
    return word.endswith(("s", "x")) and word not in ("mémorandum", "procès-verbal", "mous")


def _idiom(ctx: Context, start: int, end: int) -> bool:
    before = ctx.lower[start - 1] if start else ""
    after = ctx.lower[end] if end < ctx.n else ""
    word = ctx.lower[start]
    if word.startswith("accord") and (before in IDIOM_BEFORE or after in IDIOM_AFTER):
        return True
    if word == "accord" and before == "en":
        return True  # "en accord avec"
    if word.startswith("protocole") and end - start == 1:
        return before in ("du", "au") or after in ("d'état", "d’état", "républicain", "présidentiel")
    if (
        start >= 2
        and ctx.lower[start - 2] == "pas"
        and set(ctx.lower[max(0, start - 5) : start - 2]) & NEGATIONS
    ):
        return True  # "ce n'est pas un accord en soi": what the text says it is not
    if word.startswith("partenariat") and RELATION_LEVEL.intersection(ctx.lower[max(0, start - 3) : start]):
        return True  # "élevé au rang de « partenariat stratégique »": a level of relations, not a text
    return bool(word.startswith("entente") and before in ("bonne", "parfaite", "cordiale"))


def _in_organisation(ctx: Context, start: int, end: int) -> bool:
    """ "Secrétariat de la Convention ...", "Commission de l'Accord ...": part of an organisation's name."""
    lo, hi = ctx.idx[start], ctx.char_end(end)
    return any(s < lo and hi <= e for s, e, _ in ctx.orgs.within(max(0, lo - 200), hi))
