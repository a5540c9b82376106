"""Transcripts: speaker labels ("PRESIDENT BIDEN:", "Xi Jinping (retranslated):", "Q") set who
speaks until the next label; press questions, moderators and unknown voices state nothing.

Spoken turns also carry talk that is not a position: greetings and thanks to a person
("Thank you, Mr. President"), and hedged predictions ("I think we can do a lot").
"""

from __future__ import annotations

import re

from models.context import DocumentContext
from models.parties import TITLES, Leader

_LABEL = re.compile(
    r"\s*(?:\*\*)?(?P<label>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|de|bin|al)){0,5})"
    r"(?:\s*\((?P<note>[^)]{1,40})\))?(?:\*\*)?\s*:(?:\*\*)?(?=\s|$)\s*"
)
_QUESTION = re.compile(
    r"\s*(?:\*\*)?(?:Q|QUESTION|Question)(?:\*\*)?(?:\s*[:.](?:\*\*)?|\s+(?=\S))\s*"
)
# Voices that speak for no party: the press, moderators, staff, the audience.
NON_PARTY = frozenset(
    "q question reporter journalist press audience moderator aide operator participant staff "
    "interpreter translator announcer narrator host video crowd voice voices mc".split()
)
# A label that starts with a title or an honorific names a person even when the person is unknown.
_PERSON_LABEL = re.compile(
    r"(?i)^(?:the\s+)?(?:"
    + "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
    + r"|mr\.?|mrs\.?|ms\.?|dr\.?|madam|madame|senator|governor|mayor|first lady)(?:\s|$)"
    + r"|\b(?:official|spokesperson|spokesman|spokeswoman)$"
)
_OFFICIAL = re.compile(r"(?i)\b(?:administration|white house|senior)\s+officials?\b")


def speaker_turn(text: str, ctx: DocumentContext, index) -> int:
    """Read a label at the start of a paragraph and update the turn of ``ctx``.

    Returns where the paragraph's own words start (0 when it has no label). An unlabeled
    paragraph continues the current turn.
    """
    q = _QUESTION.match(text)
    if q and (q.end() == len(text) or q.group().strip() != "Q" or text[q.end()].isupper()):
        _set(ctx, None, silent=True)
        return q.end()
    m = _LABEL.match(text)
    if not m:
        return 0
    label = m.group("label").strip()
    words = label.upper().replace("’", "'").split()
    if not words or len(words) > 6:
        return 0
    if " ".join(words).lower() in NON_PARTY or words[0].lower() in NON_PARTY:
        _set(ctx, None, silent=True)
        return m.end()
    who = resolve_label(label, ctx, index)
    if who is not None:
        _set(ctx, who, silent=False)
        return m.end()
    if _PERSON_LABEL.search(label):
        _set(ctx, None, silent=True)  # a person we cannot place: conservative, no positions
        return m.end()
    return 0  # a heading ("DEFENSE COOPERATION:") or a dateline, not a label


def resolve_label(label: str, ctx: DocumentContext, index) -> Leader | None:
    """The person a label names: a known leader, someone introduced in the text, "THE PRESIDENT"
    of the publishing government, or an official of that government."""
    name = label.title() if label.isupper() else label
    name = re.sub(r"\bMr\.?\s|\bMs\.?\s|\bMrs\.?\s|\bDr\.?\s", "", name)
    for mention in index.find(name, ctx.year, ctx.persons):
        if mention.person:
            return Leader(mention.person, mention.party)
    title = re.fullmatch(r"(?i)the\s+(.+)", label.strip())
    if title:
        role = title.group(1).title()
        if ctx.home:
            for leaders in index.leaders.values():
                for leader in leaders:
                    if leader.party == ctx.home and leader.role == role:
                        if ctx.year is None or leader.start <= ctx.year <= leader.end:
                            return leader
        return ctx.titled(role, index)
    if ctx.home and _OFFICIAL.search(label):
        return Leader(name, ctx.home)
    return None


