"""Keys that make two reports comparable: folded names, country codes, title words, surname keys.

Outlets write the same party, person or title differently ("la Türkiye", "Turquie";
"M. Agbodjan", "Yawovi Agbodjan"; "accord de coopération en matière de sécurité",
"accord sur la sécurité"). Everything the matcher compares goes through here first.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

from ..places import fold

_WORD = re.compile(r"[a-z0-9]+")


@cache
def settings() -> dict:
    """The matcher's word lists (package data, `register/data/matching.json`)."""
    return json.loads(
        (files("accord_extract.register") / "data" / "matching.json").read_text(encoding="utf-8")
    )


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """folded name or variant → (ISO3, canonical French name), from the project's country lexicon."""
    from ..resources import lexicon

    out: dict[str, tuple[str, str]] = {}
    for row in lexicon("countries"):
        for form in (row["name"], *row.get("variants", [])):
            out.setdefault(fold(form), (row["iso3"], row["name"]))
    return out


def country(name: str) -> tuple[str, str] | None:
    """(ISO3, canonical name) when the name is a country's, else None."""
    key = fold(name)
    found = _countries().get(key)
    if found is None and key.startswith(("la ", "le ", "l'")):
        found = _countries().get(key.split(" ", 1)[-1].removeprefix("l'"))
    return found


def canonical_party(name: str) -> str:
    """A party's name as the register writes it: the country's canonical name, else the name as given."""
    found = country(name)
    return found[1] if found else " ".join(name.split())


def family(instrument: str) -> str:
    """Instruments outlets use for one another share a family ("*" for `autre`, which matches any)."""
    return settings()["instrument_families"].get(instrument, instrument)


@cache
def _title_stopwords() -> frozenset[str]:
    return frozenset(settings()["title_words"])


def title_key(title: str | None) -> str:
    """The subject words of a title, folded, in order: "accord de coopération en matière de sécurité
    transfrontalière" → "securite transfrontaliere"."""
    if not title:
        return ""
    words = _WORD.findall(fold(title).replace("-", " "))
    return " ".join(w for w in words if w not in _title_stopwords() and len(w) > 1)


def person_key(name: str) -> tuple[str, ...]:
    """Folded name words; two keys are the same person when one's words include the other's surname."""
    return tuple(_WORD.findall(fold(name).replace("-", " ")))


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "Agbodjan" and "Yawovi Agbodjan" are one signatory; "Moussa Diagne" and "Awa Diagne" are two."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short[-1] == long_[-1] and set(short) <= set(long_)
