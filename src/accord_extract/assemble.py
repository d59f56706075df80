"""Doc (plain extension values) → ExtractionResult.

Runs outside the pipeline so that records can be built in the parent process
from docs that came back from worker processes. Entities found at several
places are merged here by name; relative dates are resolved here, against a
publication date the pipeline cannot know.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

from .dates import resolve, year_of_weekday
from .places import fold
from .schemas import (
    Agreement,
    DateValue,
    Document,
    ExtractionResult,
    Location,
    Mention,
    Organization,
    Person,
    SectorMention,
)


def mention(text: str, start: int, end: int) -> Mention:
    return Mention(start=start, end=end, text=text[start:end])


def assemble(
    doc,
    doc_id: str,
    source: str | None = None,
    publication_date: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> ExtractionResult:
    text = doc.text
    warnings = list(warnings or []) + list(getattr(doc._, "accord_warnings", None) or [])
    locations = _locations(text, doc._.accord_places or [])
    organizations, org_names = _organizations(text, doc._.accord_organizations or [])
    persons = [
        Person(
            name=p["name"],
            titles=p["titles"],
            honorifics=p["honorifics"],
            ranks=p["ranks"],
            country=p["country"],
            mentions=[mention(text, s, e) for s, e in p["mentions"]],
        )
        for p in doc._.accord_persons or []
    ]
    candidates = doc._.accord_dates or []
    publication = publication_date or _header_date(candidates)
    dates, values_of = _dates(text, candidates, publication, warnings)
    sectors = _sectors(text, doc._.accord_sectors or [])
    agreements = []
    for item in doc._.accord_agreements or []:
        ref = item["date_ref"]
        value = next(iter(values_of.get(ref, [])), None) if ref is not None else None
        if value is not None and item.get("date_shift") and len(value) == 10:
            value = (date.fromisoformat(value) + timedelta(days=item["date_shift"])).isoformat()
        agreements.append(
            Agreement(
                ordinal=item["ordinal"],
                instrument=item["instrument"],
                title=item["title"],
                parties=_unique(
                    org_names.get(p["name"], p["name"]) if p["type"] == "org" else p["name"]
                    for p in item["parties"]
                ),
                signatories=item["signatories"],
                date=value,
                place=item["place"],
                sectors=item["sectors"],
                evidence=[mention(text, s, e) for s, e in item["evidence"]],
            )
        )
    meta = doc._.accord_meta or {}
    stated = meta.get("stated_agreement_count")
    if stated is not None and stated != len(agreements):
        warnings.append(f"the text states {stated} agreements; {len(agreements)} found")
    document = Document(
        id=doc_id,
        source=source,
        language="fr",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        n_chars=len(text),
        title=title,
        publication_date=publication,
        encoding=encoding,
        stated_agreement_count=stated,
    )
    return ExtractionResult(
        document=document,
        persons=persons,
        organizations=organizations,
        locations=locations,
        dates=dates,
        agreements=agreements,
        sectors=sectors,
        warnings=warnings,
    )


def _unique(items) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _locations(text: str, places: list) -> list[Location]:
    merged: dict[tuple[str, str | None], Location] = {}
    for start, end, name, kind, country in places:
        key = (fold(name), country)
        if key not in merged:
            merged[key] = Location(name=name, kind=kind, country=country, mentions=[])
        merged[key].mentions.append(mention(text, start, end))
    return list(merged.values())


def _organizations(text: str, orgs: list[dict]) -> tuple[list[Organization], dict[str, str]]:
    """Merge by folded name; an acronym's bare mentions join its expansion; a name that opens or closes
    a longer one of the same kind is that organisation ("Sohar Marine" in "Sohar Marine Holding",
    "la Commission mixte" in "la Commission mixte de coopération Cameroun-Gabon")."""
    merged: dict[str, Organization] = {}
    names: dict[str, str] = {}
    for org in orgs:
        key = fold(org["name"])
        if key not in merged:
            merged[key] = Organization(
                name=org["name"], kind=org["kind"], country=org["country"], mentions=[]
            )
        target = merged[key]
        names[org["name"]] = target.name
        if org.get("acronym"):
            names[org["acronym"]] = target.name
        target.country = target.country or org["country"]
        if target.kind == "other" and org["kind"] != "other":
            target.kind = org["kind"]
        for start, end in [(org["start"], org["end"]), *org.get("extra_mentions", [])]:
            target.mentions.append(mention(text, start, end))
    for key in sorted(merged, key=len):
        longer = _containing(key, merged)
        if longer is None:
            continue
        short, target = merged.pop(key), merged[longer]
        target.mentions += short.mentions
        for name, canonical in names.items():
            if canonical == short.name:
                names[name] = target.name
    for org in merged.values():
        org.mentions.sort(key=lambda m: m.start)
    return list(merged.values()), names


def _containing(key: str, merged: dict[str, Organization]) -> str | None:
    """The one longer name of the same kind that `key` opens or closes, word for word."""
    words = key.split()
    if len(words) < 2 or words[0].startswith("minist"):
        return None  # two countries' ministries often share the opening of their names
    short = merged[key]
    found = [
        other
        for other, org in merged.items()
        if other != key
        and len(other.split()) > len(words)
        and (
            (org.kind == short.kind and other.split()[-len(words) :] == words)
            # "Conseil des ministres" after "Conseil des ministres de la Confédération", whatever head
            # each was found from.
            or (other.split()[: len(words)] == words and (org.kind == short.kind or len(words) > 2))
        )
    ]
    return found[0] if len(found) == 1 else None


def _header_date(candidates: list[dict]) -> str | None:
    for cand in candidates:
        if cand.get("header") and cand.get("year") and len(cand["days"]) == 1 and cand["months"]:
            try:
                return date(cand["year"], cand["months"][0], cand["days"][0]).isoformat()
            except ValueError:
                return None
    return None


def _dates(text: str, candidates: list[dict], publication: str | None, warnings: list[str]):
    pub = date.fromisoformat(publication) if publication else None
    reference = pub or _dateline_day(candidates, text)
    merged: dict[str, DateValue] = {}
    values_of: dict[int, list[str]] = {}
    text_year = _text_year(candidates, text)
    last_year = reference.year if reference else None
    for n, cand in enumerate(candidates):
        anchor = reference.year if reference else (last_year or text_year)
        values, warning = resolve(cand, reference, anchor)
        if warning:
            warnings.append(f"{warning}: {cand['text']!r} at {cand['start']}")
        if cand.get("year") and cand["label"] != "YEAR" and not reference:
            last_year = cand["year"]
        values_of[n] = [v for v, _ in values]
        for value, granularity in values:
            if value not in merged:
                merged[value] = DateValue(value=value, granularity=granularity, mentions=[])
            merged[value].mentions.append(mention(text, cand["start"], cand["end"]))
    return list(merged.values()), values_of


def _text_year(candidates: list[dict], text: str = "") -> int | None:
    """The year the text is about when its dateline gives none: the one a year-less weekday date fixes
    between the years it states ("jeudi 17 octobre" after "tenue en 2021" and before "annoncée en
    2025"), else the latest year it states up to now, not one it looks ahead to ("pourrait être signée
    avant les élections de 2025", "d'ici 2030") while it states another."""
    stated = [c for c in candidates if c.get("year") and c["year"] <= date.today().year]
    past = [c["year"] for c in stated if not _ahead(text, c["start"])]
    ahead = [c["year"] for c in candidates if c.get("year") and _ahead(text, c["start"])]
    latest = max(past or [c["year"] for c in stated], default=None)
    if latest is not None:
        fitted = _weekday_year(
            candidates, None, (latest, min([y for y in ahead if y > latest], default=latest + 1))
        )
        if fitted is not None:
            return fitted
    return latest


# A year the sentence looks ahead to: a conditional or future verb, "d'ici", "à l'horizon", "prochain".
AHEAD = re.compile(
    r"\b(d['’]ici|à l['’]horizon|horizon|pourr(ai|a|ait|aient|ont)|devr(a|ait|aient|ont)|ser(a|ont|ait)|"
    r"prochaine?s?)\b",
    re.IGNORECASE,
)


def _ahead(text: str, start: int) -> bool:
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 160)
    return bool(AHEAD.search(text, lo + 1, start))


