"""Text on its way into the pipeline: absurd punctuation runs blanked, long articles cut into chunks.

Both keep offsets: blanking replaces characters by spaces one for one, and a
chunk's values are shifted by the chunk's start. Only one chunk's Doc is alive
at a time; what is kept of it is plain values (lists, dicts, ints, strings).
"""

from __future__ import annotations

import re

MAX_CHARS = 20_000_000  # refuse beyond this: about 3 million words, never an article
# Long texts go through the pipeline in pieces of this size: its memory grows with the length of a doc.
CHUNK_CHARS = 100_000
# The tokenizer strips prefixes and suffixes one character at a time, re-slicing the rest of the token
# each time: a run of 50,000 apostrophes or parentheses costs minutes. No text needs more than a few.
RUN_MAX = 16
_RUN = re.compile(r"([^\w\s]|_)\1{" + str(RUN_MAX) + ",}")
_SENTENCE_END = re.compile(r"[.!?;:…»)\]]\s")


def blank_runs(text: str) -> str:
    """`text` with every run of one punctuation character longer than RUN_MAX cut to RUN_MAX, the rest
    replaced by spaces: same length, so every offset still indexes the original text."""
    if not _RUN.search(text):
        return text
    return _RUN.sub(lambda m: m.group()[:RUN_MAX] + " " * (len(m.group()) - RUN_MAX), text)


def split_paragraphs(text: str, size: int) -> list[tuple[int, str]]:
    """Chunks of at most `size` characters, cut after a newline, else after sentence punctuation, else
    after a space, else at `size` (a line with no break at all)."""
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            end = _cut(text, start, end)
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def _cut(text: str, start: int, end: int) -> int:
    floor = start + (end - start) // 2  # never a chunk shorter than half the size
    cut = text.rfind("\n", floor, end)
    if cut > start:
        return cut + 1
    window = text[floor:end]
    last = None
    for last in _SENTENCE_END.finditer(window):  # noqa: B007  (the last match is the one we want)
        pass
    if last is not None:
        return floor + last.end()
    cut = text.rfind(" ", floor, end)
    return cut + 1 if cut > start else end


class ChunkMerger:
    """Plain values of the chunks of one text, offsets shifted, as a doc-like object for `assemble`."""

    def __init__(self) -> None:
        self.places: list = []
        self.orgs: list[dict] = []
        self.persons: list[dict] = []
        self.dates: list[dict] = []
        self.sectors: list = []
        self.agreements: list[dict] = []
        self.warnings: list[str] = []
        self.count = None

    def add(self, offset: int, doc) -> None:
        """Copy what `assemble` reads from one chunk's Doc; the Doc can be freed right after."""
        ext = doc._
        self.places += [[s + offset, e + offset, *rest] for s, e, *rest in ext.accord_places or []]
        for org in ext.accord_organizations or []:
            org = dict(org, start=org["start"] + offset, end=org["end"] + offset)
            org["extra_mentions"] = [[s + offset, e + offset] for s, e in org.get("extra_mentions", [])]
            self.orgs.append(org)
        for person in ext.accord_persons or []:
            mentions = [[s + offset, e + offset] for s, e in person["mentions"]]
            self.persons.append(dict(person, mentions=mentions))
        base = len(self.dates)
        self.dates += [
            dict(d, start=d["start"] + offset, end=d["end"] + offset, header=d["header"] and offset == 0)
            for d in ext.accord_dates or []
        ]
        self.sectors += [[sector, s + offset, e + offset] for sector, s, e in ext.accord_sectors or []]
        for item in ext.accord_agreements or []:
            self.agreements.append(
                dict(
                    item,
                    ordinal=len(self.agreements) + 1,
                    date_ref=None if item["date_ref"] is None else item["date_ref"] + base,
                    evidence=[[s + offset, e + offset] for s, e in item["evidence"]],
                )
            )
        if ext.has("accord_warnings"):
            self.warnings += list(ext.accord_warnings or [])
        self.count = self.count or (ext.accord_meta or {}).get("stated_agreement_count")

    def doc(self, text: str, namespace):
        underscore = namespace(
            accord_places=self.places,
            accord_organizations=sorted(self.orgs, key=lambda o: o["start"]),
            accord_persons=_merge_persons(self.persons),
            accord_dates=self.dates,
            accord_sectors=self.sectors,
            accord_agreements=self.agreements,
            accord_meta={"stated_agreement_count": self.count},
            accord_warnings=self.warnings,
        )
        return namespace(text=text, _=underscore)


def _merge_persons(persons: list[dict]) -> list[dict]:
    """One person per name across chunks (each chunk's component merged only its own mentions):
    mentions joined in text order, titles, honorifics and ranks in order of first appearance."""
    from .places import fold

    merged: dict[str, dict] = {}
    for person in persons:
        key = fold(person["name"])
        if key not in merged:
            merged[key] = dict(person, mentions=list(person["mentions"]))
            for field in ("titles", "honorifics", "ranks"):
                merged[key][field] = list(person.get(field) or [])
            continue
        into = merged[key]
        into["mentions"] += person["mentions"]
        for field in ("titles", "honorifics", "ranks"):
            into[field] += [v for v in person.get(field) or [] if v not in into[field]]
        into["country"] = into.get("country") or person.get("country")
    for person in merged.values():
        person["mentions"].sort()
    return list(merged.values())
