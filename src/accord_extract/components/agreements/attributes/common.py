"""What the attribute readers share: their vocabularies and small helpers over names."""

from __future__ import annotations

import re

from ..vocabulary import words

PARTY_KINDS = frozenset({"company", "international_organization", "government", "other"})

SPEECH_VERBS = words("speech_verb")

WITNESS_VERBS = tuple(sorted(words("witness_verb")))

AGENT_MARKS = frozenset({"par", "côté", "pour", "au nom"})

# After a list's last agreement, a comma then these words goes on about it ("..., signé par", ", qui").
OWN_CLAUSE_STARTS = words("own_clause_start")

NEW_SUBJECT = re.compile(r",\s*(le|la|les|l['’]|un|une|m\.|mme|mm\.|son|sa|ses|leurs?|ces|cette|ce)\s")

LOCATIVE = words("locative")

DIRECTIONAL = words("directional")

MOVEMENT = tuple(sorted(words("movement")))


def is_specific(m) -> bool:
    """A later mention that names one agreement ("le mémorandum relatif au corridor", "le premier"),
    not all of them ("les textes")."""
    return (not m.plural and m.det in ("def", "ordinal", "none", "indef") and m.strength != "carrier") or (
        m.strength in ("carrier", "elliptic") and m.det in ("def", "ordinal") and not m.plural
    )


def union(groups) -> list[str]:
    out: list[str] = []
    for group in groups:
        for name in group:
            if name not in out:
                out.append(name)
    return out


def one_per_country(parties: list[dict]) -> list[dict]:
    """A body already stands for its state: "la BOAD" and "le Togo" both stay, two names of one state do not."""
    out, seen = [], set()
    for p in parties:
        key = (p["type"], p["name"])
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
