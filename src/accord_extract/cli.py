"""The command line: thin typer wrappers over the Python API. The only module importing typer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import AccordError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Extract typed records (persons, places, dates, agreements, sectors) from French diplomatic news.",
)

EXIT_INPUT = 2


def _die(message: str, code: int = EXIT_INPUT) -> None:
    typer.echo(f"accord-extract: {message}", err=True)
    raise typer.Exit(code)


def _iso_day(value: str | None) -> str | None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise typer.BadParameter("expected YYYY-MM-DD")
    return value


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="Article file (.txt or .html).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the JSON here instead of stdout.")
    ] = None,
    publication_date: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD, to resolve relative dates.", callback=_iso_day)
    ] = None,
) -> None:
    """Extract one article and print its record as JSON."""
    import orjson

    from .extractor import Extractor
    from .io import write_atomic

    try:
        record = Extractor().extract_file(path, publication_date=publication_date)
    except AccordError as exc:
        _die(str(exc))
    data = orjson.dumps(record.model_dump(mode="json"), option=orjson.OPT_INDENT_2) + b"\n"
    if output:
        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@app.command()
def schema(gold: Annotated[bool, typer.Option(help="The gold annotation schema instead.")] = False) -> None:
    """Print the JSON Schema of the record format."""
    import json

    from .schemas import ExtractionResult, GoldResult

    typer.echo(
        json.dumps(
            (GoldResult if gold else ExtractionResult).model_json_schema(), ensure_ascii=False, indent=2
        )
    )


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold file, or a folder whose gold/ holds <id>.json.")],
    pred: Annotated[
        Path | None, typer.Option(help="Predictions: a record, a JSONL file or a folder of <id>.json.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    html: Annotated[Path | None, typer.Option(help="Write an HTML report here.")] = None,
    min_f1: Annotated[float | None, typer.Option(help="Exit 1 when micro-F1 is below this.")] = None,
    errors: Annotated[bool, typer.Option(help="List false positives and misses.")] = True,
) -> None:
    """Score extraction against gold: per-field precision, recall and F1."""
    import orjson

    from .scoring import article_for, gold_files, load_gold
    from .scoring import evaluate as run

    try:
        report = run(gold, pred)
        if html:
            from .io import read_article, write_atomic
            from .report import render_report

            texts = {}
            for path in gold_files(gold):
                record = load_gold(path)
                article = article_for(path, record)
                if article.exists():
                    texts[record.document.id] = read_article(article).text
            write_atomic(html, render_report(report, texts).encode("utf-8"))
    except AccordError as exc:
        _die(str(exc))
    if as_json:
        slim = {
            **report,
            "documents": [
                {k: v for k, v in d.items() if k not in ("record", "gold")} for d in report["documents"]
            ],
        }
        sys.stdout.buffer.write(orjson.dumps(slim, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        from .report import print_report

        print_report(report, errors=errors)
    if min_f1 is not None and report["micro_f1"] < min_f1:
        typer.echo(f"accord-extract: micro-F1 {report['micro_f1']:.4f} is below {min_f1}", err=True)
        raise typer.Exit(1)


@app.command()
def render(
    path: Annotated[Path, typer.Argument(help="Article file.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")],
    publication_date: Annotated[str | None, typer.Option(callback=_iso_day)] = None,
) -> None:
    """Draw one article's extraction as HTML (entities highlighted, agreements tabled)."""
    from .extractor import Extractor
    from .io import read_article, write_atomic
    from .report import render_record

    try:
        article = read_article(path)
        record = Extractor().extract_article(article, path.stem, publication_date)
    except AccordError as exc:
        _die(str(exc))
    write_atomic(output, render_record(article.text, record.model_dump(mode="json")).encode("utf-8"))


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(help="A folder (walked recursively) or a file listing paths.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")],
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    format: Annotated[str, typer.Option(help="jsonl, parquet or both.")] = "jsonl",
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Skip articles already done.")] = True,
    glob: Annotated[str, typer.Option(help="File name pattern.")] = "*.txt",
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = 32,
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://HOST:PORT).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    allow_failures: Annotated[bool, typer.Option(help="Exit 0 even when some articles failed.")] = False,
) -> None:
    """Extract a folder of articles to records.jsonl (and Parquet tables), resumably.

    Exit status: 0 when every article was extracted, 1 when some failed (unless
    --allow-failures), 2 when the run could not start.
    """
    from .batch import BatchOptions, progress_printer, run_batch

    if format not in ("jsonl", "parquet", "both"):
        raise typer.BadParameter("format must be jsonl, parquet or both")
    if engine not in ("local", "dask"):
        raise typer.BadParameter("engine must be local or dask")
    callback, bar = progress_printer(quiet=quiet)
    options = BatchOptions(
        workers=workers,
        formats=("jsonl", "parquet") if format != "jsonl" else ("jsonl",),
        resume=resume,
        glob=glob,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        progress=callback,
    )
    try:
        if bar is not None:
            with bar:
                summary = run_batch(source, output, options)
        else:
            summary = run_batch(source, output, options)
    except AccordError as exc:
        _die(str(exc))
    if not quiet:
        typer.echo(
            f"accord-extract: {summary['done']} done, {summary['skipped']} skipped, {summary['failed']} failed "
            f"of {summary['found']} in {summary['elapsed_seconds']:.1f}s ({summary['words_per_second']:.0f} words/s)",
            err=True,
        )
    if summary["failed"] and not allow_failures:
        raise typer.Exit(1)


