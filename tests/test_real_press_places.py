"""Where a signing took place (issue 10, phenomenon 8), on sentences written for these tests.

Each test asserts the exact agreement records: instrument, parties, signatories, date, place and
sectors, in text order.
"""

from __future__ import annotations


def records(extractor, text: str) -> list[tuple]:
    return [
        (a.instrument, a.parties, a.signatories, a.date, a.place, a.sectors)
        for a in extractor.extract_text(text).agreements
    ]


def test_p8_the_ends_of_a_stretch_are_not_the_signing_place(extractor):
    text = (
        "Lima, 9 juin 2025 (Andina) - Le Pérou et l'Équateur ont signé lundi deux textes. Le premier est "
        "une convention sur l'oléoduc qui sera posé entre Guayaquil et la frontière. Le second est un "
        "protocole sur le tronçon routier compris entre le poste frontière et Machala."
    )
    states = ["Pérou", "Équateur"]
    assert records(extractor, text) == [
        ("convention", states, [], "2025-06-09", "Lima", ["energie"]),
        ("protocole", states, [], "2025-06-09", "Lima", ["transports"]),
    ]
