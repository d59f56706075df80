"""The words the agreement stages read (title-closing verbs, list stops, speech verbs...), as data.

They live in `data/lexicons/agreement_words.jsonl`, one row per role, so that a reader can extend a
list without touching the rules that use it.
"""

from __future__ import annotations

from functools import cache

from ...resources import lexicon


@cache
def _roles() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in lexicon("agreement_words"):
        terms = out.setdefault(row["role"], set())
        for term in row["terms"]:
            terms |= {term, term.replace("'", "’"), term.replace("’", "'")}
    return {role: frozenset(terms) for role, terms in out.items()}


def words(role: str) -> frozenset[str]:
    """The words of one role; an unknown role is an error in the code, not in the data."""
    return _roles()[role]


@cache
def counting(kind: str) -> dict[str, int]:
    """Number words ("trois") or ordinals ("troisième"; 0 for "autre", "nouvel") from the counting lexicon."""
    return next(row["values"] for row in lexicon("counting") if row["kind"] == kind)
