"""The phenomena of real dispatches (issue 10), one test each, on sentences written for these tests.

Each test asserts the exact agreement records: instrument, parties, signatories, date, place and
sectors, in text order.
"""

from __future__ import annotations

import pytest


def records(extractor, text: str) -> list[tuple]:
    return [
        (a.instrument, a.parties, a.signatories, a.date, a.place, a.sectors)
        for a in extractor.extract_text(text).agreements
    ]


def test_p1_enumeration_of_definite_instruments_continued_in_the_next_sentence(extractor):
    text = (
        "LOMÉ, 3 avril 2024 (ATOP) - Le Togo et le Ghana ont paraphé mercredi à Lomé quatre textes. Il s'agit "
        "de la Convention relative au transit routier des marchandises, de l'Accord sur la pêche artisanale "
        "et du Protocole d'accord sur la formation des enseignants. À ces textes s'ajoute l'Accord de "
        "coopération dans le domaine du tourisme."
    )
    states = ["Togo", "Ghana"]
    assert records(extractor, text) == [
        ("convention", states, [], "2024-04-03", "Lomé", ["transports"]),
        ("accord", states, [], "2024-04-03", "Lomé", ["peche"]),
        ("protocole", states, [], "2024-04-03", "Lomé", ["education"]),
        ("accord", states, [], "2024-04-03", "Lomé", ["tourisme"]),
    ]


def test_p2_a_count_distributed_over_domains_then_a_mixed_item(extractor):
    text = (
        "Bamako, le 12 mai 2025 - Le Mali et le Sénégal ont signé lundi à Bamako trois protocoles d'accord "
        "portant sur l'élevage, l'hydraulique et la santé, ainsi qu'un accord-cadre sur le sport."
    )
    states = ["Mali", "Sénégal"]
    assert records(extractor, text) == [
        ("protocole", states, [], "2025-05-12", "Bamako", ["agriculture"]),
        ("protocole", states, [], "2025-05-12", "Bamako", ["eau"]),
        ("protocole", states, [], "2025-05-12", "Bamako", ["sante"]),
        ("accord_cadre", states, [], "2025-05-12", "Bamako", ["sport"]),
    ]


def test_p2_domains_after_a_long_complement_when_respectivement_pairs_them(extractor):
    text = (
        "Kinshasa, le 21 mars 2024 - L'agence belge de développement Enabel a signé jeudi à Kinshasa trois "
        "conventions, d'un montant de 48 millions d'euros, avec le ministère de la Santé, le ministère de "
        "l'Enseignement et le ministère de l'Agriculture, portant respectivement sur la santé maternelle, "
        "la formation des jeunes et l'agriculture familiale. Ces conventions découlent du programme de "
        "coopération conclu en décembre dernier à Bruxelles."
    )
    found = records(extractor, text)
    assert [(a[0], a[3], a[4], a[5]) for a in found] == [
        ("convention", "2024-03-21", "Kinshasa", ["sante"]),
        ("convention", "2024-03-21", "Kinshasa", ["education"]),
        ("convention", "2024-03-21", "Kinshasa", ["agriculture"]),
    ]


def test_p2_domains_given_in_the_next_sentence(extractor):
    text = (
        "Niamey, le 20 juin 2024 - Le Niger et le Tchad ont signé jeudi à Niamey deux mémorandums d'entente. "
        "Ces mémorandums concernent l'énergie et les transports."
    )
    assert [(a[0], a[5]) for a in records(extractor, text)] == [
        ("memorandum", ["energie"]),
        ("memorandum", ["transports"]),
    ]


def test_p3_a_count_with_no_list_gives_the_count_and_no_record(extractor):
    record = extractor.extract_text(
        "Abidjan, le 5 mars 2024 - La Côte d'Ivoire et le Liberia ont signé huit accords de coopération mardi "
        "à Abidjan, au terme de la commission mixte."
    )
    assert record.document.stated_agreement_count == 8
    assert record.agreements == []


def test_p3_a_lead_summary_and_its_details_are_one_list(extractor):
    text = (
        "Tunis, le 2 octobre 2024 - La Tunisie et le Portugal ont signé mercredi à Tunis deux accords touchant "
        "à l'énergie et à la pêche.\n"
        "Le premier texte, un mémorandum d'entente sur l'hydrogène vert, a été signé par Sami Gharbi et Rui "
        "Costa. Le second, un accord sur l'aquaculture, par Leila Ayari et Ana Matos."
    )
    assert [(a[0], a[2], a[5]) for a in records(extractor, text)] == [
        ("memorandum", ["Sami Gharbi", "Rui Costa"], ["energie"]),
        ("accord", ["Leila Ayari", "Ana Matos"], ["peche"]),
    ]


def test_p4_more_instrument_words_and_a_complement_that_is_not_an_item(extractor):
    text = (
        "Rabat, le 9 octobre 2024 - Le Maroc et la Belgique ont signé mercredi à Rabat un programme exécutif "
        "dans le domaine de la culture, un avenant à la convention fiscale et un échange de lettres sur les "
        "visas."
    )
    states = ["Maroc", "Belgique"]
    assert records(extractor, text) == [
        ("autre", states, [], "2024-10-09", "Rabat", ["culture"]),
        ("autre", states, [], "2024-10-09", "Rabat", ["finance"]),
        ("autre", states, [], "2024-10-09", "Rabat", ["diplomatie"]),
    ]


