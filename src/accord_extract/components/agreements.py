"""Agreements of the event: signing sentences, the instruments they name, enumerations and counts.

An instrument mention opens a new agreement when it is introduced (indefinite
"un accord", ordinal "le second accord", a list item) in a sentence that
reports the event's signing, or in the enumeration that follows one. Plural
and definite mentions ("ces accords", "cet accord") refer back. Sentences
about earlier steps or future plans open nothing. Parties, signatories, date
and place come from the agreement's own words, else from the event.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..places import gazetteer
from ..resources import lexicon
from ._common import doc_text, drop_text_cache, phrase_matcher, register_extensions

INDEFINITE = frozenset({"un", "une", "d'un", "d’un", "d'une", "d’une"})
ANAPHORIC = frozenset(
    {"cet", "cette", "ce", "ces", "l'", "l’", "le", "la", "les", "leur", "leurs", "ledit", "ladite"}
)
# "Le texte a été signé par ...": a later sentence naming who signed the instrument just described.
PASSIVE_SIGNING = re.compile(
    r"^\s*(le|la|l['’]|les|il|elle|ce|cet|cette|ces)\b[^.]{0,40}?\b(sign|paraph)\w*\s+par\b", re.IGNORECASE
)
BULLETS = frozenset({"-", "–", "•", "*", "—"})
PARTY_KINDS = frozenset({"company", "international_organization", "government", "other"})


@Language.factory(
    "accord_agreements",
    assigns=["doc._.accord_agreements", "doc._.accord_meta"],
    requires=[
        "doc._.accord_places",
        "doc._.accord_organizations",
        "doc._.accord_persons",
        "doc._.accord_dates",
        "doc._.accord_sectors",
    ],
    default_config={"max_title_tokens": 14},
)
def make_agreement_finder(nlp: Language, name: str, max_title_tokens: int) -> AgreementFinder:
    return AgreementFinder(nlp, max_title_tokens)


class AgreementFinder:
    """Writes `doc._.accord_agreements` (plain dicts) and `doc._.accord_meta["stated_agreement_count"]`."""

    def __init__(self, nlp: Language, max_title_tokens: int = 14) -> None:
        register_extensions()
        self.max_title = max_title_tokens
        instruments: dict[str, list[str]] = {}
        for row in lexicon("instruments"):
            instruments.setdefault(row["instrument"], []).extend(row["terms"])
        self.instruments = phrase_matcher(nlp, instruments, attr="LOWER")
        cues: dict[str, list[str]] = {}
        for row in lexicon("signing"):
            cues.setdefault(row["role"], []).extend(row["terms"])
        self.witness_cues = tuple(cues.pop("witness", []))
        self.cues = phrase_matcher(nlp, cues, attr="LOWER")
        self.gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents)
        sent_of = {}
        for k, sent in enumerate(sents):
            for t in range(sent.start, sent.end):
                sent_of[t] = k
        roles: dict[int, set[str]] = {}
        for match_id, start, _ in self.cues(doc):
            roles.setdefault(sent_of[start], set()).add(doc.vocab.strings[match_id])
        mentions = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.instruments(doc)])
        mentions = [m for m in mentions if not _inside_name(m)]

        event_year = _event_year(doc)
        headline = 0 if sents and _is_headline(sents[0]) else None
        state = {"count": None, "event_sent": None, "zone_until": -1}
        opened: list[dict] = []  # {"mention", "k", "kind", "part"}
        for mention in mentions:
            k = sent_of[mention.start]
            sent_roles = roles.get(k, set())
            past = "past" in sent_roles or self._dated_before(doc, sents[k], event_year)
            future = "future" in sent_roles
            kind = _mention_kind(doc, mention, sents[k])
            signing_now = "signing" in sent_roles and not past and not future
            if (
                kind == "refer"
                and signing_now
                and _singular(mention)
                and _definite(doc, mention)
                and not any(o["mention"].label_ == mention.label_ for o in opened)
            ):
                kind = "new"  # "ont signé le traité instituant ...": the first word of it, definite
            if signing_now:
                if state["event_sent"] is None:
                    state["event_sent"] = k
                if kind == "count":
                    number = _count(doc, mention)
                    if state["count"] is None and not opened:
                        state["count"] = number
                    elif number and (state["count"] is None or number < state["count"]):
                        # A count inside the enumeration: "quatre mémorandums ... dans les domaines de A, B, C et D".
                        parts = _list_parts(doc, mention, sents[k], number)
                        opened += [
                            {"mention": mention, "k": k, "kind": "count", "part": part} for part in parts
                        ]
                state["zone_until"] = max(state["zone_until"], _paragraph_end(sents, k))
            if kind not in ("new", "ordinal") or past or future:
                continue
            if headline is not None and k == headline:
                continue  # a headline announces what the body states again
            in_zone = k <= state["zone_until"] or _is_list_item(sents[k])
            if "signing" in sent_roles or in_zone or (kind == "ordinal" and state["event_sent"] is not None):
                opened.append({"mention": mention, "k": k, "kind": kind, "part": None})
                if state["event_sent"] is None:
                    state["event_sent"] = k
        opened = _drop_lead_summary(opened)
        doc._.accord_agreements = [
            self._describe(doc, sents, opened, i, state["event_sent"], roles) for i in range(len(opened))
        ]
        doc._.accord_meta = {"stated_agreement_count": state["count"]}
        drop_text_cache(doc)
        return doc

    # -- one agreement -------------------------------------------------------------

    def _describe(self, doc, sents, opened, i, event_sent, roles) -> dict:
        mention, k, part = opened[i]["mention"], opened[i]["k"], opened[i]["part"]
        nxt = opened[i + 1] if i + 1 < len(opened) else None
        # Own words: from the mention to the next agreement in the same sentence, else to the sentence end.
        seg_end = (
            nxt["mention"].start if nxt and nxt["k"] == k and nxt["mention"] != mention else sents[k].end
        )
        seg_start = mention.start if any(o["k"] == k for o in opened[:i]) else sents[k].start
        segment = doc[seg_start:seg_end] if part is None else doc.char_span(*part, alignment_mode="expand")
        # Description: the following sentences of the paragraph until the next agreement.
        last = k
        stop = nxt["k"] if nxt else len(sents)
        while last + 1 < stop and not _new_paragraph(sents[last + 1]):
            last += 1
        if part is not None:
            last = k  # one item of a list: its own words only
        described = [segment] + [sents[j] for j in range(k + 1, last + 1)]
        event = sents[event_sent] if event_sent is not None else sents[k]

        parties = self._parties(doc, segment) or self._parties(doc, sents[k])
        if not any(p["type"] == "place" for p in parties):
            parties += [p for p in self._parties(doc, event, countries_only=True) if p not in parties]
        # Signers: in the agreement's own words, else in a later sentence of its description that
        # reports the signing ("Le texte a été signé par ..."), else the event's signers.
        signing_sents = [sents[j] for j in range(k + 1, last + 1) if "signing" in roles.get(j, set())]
        signing_sents += [sents[j] for j in range(last + 1, stop) if PASSIVE_SIGNING.search(sents[j].text)][
            :1
        ]
        signatories = (
            self._signatories(doc, segment)
            or (part is None and self._signatories(doc, sents[k]))
            or next((found for sent in signing_sents if (found := self._signatories(doc, sent))), [])
            or self._signatories(doc, event)
        )
        date_ref = (
            self._date(doc, segment) if self._date(doc, segment) is not None else self._date(doc, sents[k])
        )
        if date_ref is None:
            date_ref = self._date(doc, event)
        if date_ref is None:
            date_ref = _first_date(doc)
        place = (
            self._place(doc, segment)
            or self._place(doc, sents[k])
            or self._place(doc, event)
            or self._dateline_place(doc)
            or self._first_city(doc)
        )
        sectors: list[str] = []
        for span in described:
            for sector, start, end in doc._.accord_sectors:
                if span.start_char <= start and end <= span.end_char and sector not in sectors:
                    sectors.append(sector)
        return {
            "ordinal": i + 1,
            "instrument": mention.label_,
            "title": _title(doc, mention, self.max_title),
            "parties": parties,
            "signatories": signatories,
            "date_ref": date_ref,
            "place": place,
            "sectors": sectors,
            "evidence": [
                [s.start_char, s.end_char] for s in (sents[j] for j in range(k, last + 1)) if s.text.strip()
            ],
        }

    def _parties(self, doc: Doc, span: Span, countries_only: bool = False) -> list[dict]:
        found: list[dict] = []
        lo, hi = span.start_char, span.end_char
        for start, end, name, kind, _ in doc._.accord_places:
            if lo <= start and end <= hi and kind == "country":
                item = {"type": "place", "name": name, "at": start}
                if not any(f["name"] == name for f in found):
                    found.append(item)
        for token in span:
            iso = self.gazetteer.country_of_demonym(token.text)
            if iso and iso in self.gazetteer.countries and token.is_lower:
                name = self.gazetteer.countries[iso].name
                if not any(f["name"] == name for f in found):
                    found.append({"type": "place", "name": name, "at": token.idx})
        if not countries_only:
            for org in doc._.accord_organizations:
                if (
                    lo <= org["start"]
                    and org["end"] <= hi
                    and org["kind"] in PARTY_KINDS
                    and not any(f["name"] == org["name"] for f in found)
                ):
                    found.append({"type": "org", "name": org["name"], "at": org["start"]})
        found.sort(key=lambda f: f["at"])
        return [{"type": f["type"], "name": f["name"]} for f in found]

    def _signatories(self, doc: Doc, span: Span) -> list[str]:
        """Persons named in the span, less the witnesses: "en présence de X" (and "et de Y") did not sign."""
        found = sorted(
            (start, end, person["name"])
            for person in doc._.accord_persons
            for start, end in person["mentions"]
            if span.start_char <= start and end <= span.end_char
        )
        text = doc_text(doc).lower()
        names: list[str] = []
        previous_witness_end = None
        for start, end, name in found:
            before = text[span.start_char : start]
            cue_at = max((before.rfind(cue) for cue in self.witness_cues), default=-1)
            witness = False
            if cue_at != -1:
                cue_end = span.start_char + cue_at
                persons_since_cue = [f for f in found if cue_end < f[0] < start]
                if not persons_since_cue:
                    witness = True  # the first person after the cue
                elif previous_witness_end is not None:
                    link = text[previous_witness_end:start]
                    witness = bool(re.search(r"\b(et )?(de|du|d['’])\s", link)) and " par " not in link
            if witness:
                previous_witness_end = end
                continue
            if name not in names:
                names.append(name)
        return names

    def _date(self, doc: Doc, span: Span) -> int | None:
        """A date the span states; a dispatch's dateline (publication date) only when nothing else is said."""
        inside = [
            n
            for n, cand in enumerate(doc._.accord_dates)
            if span.start_char <= cand["start"] and cand["end"] <= span.end_char and cand["label"] != "YEAR"
        ]
        stated = [n for n in inside if not doc._.accord_dates[n].get("header")]
        # A single day before a range: "la visite du 18 au 21 juin" frames the signing "le 19 juin".
        stated.sort(key=lambda n: doc._.accord_dates[n]["label"] == "RANGE")
        return (stated or inside or [None])[0]

    def _place(self, doc: Doc, span: Span) -> str | None:
        for start, end, name, kind, _ in doc._.accord_places:
            if span.start_char <= start and end <= span.end_char and kind == "city":
                return name
        return None

    def _dateline_place(self, doc: Doc) -> str | None:
        """ "Dakar, 12 mars (APS) –": the city that opens a dispatch."""
        for start, _, name, kind, _ in doc._.accord_places:
            if (
                kind == "city"
                and start < 120
                and doc_text(doc)[start + len(name) : start + len(name) + 1] == ","
            ):
                return name
        return None

    def _first_city(self, doc: Doc) -> str | None:
        """Press reports name the event's city first; the last resort when no sentence says where."""
        return next((name for _, _, name, kind, _ in doc._.accord_places if kind == "city"), None)

    def _dated_before(self, doc: Doc, sent: Span, event_year: int | None) -> bool:
        if event_year is None:
            return False
        for cand in doc._.accord_dates:
            if (
                sent.start_char <= cand["start"] < sent.end_char
                and cand.get("year")
                and cand["year"] < event_year
            ):
                return True
        return False


