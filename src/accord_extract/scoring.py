"""Scoring against gold: a PRF tally reused by every field, and `evaluate()` → report dict.

Names are compared folded (case, accents, apostrophes, spaces); gold aliases
count as the same entity; gold items marked optional are neither rewarded nor
punished. Agreements are aligned one to one in text order before their
attributes are compared pair by pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from pydantic import ValidationError

from .errors import GoldError, InputError
from .places import fold
from .schemas import ExtractionResult, GoldResult

ENTITY_FIELDS = ("persons", "organizations", "locations")
AGREEMENT_ATTRIBUTES = ("instrument", "parties", "signatories", "date", "place", "sectors")
FIELDS = (*ENTITY_FIELDS, "dates", "sectors", "agreements", *(f"agreement.{a}" for a in AGREEMENT_ATTRIBUTES))


@dataclass
class PRF:
    """True/false positives and false negatives, as spaCy's PRFScore."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def hit(self) -> None:
        self.tp += 1

    def spurious(self, what: str) -> None:
        self.fp += 1
        self.false_positives.append(what)

    def missed(self, what: str) -> None:
        self.fn += 1
        self.misses.append(what)

    def __iadd__(self, other: PRF) -> PRF:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives += other.false_positives
        self.misses += other.misses
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, errors: bool = False) -> dict:
        out = {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }
        if errors:
            out.update(false_positives=self.false_positives, misses=self.misses)
        return out


def score_names(pred: Iterable[str], gold: Iterable[tuple[set[str], bool, str]]) -> PRF:
    """Predicted names against gold entities given as (folded names and aliases, optional, label)."""
    score = PRF()
    gold = list(gold)
    used = [False] * len(gold)
    for name in dict.fromkeys(pred):  # each distinct predicted name once
        key = fold(name)
        index = next((i for i, (names, _, _) in enumerate(gold) if key in names and not used[i]), None)
        if index is None:
            if any(key in names for names, _, _ in gold):
                score.spurious(f"{name} (duplicate of an entity already found)")
            else:
                score.spurious(name)
            continue
        used[index] = True
        if not gold[index][1]:
            score.hit()
    for (_, optional, label), found in zip(gold, used, strict=True):
        if not found and not optional:
            score.missed(label)
    return score


def _gold_entities(items) -> list[tuple[set[str], bool, str]]:
    return [({fold(item.name), *(fold(a) for a in item.aliases)}, item.optional, item.name) for item in items]


def _alias_map(gold: GoldResult) -> dict[str, str]:
    """folded alias → folded canonical name, over persons, organisations and locations."""
    out: dict[str, str] = {}
    for group in (gold.persons, gold.organizations, gold.locations):
        for item in group:
            for name in (item.name, *item.aliases):
                out.setdefault(fold(name), fold(item.name))
    return out


def _canon(name: str | None, aliases: dict[str, str]) -> str | None:
    return None if name is None else aliases.get(fold(name), fold(name))


def score_document(pred: ExtractionResult, gold: GoldResult) -> dict[str, PRF]:
    scores = {name: PRF() for name in FIELDS}
    for name in ENTITY_FIELDS:
        scores[name] = score_names([e.name for e in getattr(pred, name)], _gold_entities(getattr(gold, name)))
    scores["dates"] = score_names(
        [d.value for d in pred.dates], [({d.value}, d.optional, d.value) for d in gold.dates]
    )
    scores["sectors"] = score_names(
        [s.sector for s in pred.sectors], [({s.sector}, s.optional, s.sector) for s in gold.sectors]
    )
    _score_agreements(pred, gold, scores)
    return scores