def test_p5_signers_given_with_respectivement_and_a_witness(extractor):
    text = (
        "Dakar, le 14 janvier 2025 - MM. Ousmane Diallo et Karim Haddou, respectivement ministre sénégalais "
        "de l'Agriculture et ministre tunisien de l'Agriculture, ont signé mardi à Dakar un accord sur la "
        "recherche agricole, en présence du Premier ministre Amadou Fall."
    )
    assert records(extractor, text) == [
        (
            "accord",
            ["Sénégal", "Tunisie"],
            ["Ousmane Diallo", "Karim Haddou"],
            "2025-01-14",
            "Dakar",
            ["science_technologie", "agriculture"],
        )
    ]


def test_p5_one_pair_of_signers_per_item_of_a_list(extractor):
    text = (
        "Accra, le 7 février 2024 - Le Ghana et le Burkina Faso ont signé mercredi à Accra deux textes : "
        "l'accord sur l'eau, signé par Kwame Mensah et Issa Ouédraogo ; le protocole d'accord sur la santé, "
        "par Ama Owusu et Salif Kaboré."
    )
    assert [(a[0], a[2]) for a in records(extractor, text)] == [
        ("accord", ["Kwame Mensah", "Issa Ouédraogo"]),
        ("protocole", ["Ama Owusu", "Salif Kaboré"]),
    ]


def test_p5_signers_named_per_side_in_a_later_sentence(extractor):
    text = (
        "Conakry, le 4 mars 2025 - La Guinée et la Sierra Leone ont signé mardi à Conakry un accord sur la "
        "pêche et un mémorandum sur la santé.\n"
        "Côté guinéen, les textes ont été signés par Mamadi Condé. Pour la partie sierra-léonaise, c'est "
        "Fatmata Koroma qui a apposé sa signature."
    )
    assert [a[2] for a in records(extractor, text)] == [["Mamadi Condé", "Fatmata Koroma"]] * 2


def test_p6_states_written_as_demonyms(extractor):
    text = (
        "Cotonou, le 2 juillet 2024 - La partie béninoise et la partie nigérienne ont signé mardi à Cotonou "
        "un accord sur le transit des marchandises."
    )
    assert records(extractor, text) == [
        ("accord", ["Bénin", "Niger"], [], "2024-07-02", "Cotonou", ["transports"])
    ]


def test_p6_bodies_that_sign_are_the_parties(extractor):
    text = (
        "Libreville, le 3 mars 2025 - La Banque africaine de développement (BAD) et la Société gabonaise "
        "d'énergie ont signé lundi à Libreville une convention de financement pour l'électrification rurale."
    )
    (agreement,) = records(extractor, text)
    assert agreement[0] == "convention"
    assert agreement[1][:2] == ["Banque africaine de développement", "Société gabonaise d'énergie"]
    assert agreement[5] == ["energie"]  # "de financement" names the kind of instrument, not its subject


def test_p6_ministries_that_sign_are_parties_those_named_in_passing_are_not(extractor):
    text = (
        "Lima, le 5 juin 2024 - Le ministère des Transports du Pérou et le ministère coréen des "
        "Infrastructures ont signé mercredi à Lima un mémorandum d'entente sur les routes, a annoncé "
        "dans un communiqué le ministère des Affaires étrangères."
    )
    (agreement,) = records(extractor, text)
    assert {"ministère des Transports", "ministère coréen des Infrastructures"} <= set(agreement[1])
    assert "ministère des Affaires étrangères" not in agreement[1]


def test_p7_a_weekday_against_a_dateline_without_its_year(extractor):
    text = (
        "Niamey, 12 fév (ANP) - Le Niger et le Bénin ont signé mercredi à Niamey un accord sur la sécurité "
        "frontalière. La signature intervient après la réouverture de la frontière en 2025."
    )
    # 12 February 2025 is a Wednesday: "mercredi" is the dateline's own day.
    assert records(extractor, text)[0][3] == "2025-02-12"


def test_p7_a_year_fixed_by_the_weekday_alone(extractor):
    text = (
        "Les deux ministres ont signé le jeudi 5 septembre un accord sur les mines, au palais présidentiel "
        "de Dar es Salaam."
    )
    record = extractor.extract_text(text)
    assert record.agreements[0].date == "2024-09-05"  # the latest 5 September that is a Thursday
    assert record.agreements[0].place == "Dar es Salaam"


def test_p7_a_weekday_year_between_the_years_before_and_ahead(extractor):
    text = (
        "Le Togo et le Ghana ont signé le lundi 17 juin à Lomé un accord sur la pêche. La session "
        "précédente s'était tenue en 2021 ; la suivante devrait se tenir à Accra d'ici 2028."
    )
    # 17 June is a Monday in 2019, 2024 and 2030: only 2024 lies between 2021 and 2028.
    assert records(extractor, text)[0][3] == "2024-06-17"


