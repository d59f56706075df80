"""Organisations: NER ORG spans cleaned up, cue-headed names, acronyms linked to expansions."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..places import gazetteer
from ..resources import lexicon
from ._common import (
    FUNCTION_WORDS,
    doc_text,
    is_all_caps,
    is_capitalised,
    is_name_token,
    natural_case,
    overlaps,
    phrase_matcher,
    register_extensions,
)

ACRONYM = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,11}$")
# Words that may join the parts of a name: "Ministère de l'Économie et des Finances".
CONNECTORS = frozenset({"de", "du", "des", "la", "l'", "l’", "d'", "d’", "et"})
DETERMINERS = frozenset({"le", "la", "les", "l'", "l’"})
# Adjective endings: lowercase words after a head that still belong to the name ("Commission mixte").
ADJECTIVE_ENDINGS = (
    "al",
    "ale",
    "aux",
    "ales",
    "ique",
    "iques",
    "aire",
    "aires",
    "ien",
    "ienne",
    "iens",
    "iennes",
    "ais",
    "aise",
    "ain",
    "aine",
    "el",
    "elle",
    "if",
    "ive",
    "é",
    "ée",
    "és",
    "ées",
    "ant",
    "ante",
    "te",
    "or",
    "eur",
    "euse",
    "e",
    "o",
)


@Language.factory(
    "accord_organizations",
    assigns=["doc._.accord_organizations"],
    requires=["doc.ents", "doc._.accord_places"],
    default_config={"max_lowercase_modifiers": 4},
)
def make_organization_finder(nlp: Language, name: str, max_lowercase_modifiers: int) -> OrganizationFinder:
    return OrganizationFinder(nlp, max_lowercase_modifiers)


class OrganizationFinder:
    """Writes `doc._.accord_organizations`: dicts with start, end, name, kind, country, acronym."""

    def __init__(self, nlp: Language, max_lowercase_modifiers: int = 4) -> None:
        register_extensions()
        self.max_modifiers = max_lowercase_modifiers
        self.kind_of_head: dict[str, str] = {}
        for row in lexicon("organization_cues"):
            for head in row["heads"]:
                self.kind_of_head.setdefault(head, row["kind"])
        self.heads = phrase_matcher(
            nlp,
            {
                kind: [h for h, k in self.kind_of_head.items() if k == kind]
                for kind in set(self.kind_of_head.values())
            },
        )
        cues = [t for row in lexicon("person_cues") for t in row["terms"]]
        self.person_cues = {c.casefold() for c in cues}
        self.gazetteer = gazetteer()
        context = {row["role"]: frozenset(row["terms"]) for row in lexicon("organization_context")}
        # "ministre de l'Économie": the portfolio named after these words is not an organisation.
        self.portfolio_heads = context["portfolio_head"]
        # "la société d'État russe X": words between a company head and its name.
        self.state_words = context["state_word"]

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[dict] = []
        for match_id, start, end in self.heads(doc):
            org = self._from_head(doc, start, end, doc.vocab.strings[match_id])
            if org:
                candidates.append(org)
        for ent in doc.ents:
            if ent.label_ in ("ORG", "MISC"):
                org = self._from_entity(doc, ent)
                if org:
                    candidates.append(org)
        orgs = _resolve_overlaps(candidates)
        orgs = self._link_acronyms(doc, orgs)
        doc._.accord_organizations = orgs
        return doc

    # -- candidates -----------------------------------------------------------

    def _from_head(self, doc: Doc, start: int, end: int, kind: str) -> dict | None:
        """ "société d'État russe X", "Commission mixte ...", "ministère de l'Énergie"."""
        head = doc[start:end]
        country = None
        i = end
        # Company heads name the company after state words and demonyms: société d'État chinoise SINOHYDRO.
        if kind == "company":
            while i < len(doc) and (
                doc[i].text in self.state_words
                or doc[i].lower_ in ("d'", "d’", "État".lower())
                or self.gazetteer.country_of_demonym(doc[i].text)
            ):
                country = country or self.gazetteer.country_of_demonym(doc[i].text)
                i += 1
            if (
                i < len(doc)
                and doc[i].text in ("d'", "d’")
                and i + 1 < len(doc)
                and doc[i + 1].text == "État"
            ):
                i += 2
            j = i
            while j < len(doc) and (is_name_token(doc[j]) or (j > i and doc[j].text in ("&", "-"))):
                j += 1
            if j == i:
                return None
            span = doc[i:j]
            if self.gazetteer.lookup(span.text) or span.text.casefold() in self.person_cues:
                return None
            return _org(span, "company", country)
        # Other heads: the head plus adjectives plus "de/du/des ... Capitalised" complements.
        j, modifiers = end, 0
        has_proper = head.text[0].isupper()
        while j < len(doc):
            token = doc[j]
            if (
                token.text == "-"
                and j + 1 < len(doc)
                and not doc[j - 1].whitespace_
                and not token.whitespace_
            ):
                j += 2  # "sénégalo-mauritanienne", "France-Inde"
                continue
            if token.text == "," and _enumerated_complement(doc, j):
                j += 1  # "ministère du Territoire, des Infrastructures et des Transports"
                continue
            if token.is_punct or token.is_space:
                break
            if token.lower_ in CONNECTORS:
                k = j
                while k < len(doc) and doc[k].lower_ in CONNECTORS:
                    k += 1
                run = [t.lower_ for t in doc[j:k]]
                after_et = run[run.index("et") + 1 :] if "et" in run else []
                crosses_to_another = (
                    bool(after_et) and after_et[0] in DETERMINERS
                )  # "... et le Gouvernement ..."
                if (
                    k < len(doc)
                    and is_capitalised(doc[k])
                    and not doc[k].is_sent_start
                    and not crosses_to_another
                ):
                    j = k
                    continue
                break
            if is_capitalised(token):
                has_proper = True
                j += 1
                continue
            if (
                token.is_alpha
                and modifiers < self.max_modifiers
                and j == end + modifiers
                and _adjectival(token.text)
            ):
                modifiers += 1
                j += 1
                continue
            break
        j = _up_to_acronym(doc, j)
        while j > end and doc[j - 1].lower_ in CONNECTORS:
            j -= 1
        country = None
        # "ministère des Transports du Pérou": the country is an attribute, not part of the name.
        tail = _country_tail(doc, end, j, self.gazetteer)
        if tail is not None:
            j, country = tail
        span = doc[start:j]
        if not has_proper or len(span) < 2 or self._in_title(doc, start):
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

    def _from_entity(self, doc: Doc, ent: Span) -> dict | None:
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
        while tokens and (tokens[-1].lower_ in CONNECTORS or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens or tokens[0].is_lower or self._in_title(doc, tokens[0].i):
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
        kind = "other"
        first = span[0].text
        if first in self.kind_of_head:
            kind = self.kind_of_head[first]
        return _org(span, kind, None)

    def _in_title(self, doc: Doc, start: int, reach: int = 12) -> bool:
        """ "ministre fédéral de l'Économie et de la Protection du climat": a portfolio inside a
        person's title, not an organisation. Walk back over the title's words to its head."""
        i = start - 1
        while i >= max(0, start - reach):
            token = doc[i]
            if token.lower_ in self.portfolio_heads:
                return True
            if token.text == "," and _enumerated_complement(doc, i):
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

    # -- acronyms ---------------------------------------------------------------

    def _link_acronyms(self, doc: Doc, orgs: list[dict]) -> list[dict]:
        """ "Expansion (ACR)" defines ACR; later bare ACR tokens are mentions of the same organisation."""
        by_acronym: dict[str, dict] = {}
        for org in orgs:
            end_tok = _token_at(doc, org["end"])
            if end_tok is not None and end_tok + 2 < len(doc) and doc[end_tok].text == "(":
                acronym = doc[end_tok + 1]
                if ACRONYM.match(acronym.text) and doc[end_tok + 2].text == ")":
                    org["acronym"] = acronym.text
                    by_acronym[acronym.text] = org
        # An acronym in parentheses after a capitalised phrase nobody claimed.
        result = []
        for org in orgs:
            if org["name"] in by_acronym and by_acronym[org["name"]] is not org:
                target = by_acronym[org["name"]]
                target.setdefault("extra_mentions", []).append([org["start"], org["end"]])
                continue
            result.append(org)
        seen = {(o["start"], o["end"]) for o in result} | {
            tuple(m) for o in result for m in o.get("extra_mentions", [])
        }
        for token in doc:
            if token.text in by_acronym:
                target = by_acronym[token.text]
                key = (token.idx, token.idx + len(token.text))
                if key not in seen and not any(overlaps(key, (o["start"], o["end"])) for o in result):
                    target.setdefault("extra_mentions", []).append(list(key))
                    seen.add(key)
        return result


def _enumerated_complement(doc: Doc, comma: int) -> bool:
    """A comma inside a name's list of complements: ", des Infrastructures", ", de la Coopération"."""
    k = comma + 1
    while k < len(doc) and k - comma <= 3 and doc[k].lower_ in CONNECTORS:
        k += 1
    return (
        k > comma + 1
        and doc[comma + 1].lower_ in ("de", "du", "des", "d'", "d’")
        and k < len(doc)
        and doc[k].is_title
    )


