"""Date candidates → ISO 8601 values. No spaCy: the component finds spans, this module reads them.

Absolute dates go through `dateparser.parse(..., languages=["fr"])` under
fixed settings, so that a run today and a run next year give the same value.
Relative dates and year-less days need an anchor (the publication date, or
another date of the article) and are resolved by `resolve`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import cache

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # the abbreviations of wire datelines ("Niamey, 12 fév (ANP)")
    "janv": 1, "jan": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
RELATIVE_DAYS = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "demain": 1, "apres-demain": 2}
# Fixed settings: no "today" leaks into absolute dates.
SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RELATIVE_BASE": datetime(2000, 1, 1),
    "STRICT_PARSING": False,
    "REQUIRE_PARTS": [],
    "PARSERS": ["absolute-time"],
}
_DAY = re.compile(r"^(\d{1,2})(er)?$")


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@cache
def _parser():
    import dateparser

    return dateparser


def warm_up() -> None:
    """Load dateparser's French data once, outside the per-article path."""
    parse_day(1, 1, 2000)


def parse_day(day: int, month: int, year: int) -> date | None:
    """One calendar day through dateparser (which also rejects 31 février)."""
    parsed = _parser().parse(f"{day:02d}/{month:02d}/{year:04d}", languages=["fr"], settings=SETTINGS)
    return parsed.date() if parsed else None


def parse_text(text: str) -> date | None:
    parsed = _parser().parse(text, languages=["fr"], settings=SETTINGS)
    return parsed.date() if parsed else None


def read_candidate(label: str, words: list[str]) -> dict:
    """Turn a matched span's words into a plain candidate: days, month, year, weekday, relative."""
    folded = [strip_accents(w).rstrip(".") for w in words]
    weekdays = [WEEKDAYS[w] for w in folded if w in WEEKDAYS]
    days = [int(_DAY.match(w).group(1)) for w in folded if _DAY.match(w)]
    months = [MONTHS[w] for w in folded if w in MONTHS]
    years = [int(w) for w in folded if re.fullmatch(r"(1[89]|20)\d\d", w)]
    direction = (
        "next" if "prochain" in folded else "last" if ("dernier" in folded or "passe" in folded) else None
    )
    cand = {
        "direction": direction if label in ("MONTH", "DAY_MONTH") else None,
        "label": label,
        "days": days,
        "months": months,
        "year": years[-1] if years else None,
        "weekday": weekdays[0] if weekdays else None,
        "relative": None,
    }
    if label.startswith("NUMERIC"):
        # "04-03-2014" may reach here as one token or, split by the tokenizer, as five
        numeric = "".join(w for w in words if not w[:1].isalpha())
        numbers = [int(x) for x in re.split(r"[/.-]", numeric) if x.isdigit()]
        if len(numbers) != 3:
            return {**cand, "days": [0], "months": [0], "year": None}  # rejected by plausible()
        if label == "NUMERIC_ISO":
            numbers = numbers[::-1]
        cand.update(days=[numbers[0]], months=[numbers[1]], year=numbers[2])
    elif label == "RELATIVE":
        word = folded[0]
        if word in RELATIVE_DAYS:
            cand["relative"] = {"offset": RELATIVE_DAYS[word]}
        else:
            direction = (
                "next"
                if "prochain" in folded
                else "last"
                if ("dernier" in folded or "passe" in folded)
                else "recent"
            )
            cand["relative"] = {"weekday": WEEKDAYS[word], "direction": direction}
    return cand


def plausible(candidate: dict, words: list[str]) -> bool:
    """Patterns match shapes (digits, lengths); keep years 1800-2099, months 1-12, days 1-31."""
    has_year_word = any(len(w) == 4 and w.isdigit() for w in words)
    if has_year_word and candidate["year"] is None:
        return False
    if candidate["year"] is not None and not 1800 <= candidate["year"] <= 2099:
        return False
    return all(1 <= m <= 12 for m in candidate["months"]) and all(1 <= d <= 31 for d in candidate["days"])