@cache
def counting(kind: str) -> dict[str, int]:
    """Number words ("trois") or ordinals ("troisième"; 0 for "autre", "nouvel") from the counting lexicon."""
    return next(row["values"] for row in lexicon("counting") if row["kind"] == kind)


def _mention_kind(doc: Doc, mention: Span, sent: Span) -> str:
    """new | ordinal | count | refer, from the words before the instrument."""
    numbers, ordinals = counting("number"), counting("ordinal")
    before = [t for t in doc[max(0, mention.start - 4) : mention.start] if not t.is_punct]
    words = [t.lower_ for t in before]
    if words and (words[-1] in numbers or re.fullmatch(r"\d{1,2}", words[-1])):
        return "count"
    if (
        len(words) >= 2
        and (words[-2] in numbers or re.fullmatch(r"\d{1,2}", words[-2]))
        and not before[-1].is_title
    ):
        return "count"
    if "forme" in words:
        return "refer"  # "un protocole d'accord qui consigne, sous la forme d'un procès-verbal, ..."
    tail = words[-3:]
    if any(w in ordinals and ordinals[w] >= 1 for w in tail):
        return "ordinal"
    opening = [t.lower_ for t in sent[:3]]
    if any(ordinals.get(w, 0) >= 1 for w in opening) and mention.start - sent.start <= 8:
        return "ordinal"  # "Le premier texte est un mémorandum d'entente ..."
    first = mention[0].lower_
    plural = first.endswith(("s", "x")) or first in ("mémoranda", "procès-verbaux")
    if words and words[-1] in INDEFINITE:
        return "new"
    if len(words) >= 2 and words[-2] in INDEFINITE and words[-1] in ordinals:
        return "ordinal" if ordinals[words[-1]] else "new"
    if plural or (words and words[-1] in ANAPHORIC):
        return "refer"
    if mention.start == sent.start or (before and before[-1].text in BULLETS):
        return "new"
    return "refer"


