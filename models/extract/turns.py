"""Transcript speaker labels: "President of Russia Vladimir Putin:", "PRESIDENT BIDEN:", "Q",
"Question:", "Mr. Lavrov (Russian Federation):", "Xi Jinping (retranslated):".

A label is text structure, not syntax: it is found by its shape before the paragraph is parsed
(the body after it is what gets parsed), and resolved to a person and party afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"(?:[a-z]{1,3}-)?[A-Z][\w.'’-]*"  # "Putin", "el-Sisi", "al-Sudani"
_SMALL = r"(?:of|the|de|del|da|bin|al|el|van|von|for|and|on)"
_LABEL = re.compile(
    rf"\s*(?:\*\*)?(?P<label>{_WORD}(?:[ \t]+(?:{_WORD}|{_SMALL})){{0,13}})"
    r"(?:[ \t]*\((?P<note>[^)\n]{1,60})\))?[ \t]*(?:\*\*)?[ \t]*:(?:\*\*)?(?=\s|$)\s*"
)
_QUESTION = re.compile(
    r"\s*(?:\*\*)?(?:Q|QUESTION|Question)(?:\*\*)?(?:\s*[:.](?:\*\*)?|\s+(?=[A-Z\"“]))\s*"
)
_CLOCK = re.compile(r"\d")


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a paragraph: its words, note, and where the body starts."""

    text: str
    note: str | None
    body_start: int
    question: bool = False


def find_label(text: str) -> Label | None:
    """The speaker label a paragraph starts with, if it has one."""
    q = _QUESTION.match(text)
    if q and (q.end() == len(text) or q.group().strip() != "Q" or text[q.end()].isupper()):
        return Label("Q", None, q.end(), question=True)
    m = _LABEL.match(text)
    if not m or _CLOCK.search(m.group("label")):
        return None
    label = m.group("label").strip()
    if label.endswith(("-", "’s", "'s")):
        return None
    return Label(label, m.group("note"), m.end())


def body_start(text: str) -> int:
    """Where a paragraph's own words start: after its speaker label, if any (0 otherwise)."""
    label = find_label(text)
    return label.body_start if label else 0
