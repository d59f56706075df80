"""One agreement's parties, signatories, date, place and sectors: its own words first, then the event's.

Its own words are the segment of its sentence from its mention to the next
agreement's ("l'accord sur l'eau, signé par A et B ; le protocole sur la santé,
par C et D"), the later mentions that refer to it ("Le premier a été paraphé
par ..."), and the sentences that describe it. What they do not say comes from
the event: the sentence that reports the signing, a later "Les textes ont été
signés par ...", the dateline.
"""

from __future__ import annotations

import re
from collections import Counter

from .._common import Intervals
from .context import Context
from .records import Event, Item
from .vocabulary import words

PARTY_KINDS = frozenset({"company", "international_organization", "government", "other"})
SPEECH_VERBS = words("speech_verb")
WITNESS_VERBS = tuple(sorted(words("witness_verb")))
AGENT_MARKS = frozenset({"par", "côté", "pour", "au nom"})
# After a list's last agreement, a comma then these words goes on about it ("..., signé par", ", qui").
OWN_CLAUSE_STARTS = words("own_clause_start")
NEW_SUBJECT = re.compile(r",\s*(le|la|les|l['’]|un|une|m\.|mme|mm\.|son|sa|ses|leurs?|ces|cette|ce)\s")
LOCATIVE = words("locative")
DIRECTIONAL = words("directional")
MOVEMENT = tuple(sorted(words("movement")))


