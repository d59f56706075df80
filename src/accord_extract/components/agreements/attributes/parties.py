"""An agreement's parties: the states (by name, demonym, "la partie X", a capital that signs) and
the bodies that sign; the event's states when its own words name none."""

from __future__ import annotations

from collections import Counter

from ....resources import role_terms
from .common import DIRECTIONAL, LOCATIVE, PARTY_KINDS

# "la commission mixte", "le comité paritaire": the joint body that met, not one that signs.
JOINT_BODY_WORDS = role_terms("organization_context", "joint_body_word")

# A news agency is the source of the dispatch; it is a party only when it is the one that signs.
AGENCIES = frozenset(t.casefold() for role in ("agency", "outlet") for t in role_terms("media", role))


class Parties:
    """Describer methods for parties."""

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
            iso = self.gazetteer.demonym_at(ctx.words, t)
            if iso and iso in self.gazetteer.countries and word.islower():
                if self._in_organisation(ctx.idx[t], ctx.char_end(t + 1)):
                    continue  # "l'Agence française de développement": the body signs, not France
                add("place", self.gazetteer.countries[iso].name, ctx.idx[t], iso)
        for start, end, org in [] if states_only else ctx.orgs.within(lo, hi, end=lambda o: o[1]):
            if self._witnessed(start) or self._source(start, end):
                continue
            if org["kind"] not in PARTY_KINDS and not self._signing_council(org, start, end):
                continue
            t = ctx.token_at(start)
            if ctx.has_cue("beneficiary", max(0, t - 4), t):
                continue  # "alimentant le Fonds X", "au profit de l'Agence Y": what it serves, not who signs
            if (
                (org["kind"] == "government" and org["name"].lower().startswith("minist"))
                or org["name"].casefold() in AGENCIES
            ) and not (self._between(start) or self._signs(start, end)):
                continue  # a ministry named in passing, not one that signs ("entre A et B", "A et B ont signé")
            add("org", org["name"], start, org.get("country"))
        found.sort(key=lambda f: f["at"])
        return found

    def _signing_council(self, org: dict, start: int, end: int) -> bool:
        """ "La Commission de la CEDEAO et la Guinée-Bissau ont signé", "entre le Conseil national des
        chargeurs et ...": a commission or council that signs, not the joint commission that met."""
        return (
            org["kind"] == "commission"
            and not JOINT_BODY_WORDS.intersection(org["name"].lower().replace("-", " ").split())
            and (self._between(start) or self._signs(start, end))
        )

    def _between(self, start: int) -> bool:
        """ "conclue entre l'Agence X et le ministère Y": the org is one of the two named parties."""
        t = self.ctx.token_at(start)
        return any(w in ("entre", "avec") for w in self.ctx.lower[max(0, t - 14) : t])

    def _signs(self, start: int, end: int) -> bool:
        """ "le ministère A et le ministère B ont paraphé le premier", "lie le ministère A au B": the
        ministry is the subject or object of the signing verb of its clause."""
        ctx = self.ctx
        t, e = ctx.token_at(start), ctx.token_at(end)
        lo, hi = ctx.clause(t)
        verbs = [s for s, _ in ctx.cues_in("signing", lo, hi)]
        verbs += [k for k in range(lo, hi) if ctx.lower[k] in ("lie", "lient", "engage", "engagent", "unit")]
        return any(0 < v - e <= 12 or 0 < t - v <= 4 for v in verbs)

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

    def _seat(self, t: int) -> bool:
        """ "dont le siège est à Luxembourg": where a body sits, not a state that signs."""
        return bool(t) and self.ctx.lower[t - 1] == "à" and self.ctx.has_cue("seat", max(0, t - 6), t)

    def _in_organisation(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e, _ in self.ctx.orgs.within(max(0, start - 200), end))

    def event_parties(self) -> list[dict]:
        if "parties" not in self._defaults:
            ctx = self.ctx
            found: list[dict] = []
            if self.event_sent is not None:
                s = ctx.sents[self.event_sent]
                found = [p for p in self.parties((s.start_char, s.end_char)) if p["type"] == "place"]
                # "L'Union européenne et le Royaume du Maroc ont signé": a multilateral body, subject of the
                # signing
                verbs = ctx.cues_in("signing", s.start, s.end)
                verb = ctx.idx[verbs[0][0]] if verbs else s.start_char
                for start, _, org in ctx.orgs.within(s.start_char, verb, end=lambda o: o[1]):
                    if org["kind"] == "international_organization" and not self._witnessed(start):
                        found.append({"type": "org", "name": org["name"], "at": start, "country": None})
                found.sort(key=lambda f: f["at"])
            counts = Counter(
                name
                for start, _, name, kind, _ in ctx.places.items
                if kind == "country" and not self._seat(ctx.token_at(start))
            )
            if len(found) < 2:
                # The headline's states, the most named first: a letterhead's "AMBASSADE DE SERBIE EN
                # FRANCE" names a host, not a party.
                named = {f["name"] for f in found}
                heads = []
                for s in ctx.sents:
                    if s.header:
                        for p in self.parties((s.start_char, s.end_char)):
                            if p["type"] == "place" and p["name"] not in named:
                                named.add(p["name"])
                                heads.append(p)
                heads.sort(key=lambda p: -counts[p["name"]])
                found += heads[: max(0, 2 - len(found))]
            if len(found) < 2:
                for name, _ in counts.most_common():
                    if len(found) >= 2:
                        break
                    if name not in {f["name"] for f in found}:
                        found.append({"type": "place", "name": name, "at": 0, "country": None})
            self._defaults["parties"] = found
        return list(self._defaults["parties"])
