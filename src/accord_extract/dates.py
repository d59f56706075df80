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
    folded = [strip_accents(w) for w in words]
    weekdays = [WEEKDAYS[w] for w in folded if w in WEEKDAYS]
    days = [int(_DAY.match(w).group(1)) for w in folded if _DAY.match(w)]
    months = [MONTHS[w] for w in folded if w in MONTHS]
    years = [int(w) for w in folded if re.fullmatch(r"(1[89]|20)\d\d", w)]
    cand = {
        "label": label,
        "days": days,
        "months": months,
        "year": years[-1] if years else None,
        "weekday": weekdays[0] if weekdays else None,
        "relative": None,
    }
    if label.startswith("NUMERIC"):
        numbers = [int(x) for x in re.split(r"[/.-]", words[-1]) if x.isdigit()]
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
    candidate: dict, publication: date | None, anchor_year: int | None
) -> tuple[list[tuple[str, str]], str | None]:
    """Values [(iso, granularity)] of one candidate, and a warning if it could not be resolved."""
    label = candidate["label"]
    if candidate["relative"] is not None:
        if publication is None:
            return [], "relative date left out: no publication date known"
        rel = candidate["relative"]
        if "offset" in rel:
            return [((publication + timedelta(days=rel["offset"])).isoformat(), "day")], None
        delta = (publication.weekday() - rel["weekday"]) % 7
        if rel["direction"] == "next":
            day = publication + timedelta(days=(rel["weekday"] - publication.weekday()) % 7 or 7)
        elif rel["direction"] == "last":
            day = publication - timedelta(days=delta or 7)
        else:
            day = publication - timedelta(days=delta)
        return [(day.isoformat(), "day")], None
    if label == "YEAR":
        return [(f"{candidate['year']:04d}", "year")], None
    year = candidate["year"] or anchor_year
    if label in ("MONTH_YEAR", "MONTH"):
        if year is None:
            return [], "month without a year left out: no publication date or dated context"
        return [(f"{year:04d}-{candidate['months'][0]:02d}", "month")], None
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
    weekday = candidate["weekday"]
    if weekday is not None and len(values) == 1 and date.fromisoformat(values[0][0]).weekday() != weekday:
        warning = f"stated weekday does not match {values[0][0]}"
    return values, warning