def _up_to_acronym(doc: Doc, j: int, reach: int = 10) -> int:
    """ "Organisation indienne de recherche spatiale (ISRO)": an acronym in parentheses closes the name,
    lowercase words included."""
    for k in range(j, min(len(doc) - 2, j + reach)):
        token = doc[k]
        if token.text == "(" and ACRONYM.match(doc[k + 1].text) and doc[k + 2].text == ")":
            return k
        if (
            token.is_punct
            or token.is_space
            or token.lower_ in ("qui", "a", "ont", "est", "sont", "et", "avec")
        ):
            return j
    return j


def _country_tail(doc: Doc, head_end: int, j: int, gazetteer) -> tuple[int, str] | None:
    """(new end, ISO3) when the name ends with "du Pérou", "de la République de Guinée", "de Corée"."""
    for k in range(head_end + 1, j):
        if doc[k - 1].lower_ not in ("de", "du", "des", "d'", "d’", "la", "l'", "l’"):
            continue
        place = gazetteer.lookup(doc[k:j].text)
        if place is not None and place.kind == "country":
            start = k - 1
            while start > head_end and doc[start - 1].lower_ in CONNECTORS:
                start -= 1
            return start, place.country
    return None


NOT_ADJECTIVES = frozenset(
    {"qui", "que", "dont", "est", "sont", "ont", "doit", "entre", "avec", "contre", "comme", "une", "cette"}
)


