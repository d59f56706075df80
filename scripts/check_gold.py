"""Validate gold files: schema, offsets, and that every name used in an agreement exists.

Usage: python scripts/check_gold.py corpus/gold/*.json corpus/heldout/gold/*.json
"""

import sys
from pathlib import Path

from accord_extract.schemas import GoldResult


def check(gold_path: Path) -> list[str]:
    problems = []
    gold = GoldResult.model_validate_json(gold_path.read_bytes())
    text_path = gold_path.parent.parent / f"{gold.document.id}.txt"
    with open(text_path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    if gold.document.n_chars != len(text):
        problems.append(f"n_chars {gold.document.n_chars} != {len(text)}")
    for mention in gold.mentions():
        if text[mention.start : mention.end] != mention.text:
            problems.append(
                f"offsets {mention.start}:{mention.end} give {text[mention.start : mention.end]!r}, not {mention.text!r}"
            )
    names = {
        n.casefold()
        for group in (gold.persons, gold.organizations, gold.locations)
        for item in group
        for n in [item.name, *item.aliases]
    }
    for agreement in gold.agreements:
        for name in [
            *agreement.parties,
            *agreement.signatories,
            *agreement.parties_optional,
            *agreement.signatories_optional,
            *([agreement.place] if agreement.place else []),
        ]:
            if name.casefold() not in names:
                problems.append(
                    f"agreement {agreement.ordinal}: {name!r} is not a person, organisation or location name"
                )
    return problems


if __name__ == "__main__":
    bad = 0
    for arg in sys.argv[1:]:
        for problem in check(Path(arg)):
            bad += 1
            print(f"{arg}: {problem}")
    print("ok" if not bad else f"{bad} problem(s)")
    sys.exit(1 if bad else 0)
