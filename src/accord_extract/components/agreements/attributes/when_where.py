"""An agreement's date and place: those its words or its signing sentence give, else the day and
city of the meeting the text reports, else the dateline's."""

from __future__ import annotations

import re

from ....resources import role_terms
from ...dates import DATELINE_LABEL
from ..records import Item
from ..tense import on_the_eve
from ..vocabulary import words
from .common import DIRECTIONAL, LOCATIVE, MOVEMENT

ROUTE_LINKS = ("à", "a")
LIST_LINKS = (",", "et")
SPAN_OPENERS = words("span_opener")
VENUE_NAME_WORDS = role_terms("place_context", "venue_name_word")
BYLINE_PLACE = tuple(sorted(words("byline_place")))
LABEL = re.compile(rf"^{DATELINE_LABEL}$")
DATELINE_ENDS = (",", "(", "-", "–", "—")  # what follows a dateline's city


class WhenWhere:
    """Describer methods for when and where."""

    def date(self, span: tuple[int, int]) -> int | None:
        """The date the span gives its signing: a day (a range last, never a bare year or the dateline),
        not one of an earlier year ("les relations établies le 6 novembre 1972"), the nearest to a
        signing word when there are several ("Ouverte mercredi, la session s'est achevée vendredi 25
        juillet par une cérémonie de signature")."""
        ctx = self.ctx
        stated = [
            (n, cand)
            for n, cand in ctx.dates.within(span[0], span[1], end=lambda d: d[1]["end"])
            if cand["label"] not in ("YEAR", "MONTH", "MONTH_YEAR") and not cand.get("header")
        ]
        if ctx.event_year is not None:
            stated = [(n, c) for n, c in stated if not c.get("year") or c["year"] >= ctx.event_year]
        if not stated:
            return None
        t0, t1 = ctx.token_at(span[0]), ctx.token_at(span[1])
        cues = [ctx.idx[s] for s, _ in ctx.cues_in("signing", t0, t1)]

        def rank(nc):
            _, cand = nc
            distance = min((abs(cand["start"] - c) for c in cues), default=0)
            return (cand["label"] == "RANGE", distance, cand["start"])

        return min(stated, key=rank)[0]

    def event_date(self) -> int | None:
        if "date" not in self._defaults:
            ctx, found = self.ctx, None
            main = [k for k in (self.event.count_sent, self.event_sent) if k is not None]
            paragraphs = {ctx.sents[k].paragraph for k in main}
            order = main + [k for k in self.event.signing_sents if ctx.sents[k].paragraph in paragraphs]
            for k in dict.fromkeys(order):
                if found is None and not ctx.sents[k].header:
                    found = self.date((ctx.sents[k].start_char, ctx.sents[k].end_char))
            if found is None:
                found = self.meeting_date()
            dates = ctx.dates.items
            if found is None:
                found = next((n for n, d in dates if d.get("header")), None)
            if found is None:
                found = next((n for n, d in dates if d["label"] not in ("YEAR", "MONTH_YEAR", "MONTH")), None)
            if found is None:
                found = next((n for n, d in dates if d["label"] == "MONTH_YEAR"), None)
            self._defaults["date"] = found
        return self._defaults["date"]

    def meeting_date(self) -> int | None:
        """The day of the meeting or visit the text reports before the signing ("la session s'est tenue le
        mardi 11 mars")."""
        ctx = self.ctx
        last = max([k for k in [self.event_sent, self.event.count_sent] if k is not None], default=-1)
        for k in range(last, -1, -1):
            s = ctx.sents[k]
            if s.header or not ctx.has_cue("meeting", s.start, s.end):
                continue
            found = self.date((s.start_char, s.end_char))
            if found is not None:
                return found
        return None

    def place(
        self, span: tuple[int, int], exclude: tuple[int, int] | None = None, locative_only: bool = False
    ) -> str | None:
        """A city the span names as a location ("à Rome", "au palais présidentiel de Dakar"), not one in a
        name, a provenance ("de retour de"), or the agreement's own subject ("un hôpital à Dodoma")."""
        best = None
        for start, end, name, kind, iso in self.ctx.places.within(span[0], span[1], end=lambda p: p[1]):
            if kind != "city" or self._in_organisation(start, end) or self._capital_as_actor(start, end, iso):
                continue
            if exclude is not None and exclude[0] <= start < exclude[1]:
                continue
            own = self.ctx.token_at(start)
            t = self._enumeration_start(own)
            if (
                t != own
                or self._place_after(end, LIST_LINKS)
                or self._hyphened(start, end)
                or self._names_venue(end)
                or self._second_of_pair(t)
            ):
                continue  # "fixe à Ankara et Tachkent l'objectif", "dans les régions de A, B et C": not one place
            before = self.ctx.lower[t - 1] if t else ""
            earlier = self.ctx.lower[max(0, t - 3) : t]
            if (
                before in DIRECTIONAL
                or self._on_route(t, end)
                or self._stretch_end(t)
                or any(w.startswith(MOVEMENT) for w in earlier)
                or self.ctx.has_cue("seat", t - 5, t)
                or self.other_moment(t)
                or self._ahead(t)
                or self._dated_earlier(start, end)
                or self.ctx.sents[self.ctx.sent_of[min(t, self.ctx.n - 1)]].noise
            ):
                continue  # "de retour de Moscou", "dont le siège est à Gurugram", "au lendemain des
                # entretiens tenus à Pretoria", "la prochaine session se tiendra à Montréal", a
                # "Lire aussi" line: not where it was signed
            if before in LOCATIVE or (before in ("de", "d'", "d’") and self._after_venue(t)):
                return name
            # Not a complement ("les régions de Kolda"), nor the dateline: that one is the event's default.
            if (
                best is None
                and not locative_only
                and before not in ("de", "d'", "d’", "des", "du")
                and not self._opens_dateline(start, end)
            ):
                best = name
        return best

    def _names_venue(self, end: int) -> bool:
        """ "à Hyderabad House", "au Kigali Convention Centre": a city in a venue's name, which may be
        elsewhere."""
        t = self.ctx.token_at(end)
        word = self.ctx.words[t] if t < self.ctx.n and self.ctx.text[end : self.ctx.idx[t]] == " " else ""
        return word[:1].isupper() and word.lower() in VENUE_NAME_WORDS

    def _second_of_pair(self, t: int) -> bool:
        """ "alternativement à Lisbonne et à Marrakech": the second of two cities, each with its own "à"."""
        if t < 3 or self.ctx.lower[t - 1] not in LOCATIVE:
            return False
        previous = self._place_before(t - 1, ("et",))
        return previous is not None and previous[3] == "city"

    def _hyphened(self, start: int, end: int) -> bool:
        """ "la route Safim-Mansoa", "le corridor Douala-N'Djamena": an end of a route's name."""
        text = self.ctx.text
        after, before = text[end : end + 2], text[max(0, start - 2) : start]
        glued_after = len(after) == 2 and after[0] in "-–" and after[1].isupper()
        return glued_after or (len(before) == 2 and before[1] in "-–" and before[0].isalpha())

    def _place_before(self, t: int, links: tuple[str, ...]) -> tuple | None:
        """The place that ends right before token t's link word ("Antsirabe" before "à Fianarantsoa")."""
        ctx = self.ctx
        if t < 2 or ctx.lower[t - 1] not in links:
            return None
        sep = ctx.idx[t - 1]
        previous = [p for p in ctx.places.within(max(0, sep - 60), sep, end=lambda p: p[1]) if p[1] <= sep]
        return previous[-1] if previous and not ctx.text[previous[-1][1] : sep].strip() else None

    def _place_after(self, end: int, links: tuple[str, ...]) -> bool:
        """A place follows the place ending at `end`, after one link word ("relie Antsirabe à ...")."""
        ctx = self.ctx
        t = ctx.token_at(end)
        if t + 1 >= ctx.n or ctx.lower[t] not in links:
            return False
        if ctx.lower[t] == "et" and t + 2 < ctx.n and ctx.lower[t + 1] in LOCATIVE:
            # "à Manille et à New Delhi", not "à Saint-Pétersbourg, en Russie"
            return any(p[3] == "city" for p in ctx.places.within(ctx.idx[t + 2], ctx.idx[t + 2] + 1))
        return bool(ctx.places.within(ctx.idx[t + 1], ctx.idx[t + 1] + 1))

    def _on_route(self, t: int, end: int) -> bool:
        """ "la route qui relie Antsirabe à Fianarantsoa", "de Dakar à Bamako": either end of a route."""
        return self._place_before(t, ROUTE_LINKS) is not None or self._place_after(end, ROUTE_LINKS)

    def _stretch_end(self, t: int, reach: int = 6) -> bool:
        """ "un gazoduc entre Villamontes et X", "le tronçon compris entre X et Asunción": the ends of a
        stretch, not a place where anything was signed."""
        lower = self.ctx.lower
        if t and lower[t - 1] in SPAN_OPENERS:
            return True
        if not t or lower[t - 1] != "et":
            return False
        window = lower[max(0, t - reach) : t - 1]
        return any(w in SPAN_OPENERS for w in window) and "," not in window and "." not in window

    def _enumeration_start(self, t: int) -> int:
        """The first place of an enumeration of places t ends ("les gouvernorats de Kairouan, Siliana et
        Kasserine"): what comes before that one says what they all are."""
        for _ in range(8):
            previous = self._place_before(t, LIST_LINKS)
            if previous is None:
                return t
            t = self.ctx.token_at(previous[0])
        return t

    def event_place(self) -> str | None:
        """Where the event took place: a city the signing sentences name, else the city of the meeting or
        visit the text reports before it ("réunis à Yamoussoukro", "la session s'est tenue à Belgrade"),
        else the dateline's, else the first city of the body."""
        if "place" not in self._defaults:
            ctx, found = self.ctx, None
            main = [k for k in (self.event.count_sent, self.event_sent) if k is not None]
            paragraphs = {ctx.sents[k].paragraph for k in main}
            order = main + [k for k in self.event.signing_sents if ctx.sents[k].paragraph in paragraphs]
            for k in dict.fromkeys(order):
                s = ctx.sents[k]
                if not s.header and found is None and not on_the_eve(ctx, s.start):  # "La veille, à X"
                    found = self.place((s.start_char, s.end_char), locative_only=True)
            found = found or self._where_relative(order) or self._ceremony_place()
            found = found or self.meeting_place() or self.dateline_place()
            found = found or next(
                (
                    name
                    for start, _, name, kind, _ in ctx.places.items
                    if kind == "city" and not self._in_header(start)
                ),
                None,
            )
            self._defaults["place"] = found
        return self._defaults["place"]

    def _where_relative(self, order: list[int]) -> str | None:
        """ "De retour de Rabat, où il a signé mardi un accord": the city a "où" clause of signing is about."""
        ctx = self.ctx
        for k in order:
            s = ctx.sents[k]
            for _, end, name, kind, _iso in ctx.places.within(s.start_char, s.end_char, end=lambda p: p[1]):
                after = ctx.token_at(end)
                words = ctx.lower[after : after + 2]
                if kind == "city" and "où" in words and ctx.has_cue("signing", after, min(s.end, after + 6)):
                    return name
        return None

    def _ceremony_place(self) -> str | None:
        """ "Ils ont signé mercredi un accord. La cérémonie s'est déroulée à Bamako, au siège ...": the
        sentence right after the signing one places it when that one does not."""
        ctx = self.ctx
        if self.event_sent is None or self.event_sent + 1 >= len(ctx.sents):
            return None
        s = ctx.sents[self.event_sent + 1]
        words = ctx.lower[s.start : s.end]
        if s.header or "cérémonie" not in words or not ctx.has_cue("meeting", s.start, s.end):
            return None
        return self.place((s.start_char, s.end_char), locative_only=True)

    def _dated_earlier(self, start: int, end: int, reach: int = 24) -> bool:
        """A date of an earlier year right after the place: "le précédent sommet, tenu à Praia en juillet
        2023" is another meeting than the signing."""
        ctx = self.ctx
        if ctx.event_year is None:
            return False
        for _, cand in ctx.dates.within(end, end + reach):
            gap = ctx.text[end : cand["start"]]
            if "," in gap or ";" in gap:
                break
            return bool(cand.get("year")) and cand["year"] < ctx.event_year
        # or right before it: "le précédent sommet s'était tenu en octobre 2022 à Nicosie"
        before = [c for _, c in ctx.dates.within(max(0, start - reach), start) if c["end"] <= start]
        if before:
            cand = before[-1]
            gap = ctx.text[cand["end"] : start]
            return len(gap.split()) <= 2 and bool(cand.get("year")) and cand["year"] < ctx.event_year
        return False

    def _ahead(self, t: int, reach: int = 6) -> bool:
        """A future cue just before, unbroken by a comma: "la prochaine session se tiendra à Montréal"."""
        ctx = self.ctx
        for _start, end in ctx.cues_in("future", max(0, t - reach), t):
            if not any(ctx.words[k] in (",", ";", ":", ".") for k in range(end, t)):
                return True
        return False

    def other_moment(self, t: int, reach: int = 14) -> bool:
        """Token t is in a phrase about another moment than the signing ("au lendemain des entretiens tenus
        à Pretoria entre A et B", "après avoir visité Kara"), unbroken by a comma since."""
        ctx = self.ctx
        for _start, end in ctx.cues_in("other_moment", max(0, t - reach), t):
            if not any(ctx.words[k] in (",", ";", ":", ".") for k in range(end, t)):
                return True
        return False

    def _after_venue(self, t: int) -> bool:
        """ "au palais présidentiel de Dar es Salaam": a city that locates a venue."""
        return any("venue" in (self.ctx.cue_at.get(k) or {}) for k in range(max(0, t - 5), t))

    def meeting_place(self) -> str | None:
        """The city of a visit or a meeting, named with "à" in a sentence up to the first signing one."""
        ctx = self.ctx
        main = [k for k in [self.event_sent, self.event.count_sent] if k is not None]
        first, last = min(main, default=len(ctx.sents) - 1), max(main, default=len(ctx.sents) - 1)
        # the meeting before the first signing sentence first: a summing-up count ("Au total, quatre textes
        # ont été signés en deux jours") may follow another day's meeting
        for k in [*range(first, -1, -1), *range(last, first, -1)]:
            s = ctx.sents[k]
            if not ctx.has_cue("meeting", s.start, s.end):
                continue
            found = self.place((s.start_char, s.end_char), locative_only=True)
            if found:
                return found
        return None

    def _in_header(self, char: int) -> bool:
        k = self.ctx.sent_of[min(self.ctx.token_at(char), self.ctx.n - 1)]
        return self.ctx.sents[k].header

    def _opens_dateline(self, start: int, end: int) -> bool:
        text = self.ctx.text
        label = text[text.rfind("\n", 0, start) + 1 : start]
        opens_line = label.strip(" +*-–") == "" or LABEL.match(label)
        return bool(opens_line) and text[end : end + 2].lstrip()[:1] in DATELINE_ENDS

    def dateline_place(self) -> str | None:
        """ "Dakar, 12 mars (APS) –", "NIAMEY (ANP) -": the city that opens a dispatch, or the one its
        byline sends the reporter to."""
        ctx = self.ctx
        for start, end, name, kind, _ in ctx.places.items:
            if start > 400:
                break
            if kind != "city":
                continue
            if self._opens_dateline(start, end):
                return name
            label = ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start]
            if label.lower().rstrip().endswith(BYLINE_PLACE):
                return name  # "Par X, envoyée spéciale à New Delhi", "+++De notre correspondant à Dakar"
        return None

    def signing_moment(self, item: Item) -> tuple[int, int] | None:
        """The signing sentence that introduces the agreement's list, the nearest before it: an article
        may report two signings ("Lundi à Brasília ..."; "Le lendemain, à São Paulo, quatre autres
        textes ont été signés. Il s'agit de ..."), each with its own day and place."""
        ctx = self.ctx
        signing = self._signing_set
        listed = self.listed
        for k in range(item.mention.sent - 1, max(-1, item.mention.sent - 12), -1):
            if k in signing and k not in listed and not ctx.sents[k].header:
                s = ctx.sents[k]
                if self.date((s.start_char, s.end_char)) is not None or self.place(
                    (s.start_char, s.end_char), locative_only=True
                ):
                    return s.start_char, s.end_char
        return self._scene(item)

    def _scene(self, item: Item) -> tuple[int, int] | None:
        """A paragraph that opens on a meeting in a city sets the scene of the signing it then reports
        ("Le lendemain, c'est à Sfax que le forum a réuni 400 chefs d'entreprise. Point d'orgue de la
        journée : la signature d'un mémorandum ..."): the nearest such sentence before it, in its own
        paragraph when that is not the event's."""
        ctx, k0 = self.ctx, item.mention.sent
        paragraph = ctx.sents[k0].paragraph
        if self.event_sent is None or ctx.sents[self.event_sent].paragraph == paragraph:
            return None
        for k in range(k0 - 1, max(-1, k0 - 8), -1):
            s = ctx.sents[k]
            if s.paragraph != paragraph or s.header:
                break
            span = (s.start_char, s.end_char)
            if ctx.has_cue("meeting", s.start, s.end) and self.place(span, locative_only=True):
                return span
        return None
