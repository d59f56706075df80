"""One canonical row per agreement and per event, with every source and every disagreement kept.

Values are chosen, never invented: the value most sources give (a less precise
value that agrees, "2024-06" beside "2024-06-05", counts for it), else the most
precise, else the event's own value; whatever contradicts the choice is listed in
`conflicts` with the articles that give it. Identifiers hash the earliest-published
source, so they stay put when later articles join.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from ..places import fold
from .events import Event
from .matching import similarity, title_similarity
from .names import person_key, same_person
from .reports import AgreementReport

# On a tie between instruments, the more specific name wins.
INSTRUMENT_ORDER = (
    "traite",
    "convention",
    "accord_cadre",
    "protocole",
    "memorandum",
    "accord",
    "declaration",
    "contrat",
    "autre",
)


def _hash_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _first_published(a: AgreementReport) -> tuple:
    return (a.publication_date or "9999-99-99", a.doc_id, a.ordinal)


def event_id(event: Event) -> str:
    first = min(event.reports, key=lambda r: (r.publication_date or "9999-99-99", r.doc_id, r.part))
    return _hash_id("ev-", "+".join(first.block), first.doc_id, str(first.part))


def agreement_id(members: list[AgreementReport]) -> str:
    first = min(members, key=_first_published)
    return _hash_id("ag-", first.doc_id, str(first.ordinal))


def _compatible(a: str, b: str) -> bool:
    """Two ISO values agree when one is the other or a less precise form of it."""
    return a.startswith(b) or b.startswith(a)


def choose_date(values: list[tuple[str, str]], fallback: str | None = None) -> tuple[str | None, list[dict]]:
    """(chosen value, conflicting values with their doc_ids) from (value, doc_id) pairs."""
    if not values:
        return None, []
    precision = max(len(v) for v, _ in values)
    candidates = sorted({v for v, _ in values if len(v) == precision})
    support = {c: sum(_compatible(c, v) for v, _ in values) for c in candidates}
    top = max(support.values())
    tied = [c for c in candidates if support[c] == top]
    chosen = fallback if len(tied) > 1 and fallback in tied else tied[0]
    return chosen, _alternatives(values, chosen, _compatible)


def choose_name(values: list[tuple[str, str]], fallback: str | None = None) -> tuple[str | None, list[dict]]:
    """The same for names (places), compared folded."""
    if not values:
        return None, []
    counts = Counter(fold(v) for v, _ in values)
    top = max(counts.values())
    tied = sorted(k for k, n in counts.items() if n == top)
    key = fold(fallback) if fallback and fold(fallback) in tied and len(tied) > 1 else tied[0]
    chosen = next(v for v, _ in sorted(values) if fold(v) == key)
    return chosen, _alternatives(values, chosen, lambda a, b: fold(a) == fold(b))


def _alternatives(values, chosen, same) -> list[dict]:
    out: dict[str, set[str]] = {}
    for value, doc_id in values:
        if not same(value, chosen):
            out.setdefault(value, set()).add(doc_id)
    return [{"value": v, "doc_ids": sorted(d)} for v, d in sorted(out.items())]


def _conflict(field: str, chosen, values: list[tuple[str, str]]) -> dict:
    grouped: dict[str, set[str]] = {}
    for value, doc_id in values:
        grouped.setdefault(str(value), set()).add(doc_id)
    return {
        "field": field,
        "chosen": None if chosen is None else str(chosen),
        "values": [{"value": v, "doc_ids": sorted(d)} for v, d in sorted(grouped.items())],
    }


def choose_title(members: list[AgreementReport]) -> str | None:
    """The most informative title: most subject words, weighted by how well it agrees with the others."""
    titled = [a for a in members if a.title]
    if not titled:
        return None

    def score(a: AgreementReport) -> tuple:
        others = [b for b in titled if b is not a and b.title_key]
        agreement = (
            sum(title_similarity(a.title_key, b.title_key) or 0.0 for b in others) / len(others)
            if others
            else 1.0
        )
        return (-len(a.title_key.split()) * (0.5 + 0.5 * agreement), -len(a.title), a.doc_id, a.ordinal)

    return min(titled, key=score).title


def merge_signatories(members: list[AgreementReport]) -> list[dict]:
    """Signatories of all sources, one entry per person ("Agbodjan" joins "Yawovi Agbodjan")."""
    people: list[dict] = []
    for a in sorted(members, key=lambda m: m.key):
        for name in a.signatories:
            key = person_key(name)
            entry = next((p for p in people if same_person(p["key"], key)), None)
            if entry is None:
                entry = {"key": key, "names": [], "doc_ids": set()}
                people.append(entry)
            entry["names"].append(name)
            entry["doc_ids"].add(a.doc_id)
            if len(key) > len(entry["key"]):
                entry["key"] = key
    out = []
    for p in people:
        name = max(p["names"], key=lambda n: (len(person_key(n)), len(n), [-ord(c) for c in n]))
        out.append({"name": name, "doc_ids": sorted(p["doc_ids"])})
    return sorted(out, key=lambda p: fold(p["name"]))


def canonical_parties(
    reports_parties: list[tuple[str, str | None, str]], block: tuple[str, ...]
) -> list[str]:
    """Party names whose country is a party country of the block, plus others named by two or more sources."""
    named: dict[str, tuple[str, set[str]]] = {}
    for name, iso, doc_id in reports_parties:
        key = fold(name)
        if key not in named:
            named[key] = (name, set(), iso)
        named[key][1].add(doc_id)
    keep = [name for name, docs, iso in named.values() if (iso in block) or len(docs) >= 2]
    return sorted(keep, key=fold)


def agreement_row(
    members: list[AgreementReport],
    event: Event,
    ev_id: str,
    event_date: str | None,
    event_place: str | None,
    event_conflicts: list[dict],
) -> dict:
    """The canonical row of one agreement."""
    members = sorted(members, key=lambda a: a.key)
    instruments = [a.instrument for a in members]
    named = [i for i in instruments if i != "autre"] or instruments
    counts = Counter(named)
    top = max(counts.values())
    instrument = min((i for i in counts if counts[i] == top), key=INSTRUMENT_ORDER.index)
    conflicts = []
    if len(set(named)) > 1:
        conflicts.append(_conflict("instrument", instrument, [(a.instrument, a.doc_id) for a in members]))
    dates = [(a.date, a.doc_id) for a in members if a.date]
    chosen_date, date_alts = choose_date(dates, event_date)
    if date_alts:
        conflicts.append(_conflict("date", chosen_date, dates))
    places = [(a.place, a.doc_id) for a in members if a.place]
    chosen_place, place_alts = choose_name(places, event_place)
    if place_alts:
        conflicts.append(_conflict("place", chosen_place, places))
    conflicts += event_conflicts
    with_sectors = [a for a in members if a.sectors]
    sector_counts = Counter(s for a in with_sectors for s in a.sectors)
    sectors = sorted(s for s, n in sector_counts.items() if n * 2 >= len(with_sectors))
    titles: dict[str, list[str]] = {}
    for a in members:
        if a.title:
            titles.setdefault(a.title, []).append(a.doc_id)
    block = event.reports[0].block
    return {
        "agreement_id": agreement_id(members),
        "event_id": ev_id,
        "instrument": instrument,
        "title": choose_title(members),
        "titles": [{"value": t, "doc_ids": sorted(set(d))} for t, d in sorted(titles.items())],
        "parties": canonical_parties(
            [
                (p, iso, a.doc_id)
                for a in members
                for p, iso in zip(a.parties, a.party_countries, strict=True)
            ],
            block,
        ),
        "party_countries": list(block),
        "signatories": merge_signatories(members),
        "date": chosen_date,
        "date_alternatives": date_alts,
        "place": chosen_place,
        "place_alternatives": place_alts,
        "sectors": sectors,
        "sources": [
            {
                "doc_id": a.doc_id,
                "ordinal": a.ordinal,
                "evidence": [{"start": s, "end": e} for s, e in a.evidence],
            }
            for a in members
        ],
        "n_sources": len({a.doc_id for a in members}),
        "conflicts": conflicts,
    }


def source_rows(members: list[AgreementReport], ag_id: str, ev_id: str) -> list[dict]:
    """One row per report of an agreement, with how closely it matched the others."""
    out = []
    for a in sorted(members, key=lambda m: m.key):
        scores = [similarity(a, b) for b in members if b is not a]
        out.append(
            {
                "agreement_id": ag_id,
                "event_id": ev_id,
                "doc_id": a.doc_id,
                "ordinal": a.ordinal,
                "instrument": a.instrument,
                "title": a.title,
                "parties": a.parties,
                "signatories": a.signatories,
                "date": a.date,
                "place": a.place,
                "sectors": a.sectors,
                "evidence": [{"start": s, "end": e} for s, e in a.evidence],
                "publication_date": a.publication_date,
                "match_score": round(max(scores), 4) if scores else None,
            }
        )
    return out


def event_rows(
    event: Event, groups: list[list[AgreementReport]]
) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """(event row, agreement rows, agreement source rows, event source rows) of one event."""
    ev_id = event_id(event)
    block = event.reports[0].block
    days = [(d, r.doc_id) for r in event.reports for d in r.days]
    days += [(m, r.doc_id) for r in event.reports for m in r.months]
    # On a tie, the account published first (usually the wire of the day) decides.
    by_publication = sorted(
        event.reports, key=lambda r: (r.publication_date or "9999-99-99", r.doc_id, r.part)
    )
    first_day = next((r.days[0] for r in by_publication if r.days), None)
    first_place = next((r.place for r in by_publication if r.place), None)
    chosen_date, date_alts = choose_date(days, first_day)
    places = [(r.place, r.doc_id) for r in event.reports if r.place]
    chosen_place, place_alts = choose_name(places, first_place)
    stated = [(r.stated_count, r.doc_id) for r in event.reports if r.stated_count is not None]
    conflicts, shared = [], []
    if date_alts:
        conflicts.append(_conflict("date", chosen_date, days))
    if place_alts:
        conflicts.append(_conflict("place", chosen_place, places))
    if len({n for n, _ in stated}) > 1:
        counted = _conflict("stated_agreement_count", None, stated)
        conflicts.append(counted)
        shared.append(counted)
    agreements, sources = [], []
    for members in groups:
        row = agreement_row(members, event, ev_id, chosen_date, chosen_place, shared)
        agreements.append(row)
        sources += source_rows(members, row["agreement_id"], ev_id)
    all_days = sorted(d for d, _ in days if len(d) == 10)
    grouped: dict[int, set[str]] = {}
    for n, doc_id in stated:
        grouped.setdefault(n, set()).add(doc_id)
    event_row = {
        "event_id": ev_id,
        "party_countries": list(block),
        "parties": canonical_parties(
            [
                (p, iso, a.doc_id)
                for r in event.reports
                for a in r.agreements
                for p, iso in zip(a.parties, a.party_countries, strict=True)
            ],
            block,
        ),
        "date": chosen_date,
        "date_alternatives": date_alts,
        "first_day": all_days[0] if all_days else None,
        "last_day": all_days[-1] if all_days else None,
        "place": chosen_place,
        "place_alternatives": place_alts,
        "doc_ids": sorted({r.doc_id for r in event.reports}),
        "n_sources": len({r.doc_id for r in event.reports}),
        "n_agreements": len(agreements),
        "agreement_ids": [row["agreement_id"] for row in agreements],
        "stated_agreement_counts": [{"value": n, "doc_ids": sorted(d)} for n, d in sorted(grouped.items())],
        "conflicts": conflicts,
    }
    event_sources = [
        {
            "event_id": ev_id,
            "doc_id": r.doc_id,
            "part": r.part,
            "publication_date": r.publication_date,
            "stated_agreement_count": r.stated_count,
            "n_agreements": len(r.agreements),
            "date": r.days[0] if r.days else (r.months[0] if r.months else None),
            "place": r.place,
            "party_countries": list(r.block),
        }
        for r in sorted(event.reports, key=lambda r: r.key)
    ]
    return event_row, agreements, sources, event_sources
