"""Each agreement stage on its own: mentions, lists, records (tense, zone, count), attributes.

The pipeline runs up to the agreement component, whose `analyse` returns every stage's output.
"""

from __future__ import annotations

import pytest

from accord_extract.components.agreements import lists
from accord_extract.components.agreements.tense import tense
from accord_extract.places import gazetteer


@pytest.fixture(scope="module")
def analyse(extractor):
    nlp = extractor.nlp
    finder = nlp.get_pipe("accord_agreements")

    def run(text: str):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name == "accord_agreements":
                break
            doc = proc(doc)
        return finder.analyse(doc)

    return run


def words(analysis, m) -> str:
    return analysis.ctx.span_text(m.start, m.end)


# -- mentions ---------------------------------------------------------------------------------------


def test_mentions_read_determiners_counts_and_ordinals(analyse):
    a = analyse("Ils ont signé neuf (09) accords, le deuxième mémorandum, un autre texte et ces conventions.")
    found = {words(a, m): (m.det, m.count, m.ordinal) for m in a.mentions}
    assert found["accords"] == ("count", 9, None)
    assert found["mémorandum"] == ("ordinal", None, 2)
    assert found["texte"][0] == "indef"  # "un autre texte": a new one, not an ordinal
    assert found["conventions"][0] == "demonstrative"


def test_idioms_and_offices_are_not_instruments(analyse):
    a = analyse(
        "Les deux parties sont tombées d'accord, d'un commun accord, sous l'œil du chef du protocole."
    )
    assert a.mentions == []


def test_an_acronym_defined_for_an_instrument_names_it_again(analyse):
    a = analyse(
        "Ils ont signé l'Accord de ligne de crédit (ALC) de 75 millions de dollars, puis un deuxième ALC "
        "pour l'électrification."
    )
    assert [(words(a, m), m.instrument) for m in a.mentions] == [("Accord", "accord"), ("ALC", "accord")]


def test_a_title_ends_at_a_verb_a_signer_or_the_next_item(analyse):
    a = analyse(
        "Ont été signés l'accord sur l'eau potable, paraphé par Ali Sow, et le protocole sur la santé."
    )
    titles = [a.ctx.span_text(m.start, m.title_end) for m in a.mentions]
    assert titles == ["accord sur l'eau potable", "protocole sur la santé"]


def test_a_headline_title_ends_at_the_next_verb_of_its_subject(analyse):
    a = analyse("Lomé et Accra scellent un pacte routier et relancent leur coopération douanière\nLe texte.")
    first = a.mentions[0]
    assert a.ctx.span_text(first.start, first.title_end) == "pacte routier"
    # "relance" is a noun too: a title goes on over it
    b = analyse("Ils ont signé un accord sur la relance économique.")
    assert b.ctx.span_text(b.mentions[0].start, b.mentions[0].title_end) == "accord sur la relance économique"


# -- lists --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        # Commas split, and the last "et" only.
        (
            "Ils ont signé des ententes en matière de formation des magistrats et des greffiers, de douanes "
            "et de protection civile.",
            ["formation des magistrats et des greffiers", "de douanes", "de protection civile"],
        ),
        # A period may stand before the domains; the final "et" is the last one.
        (
            "Ils ont signé trois programmes exécutifs pour la période 2026-2028, dans les domaines de la "
            "santé, de la pêche et de l'aquaculture et de l'énergie.",
            ["la santé", "de la pêche et de l'aquaculture", "de l'énergie"],
        ),
    ],
)
def test_a_domain_list_splits_at_commas_and_its_final_et(analyse, text, domains):
    a = analyse(text)
    (m,) = a.mentions
    found = lists.domain_list(a.ctx, m)
    assert [a.ctx.span_text(lo, hi) for lo, hi in found.items] == domains


def test_a_stated_count_splits_the_et_it_needs(analyse):
    a = analyse("Ils ont signé deux protocoles dans les domaines de l'élevage et de la pêche.")
    (m,) = a.mentions
    assert len(lists.domain_list(a.ctx, m).items) == 2


def test_a_list_closes_on_an_apposition_that_sums_it_up(analyse):
    a = analyse(
        "Les deux pays ont signé quatre mémorandums. Selon une source, les textes couvrent la santé, "
        "l'enseignement supérieur, les énergies renouvelables et le sport, des secteurs dans lesquels ils "
        "coopèrent."
    )
    counted = next(m for m in a.mentions if m.det == "count")
    found = lists.domain_list(a.ctx, counted)
    assert [a.ctx.span_text(lo, hi) for lo, hi in found.items][-1] == "le sport"
    assert len(found.items) == 4


