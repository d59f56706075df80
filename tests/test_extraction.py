"""Each phenomenon of the genre, in small made-up sentences (none from the corpus)."""

import pytest

from .conftest import CORPUS


def names(record, field):
    return [item.name for item in getattr(record, field)]


# -- persons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title", "honorific", "rank", "country"),
    [
        (
            "Le ministre des Affaires étrangères, Karim Benali, a reçu la délégation.",
            "Karim Benali",
            "ministre des Affaires étrangères",
            None,
            None,
            None,
        ),
        (
            "S.E.M. Ousmane KONÉ, Premier ministre, a ouvert la séance.",
            "Ousmane Koné",
            "Premier ministre",
            "S.E.M.",
            None,
            None,
        ),
        (
            "Le Colonel Mamadi Touré a présidé la cérémonie à Conakry.",
            "Mamadi Touré",
            None,
            None,
            "Colonel",
            None,
        ),
        (
            "Il s'est entretenu avec son homologue sénégalais Aliou Ndiaye à Dakar.",
            "Aliou Ndiaye",
            None,
            None,
            None,
            "SEN",
        ),
        (
            "Mme Fatou Sarr, ministre de la Santé, a salué l'initiative.",
            "Fatou Sarr",
            "ministre de la Santé",
            "Mme",
            None,
            None,
        ),
        ("Le ministre burkinabè Issa Ouédraogo a signé le texte.", "Issa Ouédraogo", None, None, None, "BFA"),
    ],
)
def test_person_name_apart_from_titles(extractor, text, name, title, honorific, rank, country):
    record = extractor.extract_text(text)
    person = next(p for p in record.persons if p.name == name)
    if title:
        assert title in person.titles
    if honorific:
        assert honorific in person.honorifics
    if rank:
        assert rank in person.ranks
    if country:
        assert person.country == country
    for word in ("ministre", "Colonel", "S.E.M.", "Mme"):
        assert word not in person.name


def test_later_surname_mentions_merge(extractor):
    record = extractor.extract_text(
        "Le Président Jean-Baptiste MOREL est arrivé mardi. Le Président Morel a ensuite rencontré la presse."
    )
    assert names(record, "persons") == ["Jean-Baptiste Morel"]
    assert len(record.persons[0].mentions) == 2


@pytest.mark.parametrize(
    "text",
    ["Poursuivant sa visite, la délégation a rejoint Bamako.", "Son Excellence a remercié les autorités."],
)
def test_titles_and_sentence_initial_words_are_not_persons(extractor, text):
    assert extractor.extract_text(text).persons == []


# -- organisations -------------------------------------------------------------------------------


def test_acronym_and_expansion_are_one_organisation(extractor):
    record = extractor.extract_text(
        "La Communauté économique des États de l'Afrique de l'Ouest (CEDEAO) a tenu son sommet. "
        "La CEDEAO a adopté un communiqué."
    )
    orgs = [o for o in record.organizations if "Communauté" in o.name]
    assert len(orgs) == 1
    assert [m.text for m in orgs[0].mentions][1:] == ["CEDEAO", "CEDEAO"]
    assert not any(o.name == "CEDEAO" for o in record.organizations)


def test_state_company_with_country(extractor):
    record = extractor.extract_text(
        "Un accord a été conclu avec la société d'État chinoise SINOHYDRO pour le barrage."
    )
    org = next(o for o in record.organizations if o.name == "SINOHYDRO")
    assert (org.kind, org.country) == ("company", "CHN")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A description before the name: its words are not the name.
        ("Le projet est financé par la banque publique de développement KfW.", {"KfW"}),
        ("Le fabricant de machines agricoles Kalungo Tractores a signé.", {"Kalungo Tractores"}),
        ("L'agence belge de développement Enabel a signé.", {"Enabel"}),
        # One-word names joined to a company are companies too.
        ("Il a reçu les dirigeants de la société Kosmos Energy et de Vantor.", {"Kosmos Energy", "Vantor"}),
        ("La décision des sociétés Vantor et Kosmos Energy est attendue.", {"Vantor", "Kosmos Energy"}),
    ],
)
def test_companies_named_after_a_description_or_beside_another(extractor, text, expected):
    assert expected <= {o.name for o in extractor.extract_text(text).organizations}


