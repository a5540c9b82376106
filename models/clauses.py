"""Sentence and clause splitting: sentence spans, and clauses cut at ;/: and coordinated verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gen|Lt|Col|Gov|Sen|Rep|Inc|Ltd"
    r"|Co|vs|etc|Amb|Adm|Prof|Nos|Art|Sec|Ph|Sept|Feb|Jan|Aug|Oct|Nov|Dec))\.$"
)
_SENT_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
_CUT = re.compile(r";\s*|:\s+|,\s+(?:and\s+|or\s+)?|\s+and\s+|\s+as well as\s+")
_REPORTING = {"adding", "noting", "saying", "stressing"}
_SUBORDINATE = {"which", "while", "but", "whereas"}
_PARTICIPIAL_STANCES = {"calling", "urging", "welcoming", "reaffirming", "expressing"}
_POSSESSIVES = {"their", "its", "his", "her", "our"}
PREPS = frozenset(
    "of with to for in on from by between against at toward towards about over under among into "
    "than including like via".split()
)


@dataclass
class Segment:
    """A clause of a sentence with its resolved stance, holders and target span."""

    start: int
    end: int
    sent_start: int
    cont: bool = False
    stance: str | None = None
    trigger: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    holders: tuple[str, ...] = ()
    speaker: str | None = None
    attributed: bool = False
    own_subject: bool = False  # the clause names its own actor (a party, a pronoun or another)
    mute: bool = False  # a question or a turn of the press: states nothing, raises no area
    obligation: bool = False  # "X is required for Y", "our responsibility is to X": own voice


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a paragraph (abbreviations do not end one)."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if text[m.start()] == "." and _ABBREV.search(text[start : m.start() + 1]):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def prev_word(text: str, pos: int) -> str:
    """The lower-cased word just before ``pos``."""
    m = re.search(r"([\w'’]+)\W*$", text[:pos])
    return m.group(1).lower() if m else ""


def next_words(text: str, pos: int, n: int = 3) -> list[str]:
    """The first ``n`` words after ``pos``."""
    return re.findall(r"[\w'’-]+", text[pos : pos + 80])[:n]


def is_verbal(word: str, lexicon) -> bool:
    """A word that can head a coordinated verb phrase (continuation or one-word stance verb)."""
    w = word.lower()
    return w in lexicon.continuation_verbs or (" " not in w and w in lexicon.verbs)


def split_clauses(
    text: str, s0: int, s1: int, lexicon, exclude: list[tuple[int, int]]
) -> list[Segment]:
    """Split a sentence at ;/: and before coordinated verb phrases ("..., oppose X")."""
    cuts: list[tuple[int, int, bool]] = []  # (cut start, next segment start, continuation)
    for m in _CUT.finditer(text, s0, s1):
        a, b = m.start(), m.end()
        sep = m.group()
        if sep.strip() in (";", ":"):
            cuts.append((a, b, False))
            continue
        words = next_words(text, b, 4)
        k = 0
        while k < len(words) - 1 and (words[k].endswith("ly") or words[k] in {"also", "further"}):
            k += 1
        if not words:
            continue
        w = words[k].lower()
        if w in _REPORTING or w in _SUBORDINATE:
            skip = len(words[0]) + 1 if w in _REPORTING else 0
            nxt = b + skip
            if next_words(text, nxt, 1)[:1] == ["that"]:
                nxt += 5
            cuts.append((a, nxt, False))
        elif w in _PARTICIPIAL_STANCES:
            cuts.append((a, b, False))
        elif k == 0 and w in _POSSESSIVES and len(words) > 2 and _frame_noun_ahead(words, lexicon):
            cuts.append((a, b, True))  # "... commitment to X and their determination to Y"
        elif k == 0 and "and" in sep and _new_subject_clause(words, lexicon):
            cuts.append((a, b, False))  # "..., and both leaders underscored X": a clause of its own
        elif k == 0 and _stance_word(words, k, lexicon):
            cuts.append((a, b, True))  # "... and underscored X", "... and thanked Y"
        elif is_verbal(w, lexicon) and not (
            w.endswith("ed") and "," not in sep and k == 0 and not _stance_word(words, k, lexicon)
        ):
            cuts.append((a, b, True))
    cuts += [(a, b, False) for a, b in exclude]
    cuts.sort()
    segs, start, cont = [], s0, False
    for a, b, is_cont in cuts:
        if a < start:
            continue
        segs.append(Segment(start, a, s0, cont=cont))
        start, cont = b, is_cont
    segs.append(Segment(start, s1, s0, cont=cont))
    return [s for s in segs if text[s.start : s.end].strip()]


_SUBJECT_HEADS = frozenset("he she they we both".split())


def _stance_word(words: list[str], k: int, lexicon) -> bool:
    """A coordinated past-tense stance or framing verb ("... and committed to", "... and thanked
    X"): it starts a stance of its own, so the stance before it ends there."""
    w = words[k].lower()
    pair = " ".join(words[k : k + 2]).lower()
    return w in lexicon.verbs or w in lexicon.frame_verbs or pair in lexicon.verbs


def _new_subject_clause(words: list[str], lexicon) -> bool:
    """ "and both leaders underscored", "and they welcomed": a subject, then a stance verb."""
    low = [w.lower() for w in words]
    if not low or low[0] not in _SUBJECT_HEADS and low[0] != "the":
        return False
    if low[0] == "the" and not (len(low) > 2 and low[1] in ("two", "three", "leaders", "sides")):
        return False
    return any(
        w.endswith("ed") and (w in lexicon.verbs or w in lexicon.frame_verbs) for w in low[1:4]
    )


def _frame_noun_ahead(words: list[str], lexicon) -> bool:
    return any(w.lower() in lexicon.frame_nouns for w in words[1:3])
