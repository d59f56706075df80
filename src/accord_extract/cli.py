"""The command line: thin typer wrappers over the Python API. The only module importing typer."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import AccordError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help: wraps at the terminal's width, never cuts an option name
    help="Extract typed records (persons, places, dates, agreements, sectors) from French diplomatic news.",
)

EXIT_INPUT = 2


class Format(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    both = "both"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"accord-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Extract typed records (persons, places, dates, agreements, sectors) from French diplomatic news."""


def _warn(warnings: list[str], quiet: bool) -> None:
    if not quiet:
        for warning in warnings:
            typer.echo(f"accord-extract: warning: {warning}", err=True)


def _die(message: str, code: int = EXIT_INPUT) -> None:
    typer.echo(f"accord-extract: {message}", err=True)
    raise typer.Exit(code)


def _iso_day(value: str | None) -> str | None:
    """A real calendar day: 2024-13-45 is refused as clearly as 13/45/2024."""
    import re
    from datetime import date

    if value is None:
        return value
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD") from None
    return value


def _writable_target(output: Path) -> None:
    """Refuse an output path that cannot take a file, before the work that would fill it."""
    from .io import display

    if output.is_dir():
        _die(f"{display(output)}: is a folder; give a file name to write")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        _die(f"{display(output)}: its folder {display(parent)} does not exist")


@app.command()
def extract(
    path: Annotated[
        Path, typer.Argument(help="Article file (text, HTML, PDF or gzip), or - for standard input.")
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the JSON here instead of stdout.")
    ] = None,
    publication_date: Annotated[
        str | None,
        typer.Option(help="YYYY-MM-DD: the article's date, to resolve relative dates.", callback=_iso_day),
    ] = None,
    with_text: Annotated[
        bool, typer.Option("--with-text", help="Put the decoded text in the record (document.text).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")] = False,
) -> None:
    """Extract one article and print its record as JSON; warnings also go to stderr."""
    import orjson

    from .extractor import Extractor
    from .io import read_stream, write_atomic

    if output:
        _writable_target(output)
    try:
        if str(path) == "-":
            article = read_stream(sys.stdin.buffer, source="<stdin>")
            record = Extractor().extract_article(article, "stdin", publication_date, with_text=with_text)
        else:
            record = Extractor().extract_file(path, publication_date=publication_date, with_text=with_text)
        data = orjson.dumps(record.model_dump(mode="json"), option=orjson.OPT_INDENT_2) + b"\n"
        if output:
            write_atomic(output, data)
    except AccordError as exc:
        _die(str(exc))
    except OSError as exc:
        _die(f"cannot write {output}: {exc.strerror or exc}")
    _warn(record.warnings, quiet)
    if not output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@app.command()
