"""Where a signing took place (issue 10, phenomenon 8), on sentences written for these tests.

Each test asserts the exact agreement records (as `test_real_press.records` reads them), in text order.
"""

from __future__ import annotations

from .test_real_press import records


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


def test_p8_a_byline_places_a_visit_whose_venue_and_next_stops_name_other_cities(extractor):
    text = (
        "Visite d'État au Nigeria : Accra et Abuja signent deux accords\n"
        "Par Kwame Mensah, envoyé spécial à Abuja\n"
        "Le président ghanéen est arrivé lundi 3 mars 2025 au Nigeria pour une visite qui doit aussi le "
        "conduire à Kano et à Lagos. Mardi 4 mars 2025, à l'issue des entretiens à Calabar House, le Ghana "
        "et le Nigeria ont signé un accord sur la pêche et un mémorandum d'entente sur la santé."
    )
    states = ["Ghana", "Nigeria"]
    assert records(extractor, text) == [
        ("accord", states, [], "2025-03-04", "Abuja", ["peche"]),
        ("memorandum", states, [], "2025-03-04", "Abuja", ["sante"]),
    ]


def test_p8_cities_named_in_turn_are_not_one_place(extractor):
    text = (
        "Rabat, 2 juin 2025 (MAP) - Le Maroc et le Portugal ont signé lundi un accord culturel qui prévoit "
        "un festival annuel, organisé alternativement à Lisbonne et à Marrakech."
    )
    assert records(extractor, text) == [
        ("accord", ["Maroc", "Portugal"], [], "2025-06-02", "Rabat", ["culture"])
    ]


def test_p7_p8_the_eve_of_the_event_and_an_earlier_summit(extractor):
    text = (
        "Athènes, le 22 novembre 2024 – Le Premier ministre grec et son homologue albanais ont coprésidé "
        "vendredi le troisième sommet bilatéral. Le précédent sommet s'était tenu en mars 2022 à Tirana. "
        "À l'issue des travaux, la Grèce et l'Albanie ont signé un accord sur la lutte contre le terrorisme. "
        "La veille, à Patras, les deux ministres de l'Éducation avaient signé un accord sur "
        "l'enseignement supérieur. Au total, deux textes ont été signés en deux jours."
    )
    states = ["Grèce", "Albanie"]
    assert records(extractor, text) == [
        ("accord", states, [], "2024-11-22", "Athènes", ["securite"]),
        ("accord", states, [], "2024-11-21", "Patras", ["education"]),
    ]


def test_p8_towns_the_ner_reads_as_persons_are_places_not_signers(extractor):
    text = (
        "Tapachula, 14 novembre 2025 (Notimex) - Le Guatemala et le Mexique ont signé vendredi un accord sur "
        "les migrations qui prévoit deux centres d'accueil à Tecún Umán et à Ciudad Hidalgo, et un "
        "mémorandum sur le gazoduc à construire entre Oaxaca et Mariscal Estigarribia."
    )
    result = extractor.extract_text(text)
    names = {p.name for p in result.persons}
    places = {p.name for p in result.locations}
    assert not names & {"Tecún Umán", "Mariscal Estigarribia"}
    assert {"Tecún Umán", "Mariscal Estigarribia"} <= places
    assert records(extractor, text) == [
        ("accord", ["Guatemala", "Mexique"], [], "2025-11-14", "Tapachula", []),
        ("memorandum", ["Guatemala", "Mexique"], [], "2025-11-14", "Tapachula", ["energie"]),
    ]


def test_the_ceremony_sentence_after_the_signing_places_it_not_the_dateline(extractor):
    text = (
        "Niamey, 5 mars 2025 (ANP) - Le Niger et le Mali ont signé mercredi un accord sur la sécurité. "
        "La cérémonie s'est déroulée à Bamako, au siège du ministère malien de la Défense."
    )
    assert [a[4] for a in records(extractor, text)] == ["Bamako"]


def test_a_city_whose_where_clause_reports_the_signing_places_it(extractor):
    text = (
        "Rome, 5 mars 2025 (ANSA) - De retour de Rabat, où il a signé mardi un accord sur l'énergie avec "
        "son homologue marocain, le ministre italien a été reçu par le président."
    )
    assert [(a[3], a[4]) for a in records(extractor, text)] == [("2025-03-04", "Rabat")]
