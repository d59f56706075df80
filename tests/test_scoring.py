"""The scoring core, with expected values computed by hand."""

import pytest

from accord_extract.schemas import GoldResult
from accord_extract.scoring import PRF, align_agreements, load_gold, score_document, score_names

from .conftest import CORPUS


def test_prf_by_hand():
    s = PRF(tp=3, fp=1, fn=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_names_fold_aliases_and_optional():
    gold = [
        ({"vladimir poutine", "poutine"}, False, "Vladimir Poutine"),
        ({"rosatom"}, True, "ROSATOM"),
        ({"assimi goita"}, False, "Assimi Goïta"),
    ]
    s = score_names(["POUTINE", "Rosatom", "Yadran"], gold)
    # POUTINE matches an alias (tp); Rosatom matches an optional item (nothing); Yadran is spurious;
    # Assimi Goïta is missed.
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert score_names(["Assimi GOÏTA", "Vladimir Poutine"], gold).f1 == 1.0  # accents and case folded


def test_apostrophes_and_spaces_unified():
    gold = [({"cote d'ivoire"}, False, "Côte d'Ivoire")]
    assert score_names(["Côte  d’Ivoire"], gold).tp == 1


def _gold():
    return load_gold(CORPUS / "gold/mali-russie-2025.json")


def test_gold_against_itself_is_perfect():
    gold = _gold()
    scores = score_document(GoldResult.model_validate(gold.model_dump()), gold)
    for name, score in scores.items():
        assert score.f1 == 1.0, name


def test_removing_one_person_lowers_recall_by_one_over_n():
    gold = _gold()
    pred = gold.model_copy(deep=True)
    n = sum(1 for p in gold.persons if not p.optional)
    pred.persons = pred.persons[1:]
    score = score_document(pred, gold)["persons"]
    assert score.recall == pytest.approx(1 - 1 / n)
    assert score.precision == 1.0


def test_instrument_alternatives_and_optional_sectors():
    gold = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {
                    "ordinal": 1,
                    "instrument": "protocole",
                    "instrument_alternatives": ["autre"],
                    "sectors": ["energie"],
                    "sectors_optional": ["industrie"],
                }
            ],
        }
    )
    pred = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {"ordinal": 1, "instrument": "autre", "sectors": ["energie", "industrie", "mines"]}
            ],
        }
    )
    scores = score_document(pred, gold)
    assert scores["agreement.instrument"].tp == 1
    s = scores["agreement.sectors"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)  # industrie ignored, mines spurious


def test_agreement_pairing_keeps_order_and_counts_unmatched():
    gold = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {"ordinal": 1, "instrument": "accord", "date": "2024-01-02"},
                {"ordinal": 2, "instrument": "convention", "optional": True},
                {"ordinal": 3, "instrument": "memorandum", "place": "Dakar"},
            ],
        }
    )
    pred = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {"ordinal": 1, "instrument": "accord", "date": "2024-01-02"},
                {"ordinal": 2, "instrument": "memorandum", "place": "Dakar"},
                {"ordinal": 3, "instrument": "traite", "place": "Rabat"},
            ],
        }
    )
    assert align_agreements(pred.agreements, gold.agreements) == [(0, 0), (1, 2)]
    scores = score_document(pred, gold)
    a = scores["agreements"]
    # Two real gold agreements found; the optional one neither counts for nor against.
    assert (a.tp, a.fp, a.fn) == (2, 1, 0)
    assert scores["agreement.date"].tp == 1
    assert scores["agreement.place"].tp == 1


def test_unmatched_agreement_counts_all_attributes():
    gold = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {"ordinal": 1, "instrument": "accord", "parties": ["Mali", "Russie"], "date": "2025-06-23"}
            ],
        }
    )
    pred = GoldResult.model_validate({"document": {"id": "x"}})
    scores = score_document(pred, gold)
    assert scores["agreements"].fn == 1
    assert scores["agreement.parties"].fn == 2
    assert scores["agreement.date"].fn == 1


def test_date_and_place_optional_are_neither_rewarded_nor_punished():
    gold = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {
                    "ordinal": 1,
                    "instrument": "accord",
                    "date": "2024-05-02",
                    "date_optional": True,
                    "place": "Dakar",
                    "place_optional": True,
                    "parties": ["Mali"],
                    "parties_optional": ["Niger"],
                },
                {"ordinal": 2, "instrument": "accord", "date": "2024-05-03", "date_optional": True},
            ],
        }
    )
    pred = GoldResult.model_validate(
        {
            "document": {"id": "x"},
            "agreements": [
                {
                    "ordinal": 1,
                    "instrument": "accord",
                    "date": "2024-05-01",
                    "place": "Thiès",
                    "parties": ["Mali", "Niger"],
                },
                {"ordinal": 2, "instrument": "accord", "date": "2024-05-03"},
            ],
        }
    )
    scores = score_document(pred, gold)
    for attr in ("date", "place"):
        s = scores[f"agreement.{attr}"]
        assert (s.tp, s.fp, s.fn) == (0, 0, 0), attr
    p = scores["agreement.parties"]
    assert (p.tp, p.fp, p.fn) == (1, 0, 0)
    # A missed gold agreement does not count its optional date as missed either.
    scores = score_document(GoldResult.model_validate({"document": {"id": "x"}}), gold)
    assert scores["agreement.date"].fn == 0
