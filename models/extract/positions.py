"""Positions: each stated stance of a paragraph becomes a record with its holder and target."""

from __future__ import annotations

from models.extract.clauses import ReadParagraph
from models.extract.knowledge import Lexicon
from models.extract.stances import OCCASIONS
from models.extract.strength import strength_of
from models.schema import Position


def positions_of(para: ReadParagraph, paragraph_id: str, lex: Lexicon) -> list[Position]:
    """The positions a read paragraph states, in order."""
    doc, out = para.doc, []
    for stated in para.stated:
        trig = stated.trigger
        start, end = trig.start, trig.end
        if trig.stance == "welcome" and doc[trig.token].lemma_.lower() in ("thank", "welcome"):
            narrowed = _thanks_target(doc, trig.token, start, end, lex)
            if narrowed is None:
                continue
            start, end = narrowed
        if trig.stance == "welcome" and _greeting(doc, start, end, lex):
            continue
        target = para.text(start, end).strip()
        if not target or all(t.pos_ in ("PRON", "PUNCT", "DET") for t in doc[start:end]):
            continue  # "we appreciate it": no target of its own
        if end - start == 1 and doc[start].pos_ in ("VERB", "AUX"):
            antecedent = _antecedent(doc[start])
            if antecedent is None or doc[start].lemma_.lower() in lex.light_verbs:
                continue  # "this solidarity must endure": a bare verb says nothing
            start, end = antecedent  # "the new port, which X pledged to fund"
            target = para.text(start, end).strip()
        evidence = para.text(min(trig.token, start), max(end, trig.end))
        holders = tuple(sorted(stated.holder.parties))
        strength = strength_of(doc, trig, lex)
        speaker = stated.holder.speaker
        out.append(
            Position(holders, speaker, trig.stance, target, paragraph_id, evidence, strength)
        )
    return out


def _antecedent(verb) -> tuple[int, int] | None:
    """The noun phrase a relative clause's verb is about, without the clause: "the port
    authority of Basra, which Japan is ready to fund" -> the port authority of Basra."""
    node = verb
    for _ in range(4):
        if node.dep_ == "relcl":
            noun = node.head
            if noun.pos_ not in ("NOUN", "PROPN"):
                return None
            while noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "the authority of Basra"
                noun = noun.head.head
            inside = {t.i for t in node.subtree}
            kept = [t.i for t in noun.subtree if t.i not in inside and not t.is_punct]
            return min(kept), max(kept) + 1
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _thanked_for(prep, verb, lex: Lexicon) -> bool:
    """ "for" of what thanks are for: on the verb, on a person addressed, or, after "thank",
    on the one thanked ("thanked President Ruto for his hospitality"); not the "for" of a name
    welcomed ("welcomed the Summit for Democracy")."""
    head = prep.head
    if head.i == verb.i or head.pos_ == "PRON" or head.lower_ in lex.persons_addressed:
        return True
    if verb.lemma_.lower() != "thank":
        return False
    thanked = [t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree]
    return head.i in thanked  # "thank the Congress — both parties — for passing a package"


def _greeting(doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "pleased to see you", "happy to meet my old friend": a greeting, not a position."""
    first = doc[start]
    if first.lemma_.lower() not in lex.greeting_verbs:
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in OCCASIONS for c in first.children):
        return True  # "pleased to have the opportunity to discuss ..."
    return any(t.lower_ in lex.persons_addressed for t in doc[start + 1 : end])


def _thanks_target(doc, verb: int, start: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """What thanks are for: "thank X for Y" -> Y (not the "for" of "the Summit for Democracy");
    thanks or a welcome to a person alone is a pleasantry, not a position."""
    for t in doc[start:end]:
        if t.lower_ == "for" and t.i + 1 < end and _thanked_for(t, doc[verb], lex):
            return t.i + 1, end
    first = doc[start]
    addressed = first.lower_ in lex.persons_addressed and first.dep_ not in (
        "det",
        "predet",
        "amod",
    )
    if addressed or first.lower_ in ("to", "back", "here"):
        return None  # "thank you", "welcome everyone"; but "welcomes all efforts" is a position
    heads = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    head = heads[0] if heads else first
    if head.pos_ == "PROPN" and (first.pos_ == "PROPN" or first.lower_ in ("mr", "mr.", "madam")):
        return None  # "welcomed President X": a person; "welcomed President X's initiative" is not
    if first.lower_ in ("mr", "mr.", "madam") or head.lemma_.lower() in lex.persons_welcomed:
        return None  # "welcomed the President", "welcomed ASEAN leaders to Washington"
    return start, end
