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
from bisect import bisect_left, bisect_right

from ..context import Context
from ..records import Event, Item
from ..tense import on_the_eve
from .common import OWN_CLAUSE_STARTS, is_specific, one_per_country, union
from .parties import Parties
from .signers import Signers
from .when_where import WhenWhere

# References read per agreement: enough for any article, bounded for a text that repeats "ces accords".
MAX_REFS = 12
# The description of an agreement: at most so many sentences, bullets of a list it announces, and
# paragraphs after its own, among the sentences that follow it.
MAX_DESCRIBED, MAX_BULLETS, MAX_PARAGRAPHS, MAX_LOOKED = 4, 12, 3, 24
ANAPHORS = frozenset({"il", "elle", "elles", "ce", "cet", "cette", "le", "la", "l'", "l’", "celui-ci"})
PLURAL_ANAPHORS = frozenset({"ils", "elles", "tous", "toutes", "ceux-ci", "celles-ci"})


class Describer(Parties, Signers, WhenWhere):
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
        self.signed: dict[int, list[str]] = {}  # the signatories of each agreement described so far
        self._signing_set = set(event.signing_sents)
        # Indexes by sentence, so that each agreement's look-ups cost its neighbours, not the document.
        self.item_starts: dict[int, list[int]] = {}  # sentence -> starts of the items opened in it
        self.mark_starts: dict[int, list[int]] = {}  # sentence -> starts of item mentions and references
        for item in items:
            if item.domain is None:
                self.item_starts.setdefault(item.mention.sent, []).append(item.mention.start)
            for m in (item.mention, *item.refs):
                self.mark_starts.setdefault(m.sent, []).append(m.start)
        for table in (self.item_starts, self.mark_starts):
            for k in table:
                table[k] = sorted(set(table[k]))
        self.listed = {o.mention.sent for o in items}
        self.referred: dict[int, set[int]] = {}  # sentence -> ids of the items referred to in it
        for item in items:
            for m in item.refs:
                self.referred.setdefault(m.sent, set()).add(id(item))
        self.specific_ref_sents = {
            m.sent for o in items for m in o.refs if not m.plural and m.strength != "carrier"
        }
        self.other_time = {
            m.sent
            for m in self.mentions
            if m.tense in ("past", "future") and m.det not in ("demonstrative", "possessive")
        }
        self._shared: dict[int, object] = {}
        self.opening: dict[int, list] = {}  # sentence -> the mentions in it, for "Aux termes du MoU, ..."
        for m in self.mentions:
            self.opening.setdefault(m.sent, []).append(m)

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
        lo, hi = ctx.window(item.mention.start)
        whole = (ctx.idx[lo], ctx.char_end(hi))
        refs = [self._ref_segment(m) for m in item.refs[:MAX_REFS]]
        described = self.description(i)
        parties = self.parties(seg) or next((p for r in refs if (p := self.parties(r))), [])
        if not parties:
            parties = self.parties(whole, states_only=True)
        if len([p for p in parties if p["type"] == "place"]) < 1 or len(parties) < 2:
            parties += [p for p in self.event_parties() if p["name"] not in {q["name"] for q in parties}]
            parties = one_per_country(parties)[: max(2, len(parties))]
        signing_sents = [d for d in described if ctx.has_cue("signing", *self._tokens(d))]
        specific = [self._ref_segment(m) for m in item.refs[:MAX_REFS] if is_specific(m)]
        signatories = (
            self.agents(seg)
            or self.same_as_before(i, seg)
            or self.shared_with_next(i)
            or union(self.agents(r) for r in specific)
            or union(self.agents(p) for r in specific if (p := self._participle_after(r)))
            or (self.agents(whole) if item.own_sentence else self.agents(head) if head else [])
            or ([] if item.own_sentence else self.shared_agents(i, whole))
            or next((a for d in signing_sents if (a := self.agents(d))), [])
            or ([] if item.own_sentence else self.plural_followup_agents(i))
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
        shift = 0
        if date_ref is None:
            date_ref = self.event_date()
            if date_ref is not None and on_the_eve(ctx, ctx.sents[item.mention.sent].start):
                shift = -1  # "La veille, ..., ils avaient signé": the day before the event's
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
        sector_spans += self._purpose(seg, title_span)
        term = (ctx.idx[item.mention.start], ctx.char_end(item.mention.end))
        sectors = self.sectors(sector_spans, term)
        if not sectors and item.own_sentence and item.domain is None:
            sectors = self.sectors([whole], term)
        if not sectors and item.domain is None:
            # "un mémorandum entre la Chambre de commerce de A et celle de B": what the parties do
            sectors = self.sectors([title_span], term, in_names=True)
        signatories = self.by_portfolio(signatories, sectors)
        self.signed[i] = signatories
        evidence = [
            whole,
            *[(ctx.sents[m.sent].start_char, ctx.sents[m.sent].end_char) for m in item.refs[:MAX_REFS]],
        ]
        evidence += described
        return {
            "instrument": item.instrument or "accord",
            "title": self.title(item, max_title),
            "parties": [{"type": p["type"], "name": p["name"]} for p in parties],
            "signatories": signatories,
            "date_ref": date_ref,
            "date_shift": shift,
            "place": place,
            "sectors": sectors,
            "evidence": [list(e) for e in dict.fromkeys(evidence) if ctx.text[e[0] : e[1]].strip()],
        }

    def _purpose(self, seg: tuple[int, int], title: tuple[int, int]) -> list[tuple[int, int]]:
        """What its own words say it is for, after its title and parties: "..., entre A et B, pour
        l'importation de produits pétroliers", "..., destiné à la formation des cadres"."""
        ctx = self.ctx
        lo, hi = ctx.token_at(max(seg[0], title[1])), ctx.token_at(seg[1])
        for start, _ in ctx.cues_in("purpose", lo, hi):
            stop = start
            while stop < hi and not (
                ctx.has_cue("signing", stop, stop + 1) or ctx.has_cue("agent", stop, stop + 1)
            ):
                stop += 1
            return [(ctx.idx[start], ctx.char_end(stop))]
        return []

    def segment(self, i: int) -> tuple[int, int]:
        """Its own words: from its mention to the next agreement's mention in the same sentence. The last
        of a list ends where its own clause does: ", signé par A" is its own, ", à l'issue des entretiens
        entre A et B" speaks of the whole sentence."""
        ctx, item = self.ctx, self.items[i]
        if item.domain is not None:
            return ctx.idx[item.domain[0]], ctx.char_end(item.domain[1])
        lo, hi = ctx.window(item.mention.start)
        starts = self.item_starts.get(item.mention.sent, [])
        earlier = bisect_left(starts, item.mention.start) > 0
        start = item.mention.start if earlier else lo
        marks = self.mark_starts.get(item.mention.sent, [])
        k = bisect_right(marks, item.mention.start)
        end = min(marks[k], hi) if k < len(marks) else hi
        if earlier and k >= len(marks):
            end = self._own_clause_end(max(item.mention.title_end, item.mention.end), hi)
        return ctx.idx[start], ctx.char_end(end)

    def _own_clause_end(self, j: int, end: int) -> int:
        """The first comma after the title that does not open the agreement's own signing phrase."""
        ctx = self.ctx
        signed = False
        while j < end:
            if ctx.words[j] in (";", ":"):
                return j
            if ctx.words[j] == "," and j + 1 < end:
                nxt = ctx.lower[j + 1]
                named = signed and bool(ctx.persons.within(ctx.idx[j + 1], ctx.idx[j + 1] + 1))
                if not (ctx.has_cue("signing", j + 1, j + 3) or nxt in OWN_CLAUSE_STARTS or named):
                    return j  # ", paraphé par leurs présidents, A et B" goes on: the signers' names
            signed = signed or ctx.has_cue("signing", j, j + 1)
            j += 1
        return end

    def sentence_head(self, i: int) -> tuple[int, int] | None:
        """In a sentence that lists several agreements, the words before the first: "Les ministres A et B
        ont signé ..." names the signers of all of them."""
        ctx, item = self.ctx, self.items[i]
        lo, _ = ctx.window(item.mention.start)
        starts = self.item_starts.get(item.mention.sent, [])
        first = starts[0] if starts and item.domain is None else item.mention.start
        first = max(first, lo)
        return (ctx.idx[lo], ctx.idx[first]) if first > lo else None

    def _ref_segment(self, m) -> tuple[int, int]:
        """A later mention's words: up to the next mention that follows a signing word, so that
        "L'accord sur le transit et l'arrangement douanier ont été paraphés par A et B" gives both A and B."""
        ctx = self.ctx
        _, hi = ctx.window(m.start)
        marks = self.mark_starts.get(m.sent, [])
        end = hi
        for start in marks[bisect_right(marks, m.start) :]:
            if start >= hi:
                break
            if ctx.has_cue("signing", m.start, start) or ctx.has_cue("agent", m.start, start):
                end = start
                break
        # "Ces conventions découlent du programme conclu en décembre à Bruxelles": that one's words.
        others = [
            o.start for o in self.opening.get(m.sent, ()) if m.start < o.start < end and o.start not in marks
        ]
        if others:
            end = min(others)
        return ctx.idx[m.start], ctx.char_end(end)

    def _participle_after(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """ "Le second texte est un protocole ... . Signé par le ministre A et son homologue B, il autorise
        ...": the next sentence opens on a participle whose agents signed the text just named."""
        ctx = self.ctx
        k = ctx.sent_of[min(ctx.token_at(span[0]), ctx.n - 1)] + 1
        if k >= len(ctx.sents):
            return None
        s = ctx.sents[k]
        opener = ctx.lower[s.start : s.start + 2]
        if len(opener) == 2 and opener[0].startswith(("sign", "paraph")) and opener[1] == "par":
            return (s.start_char, s.end_char)
        return None

    def description(self, i: int) -> list[tuple[int, int]]:
        """The sentences after its own that go on about it: "Il prévoit ...", "Ce texte ..." in its paragraph,
        a later paragraph that opens on the text itself ("Selon ce texte, ...", "Aux termes du MoU, les
        parties s'engagent à coopérer dans les domaines ci-après :") and the bullets such a line announces."""
        ctx, item = self.ctx, self.items[i]
        if not item.own_sentence or item.domain is not None:
            return []
        out: list[tuple[int, int]] = []
        home = last = ctx.sents[item.mention.sent].paragraph
        bullets = told = 0  # bullets still allowed after a line that ends with ":"; sentences told
        for k in range(item.mention.sent + 1, min(len(ctx.sents), item.mention.sent + 1 + MAX_LOOKED)):
            sent = ctx.sents[k]
            if k in self.listed or self.referred.get(k, set()) - {id(item)} or sent.header or sent.noise:
                break
            span = (sent.start_char, sent.end_char)
            if not ctx.text[span[0] : span[1]].strip():
                continue
            if bullets and sent.list_item:
                out.append(span)
                bullets -= 1
                last = sent.paragraph
                continue
            if told >= MAX_DESCRIBED or sent.paragraph - home > MAX_PARAGRAPHS:
                break
            on_text = self._opens_on_text(k, item)
            if sent.paragraph != last and not on_text:
                break
            if k in self.other_time:
                if not on_text:
                    break  # "Il complète l'accord de pêche signé en 2012": about another instrument
                last = sent.paragraph  # "Le nouveau MoU prend le relais du protocole de 2019": skip it
                continue
            first = next((t for t in range(sent.start, sent.end) if ctx.words[t].strip()), sent.start)
            if not on_text and ctx.lower[first] not in ANAPHORS:
                break
            out.append(span)
            told += 1
            last = sent.paragraph
            bullets = MAX_BULLETS if ctx.text[span[0] : span[1]].rstrip().endswith(":") else 0
        return out

    def by_portfolio(self, signatories: list[str], sectors: list[str]) -> list[str]:
        """ "signés par les ministres A (Santé), B (Enseignement technique) et C (Agriculture)": of those
        named with a portfolio, only the one whose portfolio is the agreement's subject signed it."""
        ctx = self.ctx
        portfolio: dict[str, set[str]] = {}
        for name in signatories:
            for person in ctx.persons.items:
                if person.name != name:
                    continue
                found = re.match(r"\s*\(([^()]{2,60})\)", ctx.text[person.end : person.end + 64])
                if found:
                    lo, hi = person.end + found.start(1), person.end + found.end(1)
                    portfolio.setdefault(name, set()).update(s for s, *_ in ctx.sectors.within(lo, hi))
        if len(portfolio) < 2 or not any(portfolio[n] & set(sectors) for n in portfolio):
            return signatories
        return [n for n in signatories if n not in portfolio or portfolio[n] & set(sectors)]

    def plural_followup_agents(self, i: int) -> list[str]:
        """ "... deux partenariats : l'un en recherche, l'autre en santé. Ils ont été signés par A et B": the
        signers a plural pronoun opening the next sentence of the paragraph gives all the list's items."""
        ctx, item = self.ctx, self.items[i]
        k = item.mention.sent + 1
        while k < len(ctx.sents) and not ctx.sentence_text(k).strip():
            k += 1
        if (
            k >= len(ctx.sents)
            or k in self.listed
            or ctx.sents[k].paragraph != ctx.sents[item.mention.sent].paragraph
        ):
            return []
        s = ctx.sents[k]
        first = next((t for t in range(s.start, s.end) if ctx.words[t].strip()), s.start)
        if ctx.lower[first] not in PLURAL_ANAPHORS or not ctx.has_cue(
            "signing", first, min(s.end, first + 5)
        ):
            return []
        return self.agents((s.start_char, s.end_char))

    def _opens_on_text(self, k: int, item: Item) -> bool:
        """Sentence k opens on the agreement itself: a content cue ("Selon ce texte"), or in its first words
        a reference to it or a definite mention of its instrument ("Aux termes du MoU", "Le nouveau MoU")."""
        ctx, sent = self.ctx, self.ctx.sents[k]
        head = min(sent.end, sent.start + 6)
        if ctx.has_cue("content", sent.start, head):
            return True
        if any(m.sent == k and m.start < head and not m.plural for m in item.refs[:MAX_REFS]):
            return True
        return any(
            m.start < head
            and not m.plural
            and m.det in ("def", "demonstrative", "possessive")
            and (m.instrument == item.instrument or m.strength == "carrier")
            for m in self.opening.get(k, ())
        )

    def _tokens(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.ctx.token_at(span[0]), self.ctx.token_at(span[1])

    def sectors(
        self, spans: list[tuple[int, int]], term: tuple[int, int] | None = None, in_names: bool = False
    ) -> list[str]:
        """Sector words of the spans, less those naming a portfolio, an organisation, or the kind of
        instrument ("convention de financement" is not about finance)."""
        ctx, out = self.ctx, []
        for lo, hi in spans:
            for sector, start, end in ctx.sectors.within(lo, hi, end=lambda s: s[2]):
                if (
                    sector in out
                    or ctx.in_portfolio(ctx.token_at(start))
                    or (self._in_organisation(start, end) and not in_names)
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