def test_p7_numeric_dates_and_a_bracketed_time_stamp(extractor):
    text = (
        "[ 04-03-2014. 10h20]\nLe Caire - L'Égypte et la Jordanie ont signé le 4/3/2014 au Caire un "
        "mémorandum d'entente sur l'électricité."
    )
    assert records(extractor, text) == [
        ("memorandum", ["Égypte", "Jordanie"], [], "2014-03-04", "Le Caire", ["energie"])
    ]


def test_p8_the_place_of_the_signing_not_the_dateline(extractor):
    text = (
        "Dakar, le 10 avril 2024 (APS) - En visite à Banjul, le ministre sénégalais des Affaires étrangères, "
        "Moussa Diop, a signé mercredi au palais présidentiel un accord sur la pêche avec son homologue "
        "gambien, Lamin Jallow."
    )
    assert records(extractor, text) == [
        ("accord", ["Sénégal", "Gambie"], ["Moussa Diop", "Lamin Jallow"], "2024-04-10", "Banjul", ["peche"])
    ]


def test_p8_the_place_and_people_of_the_day_before_are_not_the_signing_s(extractor):
    text = (
        "Abidjan, le 6 mars 2025 - Deux entreprises ivoirienne et marocaine ont signé jeudi un contrat de "
        "fourniture d'engrais, au centre des congrès de Bouaké, au lendemain des entretiens tenus à Yamoussoukro "
        "entre le président Alassane Kouadio et le ministre Karim Benali."
    )
    contract = extractor.extract_text(text).agreements[0]
    assert (contract.place, contract.signatories) == ("Bouaké", [])


def test_p8_a_paragraph_that_opens_on_a_meeting_in_a_city_places_its_signing(extractor):
    text = (
        "Douala, le 9 mai 2025 - Lundi, à Garoua, le ministre camerounais des Mines, Paul Ndongo, et son "
        "homologue tchadien, Idriss Mahamat, ont signé un accord sur l'exploitation minière.\n"
        "Le lendemain, c'est à Maroua, au palais des congrès, que le forum économique a réuni 300 "
        "entreprises. Temps fort de la journée : la signature d'un protocole d'accord entre la Chambre de "
        "commerce de Ngaoundéré et la Chambre de commerce de Moundou."
    )
    protocol = extractor.extract_text(text).agreements[1]
    assert (protocol.instrument, protocol.place) == ("protocole", "Maroua")


def test_p11_an_all_caps_headline_names_the_states_a_letterhead_names_a_host(extractor):
    headline = (
        "GHANA-TOGO : UN ACCORD SUR LE GAZ\nLes deux ministres ont signé lundi un accord sur l'énergie."
    )
    record = extractor.extract_text(headline)
    assert [loc.name for loc in record.locations] == ["Ghana", "Togo"]
    assert record.agreements[0].parties == ["Ghana", "Togo"]
    letterhead = (
        "AMBASSADE DU RWANDA EN BELGIQUE\nObjet : Commission mixte entre le Rwanda et le Kenya\n"
        "Le Rwanda et le Kenya ont tenu leur commission mixte à Kigali. Au total, deux documents ont été "
        "signés : un accord sur le commerce et un mémorandum sur la santé."
    )
    assert [a.parties for a in extractor.extract_text(letterhead).agreements] == [["Rwanda", "Kenya"]] * 2


def test_p9_an_agreement_takes_its_own_sectors_not_the_visit_s(extractor):
    text = (
        "Luanda, le 8 mai 2024 - Les deux pays ont discuté de commerce, d'énergie, de défense et de culture. "
        "Ils ont signé mercredi à Luanda un accord dans le domaine de la santé."
    )
    assert records(extractor, text)[0][5] == ["sante"]


def test_p9_the_content_of_the_text_told_in_a_later_paragraph_and_its_bullets(extractor):
    text = (
        "Accra, le 4 juin 2025 - Le Ghana et le Burkina Faso ont signé mardi à Accra un mémorandum "
        "d'entente, sous la forme d'un procès-verbal. Le document a été paraphé par les deux "
        "ministres.\n\n"
        "Aux termes du mémorandum, les deux parties s'engagent à coopérer dans les domaines ci-après :\n"
        "- l'élevage transhumant ;\n"
        "- la surveillance épidémiologique.\n"
    )
    assert records(extractor, text) == [
        ("memorandum", ["Ghana", "Burkina Faso"], [], "2025-06-03", "Accra", ["agriculture", "sante"]),
    ]


def test_p9_a_later_paragraph_about_something_else_is_not_the_content(extractor):
    text = (
        "Accra, le 4 juin 2025 - Le Ghana et le Burkina Faso ont signé mardi à Accra un mémorandum "
        "d'entente sur l'élevage.\n\n"
        "Les deux présidents ont aussi parlé de sécurité et de pétrole."
    )
    assert records(extractor, text)[0][5] == ["agriculture"]


