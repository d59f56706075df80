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


def _write_jsonl(path, ids):
    import json

    path.write_text("".join(json.dumps({"document": {"id": i}}) + "\n" for i in ids), encoding="utf-8")


def test_prediction_ids_matched_by_stem_and_mismatches_reported(tmp_path):
    """Issue 11 item 19: `batch corpus/` names `heldout/x` what `corpus/heldout` gold calls `x`."""
    from accord_extract.scoring import evaluate

    gold = CORPUS / "heldout"
    ids = sorted(p.stem for p in (gold / "gold").glob("*.json"))
    pred = tmp_path / "records.jsonl"
    _write_jsonl(pred, [f"heldout/{i}" for i in ids[1:]] + ["other"])
    report = evaluate(gold, pred)
    matching = report["matching"]
    assert (matching["matched"], matching["matched_by_stem"]) == (len(ids) - 1, len(ids) - 1)
    assert matching["gold_without_prediction"] == [ids[0]]
    assert matching["predictions_without_gold"] == ["other"]


def test_nothing_matching_duplicates_and_unknown_versions_are_errors(tmp_path):
    import json

    from accord_extract.errors import InputError
    from accord_extract.scoring import evaluate, load_predictions

    gold = CORPUS / "heldout"
    pred = tmp_path / "p.jsonl"
    _write_jsonl(pred, ["nothing-like-it"])
    with pytest.raises(InputError, match="no prediction matches a gold document"):
        evaluate(gold, pred)
    _write_jsonl(pred, ["a", "a"])
    with pytest.raises(InputError, match="duplicate prediction id 'a'"):
        load_predictions(pred)
    pred.write_text(json.dumps({"schema_version": "9.9", "document": {"id": "a"}}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown schema_version"):
        load_predictions(pred)


def test_gold_dates_must_be_real_dates(tmp_path):
    import json

    from accord_extract.errors import GoldError

    record = json.loads((CORPUS / "gold/mali-russie-2025.json").read_text(encoding="utf-8"))
    record["dates"][0]["value"] = "2024-13-45"
    record["dates"][0]["granularity"] = "day"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(GoldError, match="not a valid ISO date"):
        load_gold(bad)


def test_evaluate_cli_exit_2_when_nothing_matches(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).parent / "accord-extract"
    pred = tmp_path / "p.jsonl"
    _write_jsonl(pred, ["nothing-like-it"])
    result = subprocess.run(
        [exe, "evaluate", CORPUS / "heldout", "--pred", pred], capture_output=True, text=True
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
