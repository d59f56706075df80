"""Containment: peak RSS and wall time of `accord-extract extract` on long and adversarial articles.

Each case runs in its own process (peak RSS is that process's ru_maxrss, the model included), with a
wall-clock cap (BENCH_CAP seconds for the shapes, default 120; BENCH_LONG_CAP for long texts, 900) past which it is reported as "> cap". Cases: the seed
article repeated to 1 MB and 5 MB (ordinary text), a 1 MB single line, and each adversarial shape of
issue 14 at 50,000 characters. Run with `make bench-containment`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests import shapes  # noqa: E402  (the shapes the linearity test uses)

CAP = float(os.environ.get("BENCH_CAP", "120"))  # adversarial shapes
LONG_CAP = float(os.environ.get("BENCH_LONG_CAP", "900"))  # the long ordinary articles
EXE = str(Path(sys.executable).parent / "accord-extract")


def seed_repeated(n: int) -> str:
    seed = (ROOT / "corpus" / "mali-russie-2025.txt").read_text(encoding="utf-8")
    return (seed + "\n") * (n // (len(seed) + 1)) + seed[: n % (len(seed) + 1)]


def run(path: Path, cap: float) -> tuple[str, str]:
    """Wall time and peak RSS of one `extract`, or "> cap" when it runs past the cap."""
    start = time.perf_counter()
    proc = subprocess.Popen([EXE, "extract", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while time.perf_counter() - start < cap:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return f"{time.perf_counter() - start:.1f} s", f"{usage.ru_maxrss / 1024:.0f} MB"
        time.sleep(0.1)
    proc.kill()
    os.wait4(proc.pid, 0)
    return f"> {cap:.0f} s", "-"


def main() -> None:
    cases = {
        "seed text, 1 MB": seed_repeated(1_000_000),
        "seed text, 5 MB": seed_repeated(5_000_000),
        "single line, 1 MB": shapes.single_line(1_000_000),
    }
    cases.update({f"{name}, 50 KB": shape(50_000) for name, shape in shapes.SHAPES.items()})
    print("| case | time | peak RSS |\n|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in cases.items():
            path = Path(tmp) / "case.txt"
            path.write_text(text, encoding="utf-8")
            wall, rss = run(path, CAP if label.endswith("50 KB") else LONG_CAP)
            print(f"| {label} | {wall} | {rss} |", flush=True)


if __name__ == "__main__":
    main()