@app.command()
def consolidate(
    source: Annotated[
        Path,
        typer.Argument(help="A batch output folder (records.jsonl or Parquet tables), or a records file."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Register folder (default: SOURCE/register).")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Recompute every segment, ignoring the saved state.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Consolidate the agreements of a batch into a deduplicated register of events and agreements.

    Writes events, agreements, agreement_sources and event_sources as Parquet and
    JSONL, and manifest.json. A re-run after new articles were added recomputes only
    the segments (party countries x period) they touch.
    """
    from .register.consolidate import consolidate as run

    try:
        summary = run(source, output, full=full)
    except AccordError as exc:
        _die(str(exc))
    if not quiet:
        typer.echo(
            f"accord-extract: {summary['agreement_reports']} agreement reports from {summary['documents']} articles"
            f" -> {summary['agreements']} agreements in {summary['events']} events"
            f" ({summary['agreements_with_conflicts']} with conflicts); {summary['segments_recomputed']} of"
            f" {summary['segments']} segments recomputed in {summary['elapsed_seconds']:.1f}s -> {summary['output']}",
            err=True,
        )


@app.command("evaluate-register")
def evaluate_register(
    gold: Annotated[
        Path, typer.Argument(help="A gold register (gold.json), with its gold records in gold/ beside it.")
    ],
    register: Annotated[Path | None, typer.Option(help="Score this register folder.")] = None,
    records: Annotated[
        Path | None, typer.Option(help="Consolidate this batch output first (default: the gold records).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    min_bcubed: Annotated[
        float | None, typer.Option(help="Exit 1 when the agreements' B-cubed F1 is below this.")
    ] = None,
) -> None:
    """Score a register against a gold register: pairwise and B-cubed P/R/F1 of agreements and events."""
    import orjson

    from .register.evaluate import evaluate_register as run

    if register is not None and records is not None:
        _die("give --register or --records, not both")
    try:
        report = run(gold, records=records, register=register)
    except AccordError as exc:
        _die(str(exc))
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        from .report import print_register_report

        print_register_report(report)
    if min_bcubed is not None and report["agreements"]["bcubed"]["f1"] < min_bcubed:
        typer.echo(
            f"accord-extract: agreements B-cubed F1 {report['agreements']['bcubed']['f1']:.4f} is below {min_bcubed}",
            err=True,
        )
        raise typer.Exit(1)


def main() -> None:
    app()