def test_p9_what_an_item_of_a_list_is_for_gives_its_sectors(extractor):
    text = (
        "Riyad, le 29 avril 2024 - La Banque islamique et le Niger ont signé lundi un accord mourabaha "
        "entre la Société A et la Société B, pour l'importation de produits pétroliers, ainsi "
        "qu'un mémorandum d'entente destiné à la formation des cadres."
    )
    assert [a[5] for a in records(extractor, text)] == [["commerce", "energie"], ["education"]]


@pytest.mark.parametrize(
    ("text", "not_organisations"),
    [
        (
            "Le Garde des Sceaux a reçu son homologue dans le salon d'honneur.",
            {"Garde des Sceaux"},
        ),
        (
            "MALI-TOGO : TROIS ACCORDS POUR RELANCER L'AXE\nLes deux pays ont signé l'Accord de Coopération "
            "Culturelle et un Protocole d'accord sur la pêche.",
            {"TROIS ACCORDS", "RELANCER", "Accord de Coopération Culturelle"},
        ),
        (
            "Accueil > Économie > Coopération\nLa BOAD a signé une convention avec le Togo.",
            {"Économie > Coopération"},
        ),
        # A word of an all-caps subheading in the body, never written otherwise.
        (
            "La BOAD a signé une convention avec le Togo.\nVISITE DU PORT AUTONOME ET DÉPART POUR KARA\nLa "
            "délégation a visité une usine.",
            {"VISITE", "PORT"},
        ),
        # Portfolios and topics the stock NER reads as bodies.
        (
            "Les ministres de l'Eau et de l'Énergie des deux pays, ainsi que la ministre de l'Éducation, des "
            "Sports et de la Jeunesse de Chypre, ont signé un accord en matière de Sécurité Transfrontalière.",
            {
                "Énergie des deux pays",
                "Éducation, des Sports",
                "Jeunesse de Chypre",
                "Sécurité Transfrontalière",
            },
        ),
        # A capitalised venue, and one set of initials of the closing signature line.
        (
            "Les deux ministres ont signé l'accord au Salon d'honneur du ministère, a constaté l'AIB.\n"
            "AIB/SD/RK",
            {"Salon d'honneur", "SD"},
        ),
    ],
)
def test_p10_things_that_look_like_organisations(extractor, text, not_organisations):
    names = {o.name for o in extractor.extract_text(text).organizations}
    assert not names & not_organisations


def test_p11_past_and_future_instruments_beside_the_event(extractor):
    text = (
        "Alger, le 5 juin 2024 - L'Algérie et l'Italie ont signé mercredi à Alger un accord sur l'hydrogène. "
        "Il complète l'accord de pêche signé en 2012. Deux autres accords seront signés lors de la prochaine "
        "visite."
    )
    assert records(extractor, text) == [
        ("accord", ["Algérie", "Italie"], [], "2024-06-05", "Alger", ["energie"])
    ]


def test_p11_an_amendment_to_an_older_instrument_is_signed_at_the_event(extractor):
    text = (
        "Oyo, le 15 mai 2025 - Le Gabon et le Congo ont signé jeudi à Oyo deux textes : l'Avenant n°2 à "
        "l'Accord relatif aux services aériens du 17 août 2014 et un mémorandum d'entente sur la pêche. "
        "Ces textes découlent du programme de coopération conclu en décembre dernier à Libreville."
    )
    found = records(extractor, text)
    # The 2014 date is the amended accord's; the programme of December is another time and place.
    assert [(a[0], a[3], a[4]) for a in found] == [
        ("autre", "2025-05-15", "Oyo"),
        ("memorandum", "2025-05-15", "Oyo"),
    ]


def test_p11_a_lire_aussi_line_is_not_the_event(extractor):
    text = (
        "Ankara, le 12 février 2025 - La Türkiye et le Mali ont signé mercredi à Ankara un accord-cadre de "
        "coopération militaire.\nLire aussi : Le Niger et le Tchad signent un protocole sur le pétrole"
    )
    assert [a[0] for a in records(extractor, text)] == ["accord_cadre"]


def test_p11_a_misspelt_repeat_of_a_name_is_the_same_person(extractor):
    record = extractor.extract_text(
        "Le ministre algérien de l'Énergie, Rachid Bouzeghoub, a signé l'accord. M. Bouzegoub a salué un "
        "partenariat ancien."
    )
    (person,) = [p for p in record.persons if "Bouz" in p.name]
    assert person.name == "Rachid Bouzeghoub"
    assert len(person.mentions) == 2


def test_p5_a_pair_of_surnames_joined_by_a_hyphen_names_the_two_signers(extractor):
    text = (
        "Bamako, le 3 mars 2025 - Le ministre malien du Commerce, Moussa Traoré, a reçu son homologue "
        "ivoirien, Yao Koné. Le protocole d'accord sur le transit a été paraphé par le duo Traoré-Koné, "
        "en présence du préfet Kossi Mensah."
    )
    record = extractor.extract_text(text)
    assert sorted(p.name for p in record.persons) == ["Kossi Mensah", "Moussa Traoré", "Yao Koné"]
    assert record.agreements[0].signatories == ["Moussa Traoré", "Yao Koné"]


