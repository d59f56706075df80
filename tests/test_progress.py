"""Issue 11 item 18: what a batch shows while it runs and at the end (plain-line mode, no terminal)."""

import io

from accord_extract.progress import final_lines, printer


def state(**kw):
    base = {
        "phase": "running",
        "found": 40,
        "done": 0,
        "failed": 0,
        "skipped": 0,
        "elapsed": 0.0,
        "workers": [],
    }
    return {**base, **kw}


def test_loading_failures_total_and_eta():
    stream = io.StringIO()
    callback, bar = printer(stream=stream, every=0.0)
    assert bar is None
    callback(state(phase="loading"))
    callback(state(phase="loading"))  # said once
    callback(state(failed=1, elapsed=1.0, failure={"message": "x.txt: not a regular file (a FIFO)"}))
    callback(state(done=10, failed=1, elapsed=5.0))
    out = stream.getvalue().splitlines()
    assert out[0] == "accord-extract: 40 articles found; loading the model…"
    assert out.count(out[0]) == 1
    assert "accord-extract: failed: x.txt: not a regular file (a FIFO)" in out
    assert out[-1].startswith("accord-extract: 10 done, 1 failed, 0 skipped of 40,") and "ETA " in out[-1]
    assert "ETA --" not in out[-1]


def test_final_lines_list_ten_failed_paths_then_a_count():
    summary = {
        "done": 5,
        "updated": 1,
        "skipped": 0,
        "failed": 12,
        "found": 17,
        "elapsed_seconds": 3.0,
        "words_per_second": 10.0,
        "deleted": 2,
        "pruned": 0,
        "failed_paths": [f"f{i}.txt" for i in range(12)],
    }
    lines = final_lines(summary)
    assert lines[0].startswith("5 done (1 updated), 0 skipped, 12 failed of 17")
    assert "2 recorded articles are no longer in the input" in lines[1]
    assert lines[2] == "failed: " + ", ".join(f"f{i}.txt" for i in range(10))
    assert lines[3] == "… and 2 more (see errors.jsonl)"


def test_quiet_shows_nothing():
    assert printer(quiet=True) == (None, None)
