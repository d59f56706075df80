"""Which agreement reports of one event are the same instrument.

Two reports are compared on their instrument (families: an outlet's "protocole
d'accord" is another's "mémorandum"; `autre` matches any), the subject words of
their titles (rapidfuzz's token-set ratio, so "accord sur la sécurité" and "accord
de coopération en matière de sécurité et de lutte contre la criminalité" agree),
their sectors and their signatories. Reports of one article are never merged: an
article that lists two instruments means two.

Clustering is agglomerative under that cannot-link rule: the most similar pairs
merge first while the average similarity between the two groups stays above
`MATCH`. A second pass pairs what is left by mutual best match above `LEFTOVER`:
the one memorandum of each report is the same memorandum even when one outlet
gets its title wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

from .names import same_person
from .reports import AgreementReport

MATCH = 0.6
LEFTOVER = 0.3
MIN_TITLE_FOR_LEFTOVER = 0.35


def title_similarity(a: str, b: str) -> float | None:
    """0..1 over subject words; None when either title has none."""
    if not a or not b:
        return None
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) / 100.0


def _generic(a: AgreementReport, b: AgreementReport) -> bool:
    """A one-word subject ("défense") says no more than its sector."""
    return min(len(a.title_key.split()), len(b.title_key.split())) <= 1


def similarity(a: AgreementReport, b: AgreementReport) -> float:
    """0..1; 0 when the instruments cannot be the same (different families)."""
    if a.family != b.family and "*" not in (a.family, b.family):
        return 0.0
    if a.instrument == b.instrument:
        kind = 1.0
    elif a.family == b.family:
        kind = 0.85
    else:
        kind = 0.7
    sectors = None
    if a.sectors and b.sectors:
        sa, sb = set(a.sectors), set(b.sectors)
        sectors = len(sa & sb) / len(sa | sb)
    title = title_similarity(a.title_key, b.title_key)
    if title is None:
        base = sectors if sectors is not None else 0.5
    elif _generic(a, b):
        base = 0.5 * title + 0.5 * (sectors if sectors is not None else 0.5)
    else:
        base = title
    if sectors == 0.0:
        base *= 0.5
    if a.signatory_keys and b.signatory_keys:
        shared = any(same_person(x, y) for x in a.signatory_keys for y in b.signatory_keys)
        base = max(base, 0.75) if shared and sectors != 0.0 else (base if shared else base - 0.1)
    return max(0.0, min(1.0, base * kind))


def _leftover_ok(a: AgreementReport, b: AgreementReport, score: float) -> bool:
    if score < LEFTOVER or (a.sectors and b.sectors and not set(a.sectors) & set(b.sectors)):
        return False
    title = title_similarity(a.title_key, b.title_key)
    return title is None or _generic(a, b) or title >= MIN_TITLE_FOR_LEFTOVER


def cluster_agreements(items: Iterable[AgreementReport]) -> list[list[AgreementReport]]:
    """Groups of reports of the same instrument, each sorted by (doc_id, ordinal); groups in order of their
    first member. Deterministic: ties break on the reports' keys."""
    items = sorted(items, key=lambda a: a.key)
    n = len(items)
    sims = {}
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            if items[i].doc_id == items[j].doc_id:
                continue
            s = similarity(items[i], items[j])
            sims[i, j] = s
            if s > 0:
                pairs.append((-s, i, j))
    pairs.sort()
    group = list(range(n))
    members = {i: [i] for i in range(n)}

    def sim(i: int, j: int) -> float:
        return sims[(i, j) if i < j else (j, i)]

    def linkable(gi: int, gj: int) -> tuple[bool, float]:
        a, b = members[gi], members[gj]
        if {items[x].doc_id for x in a} & {items[y].doc_id for y in b}:
            return False, 0.0
        values = [sim(x, y) for x in a for y in b]
        return min(values) > 0, sum(values) / len(values)

    def merge(gi: int, gj: int) -> None:
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))

    for negative, i, j in pairs:
        if -negative < MATCH:
            break
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        ok, average = linkable(gi, gj)
        if ok and average >= MATCH:
            merge(gi, gj)
    _pair_leftovers(items, members, linkable, merge, sim)
    return [[items[x] for x in members[g]] for g in sorted(members)]


def _pair_leftovers(items, members, linkable, merge, sim) -> None:
    """Mutual best matches among groups still apart, best first, until none is left."""
    while True:
        keys = sorted(members)
        best: dict[int, tuple[float, int]] = {}
        for x, gi in enumerate(keys):
            for gj in keys[x + 1 :]:
                ok, average = linkable(gi, gj)
                if not ok:
                    continue
                pairs = [(a, b) for a in members[gi] for b in members[gj]]
                if not all(_leftover_ok(items[a], items[b], sim(a, b)) for a, b in pairs):
                    continue
                for g, other in ((gi, gj), (gj, gi)):
                    if average > best.get(g, (0.0, -1))[0]:
                        best[g] = (average, other)
        mutual = [
            (score, g, other)
            for g, (score, other) in best.items()
            if g < other and best.get(other, (0, -1))[1] == g
        ]
        if not mutual:
            return
        _, gi, gj = max(mutual, key=lambda t: (t[0], -t[1], -t[2]))
        merge(gi, gj)
