"""Organisation candidates: names opened by a cue word, and the stock NER's ORG spans cleaned up.

Every scan is bounded (`max_tokens` from a head, a fixed reach back into a title), so a text made of
nothing but "Ministère de l'Économie de la République du X et ..." costs time linear in its length.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .._common import FUNCTION_WORDS, is_all_caps, is_capitalised, is_name_token, natural_case
from .name_ends import (
    CONNECTORS,
    DETERMINERS,
    country_tail,
    enumerated_complement,
    lowercase_chain,
    post_tail,
    up_to_acronym,
)

SEPARATORS = frozenset({"–", "—", "|", "-"})
# Lowercase phrases that close a ministry's name: "... et des Marocains résidant à l'étranger".
NAME_TAILS = (
    ("à", "l'", "étranger"),
    ("à", "l’", "étranger"),
    ("de", "l'", "extérieur"),
    ("de", "l’", "extérieur"),
    ("de", "haut", "niveau"),
    ("et", "de", "gouvernement"),
)
# Heads of a diplomatic post: the country is its name ("Ambassade du Japon au Sénégal"), not an attribute.
POST_HEADS = frozenset({"ambassade", "délégation", "consulat", "haut-commissariat", "représentation"})
# Adjective endings: lowercase words inside a name ("Commission mixte", "Affaires étrangères").
ADJECTIVE_ENDINGS = (
    "al", "ale", "aux", "ales", "ique", "iques", "aire", "aires", "ien", "ienne", "iens", "iennes", "ais",
    "aise", "ain", "aine", "el", "elle", "if", "ive", "é", "ée", "és", "ées", "ant", "ante", "te", "or",
    "eur", "euse", "e", "o", "ère", "ères", "ier", "iers", "ic",
)  # fmt: skip
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
NOT_ADJECTIVES = frozenset(
    {"qui", "que", "dont", "est", "sont", "ont", "doit", "entre", "avec", "contre", "comme", "une", "cette"}
    | {"relatif", "relative", "relatifs", "relatives", "chargé", "chargée", "présente", "seule", "même"}
)


class Candidates:
    def __init__(
        self,
        kind_of_head: dict[str, str],
        gazetteer,
        person_cues: set[str],
        portfolio_heads: frozenset[str],
        state_words: frozenset[str],
        legal_prefixes: frozenset[str] = frozenset(),
        max_modifiers: int = 4,
        max_tokens: int = 24,
    ) -> None:
        self.kind_of_head = kind_of_head
        self.gazetteer = gazetteer
        self.person_cues = person_cues
        self.portfolio_heads = portfolio_heads
        self.state_words = state_words
        self.legal_prefixes = legal_prefixes
        self.max_modifiers = max_modifiers
        self.max_tokens = max_tokens

    # -- names opened by a cue ------------------------------------------------------------------

    def from_head(self, doc: Doc, start: int, end: int, kind: str) -> dict | None:
        """ "société d'État russe X", "Commission mixte ...", "ministère des Affaires étrangères"."""
        if kind == "company":
            return self._company(doc, start, end)
        head = doc[start:end]
        if kind == "government" and head.text[0].islower():
            named = self._company(doc, start, end)  # "l'agence belge de développement Enabel"
            if named is not None:
                return {**named, "kind": kind}
        limit = min(len(doc), end + self.max_tokens)
        j, modifiers = end, 0
        has_proper = head.text[0].isupper()
        while j < limit:
            token = doc[j]
            if (
                token.text == "-"
                and j + 1 < len(doc)
                and not doc[j - 1].whitespace_
                and not token.whitespace_
            ):
                j += 2  # "sénégalo-mauritanienne", "France-Inde"
                continue
            if token.text == "," and enumerated_complement(doc, j):
                j += 1  # "ministère du Territoire, des Infrastructures et des Transports"
                continue
            if token.is_punct or token.is_space:
                break
            if token.lower_ in CONNECTORS:
                k = j
                while k < limit and doc[k].lower_ in CONNECTORS:
                    k += 1
                run = [t.lower_ for t in doc[j:k]]
                after_et = run[run.index("et") + 1 :] if "et" in run else []
                crosses_to_another = bool(after_et) and after_et[0] in DETERMINERS  # "... et le Gouvernement"
                if (
                    k < len(doc)
                    and is_capitalised(doc[k])
                    and not doc[k].is_sent_start
                    and not crosses_to_another
                ):
                    j = k
                    continue
                chain = (
                    None
                    if crosses_to_another or not head.text[0].isupper()
                    else lowercase_chain(doc, j, limit)
                )
                if chain is not None:
                    j, closed = chain
                    if not closed:
                        continue
                break
            if is_capitalised(token):
                has_proper = True
                j += 1
                # "des Affaires étrangères", "de l'Enseignement supérieur": adjectives after a capitalised word.
                while (
                    j < limit
                    and doc[j].is_alpha
                    and _adjectival(doc[j].text)
                    and not doc[j].text.endswith(PARTICIPLE_ENDINGS)
                    and modifiers < self.max_modifiers
                ):
                    modifiers += 1
                    j += 1
                    if (
                        j + 1 < limit
                        and doc[j].lower_ == "et"
                        and doc[j + 1].is_alpha
                        and _adjectival(doc[j + 1].text)
                        and not doc[j + 1].text.endswith(PARTICIPLE_ENDINGS)
                    ):
                        j += 1  # "de l'Enseignement technique et professionnel"
                continue
            if (
                token.is_alpha
                and modifiers < self.max_modifiers
                and j == end + modifiers
                and (
                    _adjectival(token.text)
                    or (token.is_lower and self.gazetteer.country_of_demonym(token.text))
                )
            ):
                modifiers += 1
                j += 1
                continue
            break
        for tail in NAME_TAILS:
            if tuple(t.lower_ for t in doc[j : j + len(tail)]) == tail:
                j += len(tail)
                break
        j = up_to_acronym(doc, j)
        while j > end and doc[j - 1].lower_ in CONNECTORS:
            j -= 1
        country = None
        if head.text.lower() in POST_HEADS:
            j = post_tail(doc, j, self.gazetteer)  # "Délégation de l'Union européenne en Tunisie"
        elif kind != "other":
            # "ministère des Transports du Pérou": the country is an attribute, not part of the name (not
            # of "Chambre de commerce et d'industrie d'Oman").
            tail = country_tail(doc, end, j, self.gazetteer)
            if tail is not None:
                j, country = tail
        span = doc[start:j]
        if not has_proper or len(span) < 2 or self.in_title(doc, start):
            return None
        if head.text[0].islower() and any(t.text in self.kind_of_head for t in span[len(head) :]):
            return None  # "sommet ordinaire de l'Alliance ...": the Alliance is the organisation
        country = country or next(
            (
                self.gazetteer.country_of_demonym(t.text)
                for t in span
                if self.gazetteer.country_of_demonym(t.text)
            ),
            None,
        )
        return _org(span, kind, country)

    def _company(self, doc: Doc, start: int, end: int) -> dict | None:
        """Company heads name the company after state words, demonyms and a short description: "la société
        d'État chinoise SINOHYDRO", "le groupe minier Vale", "la banque publique de développement KfW",
        "le fabricant de machines agricoles Cerrado Máquinas"."""
        i, country, adjectives = end, None, 0
        limit = min(len(doc), end + 7)
        while i < limit:
            word = doc[i]
            if word.text in self.state_words or word.lower_ in ("d'", "d’", "état", "etat"):
                i += 1
            elif self.gazetteer.country_of_demonym(word.text):
                country = country or self.gazetteer.country_of_demonym(word.text)
                i += 1
            elif (
                word.is_lower
                and word.is_alpha
                and word.lower_ not in CONNECTORS
                and _adjectival(word.text)
                and adjectives < 2
            ):
                adjectives += 1
                i += 1
            elif (
                word.lower_ in ("de", "d'", "d’")
                and i + 1 < limit
                and doc[i + 1].is_lower
                and doc[i + 1].is_alpha
                and doc[i + 1].lower_ not in CONNECTORS
            ):
                i += 2  # "de développement", "de machines agricoles"
                adjectives = 0
            else:
                break
        j = i
        while j < min(len(doc), i + 8) and (is_name_token(doc[j]) or (j > i and doc[j].text in ("&", "-"))):
            j += 1
        if j == i or doc[i].is_sent_start:
            return None
        span = doc[start:j] if doc[start:end].text in self.legal_prefixes else doc[i:j]  # "PT Nusantara Baja"
        if self.gazetteer.lookup(span.text) or span.text.casefold() in self.person_cues:
            return None
        if doc[i - 1].lower_ in ("de", "d'", "d’") and self.gazetteer.lookup(natural_case(doc[i].text)):
            return None  # "la coopérative de Kisumu": a place, not a name
        return _org(span, "company", country)

    # -- the stock NER's spans --------------------------------------------------------------------

    def from_entity(self, doc: Doc, ent: Span) -> dict | None:
        tokens = list(ent)
        while tokens and (
            tokens[0].is_punct or tokens[0].lower_ in FUNCTION_WORDS or not tokens[0].text[0].isalnum()
        ):
            tokens = tokens[1:]
        if not tokens:
            return None
        # A line break ends a name: "... Diaspora\nCommuniqué\nAbidjan" is three lines, not one organisation.
        for n, token in enumerate(tokens):
            if "\n" in token.text or "\n" in token.whitespace_:
                tokens = tokens[: n + 1] if "\n" not in token.text else tokens[:n]
                break
        # "(APS)- Le Sénégal": a dateline's bracket glued to its dash ends the name.
        for n, token in enumerate(tokens[:-1]):
            if len(token.text) > 2 and token.text.endswith((")-", ")–", ")—")):
                tokens = tokens[: n + 1]
                break
        # "la Direction générale de la Coopération et l'Ambassade de Turquie": two bodies, the second
        # found by its own head word.
        for n in range(1, len(tokens) - 2):
            if (
                tokens[n].lower_ == "et"
                and tokens[n + 1].lower_ in DETERMINERS
                and tokens[n + 2].text in self.kind_of_head
            ):
                tokens = tokens[:n]
                break
        # A letterhead line: "RÉPUBLIQUE DU CAMEROUN – Paix-Travail-Patrie – MINISTÈRE DES RELATIONS
        # EXTÉRIEURES", "Diplomatie | ...": the body is the last of its parts.
        parts: list[list] = [[]]
        for token in tokens:
            if (
                token.text in SEPARATORS
                and token.i > 0
                and doc[token.i - 1].whitespace_
                and token.whitespace_
            ):
                parts.append([])
            else:
                parts[-1].append(token)
        tokens = next((part for part in reversed(parts) if part), [])
        while tokens and (tokens[-1].lower_ in CONNECTORS or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens or tokens[0].is_lower or self.in_title(doc, tokens[0].i):
            return None
        span = doc[tokens[0].i : tokens[-1].i + 1]
        text = span.text
        if text.casefold() in self.person_cues or tokens[0].text.casefold() in self.person_cues:
            return None
        if (
            self.gazetteer.lookup(text)
            or self.gazetteer.lookup(" ".join(natural_case(w) for w in text.split(" ")))
            or self.gazetteer.country_of_demonym(text)
        ):
            return None
        if len(span) == 1 and not is_all_caps(span[0]):
            return None
        if ent.label_ == "MISC" and not any(is_all_caps(t) for t in span):
            return None
        if _is_signature(doc, span):
            return None
        kind = self.kind_of_head.get(span[0].text, "other")
        return _org(span, kind, None, source="ner")

    def in_title(self, doc: Doc, start: int, reach: int = 12) -> bool:
        """ "ministre fédéral de l'Économie et de la Protection du climat": a portfolio inside a
        person's title, not an organisation. Walk back over the title's words to its head."""
        i = start - 1
        while i >= max(0, start - reach):
            token = doc[i]
            if token.lower_ in self.portfolio_heads:
                return True
            if token.text == "," and enumerated_complement(doc, i):
                i -= 1
                continue
            if (
                token.is_punct
                or token.is_space
                or not (
                    token.lower_ in CONNECTORS
                    or token.is_title
                    or (token.is_lower and _adjectival(token.text))
                    or self.gazetteer.country_of_demonym(token.text)
                )
            ):
                return False
            i -= 1
        return False


def _adjectival(word: str) -> bool:
    return (
        word.islower()
        and len(word) > 2
        and word.rstrip("sx").endswith(ADJECTIVE_ENDINGS)
        and (word not in NOT_ADJECTIVES)
    )


def _org(span: Span, kind: str, country: str | None, source: str = "cue") -> dict:
    """`source`: "cue" for a name opened by a cue word, "ner" for the stock NER's span."""
    return {
        "start": span.start_char,
        "end": span.end_char,
        "name": span.text,
        "kind": kind,
        "country": country,
        "source": source,
    }


def _is_signature(doc: Doc, span: Span) -> bool:
    """Author initials closing an article ("… l'avenir.\\nIKD", "AIP/kp/kb") are not an organisation."""
    if "/" in span.text:
        return True
    text = doc.text
    if "/" in (text[span.start_char - 1 : span.start_char] + text[span.end_char : span.end_char + 1]):
        return True  # "AIB/SD/RK": one set of initials of a signature line
    rest = doc[span.end : span.end + 3]
    before = doc[span.start - 1] if span.start else None
    return (
        len(span) == 1
        and len(span.text) <= 4
        and span.end + 3 >= len(doc)
        and all(t.is_space or t.is_punct for t in rest)
        and (before is None or before.is_space or "\n" in before.whitespace_ or before.text in ".")
    )
