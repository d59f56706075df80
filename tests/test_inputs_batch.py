"""One folder with every kind of input a website, a ministry or a hostile deployment produces, batched to the
end on both engines (issues 6 and 14): every good article in records.jsonl, every bad one in errors.jsonl
with its reason, the summary's counts adding up, nothing written outside --output."""

import codecs
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson
import pytest

from . import shapes
from .conftest import SEED

EXE = shutil.which("accord-extract", path=str(Path(sys.executable).parent)) or "accord-extract"
TEXT = "Le ministre sénégalais Aliou Ndiaye a signé un accord sur la pêche à Dakar le 12 mars 2024.\n"
NON_UTF8 = "caf\\xe9.txt"  # how the file b"caf\xe9.txt" is named in every output
GOOD = {
    "utf8.txt",
    "bom.txt",
    "utf16.txt",
    "cp1252.txt",
    "crlf.txt",
    "page.html",
    "portal.php",
    "empty.txt",
    "english.txt",
    "line.txt",
    "nested.html",
    "ascii.pdf",
    "real.pdf",
    "zipped.txt.gz",
    NON_UTF8,
}
FAILED = {"binary.txt", "undecodable.txt", "broken.txt", "loop.txt", "fifo.txt"}
SKIPPED = {"outside.txt", "zero.txt", "unreadable.txt", "again"}  # links leaving the folder, a folder link
ADVERSARIAL = {f"adv-{name}.txt" for name in shapes.SHAPES}


