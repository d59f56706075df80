"""Agreements of the event, in stages a reader can follow, each a module over plain values (`context`):

1. `mentions`: instrument words (the instruments lexicon, acronyms the text defines) and what their
   determiners say ("un", "le", "ces", "neuf (09)", "le deuxième", "un autre");
2. `tense`: whether each is of the event, past, future or negated, and the zone after a signing sentence;
3. `lists`: the domains a plural instrument is distributed over ("quatre protocoles portant sur ...");
4. `records`: which mentions open an agreement and which refer back (`items` holds the records);
5. `reconcile`: headline and lead summaries merged with the body's details, text order, the count;
6. `attributes`: parties, signatories, date, place and sectors of each, the event's as defaults.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from ...places import gazetteer
from ...resources import lexicon
from .._common import drop_text_cache, phrase_matcher, register_extensions, token_words
from ..span_groups import write_agreements
from .attributes import Describer
from .attributes.signers import collective_terms
from .context import Context
from .mentions import acronym_matches, find_mentions
from .records import build_items
from .vocabulary import counting

CUE_LEXICONS = ("signing", "agreement_cues")


class Analysis(NamedTuple):
    ctx: Context
    mentions: list
    items: list
    event: object
    agreements: list[dict]
    stated_count: int | None


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
    default_config={"max_title_tokens": 24},
)
def make_agreement_finder(nlp: Language, name: str, max_title_tokens: int) -> AgreementFinder:
    return AgreementFinder(nlp, max_title_tokens)


class AgreementFinder:
    """Writes `doc._.accord_agreements` (plain dicts) and `doc._.accord_meta["stated_agreement_count"]`."""

    def __init__(self, nlp: Language, max_title_tokens: int = 24) -> None:
        register_extensions()
        self.max_title = max_title_tokens
        self.strength: dict[str, tuple[str | None, str]] = {}
        groups: dict[str, list[str]] = {}
        for n, row in enumerate(lexicon("instruments")):
            key = f"{row['instrument']}|{row.get('strength', 'strong')}|{n}"
            groups[key] = row["terms"]
        self.instruments = phrase_matcher(nlp, groups, attr="LOWER")
        cues: dict[str, list[str]] = {}
        for name in CUE_LEXICONS:
            for row in lexicon(name):
                cues.setdefault(row["role"], []).extend(row["terms"])
        cues["collective"] = collective_terms()
        self.witness_cues = tuple(t.lower() for t in cues["witness"])
        self.cues = phrase_matcher(nlp, cues, attr="LOWER")
        self.gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        analysis = self.analyse(doc)
        doc._.accord_agreements = analysis.agreements
        doc._.accord_meta = {"stated_agreement_count": analysis.stated_count}
        ctx = analysis.ctx
        instruments = [
            (ctx.idx[m.start], ctx.char_end(m.end), m.instrument) for m in analysis.mentions if m.instrument
        ]
        write_agreements(doc, instruments, analysis.agreements)
        drop_text_cache(doc)
        return doc

    def analyse(self, doc: Doc) -> Analysis:
        """Every stage's output for one doc: what tests and a curious reader inspect."""
        matches: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.cues(doc):
            matches.setdefault(doc.vocab.strings[match_id], []).append((start, end))
        # "le document le plus attendu": an adjective, not a future
        blocked = {t for s, e in matches.pop("not_future", []) for t in range(s, e)}
        matches["future"] = [(s, e) for s, e in matches.get("future", []) if s not in blocked]
        instruments = []
        for match_id, start, end in self.instruments(doc):
            instrument, strength, _ = doc.vocab.strings[match_id].split("|")
            instruments.append((start, end, None if instrument == "None" else instrument, strength))
        instruments += acronym_matches(token_words(doc), instruments)
        # Longest first, so that "protocole d'accord" wins over "protocole" and "accord".
        instruments.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        matches["instrument"] = [(s, e) for s, e, _, _ in instruments]
        ctx = Context(doc, matches, self.gazetteer.demonyms)
        ctx.event_year = event_year(doc)
        ctx.instrument_at = {start: instrument for start, _, instrument, _ in instruments}
        numbers, ordinals = counting("number"), counting("ordinal")
        longest = _longest_first(instruments)
        mentions = find_mentions(ctx, longest, matches.get("elliptic", []), numbers, ordinals, self.max_title)
        items, event = build_items(ctx, mentions, ctx.event_year)
        describer = Describer(ctx, items, event, self.gazetteer, self.witness_cues, mentions)
        agreements = []
        for i in range(len(items)):
            record = describer.describe(i, self.max_title)
            record["ordinal"] = i + 1
            agreements.append(record)
        count = event.count if event.count is not None else event.headline_count
        return Analysis(ctx, mentions, items, event, agreements, count)


def _longest_first(instruments: list[tuple]) -> list[tuple]:
    """Non-overlapping matches, the longest at each position (spaCy's filter_spans on plain tuples)."""
    ordered = sorted(instruments, key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: set[int] = set()
    kept = []
    for m in ordered:
        if any(t in taken for t in range(m[0], m[1])):
            continue
        taken.update(range(m[0], m[1]))
        kept.append(m)
    return sorted(kept)


def event_year(doc: Doc) -> int | None:
    """The year of the event: the dateline's, else the latest full date's."""
    dates = doc._.accord_dates or []
    for cand in dates:
        if cand.get("header") and cand.get("year"):
            return cand["year"]
    years = [c["year"] for c in dates if c.get("year") and c["label"] != "YEAR"]
    return max(years) if years else None
