"""Names coordinated with a company: "plusieurs groupes émiriens, dont Masdar et DP World", "les
sociétés BP et Kosmos Energy", "de Petrosen et de la Société mauritanienne des hydrocarbures". A bare
one-word name is not an organisation on its own (the stock NER calls many words ORG); joined to one it
is.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .._common import is_name_token
from .candidates import _org

# Words that may stand between two coordinated names, at least one of them a coordinator.
GAP_WORDS = frozenset({"et", "ou", ",", "de", "du", "des", "d'", "d’", "la", "le", "l'", "l’"})
COORDINATORS = frozenset({"et", "ou", ","})
DETERMINERS = frozenset({"la", "le", "l'", "l’"})
LEFT_OPENERS = frozenset({"dont", ",", "de", "d'", "d’", "entre", "avec", "et", ":", "(", "notamment"})
MAX_GAP, MAX_NAME = 4, 4


def coordinated(doc: Doc, orgs: list[dict], gazetteer, person_cues: set[str]) -> list[dict]:
    """The companies found, with the names coordinated with them."""
    by_char = {token.idx: token.i for token in doc}
    ends = {token.idx + len(token.text): token.i + 1 for token in doc}
    taken = [False] * len(doc)
    for org in orgs:
        for t in range(by_char.get(org["start"], 0), ends.get(org["end"], 0)):
            taken[t] = True
    person_tokens = {t.i for ent in doc.ents if ent.label_ == "PER" and len(ent) > 1 for t in ent}
    places = [(s, e) for s, e, *_ in doc._.accord_places or []]

    def name_at(lo: int, hi: int, kind: str) -> dict | None:
        if lo >= hi or hi - lo > MAX_NAME or any(taken[t] for t in range(lo, hi)):
            return None
        span = doc[lo:hi]
        if doc[lo].is_sent_start or any(t.i in person_tokens for t in span):
            return None
        if span.text.casefold() in person_cues or doc[lo].text.casefold() in person_cues:
            return None
        if hi < len(doc) and f"{span.text} {doc[hi].text}".casefold() in person_cues:
            return None  # "Premier ministre"
        if gazetteer.lookup(span.text) or any(s < span.end_char and span.start_char < e for s, e in places):
            return None
        return _org(span, kind, None, source="coordination")

    added = []
    for org in orgs:
        if org.get("kind") not in ("company", "other"):
            continue
        start, end = by_char.get(org["start"]), ends.get(org["end"])
        if start is None or end is None:
            continue
        # To the right: "BP et Kosmos Energy".
        k = end
        while k < len(doc) and k - end < MAX_GAP and doc[k].lower_ in GAP_WORDS:
            k += 1
        gap = {doc[t].lower_ for t in range(end, k)}
        if gap & COORDINATORS and not gap & DETERMINERS:  # "et le Gouvernement": a new phrase
            j = k
            while j < len(doc) and j - k < MAX_NAME and is_name_token(doc[j]):
                j += 1
            found = name_at(k, j, org["kind"]) if j == len(doc) or not is_name_token(doc[j]) else None
            if found:
                added.append(found)
                for t in range(k, j):
                    taken[t] = True
        # To the left: "dont Masdar et DP World", "de Petrosen et de la Société ...".
        k = start
        while k > 0 and start - k < MAX_GAP and doc[k - 1].lower_ in GAP_WORDS:
            k -= 1
        if k < start and any(doc[t].lower_ in COORDINATORS for t in range(k, start)):
            i = k
            while i > 0 and k - i < MAX_NAME and is_name_token(doc[i - 1]):
                i -= 1
            opened = i == 0 or doc[i - 1].lower_ in LEFT_OPENERS  # "dont Masdar", "de Petrosen"
            found = name_at(i, k, org["kind"]) if opened else None
            if found:
                added.append(found)
                for t in range(i, k):
                    taken[t] = True
    return sorted(orgs + added, key=lambda o: o["start"])