def test_a_list_of_non_domains_is_not_distributed(analyse):
    a = analyse("Six textes ont été signés dans la salle des conférences du siège de la Primature.")
    (m,) = a.mentions
    assert lists.domain_list(a.ctx, m) is None


# -- records: tense, zone, count --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les deux pays ont signé mardi un accord sur l'eau.", "event"),
        ("Les deux pays avaient signé un accord sur l'eau.", "past"),
        ("Un accord sur l'eau sera signé lors de la prochaine visite.", "future"),
        ("Aucun nouvel accord n'a été signé.", "negated"),
        ("Un accord sur l'eau devrait en outre être formalisé.", "future"),
        ("Ils ont signé l'accord de 2005 sur la pêche.", "past"),
        # A year the instrument aims at is not when it was signed.
        ("Ils ont signé une déclaration d'intention visant à doubler les échanges d'ici 2030.", "event"),
        ("Ils ont signé un plan d'action pour l'emploi des jeunes à l'horizon 2030.", "event"),
        ("Ils ont signé un plan d'action pour l'emploi des jeunes en 2027.", "future"),
    ],
)
def test_the_nearest_tense_cue_decides(analyse, text, expected):
    a = analyse("Dakar, le 4 mars 2024 - " + text)
    (m,) = [m for m in a.mentions if m.strength != "carrier"]
    assert tense(a.ctx, m, a.ctx.event_year) == expected


def test_an_item_coordinated_with_an_event_item_shares_its_tense(analyse):
    a = analyse(
        "Dakar, le 4 mars 2024 - Ils ont conclu des ententes en matière de santé et de culture, ainsi qu'un "
        "accord-cadre appelé à remplacer le dispositif en vigueur depuis 1997."
    )
    assert [i.instrument for i in a.items] == ["accord", "accord", "accord_cadre"]


def test_other_instruments_of_different_kinds_are_not_one_another(analyse):
    """ "autre" lumps many kinds: a plan d'action neither names an échange de notes again nor hides it."""
    a = analyse(
        "Le Ghana et le Togo ont signé jeudi un échange de notes relatif à la route côtière ; un protocole "
        "d'accord sur la pêche ; ainsi que le plan d'action conjoint pour la mise en oeuvre de la route. "
        "L'échange de notes et le plan d'action ont été paraphés par M. Kofi Annan et M. Ali Traoré."
    )
    found = [(r["instrument"], r["title"][:14]) for r in a.agreements]
    assert found == [
        ("autre", "échange de not"),
        ("protocole", "protocole d'ac"),
        ("autre", "plan d'action "),
    ]
    assert a.agreements[0]["signatories"] == a.agreements[2]["signatories"] == ["Kofi Annan", "Ali Traoré"]


def test_a_weak_instrument_word_between_listed_instruments_opens_an_agreement(analyse):
    a = analyse(
        "Le Ghana et le Togo ont signé quatre textes. La présidence en a publié la liste : l'Accord sur les "
        "points de passage, le Protocole relatif au transit des marchandises, le Mémorandum d'entente sur "
        "la santé et l'Accord de sécurité frontalière."
    )
    assert [r["instrument"] for r in a.agreements] == ["accord", "protocole", "memorandum", "accord"]


def test_some_of_a_count_are_distributed_and_then_described_in_order(analyse):
    a = analyse(
        "ACCRA, 3 mars (GNA) - Le Ghana et le Togo ont signé jeudi quatre conventions de financement. Trois "
        "des conventions concernent respectivement l'éducation, la gestion de l'eau et la santé. La "
        "première, de 60 millions de dollars, finance des écoles ; la deuxième, des forages dans les "
        "régions de Kumasi, Tamale et Takoradi ; la troisième, des hôpitaux. La quatrième convention, de "
        "75 millions de dollars, porte sur l'énergie solaire."
    )
    assert [r["sectors"] for r in a.agreements] == [["education"], ["eau"], ["sante"], ["energie"]]
    assert {r["place"] for r in a.agreements} == {"Accra"}  # not a town of what one of them is about


def test_ordinals_that_describe_the_items_of_a_count_open_them(analyse):
    a = analyse(
        "Le Sénégal et l'Inde ont signé deux accords. Le premier permettra l'accès à l'eau potable ; "
        "le second porte sur la pêche."
    )
    assert [r["sectors"] for r in a.agreements] == [["eau"], ["peche"]]


