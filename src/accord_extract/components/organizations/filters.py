"""What looks like an organisation and is not: instrument titles ("Accord-cadre de coopération"),
offices ("Garde des Sceaux"), venues ("salle de conférence Abay"), honorifics, and fragments of an
ALL-CAPS headline or of a communiqué's header lines ("SIX ACCORDS", "COMMUNIQUÉ DE PRESSE").
The words are data: `not_organizations` and `instruments` lexicons.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from ...resources import lexicon
from .._common import doc_text, header_line

HEADER_CHARS = 900
BREADCRUMB_MARKS = (" > ", " › ", " » ", " | ", " / ")
ACRONYM_DEFINITION = re.compile(r"\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,11})\)")
COMMON_ENDINGS = ("er", "ir", "tion", "sion", "ment", "eur", "age", "ique", "isme", "ance", "ence", "ité")


class NotOrganizations:
    def __init__(self, nlp: Language, kind_of_head: dict[str, str], gazetteer=None) -> None:
        self.gazetteer = gazetteer
        rows = {row["role"]: row["terms"] for row in lexicon("not_organizations")}
        self.names = {t.casefold() for t in rows.get("name", [])}
        self.openings = tuple(sorted({t.casefold() for t in rows.get("opening", [])}, key=len, reverse=True))
        self.venues = frozenset(t.casefold() for t in rows.get("venue", []))
        instruments = [
            t for row in lexicon("instruments") if row.get("strength") != "carrier" for t in row["terms"]
        ]
        self.instruments = tuple(sorted({t.casefold() for t in instruments}, key=len, reverse=True))
        self.thing_heads = frozenset(t.casefold() for t in rows.get("thing_head", []))
        self.portfolio_words = frozenset(t.casefold() for t in rows.get("portfolio_word", []))
        self.heads = frozenset(h.casefold() for h in kind_of_head)
        self.vocab = nlp.vocab  # word vectors tell a shouted word from an acronym

    def __call__(self, doc: Doc, found: list[dict]) -> list[dict]:
        text = doc_text(doc)
        header_end = _header_end(text)
        acronyms = self.instrument_acronyms(text)
        body = frozenset(text[header_end:].split())
        kept = [org for org in found if not self.rejected(doc, text, org, header_end, acronyms, body)]
        for org in kept:
            _trim(org)
        return [org for org in kept if org["name"]]

    def instrument_acronyms(self, text: str) -> frozenset[str]:
        """Acronyms defined right after an instrument's name, with nothing capitalised between:
        "Traité d'amitié et de coopération (TAC)", "accord de partenariat économique (APE)"; and after
        the name of a thing that is not a body: "le gisement gazier Grand Tortue Ahmeyim (GTA)", "le
        Programme d'appui à la transformation de l'anacarde (PATA)"."""
        out = set()
        for match in ACRONYM_DEFINITION.finditer(text):
            before = text[max(0, match.start() - 80) : match.start()]
            folded = before.casefold()
            at = max((folded.rfind(t) for t in self.instruments), default=-1)
            instrument = at != -1 and all(not w[:1].isupper() for w in before[at:].split()[1:])
            if instrument or self._names_a_thing(before.split()[-8:]):
                out.add(match.group(1))
        return frozenset(out)

    def _names_a_thing(self, words: list[str]) -> bool:
        """The words before "(ACR)" open on a thing's head: "gisement gazier ...", "Programme d'appui ..."
        (a programme "des Nations unies" or "alimentaire mondial" is a body)."""
        for n, word in enumerate(words):
            head = word.casefold().strip('«»"(')
            if head not in self.thing_heads:
                continue
            rest = " ".join(words[n:]).casefold()
            if head.startswith("programme"):
                return _generic_programme(rest)
            return n == 0 or words[n - 1].casefold() in (
                "le",
                "la",
                "les",
                "du",
                "de",
                "des",
                "au",
                "l'",
                "d'",
            )
        return False

    def rejected(
        self,
        doc: Doc,
        text: str,
        org: dict,
        header_end: int,
        instrument_acronyms=frozenset(),
        body_words=frozenset(),
    ) -> bool:
        name = org["name"]
        folded = name.casefold()
        if any(mark in name for mark in BREADCRUMB_MARKS):
            return True  # "Économie › Maghreb", "WhatsApp | 14 commentaires": page furniture
        if org["start"] < header_end and name.isupper() and " " not in name and name not in body_words:
            return True  # a word of an ALL-CAPS headline ("VISITE", "SOMMET") the body never repeats
        if name.isupper() and " " not in name and _only_in_shouted_lines(text, name):
            return True  # a word of an ALL-CAPS subheading in the body ("VISITE D'UNE ZONE INDUSTRIELLE")
        if folded in self.names or folded.startswith(self.openings):
            return True
        if _starts_with_term(folded, self.instruments):
            return True  # "Accord de Coopération Culturelle", "Programme exécutif", "Traité d'amitié"
        if folded.startswith("programme ") and _generic_programme(folded):
            return True  # "Programme d'appui à la réforme": a programme, not the body that runs it
        if (org["start"] < header_end or org.get("kind") == "forum") and name[:1].islower():
            return True  # "sommet du TAC", "forum économique": an event, named by what it is of
        if (
            "-" in name
            and " " not in name
            and any(
                self.gazetteer.lookup(part) or self.gazetteer.lookup(part.title()) for part in name.split("-")
            )
        ):
            return True  # "BOAD-Togo", "ABIDJAN-OUAGADOUGOU": two names joined, a place among them
        words = name.split()
        if (
            folded.startswith("gouvernement ")
            and len(words) == 2
            and self.gazetteer.country_of_demonym(words[-1])
        ):
            return True  # "Gouvernement tchadien": a generic reference to a state
        if name in instrument_acronyms:
            return True  # "(APE)" after "accord de partenariat économique": the instrument's acronym
        words = name.split()
        shouted = [w for w in words if any(c.isalpha() for c in w)]
        # An ALL-CAPS phrase: a headline or header line, unless a cue word opens a body's name.
        if (
            len(shouted) >= 2
            and all(w.isupper() for w in shouted)
            and (org["start"] < header_end or shouted[0].casefold() not in self.heads)
        ):
            return True
        if len(shouted) == 1 and name.isupper() and len(name) >= 4 and self._common_word(name):
            return True  # "RELANCER", "SIGNÉS": a shouted word, not an acronym
        if self._portfolio(text, org, words):
            return True
        return self._after_venue(text, org["start"])

    def _portfolio(self, text: str, org: dict, words: list[str]) -> bool:
        """ "ministres de l'Eau et de l'Énergie des deux pays", "de l'Éducation, des Sports et de la Jeunesse
        de Chypre", "en matière de Sécurité transfrontalière", "Économie & Finances": a portfolio or a
        topic the stock NER read as a body."""
        if (
            org.get("source") != "ner"
            or not words
            or words[0].casefold().strip(",") not in self.portfolio_words
        ):
            return False
        if "," in org["name"] or "&" in org["name"]:
            return True
        before = text[max(0, org["start"] - 16) : org["start"]].casefold().split()
        return bool(before) and (
            before[-1] in ("de", "du", "des", "d'", "d’", "la", "l'", "l’", "à", "et")
            or before[-1].endswith(("'", "’"))
        )

    def _common_word(self, word: str) -> bool:
        """A word of the language written in capitals, not an acronym: acronyms carry no accents and
        rarely end like French verbs and nouns ("RELANCER", "MIGRATION", "SIGNÉS")."""
        lower = word.lower()
        if any(c in "éèêàâîôûùç" for c in lower):
            return True
        return len(lower) >= 6 and lower.endswith(COMMON_ENDINGS) and self.vocab.has_vector(lower)

    def _after_venue(self, text: str, start: int) -> bool:
        """ "la salle de conférence Abay", "le salon d'honneur": a room, not an organisation."""
        before = text[max(0, start - 25) : start].casefold().split()
        return len(before) >= 2 and before[-1] in ("de", "d'", "du") and before[-2] in self.venues