def test_p8_a_labelled_dateline_places_and_dates_the_signing_not_an_earlier_meeting(extractor):
    text = (
        "Sommet Espagne-Sénégal : deux textes signés\n"
        "Note d'information — Madrid, le 12 juin 2025\n"
        "Le président du gouvernement, Pedro Álvarez, a reçu ce jeudi le Premier ministre du Sénégal, "
        "Amadou Ba Diallo, depuis le précédent sommet tenu à Dakar en mars 2023.\n"
        "Ont été signés : un accord sur la pêche, alimentant le Fonds maritime commun, signé par les deux "
        "ministres de la Pêche, et un programme stratégique de coopération, signé par les deux chefs de "
        "gouvernement."
    )
    record = extractor.extract_text(text)
    assert record.document.publication_date == "2025-06-12"
    assert [(a.instrument, sorted(a.parties), a.signatories, a.date, a.place) for a in record.agreements] == [
        ("accord", ["Espagne", "Sénégal"], [], "2025-06-12", "Madrid"),
        ("autre", ["Espagne", "Sénégal"], ["Pedro Álvarez", "Amadou Ba Diallo"], "2025-06-12", "Madrid"),
    ]


def test_p3_a_count_under_two_instrument_words_is_one_group_that_its_details_fill(extractor):
    text = (
        "Tunis, 3 mai 2025 (TAP) - La Tunisie et le Niger ont signé lundi à Tunis six mémorandums d'entente "
        "et accords de coopération dans les domaines de l'eau, de la santé, de la culture et du commerce. "
        "Parmi les textes signés figurent le mémorandum sur l'eau, signé par le ministre de l'Eau, Karim "
        "Ben Salah, et son homologue nigérien, Issa Moussa ; celui sur la santé, par les ministres de la "
        "Santé Leila Trabelsi et Aïcha Garba, ainsi qu'un mémorandum d'entente entre la Chambre de "
        "commerce de Sfax et la Chambre de commerce de Zinder, paraphé par leurs présidents, Hédi Mansour "
        "et Moussa Abdou."
    )
    assert [(a.instrument, a.signatories, a.sectors) for a in extractor.extract_text(text).agreements] == [
        ("memorandum", ["Karim Ben Salah", "Issa Moussa"], ["eau"]),
        ("memorandum", ["Leila Trabelsi", "Aïcha Garba"], ["sante"]),
        ("accord", [], ["culture"]),
        ("memorandum", ["Hédi Mansour", "Moussa Abdou"], ["commerce"]),
    ]


def test_p11_the_most_awaited_text_a_hyphenated_demonym_and_a_route_name(extractor):
    text = (
        "Bissau, 21 mai 2025 (ANG) - Le document le plus attendu est une convention de prêt pour la route "
        "Gabú-Bafatá, conclue entre la Banque ouest-africaine de développement (BOAD) et le gouvernement "
        "bissau-guinéen, et signée mercredi par le ministre des Finances, Ilídio Vieira Té, et le "
        "président de la BOAD, Koffi Adjovi."
    )
    assert records(extractor, text) == [
        (
            "convention",
            ["Banque ouest-africaine de développement", "Guinée-Bissau"],
            ["Ilídio Vieira Té", "Koffi Adjovi"],
            "2025-05-21",
            "Bissau",
            ["infrastructures"],
        )
    ]


def test_p1_ordinals_that_introduce_each_text_of_a_count(extractor):
    text = (
        "Yaoundé, 4 mars 2025 (CRTV) - Le Cameroun et le Congo ont signé mardi deux textes. Le premier est "
        "une convention sur le transport fluvial. Le second est un protocole sur la santé animale."
    )
    states = ["Cameroun", "Congo"]
    assert records(extractor, text) == [
        ("convention", states, [], "2025-03-04", "Yaoundé", ["transports"]),
        ("protocole", states, [], "2025-03-04", "Yaoundé", ["sante"]),
    ]


def test_p3_a_headline_instrument_named_otherwise_in_the_body_is_the_body_one_of_its_subject(extractor):
    text = (
        "Le Niger et le Bénin scellent un pacte pétrolier\n"
        "Niamey, 6 février 2025 (ANP) - Le Niger et le Bénin ont signé jeudi à Niamey un contrat de "
        "fourniture de pétrole brut et un mémorandum d'entente sur la pêche artisanale."
    )
    states = ["Niger", "Bénin"]
    assert records(extractor, text) == [
        ("contrat", states, [], "2025-02-06", "Niamey", ["energie"]),
        ("memorandum", states, [], "2025-02-06", "Niamey", ["peche"]),
    ]


def test_p5_the_same_signatures_and_a_signer_who_then_spoke(extractor):
    text = (
        "Niamey, 5 mars 2024 (ANP) - Le Niger et le Tchad ont signé mardi deux conventions. La première "
        "porte sur la route Niamey-Dosso. Elle a été paraphée par le ministre des Finances, M. Ali Mahamane "
        "Moussa, et par son homologue tchadien, le Général de Corps d'Armée Abdelkerim Idriss Djibrine, qui a "
        "rappelé les priorités du Tchad. La seconde porte sur l'électricité solaire. Elle porte les mêmes "
        "signatures."
    )
    result = extractor.extract_text(text)
    general = next(p for p in result.persons if p.name == "Abdelkerim Idriss Djibrine")
    assert general.ranks == ["Général de Corps d'Armée"]
    signers = ["Ali Mahamane Moussa", "Abdelkerim Idriss Djibrine"]
    assert [a.signatories for a in result.agreements] == [signers, signers]


