"""Adversarial text shapes of issue 14 (each a function of a length in characters), shared by the
linearity test, the containment test and bench/containment.py."""

from __future__ import annotations

import itertools
import string


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _words(n: int, joiner: str) -> str:
    letters = string.ascii_lowercase
    names = ("".join(p).capitalize() + "ar" for p in itertools.product(letters, letters, letters))
    out, size = [], 0
    for name in names:
        out.append(name)
        size += len(name) + len(joiner)
        if size >= n:
            break
    return joiner.join(out)[:n]


def organisations(n: int) -> str:
    return _repeat("Ministère de l'Économie de la République du Kenya et ", n)


def agreements(n: int) -> str:
    return "Les deux pays " + _repeat("ont signé un accord, un mémorandum, une convention, ", n)


def capitalised(n: int) -> str:
    return _words(n, " ")


def capitalised_de(n: int) -> str:
    return _words(n, " de ")


def witnesses(n: int) -> str:
    return _repeat("En présence de M. Amadou Diallo, Mme Awa Sow, M. Jean Kaboré, ", n)


def apostrophes(n: int) -> str:
    return "Le ministre a dit " + "'" * n + " et signé un accord."


def parentheses(n: int) -> str:
    return "Le ministre a dit " + "(" * n + " et signé un accord."


def single_line(n: int) -> str:
    """An ordinary article (the seed, repeated) with no line break at all."""
    from .conftest import SEED

    return _repeat(SEED.read_text(encoding="utf-8").replace("\n", " ") + " ", n)


SHAPES = {
    "organisations": organisations,
    "agreements": agreements,
    "capitalised": capitalised,
    "capitalised_de": capitalised_de,
    "witnesses": witnesses,
    "apostrophes": apostrophes,
    "parentheses": parentheses,
}
