"""Package data (patterns and lexicons), read through importlib.resources.

Every reader validates the keys of each row, so a typo in a data file fails
at load time with the file, line and the keys expected, not as a silent miss.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from .errors import ResourceError

DATA = files("accord_extract") / "data"


def _path(name: str):
    path = DATA / name
    if not path.is_file():
        raise ResourceError(f"unknown resource {name!r} (looked in {DATA})")
    return path


def read_jsonl(name: str, required: set[str], optional: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Rows of a JSONL data file, each checked to carry exactly the known keys."""
    rows = []
    for lineno, line in enumerate(_path(name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"{name}:{lineno}: not JSON ({exc})") from exc
        keys = set(row)
        if not required <= keys or not keys <= required | optional:
            raise ResourceError(
                f"{name}:{lineno}: keys {sorted(keys)}; expected {sorted(required)}"
                + (f" and optionally {sorted(optional)}" if optional else "")
            )
        rows.append(row)
    return rows


@cache
def lexicon(name: str) -> list[dict[str, Any]]:
    """A lexicon by file stem, with the keys its schema in LEXICONS allows."""
    try:
        required, optional = LEXICONS[name]
    except KeyError:
        raise ResourceError(f"unknown lexicon {name!r}; known: {sorted(LEXICONS)}") from None
    return read_jsonl(f"lexicons/{name}.jsonl", required, optional)


@cache
def role_terms(name: str, role: str) -> frozenset[str]:
    """The terms of one role of a lexicon of `{"role", "terms"}` rows."""
    return frozenset(t for row in lexicon(name) if row["role"] == role for t in row["terms"])


def patterns(name: str) -> list[dict[str, Any]]:
    """Matcher patterns (spaCy's `{"label", "pattern", "id"}` rows)."""
    return read_jsonl(f"patterns/{name}.jsonl", {"label", "pattern"}, frozenset({"id"}))


LEXICONS: dict[str, tuple[set[str], frozenset[str]]] = {
    "sectors": ({"sector", "terms"}, frozenset()),
    "countries": ({"iso3", "name"}, frozenset({"variants"})),
    "demonyms": ({"iso3", "forms"}, frozenset()),
    "regions": ({"name", "kind"}, frozenset({"country", "variants"})),
    "cities": ({"name", "country"}, frozenset({"variants"})),
    "person_cues": ({"type", "terms"}, frozenset()),
    "organization_cues": ({"kind", "heads"}, frozenset()),
    "instruments": ({"instrument", "terms"}, frozenset({"strength"})),
    "agreement_cues": ({"role", "terms"}, frozenset()),
    "not_organizations": ({"role", "terms"}, frozenset()),
    "agreement_words": ({"role", "terms"}, frozenset()),
    "signing": ({"role", "terms"}, frozenset()),
    "not_places": ({"terms"}, frozenset()),
    "place_context": ({"role", "terms"}, frozenset()),
    "media": ({"role", "terms"}, frozenset()),
    "counting": ({"kind", "values"}, frozenset()),
    "collective_signers": ({"group", "heads", "titles"}, frozenset({"complements"})),
    "organization_context": ({"role", "terms"}, frozenset()),
}


def load_json(name: str) -> Any:
    return json.loads(_path(name).read_text(encoding="utf-8"))