@pytest.mark.parametrize(
    "text",
    [
        "Le prêt a été signé entre la Kenbank Holdings et le Gouvernement du Kenya.",
        "Il a remis un message de M. Narendra Modi, Premier ministre de l'Inde, à la Kenbank Holdings.",
        "Le ministère de la Santé a reçu le groupe Kenbank Holdings.",
    ],
)
def test_coordination_does_not_make_offices_or_new_phrases_companies(extractor, text):
    names = {o.name for o in extractor.extract_text(text).organizations}
    assert not names & {"Gouvernement", "Premier", "Santé"}


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Le prêt finance le Programme d'appui à la filière du karité (PAFK) au Mali.", "PAFK"),
        ("Le gisement gazier Kora Nord (GKN) entrera en production en 2026.", "GKN"),
        ("Le prêt est de 58 milliards de francs CFA.", "CFA"),
    ],
)
def test_acronyms_of_things_and_currencies_are_not_organisations(extractor, text, acronym):
    assert acronym not in {o.name for o in extractor.extract_text(text).organizations}


def test_the_acronym_of_a_body_named_programme_stays_one(extractor):
    record = extractor.extract_text(
        "Le Programme alimentaire mondial (PAM) a signé. Le PAM distribuera des vivres."
    )
    assert "PAM" in [m.text for o in record.organizations for m in o.mentions]


def test_a_press_agency_is_an_organisation_not_a_person_nor_a_city(extractor):
    record = extractor.extract_text(
        "Alger, 14 oct (Prensa Latina) Cuba et l'Algérie ont signé lundi un accord, selon Anadolu."
    )
    assert {"Prensa Latina", "Anadolu"} <= {o.name for o in record.organizations}
    assert record.persons == []
    assert "Latina" not in {p.name for p in record.locations}


# -- locations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind", "iso"),
    [
        ("La délégation de la Fédération de Russie est arrivée.", "Russie", "country", "RUS"),
        ("Le Burkina et le Niger ont signé.", "Burkina Faso", "country", "BFA"),
        ("La RDC a salué la décision.", "République démocratique du Congo", "country", "COD"),
        ("Les entretiens ont eu lieu à Moscou.", "Moscou", "city", "RUS"),
        ("Le sommet s'est tenu à Nairobi.", "Nairobi", "city", "KEN"),
        ("Une visite à Hanoï est prévue.", "Hanoï", "city", "VNM"),
    ],
)
def test_places_with_iso_codes(extractor, text, name, kind, iso):
    place = next(p for p in extractor.extract_text(text).locations if p.name == name)
    assert (place.kind, place.country) == (kind, iso)


