"""Issue 14 item 7: each adversarial shape at two sizes through the whole pipeline; the work must grow about
linearly. Compared as a ratio of CPU times within this one run (never an absolute timing), generously: a
size `factor` times larger may cost at most 2.5 x `factor` times more (a quadratic rule costs factor²)."""

import time

import pytest

from . import shapes

QUADRATIC = "component {} superlinear"
# shape: (small size in characters, factor, a component known to be superlinear today, or None: none is)
CASES = {
    "organisations": (500, 8, None),
    "agreements": (1000, 8, None),
    "capitalised": (1000, 8, None),
    "capitalised_de": (2000, 16, None),
    "witnesses": (1000, 16, None),
    "apostrophes": (5000, 10, None),  # the tokenizer guard: 50,000 apostrophes
    "parentheses": (5000, 10, None),
}


def cpu(extractor, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        extractor.extract_text(text)
        best = min(best, time.process_time() - start)
    return best


def _params():
    for name, (size, factor, component) in CASES.items():
        marks = [pytest.mark.xfail(strict=True, reason=QUADRATIC.format(component))] if component else []
        yield pytest.param(name, size, factor, marks=marks, id=name)


@pytest.mark.parametrize(("name", "size", "factor"), list(_params()))
def test_work_grows_linearly(extractor, name, size, factor):
    shape = shapes.SHAPES[name]
    extractor.extract_text(shape(size))  # warm caches
    small = cpu(extractor, shape(size), repeat=3)
    large = cpu(extractor, shape(size * factor), repeat=2)  # best of two: a busy machine adds noise
    ratio = large / max(small, 1e-3)
    assert ratio < 2.5 * factor, f"{name}: x{factor} text cost x{ratio:.1f} ({small:.3f}s -> {large:.3f}s)"


def test_punctuation_runs_keep_offsets(extractor):
    from accord_extract.chunks import RUN_MAX, blank_runs

    text = "Le ministre Aliou Ndiaye a dit " + "'" * 5000 + " à Dakar le 12 mars 2024 (((((" + ")" * 40
    blanked = blank_runs(text)
    assert len(blanked) == len(text) and "'" * RUN_MAX in blanked and "'" * (RUN_MAX + 1) not in blanked
    record = extractor.extract_text(text)
    assert record.document.n_chars == len(text)
    assert [d.value for d in record.dates] == ["2024-03-12"]
    for mention in record.mentions():
        assert text[mention.start : mention.end] == mention.text


def test_chunks_merge_one_person_per_name(extractor, seed_record, monkeypatch):
    """A long article goes through the pipeline chunk by chunk; a person named in several chunks is one
    person with every mention, as in a short article."""
    from .conftest import SEED

    seed = SEED.read_text(encoding="utf-8")
    monkeypatch.setattr("accord_extract.extractor.CHUNK_CHARS", len(seed) + 10)  # the seed twice: 2 chunks
    text = seed + "\n" + seed
    record = extractor.extract_text(text)
    assert sorted(p.name for p in record.persons) == sorted(p.name for p in seed_record.persons)
    for person in record.persons:
        once = next(p for p in seed_record.persons if p.name == person.name)
        assert len(person.mentions) == 2 * len(once.mentions), person.name
        assert all(text[m.start : m.end] == m.text for m in person.mentions)