def align_agreements(pred: list, gold: list) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) keeping text order, preferring overlapping evidence."""

    def similarity(p, g) -> float:
        overlap = any(a.start < b.end and b.start < a.end for a in p.evidence for b in g.evidence)
        same = p.instrument == g.instrument or p.instrument in g.instrument_alternatives
        # An optional gold agreement is a weaker partner: skipping it costs nothing.
        return (0.5 if g.optional else 1) + overlap + same

    n, m = len(pred), len(gold)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i][j] = max(
                best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + similarity(pred[i - 1], gold[j - 1])
            )
    pairs, i, j = [], n, m
    while i and j:
        if best[i][j] == best[i - 1][j - 1] + similarity(pred[i - 1], gold[j - 1]):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _score_agreements(pred: ExtractionResult, gold: GoldResult, scores: dict[str, PRF]) -> None:
    aliases = _alias_map(gold)
    pairs = align_agreements(pred.agreements, gold.agreements)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    for i, j in pairs:
        p, g = pred.agreements[i], gold.agreements[j]
        if g.optional:
            continue
        scores["agreements"].hit()
        tag = f"#{g.ordinal}"
        if p.instrument == g.instrument or p.instrument in g.instrument_alternatives:
            scores["agreement.instrument"].hit()
        else:
            scores["agreement.instrument"].spurious(f"{tag} {p.instrument}")
            scores["agreement.instrument"].missed(f"{tag} {g.instrument}")
        for attr, optional in (
            ("parties", g.parties_optional),
            ("signatories", g.signatories_optional),
            ("sectors", g.sectors_optional),
        ):
            fold_ = (lambda x: x) if attr == "sectors" else (lambda x: _canon(x, aliases))
            ignore = {fold_(x) for x in optional}
            want = {fold_(x) for x in getattr(g, attr)} - ignore
            for x in {fold_(x) for x in getattr(p, attr)} - ignore:
                if x in want:
                    scores[f"agreement.{attr}"].hit()
                else:
                    scores[f"agreement.{attr}"].spurious(f"{tag} {x}")
            for x in want - {fold_(x) for x in getattr(p, attr)}:
                scores[f"agreement.{attr}"].missed(f"{tag} {x}")
        for attr in ("date", "place"):
            if getattr(g, f"{attr}_optional"):
                continue  # the text allows more than one reading (contract v1.1)
            pv = getattr(p, attr) if attr == "date" else _canon(p.place, aliases)
            gv = getattr(g, attr) if attr == "date" else _canon(g.place, aliases)
            if pv is not None and pv == gv:
                scores[f"agreement.{attr}"].hit()
                continue
            if pv is not None:
                scores[f"agreement.{attr}"].spurious(f"{tag} {pv}")
            if gv is not None:
                scores[f"agreement.{attr}"].missed(f"{tag} {gv}")
    for i, p in enumerate(pred.agreements):
        if i in matched_pred:
            continue
        tag = f"#{p.ordinal} {p.instrument}: {p.title or ''}".strip()
        scores["agreements"].spurious(tag)
        scores["agreement.instrument"].spurious(tag)
        for attr in ("parties", "signatories", "sectors"):
            for x in getattr(p, attr):
                scores[f"agreement.{attr}"].spurious(f"{tag}: {x}")
        for attr in ("date", "place"):
            if getattr(p, attr) is not None:
                scores[f"agreement.{attr}"].spurious(f"{tag}: {getattr(p, attr)}")
    for j, g in enumerate(gold.agreements):
        if j in matched_gold or g.optional:
            continue
        tag = f"#{g.ordinal} {g.instrument}: {g.title or ''}".strip()
        scores["agreements"].missed(tag)
        scores["agreement.instrument"].missed(tag)
        for attr, optional in (
            ("parties", g.parties_optional),
            ("signatories", g.signatories_optional),
            ("sectors", g.sectors_optional),
        ):
            for x in set(getattr(g, attr)) - set(optional):
                scores[f"agreement.{attr}"].missed(f"{tag}: {x}")
        for attr in ("date", "place"):
            if getattr(g, attr) is not None and not getattr(g, f"{attr}_optional"):
                scores[f"agreement.{attr}"].missed(f"{tag}: {getattr(g, attr)}")


# -- mentions (nervaluate-style strict and partial schemes) ---------------------------


def _typed_mentions(record, optional_out: bool) -> set[tuple[int, int, str]]:
    spans = set()
    for label, group in (
        ("person", record.persons),
        ("organization", record.organizations),
        ("location", record.locations),
        ("date", record.dates),
        ("sector", record.sectors),
    ):
        for item in group:
            if optional_out and getattr(item, "optional", False):
                continue
            spans.update((m.start, m.end, label) for m in item.mentions)
    return spans


def score_mentions(pred: ExtractionResult, gold: GoldResult) -> dict[str, dict[str, float]]:
    """strict: same span and type; partial: overlapping span of the same type counts half."""
    gold_spans = _typed_mentions(gold, optional_out=True)
    optional_spans = _typed_mentions(gold, optional_out=False) - gold_spans
    pred_spans = {
        s
        for s in _typed_mentions(pred, optional_out=False)
        if not any(_overlap(s, o) for o in optional_spans)
    }
    exact = pred_spans & gold_spans
    partial_pred = {p for p in pred_spans - exact if any(_overlap(p, g) for g in gold_spans - exact)}
    partial_gold = {g for g in gold_spans - exact if any(_overlap(p, g) for p in pred_spans - exact)}
    partial = min(len(partial_pred), len(partial_gold))
    out = {}
    for scheme, credit in (("strict", len(exact)), ("partial", len(exact) + 0.5 * partial)):
        p = credit / len(pred_spans) if pred_spans else 1.0
        r = credit / len(gold_spans) if gold_spans else 1.0
        out[scheme] = {
            "p": p,
            "r": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "correct": len(exact),
            "partial": partial if scheme == "partial" else 0,
            "actual": len(pred_spans),
            "possible": len(gold_spans),
        }
    return out


def _overlap(a, b) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


# -- loading and the whole evaluation --------------------------------------------------------


def load_gold(path: str | Path) -> GoldResult:
    """A gold file, or GoldError naming the file and the field at fault."""
    path = Path(path)
    try:
        return GoldResult.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise GoldError(
            f"{path}: invalid gold at {where}: {first['msg']} ({exc.error_count()} error(s))"
        ) from None
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold ({exc.strerror})") from None


def gold_files(gold: str | Path) -> list[Path]:
    gold = Path(gold)
    if gold.is_file():
        return [gold]
    folder = gold / "gold" if (gold / "gold").is_dir() else gold
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(f"{gold}: no gold files (expected {folder}/<id>.json)")
    return files


def load_predictions(pred: str | Path) -> dict[str, ExtractionResult]:
    """A record file, a JSONL file or a folder of <id>.json, keyed by document.id; an id seen twice is an
    error (which of two records would be scored?)."""
    pred = Path(pred)
    paths = sorted(pred.glob("*.json")) if pred.is_dir() else [pred]
    records: dict[str, ExtractionResult] = {}
    for path in paths:
        try:
            lines = [path.read_bytes()] if path.suffix == ".json" else path.read_bytes().splitlines()
        except OSError as exc:
            raise InputError(f"{path}: cannot read predictions ({exc.strerror})") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                # GoldResult accepts every record, and a gold file scored against itself.
                record = GoldResult.model_validate(orjson.loads(line))
            except orjson.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc})") from None
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(x) for x in first["loc"]) or "record"
                raise InputError(f"{path}:{n}: not an ExtractionResult: {where}: {first['msg']}") from None
            if record.document.id in records:
                raise InputError(f"{path}:{n}: duplicate prediction id {record.document.id!r}")
            records[record.document.id] = record
    return records


def match_ids(gold_ids: list[str], pred_ids: list[str]) -> tuple[dict[str, str], dict]:
    """gold id → prediction id: the same id, else the same stem when that is unambiguous (a batch over
    `corpus/` names `heldout/x` what `corpus/heldout` gold calls `x`). Also the counts of what matched."""
    pred_set = set(pred_ids)
    by_stem: dict[str, list[str]] = {}
    for pid in pred_ids:
        by_stem.setdefault(pid.rsplit("/", 1)[-1], []).append(pid)
    gold_stems: dict[str, int] = {}
    for gid in gold_ids:
        stem = gid.rsplit("/", 1)[-1]
        gold_stems[stem] = gold_stems.get(stem, 0) + 1
    matched: dict[str, str] = {}
    by_stem_count = 0
    for gid in gold_ids:
        if gid in pred_set:
            matched[gid] = gid
            continue
        stem = gid.rsplit("/", 1)[-1]
        candidates = by_stem.get(stem, [])
        if len(candidates) == 1 and gold_stems[stem] == 1 and candidates[0] not in matched.values():
            matched[gid] = candidates[0]
            by_stem_count += 1
    report = {
        "gold": len(gold_ids),
        "predictions": len(pred_ids),
        "matched": len(matched),
        "matched_by_stem": by_stem_count,
        "gold_without_prediction": sorted(set(gold_ids) - set(matched)),
        "predictions_without_gold": sorted(pred_set - set(matched.values())),
    }
    return matched, report


def article_for(gold_path: Path, gold: GoldResult) -> Path:
    folder = gold_path.parent.parent if gold_path.parent.name == "gold" else gold_path.parent
    return folder / f"{gold.document.id}.txt"


def evaluate(
    gold: str | Path, pred: str | Path | None = None, extractor=None, kept_aside: bool = True
) -> dict:
    """Score predictions (or a fresh extraction of the articles) against gold; return a report dict.

    Without `pred`, each article `<id>.txt` beside the gold folder is extracted,
    with the gold's `publication_date` as the metadata a data team would pass.
    A corpus folder with a `heldout/` set kept aside also gets that set's scores
    (`report["kept_aside"]`), so that both figures are read together.
    """
    report = _evaluate(gold, pred, extractor)
    held = Path(gold) / "heldout"
    if kept_aside and pred is None and Path(gold).is_dir() and (held / "gold").is_dir():
        other = _evaluate(held, None, report.pop("_extractor"))
        report["kept_aside"] = {
            "folder": str(held),
            "n_documents": len(other["documents"]),
            "micro_f1": other["micro_f1"],
            "micro": other["micro"],
            "fields": other["fields"],
        }
    report.pop("_extractor", None)
    return report


def _evaluate(gold: str | Path, pred: str | Path | None, extractor) -> dict:
    predictions = load_predictions(pred) if pred is not None else {}
    gold_records = []
    seen: dict[str, Path] = {}
    for path in gold_files(gold):
        record = load_gold(path)
        if record.document.id in seen:
            raise GoldError(
                f"{path}: duplicate gold id {record.document.id!r} (also in {seen[record.document.id]})"
            )
        seen[record.document.id] = path
        gold_records.append((path, record))
    matching = None
    if pred is not None:
        matched, matching = match_ids([r.document.id for _, r in gold_records], list(predictions))
        if not matched:
            raise InputError(
                f"no prediction matches a gold document: {len(gold_records)} gold ids "
                f"(e.g. {gold_records[0][1].document.id!r}) and {len(predictions)} prediction ids "
                f"(e.g. {next(iter(predictions), None)!r})"
            )
        predictions = {gid: predictions[pid] for gid, pid in matched.items()}
    totals = {name: PRF() for name in FIELDS}
    mention_totals = {"strict": [0, 0, 0.0, 0], "partial": [0, 0, 0.0, 0]}
    documents = []
    for path, gold_record in gold_records:
        doc_id = gold_record.document.id
        if pred is None:
            if extractor is None:
                from .extractor import Extractor

                extractor = Extractor()
            record = extractor.extract_file(
                article_for(path, gold_record),
                doc_id=doc_id,
                publication_date=gold_record.document.publication_date,
            )
        elif doc_id in predictions:
            record = predictions[doc_id]
        else:
            record = ExtractionResult(document={"id": doc_id}, warnings=["no prediction for this document"])
        scores = score_document(record, gold_record)
        micro = PRF()
        for name, score in scores.items():
            totals[name] += score
            micro += score
        mentions = score_mentions(record, gold_record)
        for scheme, values in mentions.items():
            acc = mention_totals[scheme]
            acc[0] += values["actual"]
            acc[1] += values["possible"]
            acc[2] += values["correct"] + 0.5 * values["partial"]
        documents.append(
            {
                "id": doc_id,
                "micro_f1": round(micro.f1, 4),
                "micro": micro.as_dict(),
                "fields": {name: score.as_dict(errors=True) for name, score in scores.items()},
                "mentions": mentions,
                "record": record.model_dump(mode="json"),
                "gold": gold_record.model_dump(mode="json"),
            }
        )
    micro = PRF()
    for score in totals.values():
        micro += score
    mention_report = {}
    for scheme, (actual, possible, credit, _) in mention_totals.items():
        p = credit / actual if actual else 1.0
        r = credit / possible if possible else 1.0
        mention_report[scheme] = {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        }
    return {
        "micro_f1": round(micro.f1, 4),
        "micro": micro.as_dict(),
        "fields": {name: score.as_dict() for name, score in totals.items()},
        "mentions": mention_report,
        "matching": matching,
        "documents": documents,
        "_extractor": extractor,
    }