def _set(ctx: DocumentContext, who: Leader | None, silent: bool) -> None:
    ctx.label_speaker = who
    ctx.silent = silent
    ctx.spoken = True
    if who is not None:
        ctx.last_person = who


_PERSONAL = frozenset(
    "you your everyone everybody all him her them us me mr mr. mrs mrs. ms ms. madam sir folks "
    "ladies gentlemen friends colleagues".split()
)
_THANKS = re.compile(r"(?i)^(?:thank|grateful|gratitude)")
_HEDGE = re.compile(
    r"(?i)\b(?:I\s+(?:think|believe|hope|suppose|guess|expect|suspect|bet)|I'?m\s+(?:sure|confident"
    r"|hopeful)|I\s+am\s+(?:sure|confident|hopeful)|maybe|perhaps|probably|possibly"
    r"|(?:we|we'll|we’ll)\s+(?:will\s+)?see|seems\s+to\s+me|who\s+knows)\b"
)


def thanks_target(text: str, trigger: tuple[int, int], a: int, b: int) -> tuple[int, int] | None:
    """What thanks are for: "thank X for Y" -> Y; thanks to a person alone are a pleasantry."""
    if not _THANKS.match(text[trigger[0] : trigger[1]]):
        return a, b
    m = re.search(r"\bfor\s+", text[a:b])
    if m:
        return a + m.end(), b
    first = re.match(r"\W*([\w.'’]+)", text[a:b])
    if first is None or first.group(1).lower() in _PERSONAL:
        return None
    return a, b


def greeting(text: str, trigger: tuple[int, int], b: int) -> bool:
    """A spoken welcome to a person or place: "Welcome, Mr. President", "welcome to Washington"."""
    if not text[trigger[0] : trigger[1]].lower().startswith("welcome"):
        return False
    after = re.match(r"[\s,]*([\w.'’]+)", text[trigger[1] : b])
    return after is None or after.group(1).lower() in _PERSONAL | {"to", "back", "here"}


def hedged(sentence: str) -> bool:
    """Conversational hedges: "I think", "maybe", "we'll see", "it seems to me"."""
    return bool(_HEDGE.search(sentence))


def labelled_speakers(paragraphs, ctx: DocumentContext, index) -> dict[str, Leader]:
    """The first labelled speaker of each party in a transcript (read ahead, nothing changed)."""
    out: dict[str, Leader] = {}
    for p in paragraphs:
        m = _LABEL.match(p.text)
        if not m or _QUESTION.match(p.text):
            continue
        label = m.group("label").strip()
        words = label.lower().split()
        if not words or len(words) > 6 or words[0] in NON_PARTY or " ".join(words) in NON_PARTY:
            continue
        who = resolve_label(label, ctx, index)
        if who is not None:
            out.setdefault(who.party, who)
    return out


# A vocative or a short opening phrase: "President X, your ...", "And just this week, you ...".
_VOCATIVE = r"(?:(?:[\w.'’-]+\s+){0,4}[\w.'’-]+,\s+)?"
_YOU_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|so|now|also|again|today|indeed)\W+)*"
    + _VOCATIVE
    + r"(?:[Yy]ou(?!\s+(?:know|see|mentioned|said|recall|remember|heard|understand)\b)|[Yy]our)\b"
)
_AND_I = re.compile(r"\s+and\s+(?:I|me|we)\b")


def addressed_subject(region: str, ctx: DocumentContext) -> tuple[str, ...]:
    """Parties a transcript clause's subject names through "you": "You have ...", "your country
    will ...", "you and I ..." (the speaker's party too). Empty when "you" is not the subject."""
    other = ctx.addressee()
    m = _YOU_SUBJECT.match(region)
    if other is None or not m:
        return ()
    parties = {other[0]}
    if _AND_I.match(region, m.end()) and ctx.label_speaker:
        parties.add(ctx.label_speaker.party)
    return tuple(sorted(parties))