def test_p10_a_company_name_with_et_that_its_acronym_spells_is_one_organisation(extractor):
    text = (
        "Dakar, 3 juin 2025 (APS) - Le contrat a été signé entre la société Travaux Publics et Ponts SA "
        "(TPP) et le groupe Atlas Engenharia."
    )
    names = {o.name for o in extractor.extract_text(text).organizations}
    assert "Travaux Publics et Ponts SA" in names
    assert not names & {"Travaux Publics", "Ponts SA"}


def test_p6_a_multilateral_body_that_signs_is_a_party_and_its_seat_is_not(extractor):
    text = (
        "Tunis, 4 mars 2024 (TAP) - L'Union européenne et la Tunisie ont signé lundi à Tunis deux textes. "
        "Le premier est une convention de financement pour l'eau potable. Le second est un protocole sur la "
        "santé. La Banque européenne d'investissement, dont le siège est à Luxembourg, y contribuera."
    )
    parties = ["Union européenne", "Tunisie"]
    assert records(extractor, text) == [
        ("convention", parties, [], "2024-03-04", "Tunis", ["eau"]),
        ("protocole", parties, [], "2024-03-04", "Tunis", ["sante"]),
    ]


def test_p5_a_sentence_opening_on_signed_by_names_the_signers_of_the_text_just_described(extractor):
    text = (
        "Conakry, 12 mars 2025 (AGP) - La Guinée et la Sierra Leone ont signé mardi à Conakry un accord sur "
        "l'énergie et un protocole d'accord sur la pêche, en présence des deux présidents. Le second texte "
        "est un protocole d'accord portant sur la pêche artisanale. Signé par le ministre guinéen de la "
        "Pêche, Mamadou Sylla Camara, et son homologue sierra-léonaise, Mme Fatmata Koroma, il ouvre les "
        "eaux des deux pays aux pirogues."
    )
    result = extractor.extract_text(text)
    assert [a.signatories for a in result.agreements][1] == ["Mamadou Sylla Camara", "Fatmata Koroma"]


def test_p10_a_letterhead_motto_is_not_an_organisation(extractor):
    text = (
        "RÉPUBLIQUE DU SÉNÉGAL – Un Peuple-Un But-Une Foi – MINISTÈRE DE L'INTÉGRATION AFRICAINE\n"
        "Dakar, le 3 juin 2025\n"
        "Le Sénégal et la Gambie ont signé mardi à Dakar un accord sur la pêche."
    )
    names = [o.name for o in extractor.extract_text(text).organizations]
    assert not [n for n in names if "Peuple" in n or "Foi" in n]


def test_p4_the_minutes_of_a_session_are_not_an_instrument(extractor):
    text = (
        "Bangui, le 20 mars 2025 (ACAP) - La Centrafrique et le Congo ont signé jeudi à Bangui un accord "
        "de coopération dans le domaine de la pêche. Les deux chefs de délégation ont également paraphé le "
        "procès-verbal des travaux de la commission mixte."
    )
    assert records(extractor, text) == [
        ("accord", ["Centrafrique", "Congo"], [], "2025-03-20", "Bangui", ["peche"])
    ]


def test_p4_a_partnership_as_a_level_of_relations_is_no_text_one_signed_is(extractor):
    text = (
        "Lomé, le 6 juin 2024 (ATOP) - Le Togo et le Ghana ont élevé jeudi leurs relations au rang de "
        "« partenariat stratégique ». Les deux ministres ont signé jeudi soir à Lomé un partenariat dans le "
        "domaine de la pêche et une entente sur la santé."
    )
    assert records(extractor, text) == [
        ("accord", ["Togo", "Ghana"], [], "2024-06-06", "Lomé", ["peche"]),
        ("accord", ["Togo", "Ghana"], [], "2024-06-06", "Lomé", ["sante"]),
    ]


def test_p7_a_single_line_of_text_is_body_not_a_header(extractor):
    # A one-line text has no header line: its day is the signing's, not a publication date.
    text = (
        "Réunis depuis le 30 avril 2024, le Niger et le Tchad ont signé le 2 mai 2024 à Zinder un accord "
        "sur l'élevage."
    )
    assert records(extractor, text) == [
        ("accord", ["Niger", "Tchad"], [], "2024-05-02", "Zinder", ["agriculture"])
    ]