def _drop_lead_summary(opened: list[dict]) -> list[dict]:
    """A lead that lists the instruments ("ont signé un accord ... ainsi qu'un protocole ...") before
    the body describes them one by one ("Le premier texte ...", "Le second ..."): keep the description."""
    ordinals = [o for o in opened if o["kind"] == "ordinal"]
    if len(ordinals) < 2:
        return opened
    first = min(o["k"] for o in ordinals)
    lead = [o for o in opened if o["k"] < first and o["kind"] == "new"]
    if not lead or len(lead) > len(ordinals):
        return opened
    return [o for o in opened if o not in lead]


def _list_parts(doc: Doc, mention: Span, sent: Span, number: int) -> list[tuple[int, int] | None]:
    """The items of "dans les domaines de A, de B, de C et de D" after a counted instrument, as char spans;
    one shared description when the list does not have that many items."""
    start, end = mention.end_char, sent.end_char
    text = doc_text(doc)[start:end]
    pieces = [m.span() for m in re.finditer(r"[^,;]+", text)]
    if len(pieces) == number - 1:
        a, b = pieces[-1]
        cut = text.rfind(" et ", a, b)
        if cut != -1:
            pieces[-1:] = [(a, cut), (cut + 4, b)]
    if len(pieces) != number:
        return [None] * number
    return [(start + a, start + b) for a, b in pieces]


