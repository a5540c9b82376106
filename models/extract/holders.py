"""Who holds a clause: its subject (or agent), the reporting verb's subject, the speaker label,
or the document's voice."""

from __future__ import annotations

from dataclasses import dataclass

from models.extract.context import DocumentContext, titles_in
from models.extract.knowledge import Knowledge
from models.extract.matchers import PartySpan

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
WE = frozenset({"we", "us", "our", "ours", "ourselves"})
I_ME = frozenset({"i", "me", "my", "mine"})
SHE_HE = frozenset({"he", "she", "him", "her", "his"})
THEY = frozenset({"they", "them", "their"})
ALL = frozenset({"both", "all", "two", "three", "each"})


@dataclass(frozen=True)
class Holder:
    """The parties that hold a clause and the person who speaks for them (if named)."""

    parties: tuple[str, ...]
    speaker: str | None = None
    explicit: bool = False  # named in the clause itself (not from the voice or a reporter)


NOBODY = Holder(())


# Links a clause's missing subject is found across: "agreed to enhance X", "on securing X",
# "opportunities to enhance X" (what the noun's own clause does, its verb's subject does).
CLIMB = frozenset({"xcomp", "conj", "acomp", "advcl", "pcomp", "acl", "dobj", "pobj"})


def _vocative(tok) -> bool:
    """A phrase addressing the audience at a sentence's start ("Your Excellency, ...")."""
    after = tok.right_edge.i + 1
    return (
        tok.left_edge.i == tok.sent.start
        and after < len(tok.doc)
        and tok.doc[after].text == ","
        and any(t.lower_ in ("your", "excellency", "excellencies", "majesty", "highness")
                for t in tok.subtree)
    )  # fmt: skip


def subject_of(verb):
    """The subject token of a verb, climbing through xcomp, conj, acomp and relative clauses."""
    node, hops = verb, 0
    while hops < 8:
        hops += 1
        for c in node.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        subjects = [c for c in node.children if c.dep_ in SUBJECTS]
        if len(subjects) > 1 and _vocative(subjects[0]):
            subjects = subjects[1:]  # "Your Excellency, ... India will fulfil": India
        if subjects:
            return subjects[0]
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ in CLIMB and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "prep" and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


class HolderResolver:
    """Maps subject phrases of a paragraph to parties, using the document's context."""

    def __init__(self, ctx: DocumentContext, knowledge: Knowledge, home_leaders: dict):
        self.ctx = ctx
        self.knowledge = knowledge
        self.lex = knowledge.lexicon
        self.home_leaders = home_leaders

    def of_phrase(self, doc, head, mentions: dict[int, PartySpan]) -> Holder | None:
        """Parties a noun phrase names, or None when it is no party's (a program, "it").

        Coordinated subjects ("The President and the Prime Minister") hold together.
        """
        conj = [c for c in head.children if c.dep_ == "conj"]
        if not conj:
            return self._one(doc, head, mentions, set())
        skip = {t.i for c in conj for t in c.subtree}
        held = [self._one(doc, head, mentions, skip)] + [
            self.of_phrase(doc, c, mentions) for c in conj
        ]
        held = [h for h in held if h and h.parties]
        if not held:
            return None
        parties = tuple(dict.fromkeys(p for h in held for p in h.parties))
        speaker = held[0].speaker if len(held) == 1 else None
        return Holder(parties, speaker, explicit=True)

    def _one(self, doc, head, mentions: dict[int, PartySpan], skip: set[int]) -> Holder | None:
        """The parties of one noun phrase (without the phrases coordinated with it)."""
        ctx, low = self.ctx, head.lower_
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        if possessor is not None and head.lemma_.lower() in self.lex.aims:
            return self._one(doc, possessor, mentions, skip)  # "our goal", "Yoon's priority"
        owner = possessor.lower_ if possessor is not None else None
        if owner in WE | I_ME and head.lemma_.lower() in self.lex.collective:
            low = "we"  # "our country", "my government", "my delegation"
        if low in WE:
            who = ctx.label_speaker or (ctx.speaker if ctx.single_voice else None)
            return Holder(ctx.we(), who.name if who else None)
        if low in I_ME:
            if ctx.label_speaker:
                return Holder((ctx.label_speaker.party,), ctx.label_speaker.name)
            if ctx.single_voice:
                return Holder(ctx.voice, ctx.speaker.name if ctx.speaker else None)
            return None
        if low in ("you", "your"):
            other = ctx.addressee()
            return Holder(other) if other else None
        if low in SHE_HE:
            p = ctx.last_person
            return Holder((p.party,), p.name) if p else None
        if low in THEY:
            if ctx.last_holders:
                return Holder(ctx.last_holders)
            if not (ctx.single_voice or ctx.spoken) and head.dep_ == "nsubj":
                return Holder(ctx.parties)  # "They underscored ...": the meeting's sides
            return None
        span = [t for t in head.subtree if t.i not in skip]
        if head.dep_ == "poss" or not span:
            span = [head]
        found = []
        for tok in span:
            m = mentions.get(tok.i)
            if m and m.party not in [f.party for f in found] and not _in_prep_object(tok, head):
                found.append(m)
        lemma = head.lemma_.lower()
        if found:
            if lemma in self.lex.non_actors and head.pos_ != "PROPN":
                if not any(m.start <= head.i < m.end for m in found):
                    return None
            person = next((m.person for m in found if m.person), None)
            parties = tuple(dict.fromkeys(m.party for m in found))
            if person:
                self.ctx.last_person = next(
                    (p for p in self.ctx.persons.values() if p.name == person), None
                ) or self._leader(found)
            return Holder(parties, person, explicit=True)
        if lemma in self.lex.non_actors or low in self.lex.non_actors:
            return None
        if lemma in self.lex.collective and (
            any(c.lower_ in ALL for c in head.children) or head.tag_ in ("NNS", "NNPS")
        ):
            return Holder(ctx.parties, explicit=True)
        if low in ALL or low == "together":
            return Holder(ctx.parties, explicit=True)
        titled = self._titled(doc, span)
        if titled is not None:
            self.ctx.last_person = titled
            return Holder((titled.party,), titled.name, explicit=True)
        return None

    def _leader(self, found):
        for m in found:
            if m.person:
                return next(
                    (p for p in self.ctx.persons.values() if p.name == m.person), None
                ) or _as_leader(m)
        return None

    def _titled(self, doc, tokens):
        """ "the President", "the King", "His Majesty", "the Crown Prince"."""
        if not tokens:
            return None
        start, end = tokens[0].i, tokens[-1].i + 1
        text = doc[start:end].text
        for honorific, roles in self.knowledge.honorifics.items():
            if text.startswith(honorific) or honorific in text:
                for role in roles:
                    who = self.ctx.titled(role)
                    if who:
                        return who
        titles = titles_in(doc, start, end, self.knowledge)
        if titles:
            return self.ctx.titled(titles[-1][2], self.home_leaders)
        return None


def _in_prep_object(tok, head) -> bool:
    """A party inside a prepositional phrase of the subject ("cooperation with China") is not
    the subject, except "of" after a title ("the President of Russia")."""
    node = tok
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ not in ("of",):
            return True
        node = node.head
    return False


def _as_leader(m: PartySpan):
    from models.parties import Leader

    return Leader(m.person or "", m.party)
