"""Obligation wording that calls for something without a call verb.

"A stable relationship is required for X", "dialogue is vital to Y" call for their subject;
"our responsibility is to ensure X", "it is indeed vital that X" and "we invite all States to X"
call for what follows.
"""

from __future__ import annotations

import re

_NEED = r"(?:required|vital|essential|critical|crucial|indispensable|imperative)"
# "X is required for Y": the subject is what is called for.
_SUBJECT_NEEDED = re.compile(
    rf"\b(?:is|are|remains|remain)\s+(?:(?:also|therefore|thus|indeed|\w+ly)\s+)?{_NEED}"
    r"\s+(?:for|to)\b"
)
# "our responsibility (as leaders) is to ensure X", "it is (indeed) vital that X".
_AFTER = re.compile(
    r"(?i)\b(?:(?:our|my|the|their|its|your)\s+(?:\w+\s+)?(?:responsibility|duty|obligation)"
    r"\b[^.;:?!]{0,80}?\b(?:is|remains)\s+to"
    rf"|it\s+is\s+(?:(?:also|therefore|thus|indeed|so|\w+ly)\s+){{1,2}}(?:{_NEED}|necessary|important)"
    r"\s+(?:that|to)"
    r"|invit(?:e|es|ed|ing)\s+(?:all\s+)?(?:the\s+)?(?:other\s+)?(?:Member\s+States|States|countries"
    r"|nations|Governments|members|partners|the\s+international\s+community)\s+to)\b"
)
_PRONOUN = re.compile(r"(?i)^(?:it|this|that|these|those|which|what|who|there|he|she|they)\b")
_DETERMINER = re.compile(r"(?i)^(?:and|but|so|yet|indeed|also)\s+")


def obligation(text: str, sent_start: int, a: int, b: int) -> tuple[int, int, int, int] | None:
    """An obligation in the clause text[a:b] of the sentence starting at ``sent_start``.

    Returns (trigger start, trigger end, target start, target end), or None.
    """
    m = _AFTER.search(text, a, b)
    if m:
        rest = re.match(r"[\s—–-]*(?:that\s*[—–-]*\s*)?", text[m.end() : b])
        t0 = m.end() + (rest.end() if rest else 0)
        span = text[t0:b].rstrip(" ,;:.")
        if span.strip():
            return m.start(), m.end(), t0, t0 + len(span)
        return None
    m = _SUBJECT_NEEDED.search(text, a, b)
    if not m:
        return None
    head = max(sent_start, text.rfind(";", sent_start, m.start()) + 1)
    head = max(head, text.rfind(":", sent_start, m.start()) + 1)
    subject = text[head : m.start()]
    lead = len(subject) - len(subject.lstrip())
    subject = subject.strip()
    d = _DETERMINER.match(subject)
    if d:
        lead, subject = lead + d.end(), subject[d.end() :]
    if not subject or _PRONOUN.match(subject) or len(subject.split()) > 12 or "," in subject:
        return None
    t0 = head + lead
    return m.start(), m.end(), t0, t0 + len(subject)