@pytest.mark.parametrize(
    ("text", "found", "not_found"),
    [
        # A province of the article's country, whole, not the two cities its words also name.
        (
            "Le Mozambique a reçu les troupes dans la province de Cabo Delgado.",
            {("Cabo Delgado", "region", "MOZ")},
            {"Cabo", "Delgado"},
        ),
        # Small towns after a locative word and in a list of places.
        (
            "Le Burkina Faso et la Côte d'Ivoire ont bitumé la route entre Niangoloko et Ouangolodougou.",
            {("Niangoloko", "city", "BFA"), ("Ouangolodougou", "city", "CIV")},
            set(),
        ),
        # A region whose name is an ordinary word needs a place noun before it.
        ("Le Togo investira dans la région des Plateaux.", {("Plateaux", "region", "TGO")}, set()),
        ("Le Togo vise les Plateaux et le Littoral.", set(), {"Plateaux", "Littoral"}),
        # A town of a country the article is not about is not looked for in the gazetteer (after "à",
        # the stock NER's place is taken, without a country).
        ("Le Japon a salué les producteurs de Niangoloko.", set(), {"Niangoloko"}),
        ("Le Japon ouvrira un bureau à Niangoloko.", {("Niangoloko", "city", None)}, set()),
    ],
)
def test_towns_and_provinces_of_the_article_s_countries(extractor, text, found, not_found):
    places = {(p.name, p.kind, p.country) for p in extractor.extract_text(text).locations}
    assert found <= places
    assert not_found.isdisjoint(name for name, _, _ in places)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre sénégalais a parlé.",
        "La partie malienne a remercié la partie russe.",
        "La coopération russo-malienne progresse.",
        # An acronym in brackets is not a city written in capitals.
        "Elle finance le Programme d'appui à la réforme de l'éducation (PARE) et le Fonds d'appui (TANGA).",
    ],
)
def test_demonyms_and_acronyms_are_not_places(extractor, text):
    assert extractor.extract_text(text).locations == []


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Signé le lundi 23 juin 2025 à Moscou.", ["2025-06-23"]),
        ("La réunion du 15/02/2024 a été reportée.", ["2024-02-15"]),
        ("Les travaux se sont tenus les 19 et 20 mars 2024.", ["2024-03-19", "2024-03-20"]),
        ("La visite du 18 au 21 juin 2024 a été fructueuse.", ["2024-06-18", "2024-06-21"]),
        ("Le projet a été lancé en mars 2024.", ["2024-03"]),
        ("La coopération existe depuis 2015.", ["2015"]),
    ],
)
def test_absolute_dates(extractor, text, values):
    assert sorted(d.value for d in extractor.extract_text(text).dates) == values


@pytest.mark.parametrize(
    ("text", "publication", "value"),
    [
        ("Le ministre est arrivé jeudi à Abuja.", "2024-03-08", "2024-03-07"),
        ("Les deux parties se sont réunies hier.", "2024-03-08", "2024-03-07"),
        ("Il a été reçu lundi dernier.", "2024-03-08", "2024-03-04"),
    ],
)
def test_relative_dates_resolved_against_publication(extractor, text, publication, value):
    record = extractor.extract_text(text, publication_date=publication)
    assert [d.value for d in record.dates] == [value]


def test_relative_date_without_publication_is_left_out_with_warning(extractor):
    record = extractor.extract_text("Le ministre est arrivé jeudi à Abuja.")
    assert record.dates == []
    assert any("relative date" in w for w in record.warnings)


def test_dateline_gives_publication_date(extractor):
    record = extractor.extract_text(
        "Rabat, le vendredi 8 mars 2024\nLes ministres se sont réunis hier à Rabat."
    )
    assert record.document.publication_date == "2024-03-08"
    assert "2024-03-07" in [d.value for d in record.dates]


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a exprimé sa gratitude.",
        "Le 1er accord porte sur l'eau.",
        "Plus de 2000 participants sont attendus.",
        "La Vision 2030 guide la politique.",
        "Une amitié de six décennies.",
    ],
)
def test_words_that_are_not_dates(extractor, text):
    assert extractor.extract_text(text).dates == []


def test_wrong_weekday_is_flagged(extractor):
    record = extractor.extract_text("La cérémonie a eu lieu le mardi 23 juin 2025.")
    assert any("weekday" in w for w in record.warnings)


# -- agreements ---------------------------------------------------------------------------------


def test_enumerated_agreements_with_stated_count(extractor):
    text = (
        "Le Sénégal et le Maroc ont signé trois accords à Rabat le 4 avril 2024. "
        "Le premier accord porte sur la pêche. Un deuxième accord concerne l'agriculture. "
        "Enfin, un troisième accord encadre la formation professionnelle."
    )
    record = extractor.extract_text(text)
    assert record.document.stated_agreement_count == 3
    assert len(record.agreements) == 3
    assert [a.sectors[:1] for a in record.agreements] == [["peche"], ["agriculture"], ["education"]]
    for agreement in record.agreements:
        assert agreement.date == "2024-04-04"
        assert agreement.place == "Rabat"
        assert set(agreement.parties) >= {"Sénégal", "Maroc"}


