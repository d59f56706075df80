"""Write displaCy's span rendering of one article, one section per span group, to an HTML page.

python scripts/displacy_spans.py corpus/mali-russie-2025.txt out.html [accord_places ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacy import displacy

from accord_extract import Extractor

GROUPS = (
    "accord_places",
    "accord_persons",
    "accord_organizations",
    "accord_dates",
    "accord_sectors",
    "accord_instruments",
)


def main(article: str, out: str, *keys: str) -> None:
    doc = Extractor().nlp(Path(article).read_text(encoding="utf-8"))
    parts = []
    for key in keys or GROUPS:
        html = displacy.render(doc, style="span", options={"spans_key": key})
        parts.append(f"<h2>{key} ({len(doc.spans[key])} spans)</h2>{html}")
    body = "\n".join(parts)
    page = f'<!doctype html><html lang="fr"><meta charset="utf-8"><title>{article}</title><body>{body}</body></html>'
    Path(out).write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