TRAILING_MARKS = frozenset(")-–—,;:. ")


def _trim(org: dict) -> None:
    """ "AIP)-" closing a dateline, "Sénélec," before a list: the marks after a name, its end kept in step;
    a bracket the name opened ("Banque (BAD)") stays."""
    name = org["name"]
    while name and name[-1] in TRAILING_MARKS and (name[-1] != ")" or name.count(")") > name.count("(")):
        name = name[:-1]
    org["end"] -= len(org["name"]) - len(name)
    org["name"] = name


def _only_in_shouted_lines(text: str, word: str) -> bool:
    """Every occurrence of the word is in a line of three or more words all in capitals."""
    found = False
    for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
        lo, hi = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = [w for w in text[lo : hi if hi != -1 else len(text)].split() if any(c.isalpha() for c in w)]
        if len(line) < 3 or not all(w.isupper() for w in line):
            return False
        found = True
    return found


def resolve_overlaps(candidates: list[dict]) -> list[dict]:
    """Longest span wins; cue-headed spans win ties over NER spans (they come first). A sweep over the
    chosen spans sorted by start keeps this linear-logarithmic."""
    chosen_starts: list[int] = []
    chosen: list[dict] = []
    for org in sorted(candidates, key=lambda o: (-(o["end"] - o["start"]), o["start"])):
        k = bisect_left(chosen_starts, org["start"])
        clash = (k < len(chosen) and chosen[k]["start"] < org["end"]) or (
            k and chosen[k - 1]["end"] > org["start"]
        )
        if clash:
            continue
        chosen_starts.insert(k, org["start"])
        chosen.insert(k, org)
    return chosen


def _starts_with_term(folded: str, terms: tuple[str, ...]) -> bool:
    return any(folded == t or folded.startswith(t + " ") or folded.startswith(t + "-") for t in terms)


def _generic_programme(folded: str) -> bool:
    rest = folded.split(" ", 1)[1]
    return rest.startswith(("d'", "d’", "de ")) and not rest.startswith(("des nations", "de l'onu"))


def _header_end(text: str) -> int:
    """The end of the leading lines without a full stop: titles and communiqué headers."""
    pos = 0
    end = 0
    while pos < min(len(text), HEADER_CHARS):
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        line = text[pos:line_end].strip()
        if line:
            if not header_line(line):
                break
            end = line_end
        pos = line_end + 1
    return end
