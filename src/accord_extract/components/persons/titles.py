"""A person's titles, honorifics and ranks: the cues and complements in the zone right before the name,
and an apposition after it ("Prénom Nom, ministre des Affaires étrangères, ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .._common import FUNCTION_WORDS, is_all_caps
from .candidates import DETERMINERS

NOT_TITLES = frozenset({"homologue"})
# Words that end a title's zone even when lowercase complements continue it.
NOT_COMPLEMENTS = frozenset(
    {"avec", "dans", "pour", "sous", "vers", "chez", "lors", "après", "avant", "entre", "selon"}
)


class TitleReader:
    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def read(self, doc: Doc, name: Span, cue_at: dict[int, Span], sent_start: int):
        titles, honorifics, ranks = [], [], []
        country = None
        i = name.start - 1
        zone_start = name.start
        limit = max(sent_start, name.start - 40)
        while i >= limit:
            token = doc[i]
            if i in cue_at:
                i = cue_at[i].start - 1
                zone_start = i + 1
                continue
            if (
                token.text in DETERMINERS
                or token.text == ","
                or token.lower_ in FUNCTION_WORDS
                or (
                    token.is_alpha
                    and (
                        token.is_title or is_all_caps(token) or self.gazetteer.country_of_demonym(token.text)
                    )
                )
                or (token.is_lower and token.is_alpha and _complement_word(token))
            ):
                i -= 1
                continue
            break
        # Only a zone that contains a cue counts.
        j = zone_start
        while j < name.start:
            if j in cue_at:
                cue = cue_at[j]
                if cue.label_ == "honorific":
                    honorifics.append(cue.text)
                    j = cue.end
                elif cue.label_ == "rank":
                    ranks.append(cue.text)
                    j = cue.end
                else:
                    k = cue.end
                    while k < name.start and k not in cue_at and doc[k].text != ",":
                        k += 1
                    while k > cue.end and (
                        doc[k - 1].text in DETERMINERS or doc[k - 1].lower_ in FUNCTION_WORDS
                    ):
                        k -= 1
                    phrase = doc[cue.start : k]
                    country = country or self.country_in(phrase)
                    if cue.text.lower() not in NOT_TITLES:
                        titles.append(phrase.text)
                    j = max(k, cue.end)
            else:
                j += 1
        # Apposition: "Prénom Nom, ministre des Affaires étrangères, ..."
        k = name.end
        if k + 1 < len(doc) and doc[k].text == "," and (k + 1) in cue_at and cue_at[k + 1].label_ == "title":
            cue = cue_at[k + 1]
            m = cue.end
            while (
                m < len(doc)
                and not doc[m].is_punct
                and not doc[m].is_sent_start
                and m - cue.end < 10
                and (
                    doc[m].lower_ in FUNCTION_WORDS
                    or doc[m].text in DETERMINERS
                    or doc[m].is_title
                    or is_all_caps(doc[m])
                    or _complement_word(doc[m])
                    or self.gazetteer.country_of_demonym(doc[m].text)
                )
            ):
                m += 1
            phrase = doc[cue.start : m]
            country = country or self.country_in(phrase)
            titles.append(phrase.text)
        return titles, honorifics, ranks, country

    def country_in(self, phrase: Span) -> str | None:
        words = [t.text for t in phrase]
        for t in range(len(words)):
            iso = self.gazetteer.demonym_at(words, t)
            if iso:
                return iso
        for start in range(len(phrase)):
            for end in range(min(len(phrase), start + 6), start, -1):
                place = self.gazetteer.lookup(phrase[start:end].text)
                if place and place.kind == "country":
                    return place.country
        return None


def _complement_word(token: Token) -> bool:
    """Lowercase words inside a function title: "étrangères", "délégué", "malienne"."""
    return (
        token.is_alpha
        and token.is_lower
        and len(token.text) > 3
        and token.text not in NOT_COMPLEMENTS
        and not token.text.endswith(("é", "ée", "és", "ées"))
    ) or token.text in {"délégué", "déléguée", "chargé", "chargée"}