def resolve(
    candidate: dict, reference: date | None, anchor_year: int | None
) -> tuple[list[tuple[str, str]], str | None]:
    """Values [(iso, granularity)] of one candidate, and a warning if it could not be resolved.

    `reference` is the day the text is written from (the publication date, else the dateline's day);
    `anchor_year` the year the text is about when no day is known. A weekday fixes the year of a
    year-less day ("mardi 4 mars"): the matching year nearest the anchor, never the machine clock's."""
    label = candidate["label"]
    if candidate["relative"] is not None:
        if reference is None:
            return [], "relative date left out: no publication date known"
        rel = candidate["relative"]
        if "offset" in rel:
            return [((reference + timedelta(days=rel["offset"])).isoformat(), "day")], None
        delta = (reference.weekday() - rel["weekday"]) % 7
        if rel["direction"] == "next":
            day = reference + timedelta(days=(rel["weekday"] - reference.weekday()) % 7 or 7)
        elif rel["direction"] == "last":
            day = reference - timedelta(days=delta or 7)
        else:
            day = reference - timedelta(days=delta)
        return [(day.isoformat(), "day")], None
    if label == "YEAR":
        return [(f"{candidate['year']:04d}", "year")], None
    year = candidate["year"]
    if label in ("MONTH_YEAR", "MONTH"):
        if year is None:
            year = _month_year(candidate, reference, anchor_year)
        if year is None:
            return [], "month without a year left out: no publication date or dated context"
        return [(f"{year:04d}-{candidate['months'][0]:02d}", "month")], None
    weekday = candidate["weekday"]
    if year is None and weekday is not None and len(candidate["days"]) == 1:
        year = year_of_weekday(candidate["days"][0], candidate["months"][0], weekday, reference, anchor_year)
    if year is None and candidate.get("direction") and reference is not None:
        year = _nearest_year(candidate["days"][0], candidate["months"][0], reference, candidate["direction"])
    year = year or anchor_year
    if year is None:
        return [], "day without a year left out: no publication date or dated context"
    months = candidate["months"]
    values, warning = [], None
    for k, day_number in enumerate(candidate["days"]):
        month = months[min(k, len(months) - 1)] if len(months) > 1 else months[0]
        day = parse_day(day_number, month, year)
        if day is None:
            warning = f"not a calendar day: {day_number}/{month}/{year}"
            continue
        values.append((day.isoformat(), "day"))
    if weekday is not None and len(values) == 1 and date.fromisoformat(values[0][0]).weekday() != weekday:
        warning = f"stated weekday does not match {values[0][0]}"
    return values, warning


def year_of_weekday(
    day: int, month: int, weekday: int, reference: date | None, anchor_year: int | None
) -> int | None:
    """The year in which day/month falls on that weekday: the one nearest the reference day (or the
    anchor year), and not after the reference when it is known."""
    center = reference.year if reference else anchor_year
    if center is None:
        center = date.today().year  # only to bound the search; the weekday decides
    best = None
    for year in range(center - 12, center + 4):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() != weekday:
            continue
        if reference is None and anchor_year is None and candidate > date.today():
            continue
        distance = abs((candidate - reference).days) if reference else abs(year - center) * 365
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _nearest_year(day: int, month: int, reference: date, direction: str) -> int | None:
    """ "le 12 mars dernier" / "prochain": the occurrence before / after the reference day."""
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        fits = (direction == "last" and candidate <= reference) or (
            direction == "next" and candidate >= reference
        )
        if fits and abs(candidate.year - reference.year) <= 1:
            return year
    return None


def _month_year(candidate: dict, reference: date | None, anchor_year: int | None) -> int | None:
    """A month without a year: "en mars prochain" the next one, "en juin dernier" the last one, else the
    occurrence nearest the reference day (a December report's "en février" is February next year)."""
    month = candidate["months"][0]
    if reference is None:
        return anchor_year
    direction = candidate.get("direction")
    if direction == "next":
        return reference.year if month > reference.month else reference.year + 1
    if direction == "last":
        return reference.year if month < reference.month else reference.year - 1
    options = [
        (abs((year - reference.year) * 12 + month - reference.month), year)
        for year in (reference.year - 1, reference.year, reference.year + 1)
    ]
    return min(options)[1]