def test_p5_a_text_named_again_by_the_acronyms_of_its_two_signing_bodies(extractor):
    text = (
        "Abuja, le 9 juillet 2025 (NAN) - Le Nigeria et le Ghana ont signé mercredi à Abuja deux textes : "
        "un accord sur la pêche et un mémorandum d'entente entre la Compagnie nationale des ports (CNP) "
        "et l'Office ghanéen des chemins de fer (OGCF) sur le fret. Quant au mémorandum CNP-OGCF, il a été "
        "signé par le directeur général de la CNP, M. Ibrahim Danladi, et par la directrice de l'OGCF, "
        "Mme Akosua Mensah."
    )
    found = records(extractor, text)
    assert [(a[0], a[2]) for a in found] == [
        ("accord", []),
        ("memorandum", ["Ibrahim Danladi", "Akosua Mensah"]),
    ]


def test_p11_an_amendment_renewing_an_older_text_named_again_as_signed(extractor):
    text = (
        "Tunis, le 12 mars 2025 (TAP) - La Tunisie et le Niger ont signé mercredi à Tunis un accord sur "
        "l'énergie. À ce texte s'ajoute un avenant par lequel les deux parties prolongent l'accord "
        "commercial conclu à Niamey en mai 2015. L'avenant a été signé par les deux ministres du Commerce, "
        "Mme Leila Chebbi et M. Moussa Garba. Ce n'est pas un accord nouveau, a précisé Mme Chebbi."
    )
    found = records(extractor, text)
    assert [(a[0], a[2], a[3], a[4]) for a in found] == [
        ("accord", [], "2025-03-12", "Tunis"),
        ("autre", ["Leila Chebbi", "Moussa Garba"], "2025-03-12", "Tunis"),
    ]


def test_p11_a_dateline_agency_glued_to_its_dash_is_a_source_not_a_party(extractor):
    text = (
        "Dakar, le 5 mars 2025 (APS)- Le Sénégal et la Banque ouest-africaine de développement ont signé "
        "mercredi à Dakar un accord de prêt pour l'électrification rurale, a constaté l'APS.\n"
        "APS/md/ak"
    )
    result = extractor.extract_text(text)
    agency = [o for o in result.organizations if o.name == "APS"]
    assert agency and all(m.text == "APS" for m in agency[0].mentions)
    assert [a.parties for a in result.agreements] == [["Sénégal", "Banque ouest-africaine de développement"]]


def test_p5_heads_whose_talks_frame_the_signing_did_not_sign(extractor):
    text = (
        "LIBREVILLE, 4 avril (Xinhua) -- Le Gabon et la Corée du Sud ont signé jeudi deux accords, sur la "
        "pêche et sur la santé, à l'issue des entretiens entre le président gabonais Paul Ndong Obiang et "
        "le Premier ministre sud-coréen Kim Min-jae, a-t-on appris de source officielle."
    )
    assert [a[1:3] for a in records(extractor, text)] == [
        (["Gabon", "Corée du Sud"], []),
        (["Gabon", "Corée du Sud"], []),
    ]


def test_p5_a_text_whose_signatures_are_told_by_its_short_name(extractor):
    text = (
        "Conakry, le 8 octobre 2024 (AGP) - La Guinée et la Turquie ont signé mardi à Conakry un accord "
        "sur le commerce et un protocole d'entente dans le domaine de la santé. L'accord porte les "
        "signatures des deux ministres du Commerce, M. Alpha Condé Bah et M. Mehmet Yilmaz. Le protocole "
        "sanitaire porte celles du ministre guinéen de la Santé, M. Ousmane Sylla, et de l'ambassadeur "
        "de Turquie, M. Ahmet Demir."
    )
    assert [a[0:3] for a in records(extractor, text)] == [
        ("accord", ["Guinée", "Turquie"], ["Alpha Condé Bah", "Mehmet Yilmaz"]),
        ("memorandum", ["Guinée", "Turquie"], ["Ousmane Sylla", "Ahmet Demir"]),
    ]


def test_p11_a_renewal_whose_relative_clause_speaks_of_the_older_programme(extractor):
    text = (
        "Coopération : le Ghana et l'Égypte renforcent leurs liens culturels et halieutiques\n"
        "Accra, le 3 juin 2025 - Au terme de deux jours de travaux de la commission mixte, le Ghana et "
        "l'Égypte ont signé mardi à Accra les textes suivants :\n"
        "(i) un accord sur la pêche ;\n"
        "(ii) le Programme d'échanges culturels (PEC) pour les trois prochaines années, qui renouvelle le "
        "précédent programme, arrivé à échéance en 2024.\n"
    )
    assert [(a[0], a[3], a[5]) for a in records(extractor, text)] == [
        ("accord", "2025-06-03", ["peche"]),
        ("autre", "2025-06-03", ["culture"]),
    ]


def test_p1_a_list_that_opens_the_text_is_body_not_header(extractor):
    # Lines ended by ":" or ";" open or go on with a list: they are no title lines, even at the top.
    text = (
        "Lomé, 12 fév (ATOP) - Le Togo et le Bénin ont signé mercredi à Lomé les textes suivants :\n"
        "- un accord sur la pêche ;\n"
        "- un mémorandum d'entente sur la santé ;\n"
        "- une convention sur le transport routier.\n"
    )
    assert [a[0] for a in records(extractor, text)] == ["accord", "memorandum", "convention"]