def _singular(mention: Span) -> bool:
    return not mention[0].lower_.endswith(("s", "x")) or mention[0].lower_ in ("mémorandum", "procès-verbal")


def _definite(doc: Doc, mention: Span) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in ("le", "la", "l'", "l’")


def _is_headline(sent: Span) -> bool:
    """A first line without final punctuation, followed by a line break: the article's title."""
    doc = sent.doc
    text = sent.text.strip()
    ends_line = "\n" in doc_text(doc)[sent.start_char : sent.end_char + 3] or sent.end == len(doc)
    return bool(text) and len(text) < 200 and text[-1] not in ".!?" and ends_line


def _count(doc: Doc, mention: Span) -> int | None:
    numbers = counting("number")
    for token in reversed(doc[max(0, mention.start - 3) : mention.start]):
        if token.lower_ in numbers:
            return numbers[token.lower_]
        if re.fullmatch(r"\d{1,2}", token.text):
            return int(token.text)
    return None


def _inside_name(mention: Span) -> bool:
    """ "l'Accord de Paris" or "Convention de Vienne": a named instrument, not one signed now."""
    return (
        mention[0].text[0].isupper()
        and not mention[0].is_sent_start
        and mention.end < len(mention.doc)
        and (
            mention.doc[mention.end].lower_ in ("de", "d'", "d’")
            and mention.end + 1 < len(mention.doc)
            and mention.doc[mention.end + 1].text[:1].isupper()
        )
    )


def _title(doc: Doc, mention: Span, limit: int) -> str:
    end = mention.end
    while end < len(doc) and end - mention.end < limit:
        token = doc[end]
        if (
            token.is_punct
            or token.is_space
            or token.lower_ in ("a", "ont", "qui", "est", "sont", "été", "signé", "signés")
        ):
            break
        end += 1
    return doc[mention.start : end].text


def _paragraph_end(sents: list[Span], k: int) -> int:
    j = k
    while j + 1 < len(sents) and not _new_paragraph(sents[j + 1]):
        j += 1
    # A list right after the paragraph belongs to it.
    while j + 1 < len(sents) and _is_list_item(sents[j + 1]):
        j += 1
    return j


def _new_paragraph(sent: Span) -> bool:
    doc = sent.doc
    return sent.start == 0 or "\n" in doc[sent.start - 1].text + doc[sent.start - 1].whitespace_


def _is_list_item(sent: Span) -> bool:
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and (
        first.text in BULLETS or re.fullmatch(r"\d{1,2}[.)]|[a-z]\)", first.text) is not None
    )


def _first_date(doc: Doc) -> int | None:
    """The first stated day, else the header date, else the first stated month: the event's date."""
    dates = doc._.accord_dates
    for test in (
        lambda d: not d.get("header") and d["label"] not in ("YEAR", "MONTH_YEAR", "MONTH"),
        lambda d: d.get("header"),
        lambda d: d["label"] == "MONTH_YEAR",
    ):
        found = next((n for n, d in enumerate(dates) if test(d)), None)
        if found is not None:
            return found
    return None


def _event_year(doc: Doc) -> int | None:
    for cand in doc._.accord_dates:
        if cand.get("header") and cand.get("year"):
            return cand["year"]
    years = [c["year"] for c in doc._.accord_dates if c.get("year") and c["label"] != "YEAR"]
    return max(years) if years else None