@pytest.mark.parametrize(
    "text",
    [
        "Les deux pays envisagent de signer un accord sur l'énergie l'an prochain.",
        "Un mémorandum d'entente avait été signé en 2019 entre les deux pays.",
        "Un accord devrait être conclu lors de la prochaine session.",
    ],
)
def test_past_and_future_instruments_are_not_agreements(extractor, text):
    assert extractor.extract_text(text).agreements == []


@pytest.mark.parametrize(
    ("phrase", "instrument"),
    [
        ("un mémorandum d'entente", "memorandum"),
        ("un protocole d'accord", "protocole"),
        ("une convention", "convention"),
        ("un accord-cadre", "accord_cadre"),
        ("une déclaration conjointe", "declaration"),
        ("un traité", "traite"),
    ],
)
def test_instrument_vocabulary(extractor, phrase, instrument):
    record = extractor.extract_text(f"Les ministres ont signé {phrase} sur la santé à Dakar.")
    assert [a.instrument for a in record.agreements] == [instrument]


def test_count_mismatch_warns(extractor):
    record = extractor.extract_text("Les deux pays ont signé cinq accords. Un accord porte sur la santé.")
    assert record.document.stated_agreement_count == 5
    assert any("states 5 agreements" in w for w in record.warnings)


def test_signatories_are_the_signers_not_witnesses(extractor):
    record = extractor.extract_text(
        "En présence du Président Paul Mensah, le ministre Kwame Boateng et son homologue Ali Traoré ont signé "
        "un accord sur l'énergie à Accra."
    )
    assert record.agreements[0].signatories == ["Kwame Boateng", "Ali Traoré"]


# -- sectors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sectors"),
    [
        ("La sécurité alimentaire est prioritaire.", {"agriculture"}),
        ("La lutte contre le terrorisme et la cybersécurité.", {"securite", "numerique"}),
        ("Le développement et la coopération.", set()),
    ],
)
def test_sector_lexicon(extractor, text, sectors):
    assert {s.sector for s in extractor.extract_text(text).sectors} == sectors


# -- provenance ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "heldout").glob("*.txt")), ids=lambda p: p.stem
)
def test_every_mention_points_into_the_text(extractor, path):
    from accord_extract.io import read_article

    article = read_article(path)
    record = extractor.extract_article(article, path.stem)
    mentions = list(record.mentions())
    assert mentions
    for mention in mentions:
        assert article.text[mention.start : mention.end] == mention.text


def test_headline_does_not_double_the_agreement(extractor):
    text = (
        "Le Ghana et le Togo signent un accord sur l'électricité\n\n"
        "Accra, 3 mai 2024 – Le Ghana et le Togo ont signé vendredi un accord sur les échanges d'électricité.\n"
    )
    record = extractor.extract_text(text)
    assert [a.instrument for a in record.agreements] == ["accord"]
    assert record.agreements[0].date == "2024-05-03"  # "vendredi" against the dateline


def test_definite_instrument_in_the_signing_sentence_is_an_agreement(extractor):
    record = extractor.extract_text(
        "Les présidents ont signé jeudi à Niamey le traité instituant une confédération."
    )
    assert [a.instrument for a in record.agreements] == ["traite"]


def test_lead_summary_then_ordinal_description(extractor):
    text = (
        "Le Bénin et le Niger ont signé lundi à Cotonou un accord sur l'énergie et un protocole d'accord sur la santé.\n"
        "Le premier texte, un accord relatif aux échanges d'électricité, a été signé par les ministres de l'Énergie.\n"
        "Le second texte est un protocole d'accord portant sur la santé.\n"
    )
    record = extractor.extract_text(text)
    assert [a.instrument for a in record.agreements] == ["accord", "protocole"]


