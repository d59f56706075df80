"""What a batch shows while it runs: 'loading the model' until the first record, then a total and an
ETA (the walk is done before the first article is read), and each failure and warning as it happens."""

from __future__ import annotations

import sys
import time

MAX_LISTED = 10


def _rate(state: dict) -> float:
    return state["done"] / max(state["elapsed"], 1e-6)


def _eta(state: dict, started_running: float | None) -> str:
    left = state["found"] - state["done"] - state["failed"] - state["skipped"]
    if not started_running or state["done"] == 0 or left <= 0:
        return "--"
    seconds = left * (time.perf_counter() - started_running) / state["done"]
    return f"{int(seconds // 60)}m{int(seconds % 60):02d}s"


def printer(quiet: bool = False, every: float = 5.0, stream=None):
    """(callback, context manager or None): a rich bar on a terminal, plain lines otherwise, nothing when
    quiet. Failures and warnings are printed as they happen in both modes, unless quiet."""
    stream = stream or sys.stderr
    if quiet:
        return None, None
    if stream.isatty():
        return _bar(stream)
    last = [-every]
    loading = [False]
    running_since = [None]

    def line(state: dict) -> None:
        if state.get("warning"):
            print(f"accord-extract: warning: {state['warning']}", file=stream, flush=True)
            return
        if state.get("failure"):
            failure = state["failure"]
            print(f"accord-extract: failed: {failure['message']}", file=stream, flush=True)
        if state["phase"] == "loading":
            if not loading[0]:
                loading[0] = True
                print(
                    f"accord-extract: {state['found']} articles found; loading the model…",
                    file=stream,
                    flush=True,
                )
            return
        if running_since[0] is None:
            running_since[0] = time.perf_counter()
        if state["elapsed"] - last[0] >= every:
            last[0] = state["elapsed"]
            print(
                f"accord-extract: {state['done']} done, {state['failed']} failed, {state['skipped']} skipped "
                f"of {state['found']}, {_rate(state):.1f} articles/s, ETA {_eta(state, running_since[0])}",
                file=stream,
                flush=True,
            )

    return line, None


def _bar(stream):
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    )
    task = bar.add_task("loading the model", total=None, failed=0)

    def update(state: dict) -> None:
        if state.get("warning"):
            bar.console.print(f"warning: {state['warning']}", markup=False, highlight=False)
            return
        if state.get("failure"):
            bar.console.print(f"failed: {state['failure']['message']}", markup=False, highlight=False)
        handled = state["done"] + state["failed"] + state["skipped"]
        description = "loading the model" if state["phase"] == "loading" else "articles"
        bar.update(
            task, description=description, total=state["found"], completed=handled, failed=state["failed"]
        )

    return update, bar


def final_lines(summary: dict) -> list[str]:
    """The closing report: counts, then the failed paths (up to MAX_LISTED, then how many more)."""
    lines = [
        f"{summary['done']} done ({summary['updated']} updated), {summary['skipped']} skipped, "
        f"{summary['failed']} failed of {summary['found']} in {summary['elapsed_seconds']:.1f}s "
        f"({summary['words_per_second']:.0f} words/s)"
    ]
    if summary.get("deleted"):
        verb = "removed (--prune)" if summary.get("pruned") else "kept (--prune removes them)"
        lines.append(f"{summary['deleted']} recorded articles are no longer in the input: {verb}")
    failed = summary.get("failed_paths", [])
    if failed:
        lines.append("failed: " + ", ".join(failed[:MAX_LISTED]))
        if len(failed) > MAX_LISTED:
            lines.append(f"… and {len(failed) - MAX_LISTED} more (see errors.jsonl)")
    return lines
