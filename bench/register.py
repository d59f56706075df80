"""Consolidate 100,000 synthetic agreement reports; print time, peak memory and the scores against the truth.

The reports are made by perturbing the gold records of the corpus: every synthetic
event takes a gold record's agreements, a pair of countries (drawn so that pairs
recur, as they do in the press: 2,000 pairs, the first ones far more often) and a day
between 2000 and 2025 (the busiest pair then has an event every two weeks or so); each of its 1 to 5 articles drops agreements, fields and
signatories, rewords titles, shifts or loses the date, or gives only a count.

Then 1% more articles (new events and new reports of known events) are added and the
register is updated incrementally. Each consolidation runs in a child process so its
peak resident memory is its own.

    python bench/register.py            # BENCH_REPORTS=100000 by default
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
N_REPORTS = int(os.environ.get("BENCH_REPORTS", "100000"))
N_PAIRS = 2000
SEED = 13


def templates() -> list[list[dict]]:
    out = []
    for folder in ("corpus/gold", "corpus/heldout/gold", "corpus/consolidation/gold"):
        for path in sorted((ROOT / folder).glob("*.json")):
            agreements = json.loads(path.read_text(encoding="utf-8"))["agreements"]
            if agreements:
                out.append(agreements)
    return out


def countries() -> list[tuple[str, str]]:
    from accord_extract.resources import lexicon

    return [(row["iso3"], row["name"]) for row in lexicon("countries")]


REWORDINGS = [
    ("accord de coopération dans le domaine de", "accord sur"),
    ("accord de coopération en matière de", "accord sur"),
    ("mémorandum d'entente dans le domaine de", "mémorandum sur"),
    ("mémorandum d'entente sur", "mémorandum relatif à"),
    ("protocole d'accord sur", "protocole relatif à"),
]


def reword(title: str, rng: random.Random) -> str:
    for old, new in REWORDINGS:
        if old in title:
            return title.replace(old, new)
    words = title.split()
    if len(words) > 4:
        del words[rng.randrange(2, len(words))]
    return " ".join(words)


def perturb(agreement: dict, ordinal: int, parties, day: date, place: str, rng: random.Random) -> dict:
    a = {
        "ordinal": ordinal,
        "instrument": agreement["instrument"],
        "title": agreement.get("title"),
        "parties": list(parties),
        "signatories": list(agreement.get("signatories", [])),
        "date": day.isoformat(),
        "place": place,
        "sectors": list(agreement.get("sectors", [])),
        "evidence": [{"start": 100 * ordinal, "end": 100 * ordinal + 80, "text": "…"}],
    }
    if rng.random() < 0.3 and a["title"]:
        a["title"] = reword(a["title"], rng)
    if rng.random() < 0.1:
        a["title"] = None
    if rng.random() < 0.3:
        a["signatories"] = []
    if rng.random() < 0.1:
        a["parties"] = a["parties"][:1]
    roll = rng.random()
    if roll < 0.1:
        a["date"] = (day + timedelta(days=rng.choice((-1, 1, 2)))).isoformat()
    elif roll < 0.25:
        a["date"] = None
    if rng.random() < 0.15:
        a["place"] = None
    if rng.random() < 0.2:
        a["sectors"] = []
    return a


def generate(n_reports: int, rng: random.Random, start_event: int = 0, known: list | None = None):
    """records.jsonl lines, the truth (doc → event, (doc, ordinal) → agreement) and the events made.

    With `known` (events made before), three in ten new articles report one of those.
    """
    pool = templates()
    nations = countries()
    pairs = [tuple(rng.sample(nations, 2)) for _ in range(N_PAIRS)]
    weights = [1 / (k + 1) ** 0.5 for k in range(N_PAIRS)]
    lines, events, agreements, made_events = [], {}, {}, []
    made, event_no = 0, start_event
    first = date(2000, 1, 1).toordinal()
    while made < n_reports:
        if known and rng.random() < 0.3:
            event_key, spec = rng.choice(known)
        else:
            pair = rng.choices(pairs, weights)[0]
            spec = {
                "pair": pair,
                "day": date.fromordinal(first + rng.randrange(26 * 365)),
                "template": rng.randrange(len(pool)),
                "place": f"Capitale-{rng.choice(pair)[0]}",  # the signing is in one of the two capitals
            }
            event_key = f"e{event_no:07d}"
            event_no += 1
            made_events.append((event_key, spec))
        template = pool[spec["template"]]
        (iso_a, name_a), (iso_b, name_b) = spec["pair"]
        for _ in range(1 if rng.random() < 0.2 else rng.randint(2, 5)):
            doc_id = f"{event_key}-{rng.getrandbits(40):010x}"
            kept = [k for k in range(len(template)) if rng.random() > 0.2] or [0]
            items = [] if rng.random() < 0.1 else kept  # one article in ten gives only the count
            pub = spec["day"] + timedelta(days=rng.randint(0, 3))
            record = {
                "document": {
                    "id": doc_id,
                    "publication_date": pub.isoformat() if rng.random() > 0.1 else None,
                    "stated_agreement_count": len(template) + rng.choice((0, 0, 0, 1, -1)),
                },
                "locations": [
                    {"name": name_a, "kind": "country", "country": iso_a, "mentions": [{"start": 0}] * 2},
                    {"name": name_b, "kind": "country", "country": iso_b, "mentions": [{"start": 9}]},
                ],
                "dates": [{"value": spec["day"].isoformat(), "granularity": "day"}],
                "agreements": [
                    perturb(template[k], n, (name_a, name_b), spec["day"], spec["place"], rng)
                    for n, k in enumerate(items, 1)
                ],
            }
            lines.append(orjson.dumps(record))
            events[doc_id] = event_key
            for n, k in enumerate(items, 1):
                agreements[(doc_id, n)] = f"{event_key}/{k}"
            made += len(items)
    return lines, events, agreements, made_events


def child(batch: str, register: str, full: bool = False) -> None:
    from accord_extract.register.consolidate import consolidate

    summary = consolidate(batch, register, full=full)
    summary["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(summary))


def run(batch: Path, register: Path, full: bool = False) -> dict:
    started = time.perf_counter()
    command = [sys.executable, __file__, "--child", str(batch), str(register), *(["--full"] if full else [])]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    summary["wall_seconds"] = round(time.perf_counter() - started, 1)
    return summary


def scores(register: Path, events: dict, agreements: dict) -> dict:
    from accord_extract.register.evaluate import bcubed, pairwise

    def read(name):
        return [orjson.loads(line) for line in (register / f"{name}.jsonl").read_bytes().splitlines()]

    pred_agreements = {(r["doc_id"], r["ordinal"]): r["agreement_id"] for r in read("agreement_sources")}
    pred_events = {}
    for r in sorted(read("event_sources"), key=lambda r: (r["doc_id"], r["part"])):
        pred_events.setdefault(r["doc_id"], r["event_id"])
    return {
        "agreements": {
            "pairwise": pairwise(agreements, pred_agreements),
            "bcubed": bcubed(agreements, pred_agreements),
        },
        "events": {"pairwise": pairwise(events, pred_events), "bcubed": bcubed(events, pred_events)},
    }


def main() -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="register-bench-") as tmp:
        batch, register = Path(tmp) / "batch", Path(tmp) / "register"
        batch.mkdir()
        t0 = time.perf_counter()
        lines, events, agreements, made = generate(N_REPORTS, rng)
        (batch / "records.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))
        print(
            f"generated {len(agreements):,} agreement reports in {len(lines):,} articles"
            f" ({len(set(events.values())):,} events) in {time.perf_counter() - t0:.1f}s"
        )
        full = run(batch, register)
        print(
            f"full: {full['wall_seconds']}s wall ({full['elapsed_seconds']}s inside), peak RSS {full['peak_rss_mb']} MB;"
            f" {full['agreements']:,} agreements in {full['events']:,} events, {full['segments']:,} segments"
        )
        print("scores against the synthetic truth:", json.dumps(scores(register, events, agreements)))
        more, _, more_agreements, _ = generate(N_REPORTS // 100, rng, start_event=len(made), known=made)
        with open(batch / "records.jsonl", "ab") as handle:
            handle.write(b"".join(line + b"\n" for line in more))
        update = run(batch, register)
        print(
            f"incremental (+{len(more_agreements):,} reports in {len(more):,} articles): {update['wall_seconds']}s wall"
            f" ({update['elapsed_seconds']}s inside), peak RSS {update['peak_rss_mb']} MB;"
            f" {update['segments_recomputed']:,} of {update['segments']:,} segments recomputed"
        )
        rebuilt = Path(tmp) / "rebuilt"
        again = run(batch, rebuilt, full=True)
        same = all(
            (register / name).read_bytes() == (rebuilt / name).read_bytes()
            for name in json.loads((rebuilt / "manifest.json").read_text())["files"]
        )
        print(
            f"full rebuild of the updated batch: {again['wall_seconds']}s wall; byte-identical to the update: {same}"
        )


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], full="--full" in sys.argv[4:])
    else:
        main()
