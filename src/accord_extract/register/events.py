"""Which reports of one block (same party countries) tell of the same signing event.

Reports that give a day are taken in date order: each joins the event it fits best,
or opens a new one. A report fits an event on the same day; a day off, unless the
place or the agreements contradict it (one outlet gets the day wrong); two or three
days off only when the place or the agreements agree. A shared place and shared
agreements count for, a contradicting place and disjoint agreements against.
Reports without a day of their own (a count only, a month, "during the three-day
visit") come next and join the dated event the article points to: a day it states,
a day inside the range it states, else the nearest event in the weeks before its
publication.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..places import fold
from .matching import MATCH, similarity
from .reports import NEAR_DAYS, Report

DATE_TOLERANCE = NEAR_DAYS
JOIN = 1.0
ONLY_CANDIDATE = 0.5
# What a gap of 0, 1, 2 or 3 days between a report and an event is worth.
DAY_GAP_SCORE = (2.0, 1.0, 0.5, 0.5)


@dataclass(slots=True)
class Event:
    reports: list[Report] = field(default_factory=list)
    days: set[date] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    stated: set[date] = field(default_factory=set)

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.days.update(date.fromisoformat(d) for d in report.days)
        self.stated.update(date.fromisoformat(d) for d in report.doc_days)
        if report.place:
            self.places.add(fold(report.place))


def _agreement_support(report: Report, event: Event) -> float:
    """+1 for the first agreement the report shares with the event, +0.5 for each next (at most +2);
    -0.5 when both list agreements and none is shared."""
    theirs = [a for r in event.reports for a in r.agreements]
    if not report.agreements or not theirs:
        return 0.0
    shared = sum(any(similarity(a, b) >= MATCH for b in theirs) for a in report.agreements)
    if not shared:
        return -0.5
    return min(2.0, 1.0 + 0.5 * (shared - 1))


def _place_score(report: Report, event: Event) -> float:
    places = event.places
    if not report.place or not places:
        return 0.0
    return 1.0 if fold(report.place) in places else -0.5


def fit(report: Report, event: Event) -> float | None:
    """How well a report fits an event; None when it cannot be the same event."""
    days = event.days
    support = _agreement_support(report, event) + _place_score(report, event)
    if report.days:
        if not days:
            return None
        gap = min(abs((date.fromisoformat(d) - e).days) for d in report.days for e in days)
        if gap > DATE_TOLERANCE:
            return None
        return DAY_GAP_SCORE[gap] + support
    window = report.window
    stated = {date.fromisoformat(d) for d in report.doc_days}
    if days:
        if window and not any(window[0] <= d <= window[1] for d in days):
            return None
        if stated & set(days):
            bonus = 1.5
        elif stated and any(min(stated) <= d <= max(stated) for d in days):
            bonus = 1.0
        else:
            bonus = 0.5
        return bonus + support
    # Neither side has a day: the same day stated in both articles, or nothing.
    if stated & event.stated:
        return 1.5 + support
    return None


def _candidates(report: Report, by_day: dict, by_stated: dict) -> list[int]:
    """Events that could fit, found through the days they cover instead of a scan of the segment."""
    found: set[int] = set()
    if report.days:
        for d in report.days:
            day = date.fromisoformat(d)
            for k in range(-DATE_TOLERANCE, DATE_TOLERANCE + 1):
                found.update(by_day.get(day + timedelta(days=k), ()))
        return sorted(found)
    window = report.window
    if window:
        for k in range((window[1] - window[0]).days + 1):
            found.update(by_day.get(window[0] + timedelta(days=k), ()))
    else:
        for d in report.doc_days:
            found.update(by_day.get(date.fromisoformat(d), ()))
    for d in report.doc_days:
        found.update(by_stated.get(date.fromisoformat(d), ()))
    return sorted(found)


def cluster_events(reports: list[Report]) -> list[Event]:
    """Events of one segment, in the order they were opened (deterministic for a given input)."""
    dated = sorted((r for r in reports if r.days), key=lambda r: (r.days[0], r.doc_id, r.part))
    undated = sorted((r for r in reports if not r.days), key=lambda r: (str(r.anchor), r.doc_id, r.part))
    events: list[Event] = []
    by_day: dict[date, set[int]] = {}
    by_stated: dict[date, set[int]] = {}
    for report in (*dated, *undated):
        scores = {}
        for index in _candidates(report, by_day, by_stated):
            event = events[index]
            if any(r.doc_id == report.doc_id for r in event.reports):
                continue  # one article, one account of an event
            score = fit(report, event)
            if score is not None:
                scores[index] = score
        if len(scores) == 1 and not report.days and not report.doc_days:
            # An article with no day at all, and a single event it can be about.
            scores = {index: score + ONLY_CANDIDATE for index, score in scores.items()}
        best = None
        if scores:
            index = min(scores, key=lambda i: (-scores[i], i))
            best = index if scores[index] >= JOIN else None
        if best is None:
            best = len(events)
            events.append(Event())
        event = events[best]
        event.add(report)
        for day in event.days:
            by_day.setdefault(day, set()).add(best)
        if not event.days:
            for day in event.stated:
                by_stated.setdefault(day, set()).add(best)
    return events
