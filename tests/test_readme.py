"""The README's "Use it from spaCy" and "Use it from a notebook" code blocks run as written."""

import re

import pytest

from .conftest import ROOT

SECTIONS = ["Use it from spaCy", "Use it from a notebook"]


def blocks(title: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


@pytest.mark.parametrize("title", SECTIONS)
def test_readme_code_runs(title, extractor, monkeypatch):
    code = blocks(title)
    assert code, f"no python block under {title!r}"
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    for block in code:
        exec(compile(block, f"README: {title}", "exec"), namespace)
