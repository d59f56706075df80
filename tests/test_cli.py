"""Every command through the real console script: help, output, and one-line errors with exit 2."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT, SEED

EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"
COMMANDS = ["extract", "schema", "evaluate", "render", "batch", "consolidate", "evaluate-register"]


def run(*args, **kw):
    return subprocess.run([EXE, *args], capture_output=True, text=True, **kw)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help(command):
    result = run(*([command] if command else []), "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"accord-extract {command}" in readme


def test_extract_prints_a_valid_record(tmp_path):
    from accord_extract.schemas import ExtractionResult

    result = run("extract", str(SEED))
    assert result.returncode == 0, result.stderr
    record = ExtractionResult.model_validate_json(result.stdout)
    assert "Moscou" in result.stdout  # non-ASCII kept as is, not \u escapes
    assert record.document.id == "mali-russie-2025"
    out = tmp_path / "r.json"
    assert run("extract", str(SEED), "-o", str(out)).returncode == 0
    assert ExtractionResult.model_validate_json(out.read_text(encoding="utf-8")) == record


def test_bad_inputs_give_one_line_and_exit_2(tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    for target in (tmp_path / "missing.txt", tmp_path, binary):
        result = run("extract", str(target))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert run("extract", str(SEED), "--publication-date", "23/06/2025").returncode == 2


def test_schema_matches_models():
    from accord_extract.schemas import json_schema

    schema = json.loads(run("schema").stdout)
    assert schema == json_schema()
    assert set(schema["properties"]) >= {
        "document",
        "persons",
        "organizations",
        "locations",
        "dates",
        "agreements",
        "sectors",
        "warnings",
    }


def test_evaluate_json_and_gate(tmp_path):
    gold = CORPUS / "gold" / "mali-russie-2025.json"
    result = run("evaluate", str(gold), "--pred", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["micro_f1"] == 1.0
    assert set(report["fields"]["persons"]) >= {"p", "r", "f1", "tp", "fp", "fn"}
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"document": {"id": "mali-russie-2025"}}) + "\n", encoding="utf-8")
    assert run("evaluate", str(gold), "--pred", str(empty), "--min-f1", "0.5").returncode == 1


def test_evaluate_html_and_render(tmp_path):
    gold = CORPUS / "gold" / "mali-russie-2025.json"
    page = tmp_path / "report.html"
    assert run("evaluate", str(gold), "--html", str(page), "--no-errors").returncode == 0
    html = page.read_text(encoding="utf-8")
    assert ("Moscou" in html and "MISS" in html) or "FP" in html
    drawn = tmp_path / "seed.html"
    assert run("render", str(SEED), "-o", str(drawn)).returncode == 0
    assert "Moscou" in drawn.read_text(encoding="utf-8")


def test_consolidate_and_evaluate_register(tmp_path):
    gold = CORPUS / "consolidation"
    result = run("consolidate", str(gold / "gold"), "--output", str(tmp_path / "register"))
    assert result.returncode == 0, result.stderr
    assert "agreements in" in result.stderr and (tmp_path / "register" / "agreements.parquet").is_file()
    result = run(
        "evaluate-register", str(gold / "gold.json"), "--register", str(tmp_path / "register"), "--json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["agreements"]["bcubed"]["f1"] >= 0.9
    assert set(report["events"]["pairwise"]) >= {"p", "r", "f1"}
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(
        "evaluate-register", str(gold / "gold.json"), "--register", str(empty), "--min-bcubed", "0.5"
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_consolidate_bad_inputs_give_one_line_and_exit_2(tmp_path):
    for target in (tmp_path / "missing", tmp_path):
        result = run("consolidate", str(target))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    bad = tmp_path / "records.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = run("consolidate", str(bad), "--output", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    result = run("evaluate-register", str(tmp_path / "nope.json"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
