"""What a stance is about: the target phrase after a trigger, and lists of separate objects."""

from __future__ import annotations

import re

from models.clauses import PREPS, is_verbal

_LEAD = re.compile(
    r"\s*(?:that\s+(?:[\w'’-]+\s+){0,4}?(?:will|would|can|could|should|must)\s+"
    r"|(?:[\w'’-]+\s+){1,5}?to\s+(?=\w))"
)
_LIST_SEP = re.compile(r",\s+(?:and\s+)?(?=the\s)|\s+and\s+(?=the\s)")


def target_span(text: str, a: int, b: int, stance: str, lexicon) -> tuple[int, int] | None:
    """The phrase after the trigger, without leading particles and a governed verb."""
    pos = a
    lead = _LEAD.match(text, pos, b)
    if lead and (
        lead.group().lstrip().startswith("that") or re.search(r"\b(?:on|upon)\s*$", text[a - 6 : a])
    ):
        pos = lead.end()
    for _ in range(6):
        m = re.match(r"\s*([\w'’-]+)", text[pos:b])
        if not m:
            break
        w = m.group(1).lower()
        governed = stance in ("commit", "call_for") and is_verbal(w, lexicon)
        if w in lexicon.target_skip_words or w.endswith("ly") or governed or w in lexicon.particles:
            pos += m.end()
            continue
        break
    span = text[pos:b]
    span = re.sub(r"[\s,;:.—–-]+$", "", span)
    span = re.sub(r"(?:\s+(?:and|or|as well as))+$", "", span)
    words = list(re.finditer(r"\S+", span))
    if len(words) > 40:
        span = span[: words[39].end()]
    lead_ws = len(span) - len(span.lstrip())
    if not span.strip():
        return None
    return pos + lead_ws, pos + len(span)


def split_objects(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split "the X, the Y and the Z" into items when they are the verb's own objects.

    A list inside a phrase ("norms enshrined in the A, the B and the C", "cooperation between
    the A and the B") is one coordinated noun phrase and stays whole.
    """
    parts, start = [], a
    for m in _LIST_SEP.finditer(text, a, b):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, b))
    if len(parts) < 2:
        return [(a, b)]
    first = re.findall(r"[\w'’-]+", text[parts[0][0] : parts[0][1]].lower())
    if any(w in PREPS and nxt == "the" for w, nxt in zip(first, first[1:], strict=False)):
        return [(a, b)]  # the later items are parallel to "the ..." inside the first one
    return [p for p in parts if len(text[p[0] : p[1]].split()) >= 2] or [(a, b)]


_CLEFT = re.compile(
    r"(?i)\bit\s+is\s+((?:this|that|the|our|only)\s+)?(?P<focus>[^,;]{3,80}?)\s+(?:that|which|who)\s*$"
)


def cleft_target(text: str, a: int, trigger: int) -> tuple[int, int] | None:
    """A cleft sentence states its focus: "it is this solidarity that must endure"."""
    m = _CLEFT.search(text, a, trigger)
    return (m.start("focus"), m.end("focus")) if m else None