def _adjectival(word: str) -> bool:
    return (
        word.islower()
        and len(word) > 2
        and word.rstrip("sx").endswith(ADJECTIVE_ENDINGS)
        and (word not in NOT_ADJECTIVES)
    )


def _org(span: Span, kind: str, country: str | None) -> dict:
    return {
        "start": span.start_char,
        "end": span.end_char,
        "name": span.text,
        "kind": kind,
        "country": country,
    }


def _token_at(doc: Doc, char: int) -> int | None:
    """The first non-space token starting at or after `char`."""
    span = doc.char_span(char, len(doc_text(doc)), alignment_mode="expand")
    if span is None:
        return None
    return next((t.i for t in span if not t.is_space), None)


def _is_signature(doc: Doc, span: Span) -> bool:
    """Author initials closing an article ("… l'avenir.\\nIKD") are not an organisation."""
    rest = doc[span.end :]
    before = doc[span.start - 1] if span.start else None
    return (
        len(span) == 1
        and len(span.text) <= 4
        and all(t.is_space or t.is_punct for t in rest)
        and (before is None or before.is_space or "\n" in before.whitespace_ or before.text in ".")
    )


def _resolve_overlaps(candidates: list[dict]) -> list[dict]:
    """Longest span wins; cue-headed spans win ties over NER spans (they come first)."""
    chosen: list[dict] = []
    for org in sorted(candidates, key=lambda o: (-(o["end"] - o["start"]), o["start"])):
        if not any(overlaps((org["start"], org["end"]), (c["start"], c["end"])) for c in chosen):
            chosen.append(org)
    return sorted(chosen, key=lambda o: o["start"])
