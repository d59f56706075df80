"""Where an organisation's name ends: lowercase complements up to the proper name or acronym that
closes them, a list of complements, a country tail that is an attribute ("ministère des Transports du
Pérou"), the place of a diplomatic post. Each scan is bounded, so the cost stays linear."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...resources import role_terms
from .._common import is_capitalised

ACRONYM = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,11}$")
# Words that may join the parts of a name: "Ministère de l'Économie et des Finances".
CONNECTORS = frozenset({"de", "du", "des", "la", "l'", "l’", "d'", "d’", "et"})
DETERMINERS = frozenset({"le", "la", "les", "l'", "l’"})
POST_LINKS = frozenset({"en", "au", "aux", "à", "auprès"})


def lowercase_chain(doc: Doc, j: int, limit: int) -> tuple[int, bool] | None:
    """ "Chambre de commerce, d'industrie et d'agriculture de Tripoli", "Commissariat aux énergies
    renouvelables et à l'efficacité énergétique (CEREFE)": lowercase complements a capitalised head takes
    when a proper name or the name's acronym closes them. (where the name goes on, whether it ends there)"""
    t = j
    while t < min(limit, len(doc)):
        token = doc[t]
        low = token.lower_
        if low in CHAIN_LINKS:
            if low == "et" and t + 1 < len(doc) and doc[t + 1].lower_ in DETERMINERS:
                return None  # "... et le Gouvernement": another name
            t += 1
            continue
        if token.text == "," and t + 1 < len(doc) and doc[t + 1].lower_ in CHAIN_LINKS:
            t += 1
            continue
        if token.text == "(" and t + 2 < len(doc) and doc[t + 2].text == ")" and doc[t + 1].text.isupper():
            return (t, True) if t > j else None
        if is_capitalised(token) and not token.is_sent_start:
            return (t, False) if t > j else None
        if token.is_alpha and token.is_lower and low not in CHAIN_STOPS:
            if (
                doc[t - 1].lower_ in ("de", "d'", "d’")
                and doc[t - 2].lower_ == "et"
                and low.endswith(("s", "x"))
            ):
                return None  # "le Gouvernement et de hauts responsables": a new noun phrase
            t += 1
            continue
        return None
    return None


CHAIN_LINKS = CONNECTORS | {"à", "au", "aux"}
CHAIN_STOPS = frozenset(
    {
        "a",
        "ont",
        "est",
        "sont",
        "sera",
        "seront",
        "avait",
        "avaient",
        "qui",
        "que",
        "dont",
        "se",
        "pour",
        "par",
        "avec",
        "sur",
        "en",
        "dans",
        "lors",
        "après",
        "avant",
        "entre",
        "vers",
        "chez",
        "selon",
        "ou",
    }
)


def enumerated_complement(doc: Doc, comma: int) -> bool:
    """A comma inside a name's list of complements: ", des Infrastructures", ", de la Coopération"."""
    k = comma + 1
    while k < len(doc) and k - comma <= 3 and doc[k].lower_ in CONNECTORS:
        k += 1
    return (
        k > comma + 1
        and doc[comma + 1].lower_ in ("de", "du", "des", "d'", "d’")
        and k < len(doc)
        and doc[k].is_title
    )


def up_to_acronym(doc: Doc, j: int, reach: int = 10) -> int:
    """ "Organisation indienne de recherche spatiale (ISRO)": an acronym in parentheses closes the name,
    lowercase words included."""
    for k in range(j, min(len(doc) - 2, j + reach)):
        token = doc[k]
        if token.text == "(" and ACRONYM.match(doc[k + 1].text) and doc[k + 2].text == ")":
            return k
        if (
            token.is_punct
            or token.is_space
            or token.lower_ in ("qui", "a", "ont", "est", "sont", "et", "avec")
        ):
            return j
    return j


def country_tail(doc: Doc, head_end: int, j: int, gazetteer) -> tuple[int, str] | None:
    """(new end, ISO3) when the name ends with "du Pérou", "de la République de Guinée", "de Corée"."""
    for k in range(max(head_end + 1, j - 8), j):
        if doc[k - 1].lower_ not in ("de", "du", "des", "d'", "d’", "la", "l'", "l’"):
            continue
        place = gazetteer.lookup(doc[k:j].text)
        if place is not None and place.kind == "country":
            start = k - 1
            while start > head_end and doc[start - 1].lower_ in CONNECTORS:
                start -= 1
            if doc[start - 1].lower_ in STATE_NOUNS:
                return None  # "ministère de la Défense de la République de l'Inde": no dangling "République"
            return start, place.country
    return None


# "de la République de l'Inde": the state is named by these nouns, and the name keeps it.
STATE_NOUNS = role_terms("organization_context", "state_noun")


def post_tail(doc: Doc, j: int, gazetteer) -> int:
    """ "... au Sénégal", "... en Tunisie", "... auprès de l'Union africaine": where a post is."""
    if j >= len(doc) or doc[j].lower_ not in POST_LINKS:
        return j
    k = j + 1
    while k < len(doc) and k - j <= 3 and doc[k].lower_ in CONNECTORS:
        k += 1
    for end in range(min(len(doc), k + 4), k, -1):
        place = gazetteer.lookup(doc[k:end].text)
        if place is not None and place.kind in ("country", "city"):
            return end
    return j
