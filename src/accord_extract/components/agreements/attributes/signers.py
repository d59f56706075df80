"""An agreement's signatories: persons its words say signed, not witnesses ("en présence de"), not
speakers, not heads of state who preside; signers named per side, per item, or for all the texts."""

from __future__ import annotations

import re
from functools import cache

from ....places import gazetteer
from ....resources import lexicon
from ..._common import Intervals
from ..vocabulary import counting
from .common import NEW_SUBJECT, SPEECH_VERBS, WITNESS_VERBS, is_specific, union


class Signers:
    """Describer methods for signers."""

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
        # "Le président A a achevé une visite marquée par la signature de quinze documents": when every
        # signing word of the span sits in such a frame, the persons before it did something else.
        frames = ctx.cues_in("signing_frame", t0, t1)
        framed = frames and all(
            any(f0 <= s < f1 for f0, f1 in frames) for s, _ in ctx.cues_in("signing", t0, t1)
        )
        first_frame = ctx.idx[frames[0][0]] if framed else None
        for person in ctx.persons.within(lo, hi, end=lambda p: p.end):
            if person.name in names or self._witnessed(person.start):
                continue
            if self._spoke(person.end) and not self._after_par(person.start):
                continue
            if first_frame is not None and person.end <= first_frame:
                continue
            if self._presided(person.end, hi) or self._met(person.start) or self._in_talks(person.start, t0):
                continue
            names.append(person.name)
        return names or self.collective(t0, t1)

    def collective(self, t0: int, t1: int) -> list[str]:
        """ "Les deux présidents ont signé eux-mêmes la déclaration", "les deux ministres ont signé": the
        holders of that office the text named before, nearest first, one per country; nothing when it has
        not named as many as it counts."""
        ctx = self.ctx
        for start, end in ctx.cues_in("collective", t0, t1):
            if not (self._subject_of_signing(end, t1) or self._agent_of_signing(start)):
                continue
            count = COUNTS.get(ctx.lower[start + 1], 0)
            group = collective_groups().get(ctx.text[ctx.idx[start + 2] : ctx.char_end(end)].lower())
            if not group or not count:
                continue
            members: list = []
            for person in reversed(ctx.persons.within(0, ctx.idx[start], end=lambda p: p.end)):
                if not _has_title(person.titles, *group) or any(_same(m, person) for m in members):
                    continue
                members.append(person)
                if len(members) == count:
                    return [m.name for m in sorted(members, key=lambda m: m.start)]
        return []

    def _agent_of_signing(self, start: int) -> bool:
        """ "signé par les deux Premiers ministres": the agent of a passive signing word."""
        ctx = self.ctx
        return (
            start >= 2
            and ctx.lower[start - 1] == "par"
            and ctx.has_cue("signing", max(0, start - 4), start - 1)
        )

    def _subject_of_signing(self, end: int, stop: int) -> bool:
        """The collective subject's own verb is a signing one ("ont ensuite apposé leur signature"), not
        a witness's ("ont assisté à la signature")."""
        ctx = self.ctx
        named = {ctx.token_at(p.start) for p in ctx.persons.within(ctx.idx[end - 1], ctx.char_end(stop))}
        for k in range(end, min(stop, end + 10)):
            word = ctx.lower[k]
            if k in named:
                return False  # "Les deux ministres, A et B, ont signé": they are named
            if word.startswith(WITNESS_VERBS) or word in (".", ";", ":"):
                return False
            if ctx.has_cue("signing", k, k + 1):
                return True
        return False

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
        presided = re.match(r"(co-?)?présid\w*\s+(conjointement\s+)?par\b", between)
        if presided:  # "coprésidée par A, et son homologue, M. B": who presided, not who signed
            return not re.search(r"sign|paraph|;", between)
        if re.search(r"\b(par|côté|pour la partie|au nom)\b|sign|paraph|;", between):
            return False
        # A comma opening a new subject ends the scope, once the cue has named someone: "En présence de
        # A, le ministre B a signé"; "en présence de l'ambassadrice, Mme C" is one apposition.
        offset = max(sent.start_char, start - 200) + at
        for comma in NEW_SUBJECT.finditer(between):
            clause = between[between.rfind(",", 0, comma.start()) + 1 : comma.start()].strip()
            if clause.startswith(("et d", "et l", "ainsi que")):
                continue  # "..., Mme A, et du ministre de la Santé, M. B": one more witness, in apposition
            if self.ctx.persons.within(offset, offset + comma.start(), end=lambda p: p.end):
                return False
        return True

    def _met(self, start: int) -> bool:
        """A person of another moment, not the signing: "au lendemain des entretiens tenus à Pretoria entre
        le président A et son homologue B". Those of talks just held ("à l'issue des entretiens entre A
        et B") may be the signers a later "Les deux ministres ont signé" means."""
        return self.other_moment(self.ctx.token_at(start), reach=25)

    def _in_talks(self, start: int, t0: int, reach: int = 14) -> bool:
        """ "Les deux pays ont signé huit documents à l'issue des entretiens entre le président A et B":
        heads who met, named after the signing word, not its agents (unless a "par" names them). Talks
        between two ministers may be the signers' ("... signés par les deux ministres")."""
        ctx = self.ctx
        t = ctx.token_at(start)
        for c0, c1 in ctx.cues_in("talks_between", max(t0, t - reach), t):
            between = ctx.lower[c1:t]
            if "par" in between or "." in between or not ctx.has_cue("signing", max(t0, c0 - 30), c0):
                continue
            met = ctx.persons.within(ctx.idx[c1 - 1], start + 1)
            if any(_has_title(p.titles, *group) for p in met[:1] for group in LEADERS):
                return True
        return False

    def _after_par(self, start: int, reach: int = 14) -> bool:
        """ "et par le président de la BOAD, M. Sall, qui a rappelé ...": the agent of the signing, whatever
        the relative clause after his name says."""
        t = self.ctx.token_at(start)
        before = self.ctx.lower[max(0, t - reach) : t]
        return "par" in before and not any(w in (".", ";", ":") for w in before[before.index("par") :])

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
            excluded = Intervals(self._ref_segment(m) for o in self.items for m in o.refs if is_specific(m))
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
                        found = union([found, self._agents_outside(j, excluded)])
                break
            listed = self.listed
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
        """ "Côté tchadien", "pour la partie libérienne", "du côté malien", "Pour le Cameroun, c'est le
        ministre A qui a signé", "Au nom du Niger, ...": one party's signer."""
        ctx = self.ctx
        s = ctx.sents[k]
        head = " ".join(ctx.lower[s.start : min(s.end, s.start + 6)])
        if "côté" in head or "partie" in head:
            return True
        if s.start >= s.end or ctx.lower[s.start] not in ("pour", "au"):
            return False
        lo, hi = s.start_char, ctx.char_end(min(s.end, s.start + 5))
        return any(kind == "country" for _, _, _, kind, _ in ctx.places.within(lo, hi))

    def _about_all(self, k: int) -> bool:
        """ "Les textes ont été signés par ...": about all the agreements, not a list of some of them, nor a
        sentence about one ("Les présidents lors de la signature de la déclaration conjointe")."""
        if k in self.listed or k in self.specific_ref_sents:
            return False
        s = self.ctx.sents[k]
        head = self.ctx.lower[s.start : min(s.end, s.start + 6)]
        return any(w in ("les", "ces", "tous", "l'ensemble", "l’ensemble") for w in head)

    def shared_agents(self, i: int, whole: tuple[int, int]) -> list[str]:
        """Signers a list sentence names outside every agreement's own words ("L'Angola et le Brésil ont
        signé un accord ... et une convention ..., à l'issue des entretiens entre A et B"): all of them."""
        sent = self.items[i].mention.sent
        others = self._shared.get(sent)
        if others is None:
            others = self._shared[sent] = Intervals(
                self.segment(j) for j in range(len(self.items)) if self.items[j].mention.sent == sent
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
            ctx, k = self.ctx, self.items[i].mention.sent + 1
            if k < len(ctx.sents) and ctx.lower[ctx.sents[k].start] in ("elle", "il"):
                text += (
                    " " + ctx.text[ctx.sents[k].start_char : ctx.sents[k].end_char].lower()
                )  # "Elle porte ..."
            if i and re.search(
                r"\b(porte|portent|a|ont|porte également) les mêmes (signatures|signataires)\b", text
            ):
                return list(self.signed.get(i - 1, []))  # "Elle porte les mêmes signatures"
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


@cache
def collective_groups() -> dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]]:
    """Head of a collective subject ("présidents", "chefs d'État") -> the title words of its members and,
    when only some complements keep the office ("président de la République", not "de la BDEAC"), those."""
    return {
        head: (tuple(row["titles"]), tuple(row["complements"]) if "complements" in row else None)
        for row in lexicon("collective_signers")
        for head in row["heads"]
    }