def test_a_weak_instrument_word_is_signed_after_whom_it_was_signed_with(analyse):
    a = analyse(
        "Le Ghana a paraphé avec le ministère togolais de la Formation professionnelle une entente sur le "
        "recrutement d'infirmiers."
    )
    assert [r["instrument"] for r in a.agreements] == ["accord"]


def test_an_instrument_the_next_sentence_says_was_signed_is_of_the_event(analyse):
    a = analyse(
        "Le plus important des textes, en valeur, est un mémorandum d'entente sur une usine d'engrais. Il a "
        "été signé par M. Kofi Annan et M. Ali Traoré."
    )
    assert [(r["instrument"], r["signatories"]) for r in a.agreements] == [
        ("memorandum", ["Kofi Annan", "Ali Traoré"])
    ]


def test_a_bare_un_after_a_count_opens_its_first_item(analyse):
    a = analyse(
        "Les deux coopératives ont noué deux partenariats : un dans la pêche artisanale, un autre dans la "
        "formation de techniciens."
    )
    assert [r["sectors"] for r in a.agreements] == [["peche"], ["education"]]


def test_a_count_in_the_body_wins_over_the_headline(analyse):
    a = analyse("SEPT ACCORDS SIGNÉS\nLes deux pays ont signé cinq accords de coopération jeudi.")
    assert a.stated_count == 5
    assert a.items == []


def test_a_list_after_a_future_statement_is_not_the_event(analyse):
    a = analyse(
        "Dakar, le 4 mars 2024 - Une quinzaine de textes devraient être paraphés en juin. Il s'agit "
        "notamment d'un accord sur l'eau et d'un protocole sur la pêche."
    )
    assert a.items == []


# -- attributes ---------------------------------------------------------------------------------------------


def test_witnesses_are_not_signers_and_their_scope_ends_at_a_new_subject(analyse):
    a = analyse(
        "En présence du Président Paul Mensah et de Mme Awa Bâ, le ministre Kofi Annan et son homologue "
        "Ali Traoré ont signé un accord sur l'énergie à Accra."
    )
    assert a.agreements[0]["signatories"] == ["Kofi Annan", "Ali Traoré"]


@pytest.mark.parametrize(
    "text",
    [
        # The place of what it is about, a complement with "de".
        "Le Sénégal et l'Inde ont signé un accord sur l'électrification des villages de Kolda.",
        # A place looked ahead to.
        "Le Sénégal et l'Inde ont signé un accord sur la pêche ; la prochaine session se tiendra à Kolda.",
        # Towns in an enumeration that a complement opens, in an item an ordinal describes.
        "Le Sénégal et l'Inde ont signé deux accords. Le premier permettra la réhabilitation de forages "
        "dans les villes de Kaolack, Thiès et Ziguinchor ; le second porte sur la pêche.",
        # Two cities coordinated (often the two states): not one place.
        "Le Sénégal et l'Inde ont signé un accord sur la pêche, qui fixe à Ziguinchor et Kaolack l'objectif "
        "de doubler les prises.",
        # The ends of a route.
        "Le Sénégal et l'Inde ont signé un accord sur la réhabilitation de la route qui relie Kaolack à "
        "Ziguinchor.",
        # Another article's headline.
        "Le Sénégal et l'Inde ont signé un accord sur la pêche.\nLire aussi : Onze accords signés à Kolda\n",
    ],
)
def test_places_that_are_not_where_it_was_signed(analyse, text):
    """With none of its own, the agreement takes the dateline's city."""
    assert analyse("DAKAR, 3 mars (APS) - " + text).agreements[0]["place"] == "Dakar"


def test_a_visit_marked_by_a_signing_names_no_signer(analyse):
    a = analyse(
        "Le président Kemal Arslan a achevé jeudi une visite d'État, marquée par la signature d'un accord "
        "sur la pêche. La session s'est achevée par la signature d'un mémorandum sur l'énergie par les "
        "ministres Aziz Karimov et Deniz Kaya."
    )
    assert [r["signatories"] for r in a.agreements] == [[], ["Aziz Karimov", "Deniz Kaya"]]


def test_a_second_witness_in_apposition_stays_a_witness(analyse):
    a = analyse(
        "L'accord sur l'énergie a été paraphé par M. Kofi Annan et par M. Ali Traoré, en présence de la "
        "ministre de la Santé, Mme Awa Bâ, et du ministre de l'Éducation, M. Paul Mensah."
    )
    assert a.agreements[0]["signatories"] == ["Kofi Annan", "Ali Traoré"]