class Describer:
    """Attributes of the agreements of one document, with the event's defaults computed once."""

    def __init__(
        self, ctx: Context, items: list[Item], event: Event, gazetteer, witness_cues, mentions=()
    ) -> None:
        self.mentions = list(mentions)
        self.ctx, self.items, self.event = ctx, items, event
        self.gazetteer = gazetteer
        self.witness_cues = tuple(witness_cues)
        self.event_sent = next((k for k in event.signing_sents if not ctx.sents[k].header), None)
        if self.event_sent is None and items:
            self.event_sent = items[0].mention.sent
        self._defaults: dict[str, object] = {}
        self._signing_set = set(event.signing_sents)

    # -- the record ------------------------------------------------------------------------------

    def describe(self, i: int, max_title: int) -> dict:
        ctx, item = self.ctx, self.items[i]
        seg = self.segment(i)
        head = self.sentence_head(i)
        title_span = (
            ctx.idx[item.mention.start],
            ctx.char_end(max(item.mention.title_end, item.mention.end)),
        )
        if item.domain is not None:
            title_span = (ctx.idx[item.domain[0]], ctx.char_end(item.domain[1]))
        sentence = ctx.sents[item.mention.sent]
        whole = (sentence.start_char, sentence.end_char)
        refs = [self._ref_segment(m) for m in item.refs]
        described = self.description(i)
        parties = self.parties(seg) or next((p for r in refs if (p := self.parties(r))), [])
        if not parties:
            parties = self.parties(whole, states_only=True)
        if len([p for p in parties if p["type"] == "place"]) < 1 or len(parties) < 2:
            parties += [p for p in self.event_parties() if p["name"] not in {q["name"] for q in parties}]
            parties = _one_per_country(parties)[: max(2, len(parties))]
        signing_sents = [d for d in described if ctx.has_cue("signing", *self._tokens(d))]
        specific = [self._ref_segment(m) for m in item.refs if _specific(m)]
        signatories = (
            self.agents(seg)
            or self.same_as_before(i, seg)
            or self.shared_with_next(i)
            or _union(self.agents(r) for r in specific)
            or (self.agents(whole) if item.own_sentence else self.agents(head) if head else [])
            or ([] if item.own_sentence else self.shared_agents(i, whole))
            or next((a for d in signing_sents if (a := self.agents(d))), [])
            or self.event_agents()
            or next((a for r in refs if (a := self.agents(r))), [])
        )
        if item.domain is not None and not signatories:
            signatories = self.agents(whole)
        date_ref = self.date(seg)
        for span in [*refs, *([whole] if item.own_sentence else [head] if head else [])]:
            if date_ref is None:
                date_ref = self.date(span)
        moment = self.signing_moment(item)
        if date_ref is None and moment is not None:
            date_ref = self.date(moment)
        if date_ref is None:
            date_ref = self.event_date()
        context = whole if item.own_sentence else head
        place = self.place(seg, exclude=title_span, locative_only=True)
        for span in [*refs, *([context] if context else [])]:
            place = place or self.place(span, exclude=title_span)
        if place is None and moment is not None:
            place = self.place(moment, locative_only=True)
        place = place or self.event_place()
        title_span = (
            ctx.idx[item.mention.start],
            ctx.char_end(max(item.mention.title_end, item.mention.end)),
        )
        sector_spans = [title_span]
        if item.domain is not None:
            sector_spans = [(ctx.idx[item.domain[0]], ctx.char_end(item.domain[1]))]
        elif item.mention.strength == "elliptic":
            sector_spans = [seg]
        sector_spans += described if item.own_sentence else []
        term = (ctx.idx[item.mention.start], ctx.char_end(item.mention.end))
        sectors = self.sectors(sector_spans, term)
        if not sectors and item.own_sentence and item.domain is None:
            sectors = self.sectors([whole], term)
        evidence = [whole, *[(ctx.sents[m.sent].start_char, ctx.sents[m.sent].end_char) for m in item.refs]]
        evidence += described
        return {
            "instrument": item.instrument or "accord",
            "title": self.title(item, max_title),
            "parties": [{"type": p["type"], "name": p["name"]} for p in parties],
            "signatories": signatories,
            "date_ref": date_ref,
            "place": place,
            "sectors": sectors,
            "evidence": [list(e) for e in dict.fromkeys(evidence) if ctx.text[e[0] : e[1]].strip()],
        }

    # -- spans ------------------------------------------------------------------------------------

    def segment(self, i: int) -> tuple[int, int]:
        """Its own words: from its mention to the next agreement's mention in the same sentence. The last
        of a list ends where its own clause does: ", signé par A" is its own, ", à l'issue des entretiens
        entre A et B" speaks of the whole sentence."""
        ctx, item = self.ctx, self.items[i]
        sent = ctx.sents[item.mention.sent]
        if item.domain is not None:
            return ctx.idx[item.domain[0]], ctx.char_end(item.domain[1])
        start = item.mention.start
        earlier = [
            o
            for o in self.items
            if o.mention.sent == item.mention.sent
            and o.domain is None
            and o.mention.start < item.mention.start
        ]
        if not earlier:
            start = sent.start
        later = [
            m.start
            for o in self.items
            for m in (o.mention, *o.refs)
            if m.sent == item.mention.sent and m.start > item.mention.start
        ]
        end = min(later) if later else sent.end
        if earlier and not later:
            end = self._own_clause_end(max(item.mention.title_end, item.mention.end), sent.end)
        return ctx.idx[start], ctx.char_end(end)

    def _own_clause_end(self, j: int, end: int) -> int:
        """The first comma after the title that does not open the agreement's own signing phrase."""
        ctx = self.ctx
        while j < end:
            if ctx.words[j] in (";", ":"):
                return j
            if ctx.words[j] == "," and j + 1 < end:
                nxt = ctx.lower[j + 1]
                if not (ctx.has_cue("signing", j + 1, j + 3) or nxt in OWN_CLAUSE_STARTS):
                    return j
            j += 1
        return end

    def signing_moment(self, item: Item) -> tuple[int, int] | None:
        """The signing sentence that introduces the agreement's list, the nearest before it: an article
        may report two signings ("Lundi à Brasília ..."; "Le lendemain, à São Paulo, quatre autres
        textes ont été signés. Il s'agit de ..."), each with its own day and place."""
        ctx = self.ctx
        signing = self._signing_set
        listed = {o.mention.sent for o in self.items}
        for k in range(item.mention.sent - 1, max(-1, item.mention.sent - 12), -1):
            if k in signing and k not in listed and not ctx.sents[k].header:
                s = ctx.sents[k]
                if self.date((s.start_char, s.end_char)) is not None or self.place(
                    (s.start_char, s.end_char), locative_only=True
                ):
                    return s.start_char, s.end_char
        return None

    def sentence_head(self, i: int) -> tuple[int, int] | None:
        """In a sentence that lists several agreements, the words before the first: "Les ministres A et B
        ont signé ..." names the signers of all of them."""
        ctx, item = self.ctx, self.items[i]
        sent = ctx.sents[item.mention.sent]
        firsts = [o.mention.start for o in self.items if o.mention.sent == item.mention.sent]
        first = min(firsts) if firsts else item.mention.start
        if item.domain is not None:
            first = item.mention.start
        return (sent.start_char, ctx.idx[first]) if first > sent.start else None

    def _ref_segment(self, m) -> tuple[int, int]:
        """A later mention's words: up to the next mention that follows a signing word, so that
        "L'accord sur le transit et l'arrangement douanier ont été paraphés par A et B" gives both A and B."""
        ctx = self.ctx
        sent = ctx.sents[m.sent]
        starts = sorted(
            {o.mention.start for o in self.items if o.mention.sent == m.sent and o.mention.start > m.start}
            | {r.start for o in self.items for r in o.refs if r.sent == m.sent and r.start > m.start}
        )
        end = sent.end
        for start in starts:
            if ctx.has_cue("signing", m.start, start) or ctx.has_cue("agent", m.start, start):
                end = start
                break
        return ctx.idx[m.start], ctx.char_end(end)

    def description(self, i: int) -> list[tuple[int, int]]:
        """The sentences after its own that go on about it ("Il prévoit ...", "Ce texte ...")."""
        ctx, item = self.ctx, self.items[i]
        if not item.own_sentence or item.domain is not None:
            return []
        opened = {o.mention.sent for o in self.items}
        mentioned = {m.sent for o in self.items for m in o.refs if o is not item}
        out = []
        k = item.mention.sent + 1
        while k < len(ctx.sents) and len(out) < 3:
            sent = ctx.sents[k]
            if k in opened or k in mentioned or sent.paragraph != ctx.sents[item.mention.sent].paragraph:
                break
            if any(
                m.sent == k and m.tense in ("past", "future") and m.det not in ("demonstrative", "possessive")
                for m in self.mentions
            ):
                break  # "Il complète l'accord de pêche signé en 2012": about another instrument
            first = next((t for t in range(sent.start, sent.end) if ctx.words[t].strip()), sent.start)
            if ctx.lower[first] not in (
                "il",
                "elle",
                "ce",
                "cet",
                "cette",
                "le",
                "la",
                "l'",
                "l’",
                "celui-ci",
            ):
                break
            out.append((sent.start_char, sent.end_char))
            k += 1
        return out

    def _tokens(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.ctx.token_at(span[0]), self.ctx.token_at(span[1])

    # -- parties ------------------------------------------------------------------------------------

    def parties(self, span: tuple[int, int], states_only: bool = False) -> list[dict]:
        """States (by name, demonym, "la partie X", a capital that signs) and signing bodies in the span."""
        ctx, lo, hi = self.ctx, span[0], span[1]
        found: list[dict] = []

        def add(kind: str, name: str, at: int, country: str | None = None) -> None:
            if not any(f["name"] == name for f in found):
                found.append({"type": kind, "name": name, "at": at, "country": country})

        for start, end, name, kind, iso in ctx.places.within(lo, hi, end=lambda p: p[1]):
            if kind == "country" and not self._in_organisation(start, end):
                add("place", name, start, iso)
            elif kind == "city" and self._capital_as_actor(start, end, iso):
                add("place", self.gazetteer.countries[iso].name, start, iso)
        t0, t1 = ctx.token_at(lo), ctx.token_at(hi)
        for t in range(t0, t1):
            word = ctx.words[t]
            iso = self.gazetteer.country_of_demonym(word)
            if iso and iso in self.gazetteer.countries and word.islower():
                add("place", self.gazetteer.countries[iso].name, ctx.idx[t], iso)
        for start, end, org in [] if states_only else ctx.orgs.within(lo, hi, end=lambda o: o[1]):
            if org["kind"] not in PARTY_KINDS or self._witnessed(start) or self._source(start, end):
                continue
            if (
                org["kind"] == "government"
                and org["name"].lower().startswith("minist")
                and not self._between(start)
            ):
                continue  # a ministry signs for its state, unless the text says it is a party ("entre A et B")
            add("org", org["name"], start, org.get("country"))
        found.sort(key=lambda f: f["at"])
        return found

    def _between(self, start: int) -> bool:
        """ "conclue entre l'Agence X et le ministère Y": the org is one of the two named parties."""
        t = self.ctx.token_at(start)
        return any(w in ("entre", "avec") for w in self.ctx.lower[max(0, t - 14) : t])

    def _source(self, start: int, end: int) -> bool:
        """ "(MENA)", "(APS)": the agency of a dateline, in brackets."""
        text = self.ctx.text
        return text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")" and start < 500

    def _capital_as_actor(self, start: int, end: int, iso: str | None) -> bool:
        """ "Rabat et Madrid ont signé", "entre Dakar et Banjul": a capital standing for its state."""
        if (
            iso is None
            or iso not in self.gazetteer.countries
            or not self.gazetteer.is_capital(start, end, self.ctx.text)
        ):
            return False
        ctx = self.ctx
        t = ctx.token_at(start)
        before = ctx.lower[t - 1] if t else ""
        if before in LOCATIVE or before in DIRECTIONAL:
            return False
        after = ctx.token_at(end)
        nxt = ctx.lower[after : after + 3]
        return before in ("et", "entre") or (
            bool(nxt) and nxt[0] in ("et", "ont", "a", "signent", "scellent")
        )

    def _in_organisation(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e, _ in self.ctx.orgs.within(max(0, start - 200), end))

    def event_parties(self) -> list[dict]:
        if "parties" not in self._defaults:
            ctx = self.ctx
            found: list[dict] = []
            if self.event_sent is not None:
                s = ctx.sents[self.event_sent]
                found = [p for p in self.parties((s.start_char, s.end_char)) if p["type"] == "place"]
            if len(found) < 2:
                for s in ctx.sents:
                    if s.header:
                        found += [
                            p
                            for p in self.parties((s.start_char, s.end_char))
                            if p["type"] == "place" and p["name"] not in {f["name"] for f in found}
                        ]
            if len(found) < 2:
                counts = Counter(name for _, _, name, kind, _ in ctx.places.items if kind == "country")
                for name, _ in counts.most_common():
                    if len(found) >= 2:
                        break
                    if name not in {f["name"] for f in found}:
                        found.append({"type": "place", "name": name, "at": 0, "country": None})
            self._defaults["parties"] = found
        return list(self._defaults["parties"])

    # -- signatories ----------------------------------------------------------------------------------

    def agents(self, span: tuple[int, int]) -> list[str]:
        """Persons the span says signed: not witnesses ("en présence de"), not speakers, and only where
        the span reports a signing or names signers ("par", "côté")."""
        ctx, lo, hi = self.ctx, span[0], span[1]
        t0, t1 = ctx.token_at(lo), ctx.token_at(hi)
        if not (
            ctx.has_cue("signing", t0, t1) or any(ctx.lower[t] in ("par", "côté") for t in range(t0, t1))
        ):
            return []
        names: list[str] = []
        for person in ctx.persons.within(lo, hi, end=lambda p: p.end):
            if person.name in names or self._witnessed(person.start) or self._spoke(person.end):
                continue
            if self._presided(person.end, hi):
                continue
            names.append(person.name)
        return names

    def _witnessed(self, start: int) -> bool:
        """A witness cue before the person ("en présence de", "sous l'égide de"), whose scope has not
        ended: no signer mark ("par", a signing word) since, and no comma opening a new subject
        ("En présence de A, le ministre B a signé"); "de A, de B et de C" and appositions stay in it."""
        text = self.ctx.text
        sent = self.ctx.sents[self.ctx.sent_of[min(self.ctx.token_at(start), self.ctx.n - 1)]]
        window = text[max(sent.start_char, start - 200) : start].lower()
        at = max((window.rfind(cue) for cue in self.witness_cues), default=-1)
        if at == -1:
            return False
        between = window[at:]
        if re.search(r"\b(par|côté|pour la partie|au nom)\b|sign|paraph|;", between):
            return False
        # A comma opening a new subject ends the scope, once the cue has named someone: "En présence de
        # A, le ministre B a signé"; "en présence de l'ambassadrice, Mme C" is one apposition.
        offset = max(sent.start_char, start - 200) + at
        for comma in NEW_SUBJECT.finditer(between):
            if self.ctx.persons.within(offset, offset + comma.start(), end=lambda p: p.end):
                return False
        return True

    def _spoke(self, end: int) -> bool:
        t = self.ctx.token_at(end)
        after = self.ctx.lower[t : t + 4]
        return any(w in SPEECH_VERBS for w in after)

    def _presided(self, end: int, hi: int) -> bool:
        """ "X et Y ont présidé la cérémonie", "ont assisté à la signature"."""
        ctx = self.ctx
        t = ctx.token_at(end)
        stop = ctx.token_at(hi)
        for k in range(t, min(stop, t + 25)):
            word = ctx.lower[k]
            if word.startswith(WITNESS_VERBS):
                return True
            if word in (";", ".", "par", ":") or word.startswith(("sign", "paraph", "scell", "conclu")):
                return False
        return False

    def event_agents(self) -> list[str]:
        """Signers named for the whole event: in a sentence about all the texts ("Les textes ont été
        signés par A", "Côté X, ... ; pour la partie Y, ..."), less those a specific text names ("à
        l'exception du mémorandum, paraphé par B"), else in the sentence that reports the signing."""
        if "agents" not in self._defaults:
            ctx, found = self.ctx, []
            excluded = Intervals(self._ref_segment(m) for o in self.items for m in o.refs if _specific(m))
            signing = [k for k in self.event.signing_sents if not ctx.sents[k].header]
            for n, k in enumerate(signing):
                if not (self._about_all(k) or self._names_a_side(k)):
                    continue
                found = self._agents_outside(k, excluded)
                if not found:
                    continue
                # "Côté guinéen, ... par A. Pour la partie libérienne, c'est B qui a signé."
                for j in signing[n + 1 : n + 3]:
                    adjacent = j == k + 1 or (j == k + 2 and not ctx.sentence_text(k + 1).strip())
                    if adjacent and self._names_a_side(j):
                        found = _union([found, self._agents_outside(j, excluded)])
                break
            listed = {o.mention.sent for o in self.items}
            if not found and self.event_sent is not None and self.event_sent not in listed:
                # The signers of the event's sentence, unless that sentence names the agreement they
                # signed ("Les deux présidents ont signé une déclaration conjointe"): then they are its own.
                found = self._agents_outside(self.event_sent, excluded)
            self._defaults["agents"] = found
        return list(self._defaults["agents"])

    def _agents_outside(self, k: int, excluded: Intervals) -> list[str]:
        s = self.ctx.sents[k]
        names = self.agents((s.start_char, s.end_char))
        keep = []
        for person in self.ctx.persons.within(s.start_char, s.end_char, end=lambda p: p.end):
            if (
                person.name in names
                and not excluded.overlaps(person.start, person.end)
                and person.name not in keep
            ):
                keep.append(person.name)
        return keep

    def _names_a_side(self, k: int) -> bool:
        """ "Côté tchadien", "pour la partie libérienne", "du côté malien": one party's signer."""
        s = self.ctx.sents[k]
        head = " ".join(self.ctx.lower[s.start : min(s.end, s.start + 6)])
        return "côté" in head or "partie" in head

    def _about_all(self, k: int) -> bool:
        """ "Les textes ont été signés par ...": about all the agreements, not a list of some of them, nor a
        sentence about one ("Les présidents lors de la signature de la déclaration conjointe")."""
        if any(o.mention.sent == k for o in self.items):
            return False
        if any(m.sent == k and not m.plural and m.strength != "carrier" for o in self.items for m in o.refs):
            return False
        s = self.ctx.sents[k]
        head = self.ctx.lower[s.start : min(s.end, s.start + 6)]
        return any(w in ("les", "ces", "tous", "l'ensemble", "l’ensemble") for w in head)

    def shared_agents(self, i: int, whole: tuple[int, int]) -> list[str]:
        """Signers a list sentence names outside every agreement's own words ("L'Angola et le Brésil ont
        signé un accord ... et une convention ..., à l'issue des entretiens entre A et B"): all of them."""
        others = Intervals(
            self.segment(j)
            for j in range(len(self.items))
            if self.items[j].mention.sent == self.items[i].mention.sent
        )
        names = []
        for person in self.ctx.persons.within(whole[0], whole[1], end=lambda p: p.end):
            if not others.overlaps(person.start, person.end) and person.name not in names:
                names.append(person.name)
        agents = set(self.agents(whole))
        return [n for n in names if n in agents]

    def same_as_before(self, i: int, seg: tuple[int, int]) -> list[str]:
        """ "..., paraphé par les mêmes": the signers of the agreement listed just before."""
        text = self.ctx.text[seg[0] : seg[1]].lower()
        if i == 0 or not re.search(r"\bpar (les|ces) mêmes\b|\bpar les mêmes signataires\b", text):
            return []
        previous = self.items[i - 1]
        return self.agents(self.segment(i - 1)) if previous.mention.sent == self.items[i].mention.sent else []

    def shared_with_next(self, i: int) -> list[str]:
        """ "l'Accord-cadre ..., et le Mémorandum ..., tous deux paraphés par A et B", "l'Entente ... ainsi
        que l'Échange de lettres ..., signés par A et B": signers that follow two coordinated agreements."""
        item = self.items[i]
        later = [
            j
            for j in range(i + 1, min(len(self.items), i + 3))
            if self.items[j].mention.sent == item.mention.sent and self.items[j].domain is None
        ]
        for j in later:
            lo, hi = self.segment(j)
            text = self.ctx.text[lo:hi].lower()
            if re.search(
                r"\b(tous|toutes) (deux|trois|les deux)\b|\bl['’]un et l['’]autre\b", text
            ) or re.search(r",\s*(respectivement\s+)?(sign|paraph|conclu)\w*(é|e)s\b", text):
                return self.agents((lo, hi))
            if self.agents((lo, hi)):
                return []
        return []

    # -- date and place ---------------------------------------------------------------------------------

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
            t = self.ctx.token_at(start)
            before = self.ctx.lower[t - 1] if t else ""
            earlier = self.ctx.lower[max(0, t - 3) : t]
            if (
                before in DIRECTIONAL
                or any(w.startswith(MOVEMENT) for w in earlier)
                or self.ctx.has_cue("seat", t - 5, t)
            ):
                continue  # "de retour de Moscou", "dont le siège est à Gurugram": not where it was signed
            if before in LOCATIVE or (before in ("de", "d'", "d’") and self._after_venue(t)):
                return name
            if best is None and not locative_only:
                best = name
        return best

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
                if not s.header and found is None:
                    found = self.place((s.start_char, s.end_char), locative_only=True)
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

    def _after_venue(self, t: int) -> bool:
        """ "au palais présidentiel de Dar es Salaam": a city that locates a venue."""
        return any("venue" in (self.ctx.cue_at.get(k) or {}) for k in range(max(0, t - 5), t))

    def meeting_place(self) -> str | None:
        """The city of a visit or a meeting, named with "à" in a sentence up to the first signing one."""
        ctx = self.ctx
        last = max(
            [k for k in [self.event_sent, self.event.count_sent] if k is not None], default=len(ctx.sents) - 1
        )
        for k in range(last, -1, -1):
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

    def dateline_place(self) -> str | None:
        """ "Dakar, 12 mars (APS) –", "NIAMEY (ANP) -": the city that opens a dispatch."""
        ctx = self.ctx
        for start, end, name, kind, _ in ctx.places.items:
            if start > 400:
                break
            if kind != "city":
                continue
            line_start = ctx.text.rfind("\n", 0, start) + 1
            if ctx.text[line_start:start].strip(" +*-–") == "" and ctx.text[end : end + 2].lstrip()[:1] in (
                ",",
                "(",
                "-",
                "–",
                "—",
            ):
                return name
        return None

    # -- sectors and title ---------------------------------------------------------------------------------

    def sectors(self, spans: list[tuple[int, int]], term: tuple[int, int] | None = None) -> list[str]:
        """Sector words of the spans, less those naming a portfolio, an organisation, or the kind of
        instrument ("convention de financement" is not about finance)."""
        ctx, out = self.ctx, []
        for lo, hi in spans:
            for sector, start, end in ctx.sectors.within(lo, hi, end=lambda s: s[2]):
                if (
                    sector in out
                    or ctx.in_portfolio(ctx.token_at(start))
                    or self._in_organisation(start, end)
                ):
                    continue
                if term is not None and term[0] <= start < term[1]:
                    continue
                out.append(sector)
        return out

    def title(self, item: Item, limit: int) -> str:
        ctx, m = self.ctx, item.mention
        if item.domain is not None:
            head = ctx.span_text(m.start, m.end)
            return f"{head} : {ctx.span_text(*item.domain)}"
        end = max(m.title_end, m.end)
        return ctx.span_text(m.start, min(end, m.start + limit + (m.end - m.start)))


def _specific(m) -> bool:
    """A later mention that names one agreement ("le mémorandum relatif au corridor", "le premier"),
    not all of them ("les textes")."""
    return (not m.plural and m.det in ("def", "ordinal", "none", "indef") and m.strength != "carrier") or (
        m.strength in ("carrier", "elliptic") and m.det in ("def", "ordinal") and not m.plural
    )


def _union(groups) -> list[str]:
    out: list[str] = []
    for group in groups:
        for name in group:
            if name not in out:
                out.append(name)
    return out


def _one_per_country(parties: list[dict]) -> list[dict]:
    """A body already stands for its state: "la BOAD" and "le Togo" both stay, two names of one state do not."""
    out, seen = [], set()
    for p in parties:
        key = (p["type"], p["name"])
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
