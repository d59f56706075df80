"""Each component's results as spaCy spans as well as plain values.

The plain values on `doc._` are what survives `nlp.pipe(n_process=...)` and what the record is
assembled from; the span groups are for everything else in the ecosystem: displaCy's span style,
`spacy.scorer`, `DocBin` consumers, and components added after ours. A span's label is its kind
(person, country, city, government, company ...), date shape, sector id or instrument id; the
canonical values are `Span._` extensions. spaCy keys extension values by character offsets, so
they live in `doc.user_data`, travel with `Doc.to_bytes` and `DocBin`, and are shared by spans of
the same offsets: evidence sentences, which several agreements may share, carry only labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from ..dates import resolve

# Span extensions: canonical name, ISO 3166 alpha-3 country, ISO 8601 date, sector id, instrument.
SPAN_EXTENSIONS = (
    "accord_name",
    "accord_iso",
    "accord_value",
    "accord_sector",
    "accord_instrument",
)
PERSONS, ORGANIZATIONS, PLACES = "accord_persons", "accord_organizations", "accord_places"
DATES, SECTORS, INSTRUMENTS = "accord_dates", "accord_sectors", "accord_instruments"


def agreement_key(ordinal: int) -> str:
    """The span group of one agreement's evidence: `accord_agreement_1`, `accord_agreement_2` ..."""
    return f"accord_agreement_{ordinal}"


def register_span_extensions() -> None:
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def write_group(doc: Doc, key: str, items: Iterable[tuple[int, int, str, dict]]) -> None:
    """`items`: (start_char, end_char, label, extension values). Offsets inside a token widen to it."""
    register_span_extensions()
    spans = []
    for start, end, label, values in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or not len(span):
            continue
        for name, value in values.items():
            setattr(span._, name, value)
        spans.append(span)
    doc.spans[key] = spans


def write_places(doc: Doc, places: list) -> None:
    write_group(
        doc,
        PLACES,
        ((s, e, kind, {"accord_name": name, "accord_iso": iso}) for s, e, name, kind, iso in places),
    )


def write_organizations(doc: Doc, orgs: list[dict]) -> None:
    def items():
        for org in orgs:
            values = {
                "accord_name": org["name"],
                "accord_iso": org.get("country"),
            }
            for start, end in [(org["start"], org["end"]), *org.get("extra_mentions", [])]:
                yield start, end, org.get("kind") or "other", values

    write_group(doc, ORGANIZATIONS, items())


def write_persons(doc: Doc, persons: list[dict]) -> None:
    write_group(
        doc,
        PERSONS,
        (
            (
                start,
                end,
                "PER",
                {"accord_name": p["name"], "accord_iso": p.get("country")},
            )
            for p in persons
            for start, end in p["mentions"]
        ),
    )


def write_dates(doc: Doc, candidates: list[dict]) -> None:
    """The ISO value a date has on its own words ("12 mars 2025", "du 3 au 5 mai 2024" as an interval);
    one that needs the article's year or publication day has none here, the record resolves it."""

    def items():
        for cand in candidates:
            values, _ = resolve(cand, None, None)
            value = "/".join(iso for iso, _ in values) if values else None
            yield (
                cand["start"],
                cand["end"],
                cand["label"],
                {"accord_value": value},
            )

    write_group(doc, DATES, items())


def write_sectors(doc: Doc, sectors: list) -> None:
    write_group(doc, SECTORS, ((s, e, sector, {"accord_sector": sector}) for sector, s, e in sectors))


def write_agreements(doc: Doc, instruments: Iterable[tuple[int, int, str]], agreements: list[dict]) -> None:
    """Instrument mentions (label and extension: the instrument id) and, per agreement, the sentences
    that state it (label: its instrument; its other values are the record's)."""
    write_group(doc, INSTRUMENTS, ((s, e, inst, {"accord_instrument": inst}) for s, e, inst in instruments))
    for key in [k for k in doc.spans if k.startswith("accord_agreement_")]:
        del doc.spans[key]
    for record in agreements:
        evidence = record.get("evidence", [])
        write_group(
            doc, agreement_key(record["ordinal"]), ((s, e, record["instrument"], {}) for s, e in evidence)
        )