def test_signers_named_with_their_portfolio_sign_the_agreement_of_that_subject(analyse):
    a = analyse(
        "Le Ghana et le Togo ont signé deux conventions, l'une sur la santé, l'autre sur la pêche. Les "
        "textes ont été signés par M. Kofi Annan et par les ministres Ali Traoré (Santé) et Paul Mensah "
        "(Pêche)."
    )
    assert [r["signatories"] for r in a.agreements] == [
        ["Kofi Annan", "Ali Traoré"],
        ["Kofi Annan", "Paul Mensah"],
    ]


def test_those_a_session_was_presided_by_are_not_its_signers(analyse):
    a = analyse(
        "Le Ghana et le Togo ont signé un accord sur la pêche, à l'issue de la session coprésidée par le "
        "Premier ministre, M. Kofi Annan, et son homologue togolais, M. Ali Traoré."
    )
    assert a.agreements[0]["signatories"] == []


def test_heads_of_state_who_preside_are_not_signers(analyse):
    a = analyse(
        "Les présidents Paul Mensah et Issa Koné ont présidé jeudi la signature d'un accord sur la pêche, "
        "paraphé par les ministres Ama Owusu et Salif Kaboré."
    )
    assert a.agreements[0]["signatories"] == ["Ama Owusu", "Salif Kaboré"]


@pytest.mark.parametrize(
    "text, signers",
    [
        # Heads of state named before, one per country; an organisation's president is not one of them.
        (
            "Le président ghanéen Paul Mensah a reçu lundi son homologue ivoirien, le président Issa Koné. "
            "M. Ali Traoré, président de la BOAD, était présent. Les deux chefs d'État ont ensuite signé "
            "eux-mêmes une déclaration conjointe sur la sécurité.",
            ["Paul Mensah", "Issa Koné"],
        ),
        # Ministers: the nearest two before the collective subject.
        (
            "Le Premier ministre Kofi Annan a ouvert la session. La ministre de la Santé Ama Owusu et le "
            "ministre sénégalais de la Santé, M. Salif Kaboré, ont tenu un tête-à-tête. Les deux ministres ont "
            "signé un mémorandum sur la santé.",
            ["Ama Owusu", "Salif Kaboré"],
        ),
        # Witnesses, not signers.
        (
            "Le président ghanéen Paul Mensah a reçu son homologue ivoirien, le président Issa Koné. Les "
            "deux présidents ont assisté à la signature d'un accord sur la pêche.",
            [],
        ),
        # Fewer named than counted: no guess.
        (
            "Le président ghanéen Paul Mensah est arrivé à Abidjan. Les deux présidents ont signé un accord "
            "sur la pêche.",
            [],
        ),
    ],
)
def test_a_collective_subject_signs_for_the_persons_it_counts(analyse, text, signers):
    assert analyse(text).agreements[0]["signatories"] == signers


def test_the_day_of_the_talks_dates_a_signing_that_states_none(analyse, extractor):
    text = (
        "Le Président Paul Mensah a effectué une visite d'État au Mali du 14 au 16 février 2024. Les deux "
        "dirigeants se sont entretenus à Bamako le jeudi 15 février 2024.\nLe ministre Kofi Annan et son "
        "homologue Ali Traoré ont signé un accord sur l'énergie."
    )
    (agreement,) = extractor.extract_text(text).agreements
    assert agreement.date == "2024-02-15"


def test_a_plural_pronoun_after_a_list_names_the_signers_of_its_items(analyse):
    a = analyse(
        "La ministre Awa Bâ a conduit la mission. Le volet universitaire s'est conclu à Kumasi, où deux "
        "universités ont noué deux partenariats : l'un en recherche agricole, l'autre en santé publique. "
        "Ils ont été signés par M. Kofi Annan et M. Ali Traoré."
    )
    assert [r["signatories"] for r in a.agreements] == [["Kofi Annan", "Ali Traoré"]] * 2


def test_a_seat_or_a_subject_is_not_the_signing_place(analyse):
    a = analyse(
        "Les deux ministres ont signé mercredi à Dakar un mémorandum avec l'Alliance solaire, dont le siège "
        "est à Gurugram, pour la construction d'un hôpital à Thiès."
    )
    assert a.agreements[0]["place"] == "Dakar"


def test_the_towns_that_name_a_route_are_not_a_signing_place(analyse):
    from accord_extract.components.agreements.attributes import Describer

    a = analyse(
        "La BOAD et le Sénégal ont signé un accord pour le bitumage de la route Fatick-Kaolack-Tambacounda."
    )
    describer = Describer(a.ctx, a.items, a.event, gazetteer(), (), a.mentions)
    sentence = a.ctx.sents[0]
    assert describer.place((sentence.start_char, sentence.end_char)) is None