def _dateline_day(candidates: list[dict], text: str = "") -> date | None:
    """A dateline without its year ("Niamey, 20 fév (ANP)"): the day the text is written from. Its year
    is the one a stated weekday fixes (its own, or another year-less day's: "lundi 17 juin"), else the
    year the text is about. Relative days resolve against it."""
    for cand in candidates:
        if not cand.get("header") or len(cand["days"]) != 1 or not cand["months"]:
            continue
        year = cand.get("year")
        anchor = _text_year(candidates, text)
        if year is None and cand.get("weekday") is not None:
            year = year_of_weekday(cand["days"][0], cand["months"][0], cand["weekday"], None, anchor)
        if year is None:
            year = _weekday_year(candidates, anchor)
        year = year or anchor
        if year is None:
            return None
        try:
            return date(year, cand["months"][0], cand["days"][0])
        except ValueError:
            return None
    return None


def _weekday_year(
    candidates: list[dict], anchor: int | None, bounds: tuple[int, int] | None = None
) -> int | None:
    """The year a year-less "mercredi 11 juin" of the text fixes, if one does: the one nearest the
    anchor, or the only one between `bounds` (inclusive)."""
    for cand in candidates:
        if (
            cand.get("year") is None
            and cand.get("weekday") is not None
            and len(cand["days"]) == 1
            and cand["months"]
        ):
            if bounds is not None:
                fits = [y for y in range(bounds[0], bounds[1] + 1) if _weekday_of(y, cand) == cand["weekday"]]
                if len(fits) == 1:
                    return fits[0]
                continue
            year = year_of_weekday(cand["days"][0], cand["months"][0], cand["weekday"], None, anchor)
            if year is not None:
                return year
    return None


def _weekday_of(year: int, cand: dict) -> int | None:
    try:
        return date(year, cand["months"][0], cand["days"][0]).weekday()
    except ValueError:
        return None


def _sectors(text: str, found: list) -> list[SectorMention]:
    merged: dict[str, SectorMention] = {}
    for sector, start, end in found:
        merged.setdefault(sector, SectorMention(sector=sector, mentions=[]))
        merged[sector].mentions.append(mention(text, start, end))
    return list(merged.values())
