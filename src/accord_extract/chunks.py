"""Long articles: process paragraph-aligned chunks, then merge their plain values with offsets shifted."""

from __future__ import annotations

MAX_CHARS = 20_000_000  # refuse beyond this: about 3 million words, never an article
# Long texts go through the NER in pieces of this size: its memory grows with the length of a doc.
CHUNK_CHARS = 100_000


def split_paragraphs(text: str, size: int) -> list[tuple[int, str]]:
    """Chunks of at most `size` characters, cut after a newline where possible."""
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def merge_chunks(text: str, docs: list, namespace) -> object:
    """A doc-like object (`.text`, `._.accord_*`) over the whole text."""
    places, orgs, persons, dates, sectors, agreements, count = [], [], [], [], [], [], None
    for offset, doc in docs:
        places += [[s + offset, e + offset, *rest] for s, e, *rest in doc._.accord_places]
        for org in doc._.accord_organizations:
            org = dict(org, start=org["start"] + offset, end=org["end"] + offset)
            org["extra_mentions"] = [[s + offset, e + offset] for s, e in org.get("extra_mentions", [])]
            orgs.append(org)
        for person in doc._.accord_persons:
            persons.append(dict(person, mentions=[[s + offset, e + offset] for s, e in person["mentions"]]))
        base = len(dates)
        dates += [
            dict(d, start=d["start"] + offset, end=d["end"] + offset, header=d["header"] and offset == 0)
            for d in doc._.accord_dates
        ]
        sectors += [[sector, s + offset, e + offset] for sector, s, e in doc._.accord_sectors]
        for item in doc._.accord_agreements:
            agreements.append(
                dict(
                    item,
                    ordinal=len(agreements) + 1,
                    date_ref=None if item["date_ref"] is None else item["date_ref"] + base,
                    evidence=[[s + offset, e + offset] for s, e in item["evidence"]],
                )
            )
        count = count or (doc._.accord_meta or {}).get("stated_agreement_count")
    underscore = namespace(
        accord_places=places,
        accord_organizations=_merge_persons_orgs(orgs),
        accord_persons=persons,
        accord_dates=dates,
        accord_sectors=sectors,
        accord_agreements=agreements,
        accord_meta={"stated_agreement_count": count},
    )
    return namespace(text=text, _=underscore)


def _merge_persons_orgs(orgs: list[dict]) -> list[dict]:
    return sorted(orgs, key=lambda o: o["start"])
