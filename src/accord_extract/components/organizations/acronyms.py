"""An acronym and its expansion are one organisation: "Expansion (ACR)" defines ACR, and later bare ACR
tokens are more mentions of it."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc

from .._common import token_words
from .name_ends import ACRONYM


def join_by_acronym(doc: Doc, orgs: list[dict]) -> list[dict]:
    """ "la société Sahel Routes et Ouvrages SA (SRO)": two names either side of "et" that the acronym
    after them spells are one company's."""
    text = doc.text
    out: list[dict] = []
    for org in sorted(orgs, key=lambda o: o["start"]):
        previous = out[-1] if out else None
        if previous is not None and text[previous["end"] : org["start"]] in (" et ", " & "):
            match = AFTER.match(text, org["end"])
            whole = text[previous["start"] : org["end"]]
            if match and _spells(match.group(1), whole):
                out[-1] = dict(previous, end=org["end"], name=whole)
                continue
        out.append(org)
    return out


AFTER = re.compile(r"\s*\(([A-Z]{2,8})\)")


def _spells(acronym: str, name: str) -> bool:
    initials = "".join(w[0] for w in name.split() if w[:1].isupper() and w.upper() != w)
    return initials == acronym


def link_acronyms(doc: Doc, orgs: list[dict]) -> list[dict]:
    words = token_words(doc)
    starts = doc.to_array("IDX").tolist()
    by_acronym: dict[str, dict] = {}
    for org in orgs:
        t = bisect_left(starts, org["end"])
        while t < len(words) and not words[t].strip():
            t += 1
        if t + 2 < len(words) and words[t] == "(" and ACRONYM.match(words[t + 1]) and words[t + 2] == ")":
            org["acronym"] = words[t + 1]
            by_acronym[words[t + 1]] = org
    result = []
    for org in orgs:
        target = by_acronym.get(org["name"])
        if target is not None and target is not org:
            target.setdefault("extra_mentions", []).append([org["start"], org["end"]])
            continue
        result.append(org)
    if not by_acronym:
        return result
    # Bare mentions of a defined acronym, where no organisation already stands.
    spans = sorted(
        [(o["start"], o["end"]) for o in result]
        + [tuple(m) for o in result for m in o.get("extra_mentions", [])]
    )
    span_starts = [s for s, _ in spans]
    for i, word in enumerate(words):
        target = by_acronym.get(word)
        if target is None:
            continue
        key = (starts[i], starts[i] + len(word))
        k = bisect_left(span_starts, key[0])
        covered = (k < len(spans) and spans[k][0] < key[1]) or (k and spans[k - 1][1] > key[0])
        if not covered:
            target.setdefault("extra_mentions", []).append(list(key))
    return result
