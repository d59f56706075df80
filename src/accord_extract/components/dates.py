"""Date candidates from Matcher patterns (data/patterns/dates.jsonl), read by accord_extract.dates."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..dates import plausible, read_candidate
from ..resources import patterns
from ._common import doc_text, register_extensions, token_words
from .span_groups import write_dates

# Words before a bare year that make it a point in time, not part of the mention.
YEAR_LEADS = 1
# Context kept around a trigger token: the longest pattern ("du lundi 18 au jeudi 21 juin 2024") is 9 tokens.
WINDOW_BEFORE, WINDOW_AFTER = 9, 10
HEADER_CHARS = 400
# A short label before a dateline's city: "Communiqué de presse — Lisbonne, le".
DATELINE_LABEL = r"[^\n]{1,40}?\s[—–-]\s+"
# "Dakar, le", "NIAMEY (ANP),", "Communiqué de presse — Lisbonne, le".
DATELINE = re.compile(rf"^\s*({DATELINE_LABEL})?[A-ZÀ-Ý][\w'’ .-]{{1,40}}(\s*\([^)]{{1,30}}\))?,\s*(le\s+)?$")


@Language.factory("accord_dates", assigns=["doc._.accord_dates"], default_config={"patterns": "dates"})
def make_date_finder(nlp: Language, name: str, patterns: str) -> DateFinder:
    return DateFinder(nlp, patterns)


class DateFinder:
    """Writes `doc._.accord_dates`: plain candidates with start/end and the parts read from them."""

    def __init__(self, nlp: Language, pattern_file: str = "dates") -> None:
        register_extensions()
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.triggers: set[str] = set()
        for row in patterns(pattern_file):
            self.matcher.add(row["label"], [row["pattern"]])
            for token in row["pattern"]:
                for spec in token.values():
                    if isinstance(spec, dict) and "IN" in spec:
                        self.triggers.update(w.lower() for w in spec["IN"] if w[:1].isalpha())
        # Lead words ("en", "de", "du") are not triggers: a date needs a number, a month or a weekday.
        self.triggers -= {"en", "de", "du", "les", "au", "et", "ici", "an", "fin", "mi", "mois", "année"}
        self.triggers -= {"depuis", "dès", "avant", "après", "courant", "début", "horizon", "trimestre"}
        self.triggers -= {"semestre", "jusqu'en", "jusqu’en", "dernier", "prochain", "passé", "matin", "soir"}
        self.triggers -= {"après-midi"}

    def _windows(self, doc: Doc):
        """Spans around the tokens a date can contain (digits, months, weekdays, "hier"...).

        The Matcher costs per token; most of an article holds no date, so it only runs here."""
        windows: list[list[int]] = []
        for i, word in enumerate(token_words(doc)):
            if word[:1].isdigit() or word.lower() in self.triggers:
                lo, hi = max(0, i - WINDOW_BEFORE), min(len(doc), i + WINDOW_AFTER)
                if windows and lo <= windows[-1][1]:
                    windows[-1][1] = hi
                else:
                    windows.append([lo, hi])
        return [doc[lo:hi] for lo, hi in windows]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        matches = [
            (doc.vocab.strings[m], window.start + s, window.start + e)
            for window in self._windows(doc)
            for m, s, e in self.matcher(window)
        ]
        for label, start, end in sorted(set(matches), key=lambda m: (m[1], m[2])):
            if label == "YEAR":
                nxt = doc[end] if end < len(doc) else None
                if nxt is not None and nxt.is_alpha and nxt.is_lower and not nxt.is_stop:
                    continue  # "plus de 2000 participants"
                start += YEAR_LEADS
            elif label == "MONTH":
                if end < len(doc) and doc[end].like_num:
                    continue  # "en mars 2024" is a MONTH_YEAR match
                start += YEAR_LEADS
            elif label == "RANGE" and doc[start].lower_ in ("du", "les"):
                start += 1
            spans.append(Span(doc, start, end, label=label))
        candidates = []
        for span in filter_spans(spans):
            if span.label_ == "RELATIVE" and _inside_name(span):
                continue
            words = [t.text for t in span]
            cand = read_candidate(span.label_, words)
            if not plausible(cand, words):
                continue  # "12/34/5678", "en 2500": shapes of dates that are not ones
            cand.update(
                start=span.start_char, end=span.end_char, text=span.text, header=_is_header(doc, span)
            )
            candidates.append(cand)
        doc._.accord_dates = candidates
        write_dates(doc, candidates)
        return doc


def _inside_name(span: Span) -> bool:
    """A weekday capitalised mid-sentence is part of a name ("Mardi Gras")."""
    first = span[0]
    return first.text[0].isupper() and not first.is_sent_start


def _is_header(doc: Doc, span: Span) -> bool:
    """A full date on the first line or in a dateline is the publication date."""
    if span.start_char > HEADER_CHARS or span.label_ not in (
        "DAY_MONTH_YEAR",
        "NUMERIC",
        "NUMERIC_ISO",
        "DAY_MONTH",
    ):
        return False
    text = doc_text(doc)
    before = text[: span.start_char]
    if before.rstrip().lower().endswith(("publié le", "publiée le", "mis à jour le", "date :", "date:")):
        return True
    # A dateline opening a line near the top: "Luanda, 31 juillet 2024 –", "Dakar, le 12 mars (APS) –".
    line_start = before.rfind("\n") + 1
    if DATELINE.match(before[line_start:]):
        return True
    # The first line, when it is a short header above a body (a text of one line is all body).
    lead = len(text) - len(text.lstrip())
    line_end = text.find("\n", lead)
    if line_end == -1 or not text[line_end:].strip() or span.start_char >= line_end:
        return False
    return line_end - lead < 150 or "(" in text[span.end_char : span.end_char + 40]
