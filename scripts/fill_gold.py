"""Fill in the offsets of a gold file written by hand, then validate it.

An annotator writes names, values and the surface forms they saw; counting
characters by hand is where gold files go wrong, so this script does it:

- a mention given as {"text": "..."} without start/end stands for every
  occurrence of that text in the article (whole words, case-sensitive);
  overlapping finds keep the longest form;
- an agreement's evidence given as {"text": "..."} is found once (the first
  occurrence after the previous piece of evidence, else anywhere);
- document.id, source, sha256 and n_chars are computed from the article.

Usage: python scripts/fill_gold.py corpus/gold/x.json [more.json ...]
       (the article is <gold folder>/../<id>.txt; the file is rewritten in place)
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from accord_extract.schemas import GoldResult

GROUPS = ("persons", "organizations", "locations", "dates", "sectors")


def occurrences(text: str, form: str) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + re.escape(form) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, text)]


def fill_mentions(text: str, mentions: list[dict], where: str) -> list[dict]:
    fixed = [m for m in mentions if "start" in m]
    spans: list[tuple[int, int]] = [(m["start"], m["end"]) for m in fixed]
    forms = sorted({m["text"] for m in mentions if "start" not in m}, key=len, reverse=True)
    for form in forms:
        found = occurrences(text, form)
        if not found:
            raise SystemExit(f"{where}: {form!r} does not occur in the article")
        for span in found:
            if not any(span[0] < e and s < span[1] for s, e in spans):
                spans.append(span)
    return [{"start": s, "end": e, "text": text[s:e]} for s, e in sorted(set(spans))]


def fill(gold_path: Path) -> None:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    doc_id = data["document"].get("id") or gold_path.stem
    article = gold_path.parent.parent / f"{doc_id}.txt"
    raw = article.read_bytes()
    text = raw.decode("utf-8")
    document = data["document"]
    document.update(id=doc_id, sha256=hashlib.sha256(raw).hexdigest(), n_chars=len(text))
    document.setdefault("language", "fr")
    parts = article.resolve().parts
    document["source"] = "/".join(parts[parts.index("corpus") :]) if "corpus" in parts else str(article)
    data.setdefault("schema_version", "1.0")
    for group in GROUPS:
        for item in data.get(group, []):
            label = item.get("name") or item.get("value") or item.get("sector")
            item["mentions"] = fill_mentions(text, item.get("mentions", []), f"{group} {label!r}")
    for agreement in data.get("agreements", []):
        cursor, evidence = 0, []
        for piece in agreement.get("evidence", []):
            if "start" in piece:
                evidence.append(piece)
                cursor = piece["end"]
                continue
            at = text.find(piece["text"], cursor)
            if at == -1:
                at = text.find(piece["text"])
            if at == -1:
                raise SystemExit(
                    f"agreement {agreement.get('ordinal')}: evidence not in text: {piece['text']!r}"
                )
            evidence.append({"start": at, "end": at + len(piece["text"]), "text": piece["text"]})
            cursor = at + len(piece["text"])
        agreement["evidence"] = evidence
    GoldResult.model_validate(data)  # fails loudly with the field at fault
    gold_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        fill(Path(arg))
        print(f"filled {arg}")