def schema(
    gold: Annotated[bool, typer.Option("--gold", help="The gold annotation schema instead.")] = False,
) -> None:
    """Print the JSON Schema of the record format (or of gold files)."""
    import json

    from .schemas import json_schema

    typer.echo(json.dumps(json_schema(gold=gold), ensure_ascii=False, indent=2))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold file, or a folder whose gold/ holds <id>.json.")],
    pred: Annotated[
        Path | None, typer.Option(help="Predictions: a record, a JSONL file or a folder of <id>.json.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    html: Annotated[Path | None, typer.Option(help="Write an HTML report here.")] = None,
    min_f1: Annotated[float | None, typer.Option(help="Exit 1 when micro-F1 is below this.")] = None,
    errors: Annotated[
        bool, typer.Option("--errors/--no-errors", help="List false positives and misses.")
    ] = True,
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
    matching = report.get("matching")
    if matching and (matching["gold_without_prediction"] or matching["predictions_without_gold"]):
        typer.echo(
            f"accord-extract: {len(matching['gold_without_prediction'])} gold documents have no prediction, "
            f"{len(matching['predictions_without_gold'])} predictions match no gold "
            f"({matching['matched']} matched, {matching['matched_by_stem']} of them by file stem)",
            err=True,
        )
    elif matching and matching["matched_by_stem"]:
        typer.echo(
            f"accord-extract: {matching['matched_by_stem']} predictions matched by file stem", err=True
        )
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
    publication_date: Annotated[
        str | None,
        typer.Option(help="YYYY-MM-DD: the article's date, to resolve relative dates.", callback=_iso_day),
    ] = None,
) -> None:
    """Draw one article's extraction as HTML (entities highlighted, agreements tabled)."""
    from .extractor import Extractor
    from .io import display, read_article, write_atomic
    from .report import render_record

    _writable_target(output)
    try:
        article = read_article(path)
        record = Extractor().extract_article(article, display(path.stem), publication_date)
        write_atomic(output, render_record(article.text, record.model_dump(mode="json")).encode("utf-8"))
    except AccordError as exc:
        _die(str(exc))
    except OSError as exc:
        _die(f"cannot write {output}: {exc.strerror or exc}")


@app.command()
def batch(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder (walked recursively), a list file, one article, or a JSONL, CSV or Parquet "
            "file of rows {id, text, publication_date, title, source, url}."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")],
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    format: Annotated[
        Format, typer.Option(help="records.jsonl only, or also the Parquet tables (parquet, both).")
    ] = Format.jsonl,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Skip articles already done.")] = True,
    glob: Annotated[
        list[str] | None,
        typer.Option(help="File name pattern; repeat for several. Default: every article type."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per task sent to a worker (up to 100,000 characters).")
    ] = 16,
    engine: Annotated[Engine, typer.Option(help="Worker processes here, or a dask cluster.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://HOST:PORT); needs --engine dask.")
    ] = None,
    timeout_per_article: Annotated[
        float,
        typer.Option(help="Seconds per article, plus 60 s per million characters; 0: no limit."),
    ] = 120.0,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks", help="Follow symbolic links that leave the input folder, and linked folders."
        ),
    ] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove the records of articles no longer in the input.")
    ] = False,
    publication_date: Annotated[
        str | None,
        typer.Option(
            help="YYYY-MM-DD: the date of articles that state none (a row's own date comes first).",
            callback=_iso_day,
        ),
    ] = None,
    with_text: Annotated[
        bool,
        typer.Option("--with-text", help="Put the decoded text in each record and in tables/documents."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output and no warnings.")] = False,
    allow_failures: Annotated[
        bool, typer.Option("--allow-failures", help="Exit 0 even when some articles failed.")
    ] = False,
) -> None:
    """Extract a folder of articles to records.jsonl (and Parquet tables), resumably.

    Exit status: 0 when every article was extracted, 1 when some failed (unless
    --allow-failures), 2 when the run could not start or its outputs could not be
    written, 128+N when stopped by signal N (Ctrl-C: 130); a re-run resumes.
    """
    from .batch import BatchInterrupted, BatchOptions, run_batch, validate
    from .inputs import DEFAULT_PATTERNS
    from .progress import final_lines, printer

    formats = {"jsonl": ("jsonl",), "parquet": ("jsonl", "parquet"), "both": ("jsonl", "parquet")}
    callback, bar = printer(quiet=quiet)
    options = BatchOptions(
        workers=workers,
        formats=formats[Format(format).value],
        resume=resume,
        glob=tuple(glob) if glob else DEFAULT_PATTERNS,
        task_size=batch_size,
        engine=Engine(engine).value,
        scheduler=scheduler,
        timeout=timeout_per_article or None,
        follow_symlinks=follow_symlinks,
        prune=prune,
        publication_date=publication_date,
        with_text=with_text,
        progress=callback,
    )
    try:
        validate(options)
        if bar is not None:
            with bar:
                summary = run_batch(source, output, options)
        else:
            summary = run_batch(source, output, options)
    except BatchInterrupted as stop:
        typer.echo(f"accord-extract: {stop}", err=True)
        raise typer.Exit(128 + stop.signum) from None
    except AccordError as exc:
        _die(str(exc))
    if not quiet:
        for line in final_lines(summary):
            typer.echo(f"accord-extract: {line}", err=True)
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
    """The console script: usage errors in one line (exit 2), like every other refusal."""
    import click

    try:
        code = app(standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError:
        code = 0  # the help was printed when the error was made
    except click.exceptions.UsageError as exc:
        typer.echo(f"accord-extract: {exc.format_message()}", err=True)
        code = EXIT_INPUT
    except click.exceptions.ClickException as exc:
        typer.echo(f"accord-extract: {exc.format_message()}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        typer.echo("accord-extract: interrupted", err=True)
        code = 130
    sys.exit(code or 0)