def test_p5_signers_per_item_after_semicolons_with_a_weak_instrument_word(extractor):
    text = (
        "Rabat, 5 mars 2025 (MAP) - Le Maroc et le Portugal ont signé mercredi à Rabat trois accords. "
        "L'accord sur l'eau a été signé par Nizar Baraka et Maria Lopes ; le protocole sur la santé, par "
        "Amine Tahraoui et Ana Paula Martins ; la convention sur le tourisme, par Fatim-Zahra Ammor et "
        "Pedro Reis."
    )
    assert [(a[0], a[2]) for a in records(extractor, text)] == [
        ("accord", ["Nizar Baraka", "Maria Lopes"]),
        ("protocole", ["Amine Tahraoui", "Ana Paula Martins"]),
        ("convention", ["Fatim-Zahra Ammor", "Pedro Reis"]),
    ]


def test_p5_a_surname_that_is_also_a_town_somewhere_does_not_make_the_next_signer_a_town(extractor):
    # "Konan" is a town in the gazetteer; inside "Kouadio Konan" it is a surname, and "et Bala Keita"
    # after it names a second person, not a second town.
    text = (
        "Abidjan, 5 mars 2025 (AIP) - Kouadio Konan et Bala Keita (respectivement ministre ivoirien des "
        "Transports et ministre malien des Transports) ont signé mercredi à Abidjan un accord sur le "
        "transport routier."
    )
    result = extractor.extract_text(text)
    assert "Bala Keita" not in [loc.name for loc in result.locations]
    assert [a.signatories for a in result.agreements] == [["Kouadio Konan", "Bala Keita"]]


def test_p6_a_commission_that_signs_is_a_party_a_joint_commission_is_not(extractor):
    text = (
        "Abuja, 5 mars 2025 (NAN) - La Commission de la CEDEAO et la Guinée-Bissau ont signé mercredi à "
        "Abuja un accord de siège, en marge des travaux de la commission mixte de coopération."
    )
    assert [a[1] for a in records(extractor, text)] == [["Commission de la CEDEAO", "Guinée-Bissau"]]


def test_p6_a_demonym_inside_a_signing_body_s_name_is_no_state(extractor):
    text = (
        "Dakar, 5 mars 2025 (APS) - Le Sénégal a signé mercredi à Dakar avec l'Agence française de "
        "développement (AFD) une convention de financement de 30 millions d'euros pour l'assainissement."
    )
    assert [a[1] for a in records(extractor, text)] == [["Sénégal", "Agence française de développement"]]


def test_p10_a_ministry_of_the_republic_keeps_the_state_that_ends_its_name(extractor):
    text = (
        "New Delhi, le 5 août 2025 - Le ministère de la Défense de la République de l'Inde et le "
        "ministère philippin de la Défense ont signé mardi à New Delhi un mémorandum d'entente."
    )
    names = [o.name for o in extractor.extract_text(text).organizations]
    assert "ministère de la Défense de la République de l'Inde" in names
    assert "ministère de la Défense de la République" not in names


def test_p10_two_bodies_joined_by_et_are_two_organisations(extractor):
    text = (
        "La Direction générale de la Coopération et l'Ambassade de Turquie au Burkina Faso ont été "
        "chargées du suivi des accords signés jeudi à Ouagadougou."
    )
    names = [o.name for o in extractor.extract_text(text).organizations]
    assert "Direction générale de la Coopération" in names
    assert not [n for n in names if "et l'Ambassade" in n]


def test_p9_maritime_fishing_is_fishing_not_transport(extractor):
    text = (
        "Rabat, le 21 octobre 2025 - Le Maroc et le Sénégal ont signé mardi à Rabat un mémorandum "
        "d'entente en matière de pêche maritime et un accord sur le transport maritime."
    )
    assert [a[5] for a in records(extractor, text)] == [["peche"], ["transports"]]


def test_p5_a_side_named_by_its_country_then_the_other_one_represented_by(extractor):
    text = (
        "Yaoundé, 5 mars 2025 (CRTV) - Le Cameroun et le Tchad ont signé mercredi à Yaoundé un accord sur "
        "le transport. Pour le Cameroun, c'est le ministre des Transports, Jean Ernest Massena Ngalle "
        "Bibehe, qui a signé, tandis que le Tchad était représenté par son ministre des Infrastructures, "
        "Fatimé Goukouni Weddeye."
    )
    assert [a[2] for a in records(extractor, text)] == [
        ["Jean Ernest Massena Ngalle Bibehe", "Fatimé Goukouni Weddeye"]
    ]


def test_p7_a_bracketed_stamp_the_tokenizer_splits_dates_a_relative_weekday(extractor):
    # "04-03-2014." right after "[ " reaches the date patterns as five tokens; it is still the stamp
    # that "ce mardi" is read against.
    text = (
        "[ 04-03-2014. 10h20]\n"
        "Les ministres des deux pays ont signé ce mardi à Dakar un accord sur la pêche entre le Sénégal et "
        "la Gambie."
    )
    assert [a[3] for a in records(extractor, text)] == ["2014-03-04"]
