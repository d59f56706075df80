"""Issue 11 item 14: every refusal is one line on stderr and exit 2, before any work."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEED, free_port

EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"


def run(*args):
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, timeout=120)


def one_line(result, *words):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_extract_refusals(tmp_path):
    one_line(run("extract", SEED, "--publication-date", "2024-13-45"), "'2024-13-45' is not a date")
    started = time.monotonic()
    one_line(run("extract", SEED, "-o", tmp_path), "is a folder")
    assert time.monotonic() - started < 8  # refused before the model is even loaded
    one_line(run("extract", SEED, "-o", tmp_path / "no" / "r.json"), "does not exist")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], ["--scheduler needs --engine dask"]),
        (["--engine", "spark"], ["'spark' is not one of 'local', 'dask'"]),
        (["--format", "csv"], ["'csv' is not one of 'jsonl', 'parquet', 'both'"]),
        (["--publication-date", "2024-13-45"], ["'2024-13-45' is not a date"]),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:PORT"], ["cannot reach the dask scheduler"]),
    ],
)
def test_batch_option_refusals(tmp_path, args, words):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Texte.", encoding="utf-8")
    args = [a.replace("PORT", str(free_port())) for a in args]
    one_line(run("batch", src, "-o", tmp_path / "out", *args), *words)
    assert not (tmp_path / "out").exists()


def test_batch_input_and_output_refusals(tmp_path):
    one_line(run("batch", tmp_path / "missing", "-o", tmp_path / "out"), "no such folder or file")
    assert not (tmp_path / "out").exists()  # no empty output folder left behind
    src = tmp_path / "in"
    src.mkdir()
    one_line(run("batch", src, "-o", "/proc/x"), "cannot use /proc/x as the output folder")
    (tmp_path / "file").write_text("x")
    one_line(run("batch", src, "-o", tmp_path / "file"), "exists and is not a folder")


def test_usage_errors_are_one_line_too():
    one_line(run("batch"), "Missing argument")
    one_line(run("extract", SEED, "--no-such-option"), "No such option")
