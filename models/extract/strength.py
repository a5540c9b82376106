"""How strongly a stance is held: the stance word's own modifiers in the parse.

"firmly supports" and "expressed strong support for" are +1, a hedge of the lexicon is -1, a
plain stance 0. Only the trigger's own words count: an adverb (advmod) of the stance verb,
predicate or modal's verb, an adjective (amod) of a stance noun.
"""

from __future__ import annotations

from models.extract.knowledge import Lexicon
from models.extract.stances import Trigger, frame_noun

MODIFIERS = frozenset({"advmod", "amod"})


def _heads(doc, trig: Trigger, lex: Lexicon) -> list:
    """The tokens whose modifiers say how strongly the trigger's stance is held."""
    tok = doc[trig.token]
    heads = [tok]
    if trig.kind == "modal":  # "will firmly support": the modal's verb
        heads.append(tok.head)
    elif trig.kind != "conj":  # an item of a list has only its own modifiers
        heads.append(doc[trig.verb])
    if trig.kind == "frame":  # "expressed strong support": the stance noun
        noun = frame_noun(tok, lex)
        if noun is not None:
            heads.append(noun)
    for head in list(heads):  # "will remain fully committed to": the predicate adjective
        heads += [c for c in head.children if c.dep_ == "acomp" and c.lower_ in lex.predicates]
    return heads


def strength_of(doc, trig: Trigger, lex: Lexicon) -> int:
    """+1 when the stance word is intensified, -1 when hedged, else 0."""
    words = {
        c.lower_ for head in _heads(doc, trig, lex) for c in head.children if c.dep_ in MODIFIERS
    }
    if words & lex.intensifiers:
        return 1
    if words & lex.hedges:
        return -1
    return 0