# The titles of those who lead a state or a government, whose talks frame a signing they did not do.
LEADERS = [collective_groups()[head] for head in ("présidents", "premiers ministres")]

COUNTS = {word: n for word, n in counting("number").items() if n <= 4}


def collective_terms() -> list[str]:
    """ "les deux présidents", "ces trois ministres": the cue phrases of a collective subject."""
    numbers = [word for word, n in COUNTS.items() if n >= 2]
    return [
        f"{det} {number} {head}"
        for head in collective_groups()
        for number in numbers
        for det in ("les", "ces")
    ]


def _has_title(titles: tuple[str, ...], words: tuple[str, ...], complements: tuple[str, ...] | None) -> bool:
    """A title word as its own word ("vice-président" is not "président"), with no complement that makes
    it another office ("président de la BDEAC") when the group says which ones keep it."""
    for title in titles:
        low = title.lower()
        for word in words:
            found = re.search(rf"(?<![\w-]){re.escape(word)}\b", low)
            if not found:
                continue
            rest = low[found.end() :].strip()
            of = re.match(r"(de la|de l['’]|du|des|de|d['’])\s*", rest)
            if complements is None or not of or rest.startswith(complements):
                return True
            named = title[len(title) - len(rest) + of.end() :]
            place = gazetteer().lookup(named)  # "roi du Maroc", "émir du Qatar"
            if place is not None and place.kind == "country":
                return True
    return False


def _same(a, b) -> bool:
    """One person under two names or two of one country ("Sassou Nguesso", "Sassou N'Guesso")."""
    if a.name == b.name or (a.country and a.country == b.country):
        return True
    words = {w for w in re.findall(r"\w+", a.name.lower()) if len(w) > 3}
    return bool(words & {w for w in re.findall(r"\w+", b.name.lower()) if len(w) > 3})
