"""Issue 12, a CLI people expect: --version, help that renders at 80 columns with every option whole and
explained, choices shown, `extract -`, warnings on stderr unless --quiet, a schema with $schema and $id."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accord_extract import __version__
from accord_extract.cli import app

EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"
COMMANDS = ["extract", "schema", "evaluate", "render", "batch"]


def run(*args, **kw):
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=120, **kw)


def click_command(name):
    import typer

    group = typer.main.get_command(app)
    return group if name is None else group.commands[name]


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"accord-extract {__version__}\n")


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_at_80_columns_names_every_option_whole(name):
    import click

    result = run(*([name] if name else []), "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert "…" not in text and "<bool>" not in text and "\\[" not in text
    params = click_command(name).params
    options = [p for p in params if isinstance(p, click.Option)]
    assert options
    flat = " ".join(text.split())
    for argument in (p for p in params if isinstance(p, click.Argument)):
        assert argument.help and " ".join(argument.help.split()) in flat, f"{argument.name}: no help shown"
    for option in options:
        assert option.help, f"{option.name} has no help text"
        for flag in [*option.opts, *option.secondary_opts]:
            assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text), (
                f"{flag} cut or missing:\n{text}"
            )


def test_format_and_engine_are_choices():
    text = run("batch", "--help").stdout
    assert "[jsonl|parquet|both]" in text and "[local|dask]" in text
    bad = run("batch", ".", "-o", "x", "--format", "csv")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "'csv' is not one of" in bad.stderr


def test_extract_reads_stdin_and_warns_on_stderr():
    english = "The minister and the delegation signed an agreement on fisheries with the government today.\n"
    result = run("extract", "-", input=english)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["document"]["id"], record["document"]["source"]) == ("stdin", "<stdin>")
    assert record["document"]["language"] == "en"
    assert result.stderr.splitlines() == [f"accord-extract: warning: {w}" for w in record["warnings"]]
    assert any("does not look French" in w for w in record["warnings"])
    quiet = run("extract", "-", "--quiet", input=english)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_batch_warnings_on_stderr_unless_quiet(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text(" \n", encoding="utf-8")
    env = {**os.environ, "ACCORD_EXTRACT_STUB_PIPELINE": "0"}  # the warning comes from the reader
    loud = subprocess.run(
        [EXE, "batch", str(src), "-o", str(tmp_path / "a")], capture_output=True, text=True, env=env
    )
    assert (
        "accord-extract: warning: empty.txt: empty article: no text to extract from"
        in loud.stderr.splitlines()
    )
    quiet = subprocess.run(
        [EXE, "batch", str(src), "-o", str(tmp_path / "b"), "-q"], capture_output=True, text=True, env=env
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_schema_has_id_and_accepts_added_fields():
    from accord_extract.schemas import ExtractionResult

    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:accord-extract:record:")
    flags = re.findall(r'"additionalProperties": (\w+)', json.dumps(schema))
    assert flags and set(flags) == {"true"}  # the contract: "you may add fields"
    assert set(schema["$defs"]) == set(ExtractionResult.model_json_schema()["$defs"])
    gold = json.loads(run("schema", "--gold").stdout)
    assert gold["$id"].startswith("urn:accord-extract:gold:")
    assert set(re.findall(r'"additionalProperties": (\w+)', json.dumps(gold))) == {"false"}


def test_license_matches_pyproject():
    import tomllib

    root = Path(__file__).resolve().parents[1]
    declared = tomllib.loads((root / "pyproject.toml").read_text())["project"]["license"]["text"]
    assert declared == "MIT"
    assert (root / "LICENSE").read_text().startswith("MIT License")