def test_counted_list_opens_one_agreement_per_item(extractor):
    text = (
        "Les deux pays ont signé six accords à Rabat le 2 mai 2024. Un accord porte sur l'investissement. "
        "Un accord concerne les transports. Enfin, quatre mémorandums d'entente ont été signés dans les "
        "domaines du tourisme, de la santé, de la pêche et de la culture."
    )
    record = extractor.extract_text(text)
    assert record.document.stated_agreement_count == 6
    assert len(record.agreements) == 6
    assert [a.sectors for a in record.agreements[2:]] == [["tourisme"], ["sante"], ["peche"], ["culture"]]


def test_dateline_after_headline_is_the_publication_date(extractor):
    text = "Un titre sans point\n\nLuanda, 31 juillet 2024 – Les ministres ont signé le mardi 30 juillet 2024 un accord.\n"
    record = extractor.extract_text(text)
    assert record.document.publication_date == "2024-07-31"
    assert record.agreements[0].date == "2024-07-30"


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre des Affaires étrangères, de la Coopération africaine et des Sénégalais de l'extérieur a parlé.",
        "La ministre fédérale allemande de l'Économie et de la Protection du climat est arrivée.",
    ],
)
def test_portfolios_in_titles_are_not_organisations(extractor, text):
    assert extractor.extract_text(text).organizations == []


def test_organisation_name_rules(extractor):
    record = extractor.extract_text(
        "Le président de l'Agence nationale de gestion des déchets (ANGD) a rencontré le ministère des Transports "
        "et des Communications du Pérou et le ministère du Territoire, des Infrastructures et des Transports."
    )
    names = {o.name: o for o in record.organizations}
    assert "Agence nationale de gestion des déchets" in names  # lowercase words up to its acronym
    assert (
        names["ministère des Transports et des Communications"].country == "PER"
    )  # the country is an attribute
    assert "ministère du Territoire, des Infrastructures et des Transports" in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Lowercase complements a capitalised head takes when a proper name closes them.
        (
            "La Chambre de commerce, d'industrie et d'artisanat de Kumasi a signé un mémorandum.",
            "Chambre de commerce, d'industrie et d'artisanat de Kumasi",
        ),
        (
            "Le Forum d'affaires et d'investissement Ghana-Togo s'est ouvert mardi.",
            "Forum d'affaires et d'investissement Ghana-Togo",
        ),
        (
            "La Conférence des chefs d'État et de gouvernement de la CEDEAO s'est réunie à Abuja.",
            "Conférence des chefs d'État et de gouvernement de la CEDEAO",
        ),
    ],
)
def test_a_name_goes_on_over_lowercase_complements_to_the_proper_name_that_closes_it(extractor, text, name):
    assert [o.name for o in extractor.extract_text(text).organizations] == [name]


def test_a_legal_form_that_opens_a_company_name_is_part_of_it(extractor):
    record = extractor.extract_text(
        "Le groupe ghanéen a conclu avec PT Kencana Baja Utama un contrat d'achat."
    )
    assert [o.name for o in record.organizations] == ["PT Kencana Baja Utama"]
    assert record.persons == []


def test_a_name_does_not_take_a_new_noun_phrase_and_its_short_form_is_the_same_one(extractor):
    record = extractor.extract_text(
        "Le Conseil des ministres de la Confédération s'est réuni lundi. Le Gouvernement et de hauts "
        "responsables de la Présidence étaient présents. Le Conseil des ministres a adopté le budget."
    )
    names = {o.name: len(o.mentions) for o in record.organizations}
    assert names["Conseil des ministres de la Confédération"] == 2
    assert not any("responsables" in n for n in names)


def test_witness_in_apposition_is_not_a_signatory(extractor):
    record = extractor.extract_text(
        "Les ministres Paul Kaboré et Idriss Malloum ont signé un accord sur l'eau à Ouagadougou, en présence de "
        "l'ambassadrice de France, Mme Claire Dubois."
    )
    assert record.agreements[0].signatories == ["Paul Kaboré", "Idriss Malloum"]
