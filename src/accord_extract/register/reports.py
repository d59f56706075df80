"""An article's bundle → its reports: one per signing event it tells of, with the keys the matcher compares.

A report carries the article's agreements with parties resolved to countries
(a ministry or a company counts for its country), the days it states, its place,
and the block it belongs to: the set of party countries. Extraction often misses
one of the two parties ("Italie" alone): an agreement with fewer than two party
countries takes the article's fuller set, or else the most-mentioned other country
of the article, so that it still lands in the right block.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..places import fold
from .names import canonical_party, country, family, person_key, title_key

# A report with no date of its own tells of an event at most this long before publication.
LOOKBACK_DAYS = 31
# Outlets get a signing day wrong by this much at most.
NEAR_DAYS = 3


@dataclass(slots=True)
class AgreementReport:
    """One agreement as one article reports it."""

    doc_id: str
    ordinal: int
    instrument: str
    title: str | None
    parties: list[str]
    signatories: list[str]
    date: str | None
    place: str | None
    sectors: list[str]
    evidence: list[list[int]]
    publication_date: str | None = None
    party_countries: list[str | None] = field(default_factory=list)
    family: str = ""
    title_key: str = ""
    signatory_keys: list[tuple[str, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.family = family(self.instrument)
        self.title_key = title_key(self.title)
        self.signatory_keys = [person_key(s) for s in self.signatories]

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc_id, self.ordinal)


@dataclass(slots=True)
class Report:
    """One article's account of one event."""

    doc_id: str
    part: int
    block: tuple[str, ...]
    publication_date: str | None
    stated_count: int | None
    agreements: list[AgreementReport]
    days: list[str]
    months: list[str]
    doc_days: list[str]
    place: str | None
    party_names: list[str]
    mentioned: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.part}"

    @property
    def window(self) -> tuple[date, date] | None:
        """Days the event can be on when the report gives none: the month, else the weeks before publication."""
        if self.months:
            first = date.fromisoformat(self.months[0] + "-01")
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return first, last
        last = self.publication_date or (self.doc_days[-1] if self.doc_days else None)
        if last:
            end = date.fromisoformat(last)
            return end - timedelta(days=LOOKBACK_DAYS), end
        return None

    @property
    def anchor(self) -> date | None:
        """The day the report is sorted and segmented by."""
        if self.days:
            return date.fromisoformat(self.days[0])
        window = self.window
        return window[1] if window else None

    @property
    def near_days(self) -> list[date]:
        """Days an event this report tells of can be on: its own days give or take a few, else its window."""
        if self.days:
            return sorted(
                {
                    date.fromisoformat(d) + timedelta(days=k)
                    for d in self.days
                    for k in range(-NEAR_DAYS, NEAR_DAYS + 1)
                }
            )
        window = self.window
        if window is None:
            return []
        return [window[0] + timedelta(days=k) for k in range((window[1] - window[0]).days + 1)]


def _party_country(name: str, orgs: dict[str, str]) -> str | None:
    found = country(name)
    return found[0] if found else orgs.get(fold(name))


def parse_day(value: str | date | None) -> str | None:
    """An ISO value as given when it is a real date (YYYY-MM-DD or YYYY-MM), else None. The Parquet
    `documents` table stores the publication date as a date, records as text: both are read."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if not value:
        return None
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return None
    return value if len(value) in (7, 10) else None


def reports_of(bundle: dict) -> list[Report]:
    """The reports of one article (usually one; one per distinct set of party countries)."""
    doc_id = bundle["doc_id"]
    pub = parse_day(bundle["publication_date"])
    pub = pub if pub and len(pub) == 10 else None
    orgs = {fold(name): iso for name, iso in bundle["org_countries"]}
    ranked = [iso for iso, _, _, _ in bundle["countries"]]
    agreements = [
        AgreementReport(
            doc_id=doc_id,
            ordinal=a["ordinal"],
            instrument=a["instrument"],
            title=a["title"],
            parties=list(dict.fromkeys(canonical_party(p) for p in a["parties"])),
            signatories=list(a["signatories"]),
            date=parse_day(a["date"]),
            place=a["place"],
            sectors=sorted(set(a["sectors"])),
            evidence=[list(e) for e in a["evidence"]],
            publication_date=pub,
        )
        for a in bundle["agreements"]
    ]
    for a in agreements:
        a.party_countries = [_party_country(p, orgs) for p in a.parties]
    own = [{iso for iso in a.party_countries if iso} for a in agreements]
    full = sorted(
        {frozenset(s) for s in own if len(s) >= 2}, key=lambda s: (-sum(s == o for o in own), sorted(s))
    )

    def completed(found: set[str]) -> frozenset[str]:
        if len(found) >= 2:
            return frozenset(found)
        for candidate in full:
            if found <= candidate:
                return candidate
        extra = [iso for iso in ranked if iso not in found]
        return frozenset(found | set(extra[: 2 - len(found)]))

    groups: dict[frozenset[str], list[AgreementReport]] = {}
    for agreement, found in zip(agreements, own, strict=True):
        groups.setdefault(completed(found), []).append(agreement)
    if not groups:  # an article that gives a count, or nothing, but no agreement
        groups[completed(set())] = []
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), sorted(kv[0])))
    out = []
    for part, (block, members) in enumerate(ordered):
        days = sorted({a.date for a in members if a.date and len(a.date) == 10})
        months = sorted({a.date for a in members if a.date and len(a.date) == 7} - {d[:7] for d in days})
        out.append(
            Report(
                doc_id=doc_id,
                part=part,
                block=tuple(sorted(block)),
                publication_date=pub,
                stated_count=bundle["stated_agreement_count"] if part == 0 else None,
                agreements=members,
                days=days,
                months=months if not days else [],
                doc_days=_recent_days([d for d in bundle["days"] if parse_day(d)], pub),
                place=_most_common([a.place for a in members]),
                party_names=sorted({p for a in members for p in a.parties}),
                mentioned=tuple(sorted(set(ranked))),
            )
        )
    return out


def _recent_days(days: list[str], pub: str | None) -> list[str]:
    if not pub:
        return list(days)
    last = date.fromisoformat(pub)
    first = last - timedelta(days=LOOKBACK_DAYS)
    return [d for d in days if first <= date.fromisoformat(d) <= last]


def _most_common(values: list[str | None]) -> str | None:
    """The value most agreements give (first in text order on a tie), compared folded."""
    known = [v for v in values if v]
    if not known:
        return None
    counts = Counter(fold(v) for v in known)
    best = max(counts.values())
    return next(v for v in known if counts[fold(v)] == best)
