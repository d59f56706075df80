"""Load the stock French model without paying for `spacy.lang.fr` at start-up.

Importing `spacy.lang.fr` compiles the tokenizer's TOKEN_MATCH, a 1.4-million
character regex (every letter class spelled out, case-insensitively), which
costs 2-3 s in every process. The model ships that pattern in its tokenizer
file; we rewrite each spelled-out letter class as `[^\\W\\d_]` (the same set of
letters) and compile the result in a fraction of a second. The tests check
that tokens and entities are identical to `spacy.load`'s.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

LETTER = r"[^\W\d_]"


def lighten(pattern: str) -> str:
    """The same regex with spaCy's expanded letter classes written as `[^\\W\\d_]`."""
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER

    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch != "[":
            out.append(ch)
            i += 1
            continue
        j = i + 1
        if j < n and pattern[j] == "^":
            j += 1
        if j < n and pattern[j] == "]":
            j += 1
        while j < n and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        body = pattern[i + 1 : j]
        rest = body
        for letters in (ALPHA, ALPHA_LOWER, ALPHA_UPPER):
            rest = rest.replace(letters, "")
        if rest == body or body.startswith("^"):
            out.append(pattern[i : j + 1])  # no letter class inside: as it was
        elif rest:
            out.append(f"(?:{LETTER}|[{rest}])")
        else:
            out.append(LETTER)
        i = j + 1
    return "".join(out)


@cache
def _french_class():
    """A Language class for "fr" that does not import spacy.lang.fr (stop words read from its file)."""
    import spacy
    from spacy.language import BaseDefaults, Language

    stop_words_file = Path(spacy.__file__).parent / "lang" / "fr" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_accord_fr_stop_words", stop_words_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class LightFrenchDefaults(BaseDefaults):
        stop_words = module.STOP_WORDS

    class LightFrench(Language):
        lang = "fr"
        Defaults = LightFrenchDefaults

    return LightFrench


def model_path(model: str) -> Path:
    from spacy.util import get_package_path

    return next(p.parent for p in Path(get_package_path(model)).glob("*/config.cfg"))


def load_light(model: str, exclude: list[str]):
    """The installed model's pipeline (less `exclude`) and tokenizer, with a fast-compiling TOKEN_MATCH."""
    import srsly
    from spacy.tokenizer import Tokenizer
    from spacy.util import load_config

    path = model_path(model)
    config = load_config(path / "config.cfg")
    if config["nlp"]["lang"] != "fr":
        raise ValueError(f"{model} is not a French model")
    nlp = _french_class().from_config(config, exclude=exclude, validate=False)
    nlp.from_disk(path, exclude=[*exclude, "tokenizer"])
    tokenizer = Tokenizer(nlp.vocab)
    tokenizer.from_disk(path / "tokenizer", exclude=["vocab", "token_match"])
    pattern = srsly.msgpack_loads((path / "tokenizer").read_bytes()).get("token_match")
    if pattern:
        tokenizer.token_match = re.compile(lighten(pattern)).match
    nlp.tokenizer = tokenizer
    return nlp
