"""Name candidates: the stock NER's PER spans, names after cue words, and "Prénom NOM" shapes."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...places import fold
from .._common import FUNCTION_WORDS, NAME_PARTICLES, Intervals, is_all_caps, is_name_token, token_words

DETERMINERS = frozenset({"le", "la", "les", "l'", "l’", "Le", "La", "Les", "L'", "L’"})
# "Cheikh Mansour bin Jassim Al Thani": long names with particles.
MAX_NAME_TOKENS = 7
DYNASTIC_PARTICLES = frozenset({"bin", "ben", "ibn", "bint", "al", "al-", "el"})


class NameCandidates:
    def __init__(
        self,
        gazetteer,
        cue_words: set[str],
        window: int,
        dynastic: set[str],
        not_starts: set[str],
        not_ends: set[str] = frozenset(),
    ):
        self.gazetteer = gazetteer
        self.cue_words = cue_words
        self.window = window
        self.dynastic = dynastic
        self.not_starts = not_starts
        self.not_ends = not_ends

    def trim(self, doc: Doc, ent: Span, cue_at: dict[int, Span]) -> Span | None:
        start, end = ent.start, ent.end
        while start < end and (
            start in cue_at or not is_name_token(doc[start]) or doc[start].text in DETERMINERS
        ):
            start += 1
        while end > start and not is_name_token(doc[end - 1]):
            end -= 1
        if start >= end:
            return None
        return self.extend(doc, start, end, cue_at)

    def extend(self, doc: Doc, start: int, end: int, cue_at: dict[int, Span]) -> Span:
        """Take the rest of a name the NER cut short ("Président Ousmane" + "KONÉ", "... Al" + "Thani")."""
        while end < len(doc) and end - start < MAX_NAME_TOKENS and end not in cue_at:
            token = doc[end]
            if is_name_token(token) and not token.is_sent_start and doc[end - 1].whitespace_:
                if fold(token.text) in self.cue_words and not is_all_caps(token):
                    break
                end += 1
            else:
                break
        return doc[start:end]

    def after_cue(self, doc: Doc, cue: Span, cue_at: dict[int, Span]) -> Span | None:
        """The first name run after a cue, within the cue's title zone."""
        i = cue.end
        limit = min(len(doc), cue.end + self.window)
        while i < limit:
            token = doc[i]
            if token.is_sent_start and i != cue.end:
                return None
            if i in cue_at:
                i = cue_at[i].end
                continue
            if is_name_token(token):
                prev = doc[i - 1]
                after_function_word = (
                    prev.lower_ in FUNCTION_WORDS
                    and prev.i not in cue_at
                    and prev.lower_ not in {"le", "la", "l'", "l’"}
                )
                after_det_in_complement = (
                    prev.lower_ in {"la", "l'", "l’"}
                    and i - 2 >= cue.end
                    and doc[i - 2].lower_ in {"de", "à"}
                )
                j = i
                while (
                    j < len(doc)
                    and j - i < MAX_NAME_TOKENS
                    and j not in cue_at
                    and (
                        is_name_token(doc[j])
                        or (
                            doc[j].lower_ in NAME_PARTICLES
                            and j + 1 < len(doc)
                            and is_name_token(doc[j + 1])
                            and j > i
                        )
                    )
                ):
                    j += 1
                run = doc[i:j]
                if after_function_word or after_det_in_complement or self.is_place_or_demonym(run):
                    i = j
                    continue
                if (
                    len(run) >= 2
                    or is_all_caps(run[0])
                    or (cue.label_ in ("honorific", "rank") and i == cue.end)
                ):
                    return run
                i = j
                continue
            if token.is_punct and token.text not in (",", "-"):
                return None
            # Lowercase complements ("étrangères", "malienne") may continue a title; verbs end it.
            lowercase_word = token.is_alpha and token.is_lower and token.lower_ not in FUNCTION_WORDS
            ends_zone = cue.label_ != "title" or token.lower_ in {"a", "ont", "est", "qui", "avec", "par"}
            if lowercase_word and token.text not in DETERMINERS and ends_zone:
                return None
            i += 1
        return None

    def shape_names(self, doc: Doc, cue_at: dict[int, Span]) -> list[Span]:
        """ "Prénom NOM": a capitalised given name followed by an ALL-CAPS surname."""
        spans = []
        words = token_words(doc)
        for i in range(len(words) - 1):
            # Cheap string test first; Token objects only for the few candidates.
            if not (words[i][:1].isupper() and len(words[i + 1]) >= 3 and words[i + 1].isupper()):
                continue
            token, nxt = doc[i], doc[i + 1]
            if (
                token.i not in cue_at
                and not token.is_stop
                and token.text not in DETERMINERS
                and is_name_token(token)
                and not is_all_caps(token)
                and is_all_caps(nxt)
                and len(nxt.text) >= 3
                and token.whitespace_
            ):
                span = self.extend(doc, token.i, token.i + 2, cue_at)
                if not self.is_place_or_demonym(span):
                    spans.append(span)
        return spans

    def is_place_or_demonym(self, span: Span) -> bool:
        return bool(
            self.gazetteer.lookup(span.text)
            or any(_non_city(self.gazetteer.lookup(t.text)) for t in span)
            or self.gazetteer.country_of_demonym(span[0].text)
        )

    def plausible(self, span: Span, strong: Intervals, weak: Intervals | None) -> bool:
        words = [t for t in span if t.lower_ not in NAME_PARTICLES]
        if not words or all(fold(t.text) in self.cue_words for t in words):
            return False
        if fold(span[0].text) in self.not_starts:
            return False  # "Salle des Ambassadeurs", "Présidence de la République"
        if len(span) > 1 and fold(span[-1].text) in self.not_ends:
            return False
        if self.gazetteer.lookup(span.text):
            return False
        crosses = strong.overlaps(span.start_char, span.end_char) or (
            weak is not None and weak.overlaps(span.start_char, span.end_char)
        )
        if crosses and not any(is_all_caps(t) for t in span[1:]):
            # Inside an organisation or a place, unless it has the Prénom NOM shape.
            return False
        first = span[0]
        if len(span) == 1 and first.is_sent_start and not is_all_caps(first):
            return False  # "Poursuivant", "Ensuite": sentence-initial words the NER calls persons.
        return not (first.is_sent_start and first.text.lower().endswith("ant") and len(span) == 1)

    def split_dynastic(self, names: list[Span]) -> tuple[list[Span], dict[int, str]]:
        """ "Cheikh Faisal bin Hamad Al Thani": in a name with dynastic particles, "Cheikh" is an
        honorific; elsewhere ("Cheikh Tidiane Gadio") it is a given name. Returns the names and, by
        the start of each trimmed name, the honorific taken off it."""
        out, honorifics = [], {}
        for span in names:
            if (
                len(span) > 2
                and fold(span[0].text) in self.dynastic
                and any(t.lower_ in DYNASTIC_PARTICLES for t in span[1:])
            ):
                honorifics[span[1].idx] = span[0].text
                span = span[1:]
            out.append(span)
        return out, honorifics


def glue_hyphens(span: Span) -> Span:
    """ "Han Seung-min": the tokenizer splits hyphenated given names; a name takes the glued parts."""
    doc, end = span.doc, span.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return doc[span.start : end]


def _non_city(place) -> bool:
    return place is not None and place.kind != "city"
