"""Issue-6 fixture: one folder with every kind of input a website or ministry produces, batched to completion."""

import codecs
import json
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from .conftest import SEED

EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"
TEXT = "Le ministre sénégalais Aliou Ndiaye a signé un accord sur la pêche à Dakar le 12 mars 2024.\n"
GOOD = {
    "utf8.txt",
    "bom.txt",
    "utf16.txt",
    "cp1252.txt",
    "crlf.txt",
    "page.html",
    "empty.txt",
    "english.txt",
    "huge.txt",
}
BAD = {"binary.txt", "undecodable.txt", "broken.txt", "loop.txt", "unreadable.txt"}


@pytest.fixture(scope="module")
def fixture_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    src = root / "in"
    src.mkdir()
    (src / "utf8.txt").write_text(TEXT, encoding="utf-8")
    (src / "bom.txt").write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    (src / "utf16.txt").write_bytes(TEXT.encode("utf-16"))
    (src / "cp1252.txt").write_bytes(TEXT.encode("cp1252"))
    (src / "crlf.txt").write_bytes(
        TEXT.replace(" le 12", "\u00a0le 12").replace("\n", "\r\n").encode("utf-8")
    )
    (src / "page.html").write_text(
        f"<!doctype html><html><head><title>Pêche</title></head><body><article><p>{TEXT}</p>"
        f"<p>{TEXT}</p></article></body></html>",
        encoding="utf-8",
    )
    (src / "empty.txt").write_text(" \n\t\n", encoding="utf-8")
    (src / "english.txt").write_text(
        "The minister and the delegation signed an agreement on fisheries with the "
        "government of the country in the capital on Tuesday.\n",
        encoding="utf-8",
    )
    seed = SEED.read_text(encoding="utf-8")
    (src / "huge.txt").write_text((seed + "\n") * (5_000_000 // len(seed) + 1), encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 256)
    (src / "undecodable.txt").write_bytes(bytes(range(1, 32)) * 200 + b"\xff\xfe\xfd")
    (src / "broken.txt").symlink_to(root / "missing.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "unreadable.txt").symlink_to("/proc/self/mem")  # opens, but every read fails (EIO), even as root
    (src / "sub").mkdir()
    (src / "sub" / "again").symlink_to(src, target_is_directory=True)  # a folder loop: not followed
    return root, src


def snapshot(root: Path, out: Path) -> set[str]:
    return {str(p) for p in root.rglob("*") if out not in p.parents and p != out and "again" not in p.parts}


def test_every_case_batches_to_completion(fixture_folder):
    root, src = fixture_folder
    out = root / "out"
    before = snapshot(root, out)
    result = subprocess.run(
        [EXE, "batch", str(src), "--output", str(out), "--glob", "*", "--quiet"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 1, result.stderr  # some articles failed
    records = {
        Path(r["document"]["source"]).name: r
        for r in map(orjson.loads, (out / "records.jsonl").read_bytes().splitlines())
    }
    errors = {
        Path(e["path"]).name: e for e in map(orjson.loads, (out / "errors.jsonl").read_bytes().splitlines())
    }
    assert set(records) == GOOD
    assert set(errors) == BAD
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["found"], summary["done"], summary["failed"]) == (
        len(GOOD) + len(BAD),
        len(GOOD),
        len(BAD),
    )
    assert "not a text article" in errors["binary.txt"]["message"]
    assert "not a text article" in errors["undecodable.txt"]["message"]
    assert "broken" in errors["broken.txt"]["message"]
    assert errors["loop.txt"]["message"] and errors["unreadable.txt"]["message"]
    assert records["utf16.txt"]["document"]["encoding"] == "utf-16"
    assert records["cp1252.txt"]["document"]["encoding"] != "utf-8"
    assert any("not UTF-8" in w for w in records["cp1252.txt"]["warnings"])
    assert any("empty" in w for w in records["empty.txt"]["warnings"])
    assert any("does not look French" in w for w in records["english.txt"]["warnings"])
    assert records["page.html"]["document"]["title"] == "Pêche"
    assert records["huge.txt"]["document"]["n_chars"] >= 5_000_000
    for name in ("utf8.txt", "bom.txt", "utf16.txt", "cp1252.txt", "crlf.txt"):
        assert [p["name"] for p in records[name]["persons"]] == ["Aliou Ndiaye"], name
        assert [d["value"] for d in records[name]["dates"]] == ["2024-03-12"], name
    assert snapshot(root, out) == before  # nothing written outside --output

    again = subprocess.run(
        [EXE, "batch", str(src), "--output", str(out), "--glob", "*", "--quiet", "--allow-failures"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0
    assert json.loads((out / "summary.json").read_text())["skipped"] == len(GOOD)


@pytest.mark.parametrize("name", [*sorted(BAD), "missing.txt", "."])
def test_extract_bad_case_one_line_exit_2(fixture_folder, name):
    _, src = fixture_folder
    result = subprocess.run([EXE, "extract", str(src / name)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_offsets_index_the_decoded_text(fixture_folder, extractor):
    from accord_extract.io import read_article

    _, src = fixture_folder
    for name in ("bom.txt", "utf16.txt", "cp1252.txt", "crlf.txt", "page.html"):
        article = read_article(src / name)
        record = extractor.extract_article(article, name)
        for mention in record.mentions():
            assert article.text[mention.start : mention.end] == mention.text