def ascii_pdf(text: str) -> bytes:
    """A minimal, valid PDF whose every byte is ASCII (uncompressed content stream)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def real_pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


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
    page = (
        f"<!doctype html><html><head><title>Pêche</title></head><body><ul><li>Accueil</li><li>Banque "
        f"mondiale</li></ul><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    )
    (src / "page.html").write_text(page, encoding="utf-8")
    (src / "portal.php").write_text(page, encoding="utf-8")  # HTML told by its content
    (src / "nested.html").write_text(
        "<html><body>" + "<div>" * 300 + f"<p>{TEXT}</p>" + "</div>" * 300 + "</body></html>",
        encoding="utf-8",
    )
    (src / "empty.txt").write_text(" \n\t\n", encoding="utf-8")
    (src / "english.txt").write_text(
        "The minister and the delegation signed an agreement on fisheries with the "
        "government of the country in the capital on Tuesday.\n",
        encoding="utf-8",
    )
    (src / "line.txt").write_text(shapes.single_line(1_000_000), encoding="utf-8")  # 1 MB, no newline
    (src / "ascii.pdf").write_bytes(ascii_pdf("Le ministre Aliou Ndiaye a signe un accord a Dakar."))
    (src / "real.pdf").write_bytes(real_pdf(TEXT.replace("’", "'")))
    import gzip

    (src / "zipped.txt.gz").write_bytes(gzip.compress(TEXT.encode("utf-8")))
    with open(os.path.join(os.fsencode(src), b"caf\xe9.txt"), "wb") as handle:
        handle.write(TEXT.encode("utf-8"))
    for name, shape in shapes.SHAPES.items():
        (src / f"adv-{name}.txt").write_text(shape(50_000), encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 256)
    (src / "undecodable.txt").write_bytes(bytes(range(1, 32)) * 200 + b"\xff\xfe\xfd")
    (src / "broken.txt").symlink_to(root / "missing.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    os.mkfifo(src / "fifo.txt")
    (src / "outside.txt").symlink_to("/etc/passwd")
    (src / "zero.txt").symlink_to("/dev/zero")
    (src / "unreadable.txt").symlink_to("/proc/self/mem")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    (src / "notes.docx").write_bytes(buffer.getvalue())  # not an article type: counted as ignored
    (src / "sub").mkdir()
    (src / "sub" / "again").symlink_to(src, target_is_directory=True)  # a folder loop: not followed
    (src / "sub" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return root, src


def snapshot(root: Path, out: Path) -> set[str]:
    return {str(p) for p in root.rglob("*") if out not in p.parents and p != out and "again" not in p.parts}


def by_name(rows, key):
    return {Path(key(r)).name: r for r in rows}


def load(out: Path):
    records = by_name(
        map(orjson.loads, (out / "records.jsonl").read_bytes().splitlines()),
        lambda r: r["document"]["source"],
    )
    errors = by_name(map(orjson.loads, (out / "errors.jsonl").read_bytes().splitlines()), lambda e: e["path"])
    return records, errors, json.loads((out / "summary.json").read_text())


@pytest.fixture(scope="module")
def local_run(fixture_folder):
    root, src = fixture_folder
    out = root / "out"
    before = snapshot(root, out)
    result = run_batch(src, out, "--workers", "2")
    return root, src, out, before, result


def run_batch(src: Path, out: Path, *options: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """`accord-extract batch` on the fixture folder, quiet, two seconds per article at most."""
    command = [
        EXE,
        "batch",
        str(src),
        "--output",
        str(out),
        *options,
        "--timeout-per-article",
        "2",
        "--quiet",
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def check_run(out: Path, returncode: int, stderr: str):
    assert returncode == 1, stderr  # some articles failed
    assert "Traceback" not in stderr
    records, errors, summary = load(out)
    timed_out = {name for name, e in errors.items() if e["error"] == "TimedOut"}
    assert timed_out <= ADVERSARIAL  # a slow rule may cost an adversarial article, nothing else
    assert set(records) == GOOD | (ADVERSARIAL - timed_out) | {"seed.txt"}
    assert set(errors) == FAILED | SKIPPED | timed_out
    assert all(errors[name]["error"] == "Skipped" for name in SKIPPED)
    for name, entry in errors.items():
        assert entry["message"], name
    assert summary["found"] == summary["done"] + summary["skipped"] + summary["failed"]
    assert (summary["found"], summary["failed"]) == (
        len(GOOD) + len(FAILED) + len(SKIPPED) + len(ADVERSARIAL) + 1,
        len(FAILED) + len(timed_out),
    )
    assert summary["skipped_by_reason"] == {"symlink": len(SKIPPED)}
    assert summary["ignored_by_type"] == {".docx": 1}
    return records, errors, summary


def test_every_case_batches_to_completion(local_run):
    root, src, out, before, result = local_run
    records, errors, summary = check_run(out, result.returncode, result.stderr)
    assert "not a text article" in errors["binary.txt"]["message"]
    assert "not a text article" in errors["undecodable.txt"]["message"]
    assert "broken" in errors["broken.txt"]["message"]
    assert "loop" in errors["loop.txt"]["message"]
    assert "not a regular file" in errors["fifo.txt"]["message"]
    for name in ("outside.txt", "zero.txt", "unreadable.txt"):
        assert "leaving the input folder" in errors[name]["message"], name
    assert "folder" in errors["again"]["message"]
    assert records["utf16.txt"]["document"]["encoding"] == "utf-16"
    assert records["cp1252.txt"]["document"]["encoding"] == "cp1252"
    assert any("not UTF-8" in w for w in records["cp1252.txt"]["warnings"])
    assert any("empty" in w for w in records["empty.txt"]["warnings"])
    assert any("does not look French" in w for w in records["english.txt"]["warnings"])
    assert records["page.html"]["document"]["title"] == "Pêche"
    assert records["portal.php"]["document"]["title"] == "Pêche"
    assert records["line.txt"]["document"]["n_chars"] == 1_000_000
    assert records[NON_UTF8]["document"]["id"] == "caf\\xe9"
    for name in ("ascii.pdf", "real.pdf"):
        assert any("PDF" in w for w in records[name]["warnings"]), name
        assert "Aliou Ndiaye" in [p["name"] for p in records[name]["persons"]], name
    assert any("whole page text" in w for w in records["nested.html"]["warnings"])
    for name in (
        "utf8.txt",
        "bom.txt",
        "utf16.txt",
        "cp1252.txt",
        "crlf.txt",
        "nested.html",
        "zipped.txt.gz",
        NON_UTF8,
    ):
        assert [p["name"] for p in records[name]["persons"]] == ["Aliou Ndiaye"], name
        assert [d["value"] for d in records[name]["dates"]] == ["2024-03-12"], name
    assert snapshot(root, out) == before  # nothing written outside --output

    # The articles that timed out are tried again, two at a time.
    again = run_batch(src, out, "--workers", "2", "--allow-failures", timeout=300)
    assert again.returncode == 0, again.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped_by_reason"]["unchanged"] == len(records)  # every article done is skipped


@pytest.mark.slow
def test_every_case_on_dask(fixture_folder, local_run, cluster, tmp_path):
    _, src, _, _, _ = local_run
    address, _ = cluster
    out = tmp_path / "dask"
    result = run_batch(src, out, "--engine", "dask", "--scheduler", address)
    check_run(out, result.returncode, result.stderr)


@pytest.mark.parametrize(
    "name", [*sorted(FAILED), "zero.txt", "unreadable.txt", "missing.txt", ".", "notes.docx"]
)
def test_extract_bad_case_one_line_exit_2(fixture_folder, name):
    _, src = fixture_folder
    result = subprocess.run([EXE, "extract", str(src / name)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    if name == "notes.docx":
        assert "unsupported format: docx" in result.stderr


def test_extract_non_utf8_name(fixture_folder):
    _, src = fixture_folder
    path = os.path.join(os.fsencode(src), b"caf\xe9.txt")
    result = subprocess.run([os.fsencode(EXE), b"extract", path], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["document"]["id"] == "caf\\xe9"
    assert record["document"]["source"].endswith("caf\\xe9.txt")


def test_offsets_index_the_decoded_text(fixture_folder, extractor):
    from accord_extract.io import read_article

    _, src = fixture_folder
    for name in ("bom.txt", "utf16.txt", "cp1252.txt", "crlf.txt", "page.html", "real.pdf", "nested.html"):
        article = read_article(src / name)
        record = extractor.extract_article(article, name)
        for mention in record.mentions():
            assert article.text[mention.start : mention.end] == mention.text
