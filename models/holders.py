"""Who holds a clause's stance: reported speech, named subjects, pronouns, collective subjects."""

from __future__ import annotations

import functools
import re

from models.clauses import PREPS, prev_word
from models.context import DocumentContext
from models.parties import Leader, Mention

_WE = re.compile(
    r"\b(?:[Ww]e|WE|[Oo]ur|I|[Mm]y (?:[Cc]ountry|[Gg]overnment|[Dd]elegation|nation))\b"
)
_HE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_THEY = re.compile(r"\b[Tt]hey\b")
_TITLE_ONLY = re.compile(
    r"\b(?:[Tt]he|and)\s+(?:the\s+)?((?:Vice |Prime |Crown )?(?:President|Minister|Prince|King))\b"
)


@functools.lru_cache(maxsize=8)
def collective_re(lexicon) -> re.Pattern:
    """ "the two sides", "both leaders", "participants": subjects that stand for every party."""
    heads = "|".join(re.escape(h) for h in sorted(lexicon.collective_heads, key=len, reverse=True))
    bare = "|".join(re.escape(h) for h in sorted(lexicon.bare_collectives, key=len, reverse=True))
    return re.compile(
        rf"(?i:\b(?:the|both|all|our)\s+(?:two\s+|three\s+|four\s+)?(?:{heads})\b)"
        rf"|\b(?:[Bb]oth|[Tt]ogether)\b|(?i:\b(?:{bare})\b)"
    )


@functools.lru_cache(maxsize=8)
def non_state_re(lexicon) -> re.Pattern:
    """Nouns of actors that are not parties: companies, firms, the private sector."""
    words = "|".join(re.escape(w) for w in sorted(lexicon.non_state_actors, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b")


_SUBJECT_STOP = re.compile(r",|\(|\s[–—-]\s|\b(?:which|that|who|whose|including)\b")


def program_subject(region: str, lexicon) -> bool:
    """A subject headed by a program, fund, agency or initiative ("The U.S.-Saudi Fund",
    "The partnerships built under the MOU"): up to its first comma, preposition or relative."""
    if not lexicon.program_heads:
        return False
    opening = re.match(
        r"\W*(?:[Tt]hrough|[Aa]s|[Aa]fter|[Ff]ollowing|[Ss]ince|[Dd]uring|[Uu]nder"
        r"|[Ww]ith|[Bb]y|[Ii]n|[Vv]ia|[Aa]long)\b[^,]*,",
        region,
    )
    if opening:  # "Through these memoranda, the United States will ...": the subject follows
        region = region[opening.end() :]
    stop = _SUBJECT_STOP.search(region)
    head = region[: stop.start()] if stop else region
    words = re.findall(r"[\w'’.-]+", head)
    for k, w in enumerate(words):
        low = w.lower().strip(".")
        if low in PREPS or low in ("built", "launched", "established", "created", "signed"):
            break
        if low in ("we", "i", "they", "he", "she"):
            return False
        pair = f"{low} {words[k + 1].lower()}" if k + 1 < len(words) else ""
        if low in lexicon.program_heads or pair in lexicon.program_heads:
            return True
    return False


def attribution(
    text, s0, s1, mentions, ctx, attr_re
) -> tuple[Leader | None, list[tuple[int, int]]]:
    """Reported speech: "…, Xi said", "He said that …", "Putin noted …"."""
    for m in attr_re.finditer(text, s0, s1):
        a, b = m.start(), m.end()
        before = text[s0:a]
        pm = re.search(r"\b([Hh]e|[Ss]he)\s+$", before)
        person = [
            x for x in mentions if x.person and x.end <= a and not text[x.end : a].strip(" ,")
        ]
        if pm:
            who, wstart = ctx.last_person, s0 + pm.start()
        elif person:
            x = person[-1]
            who, wstart = Leader(x.person, x.party), x.start
        else:
            continue
        leading = not text[s0:wstart].strip(' “"')
        if leading and re.match(r"\s*(?:that\b|,|:)", text[b : b + 6]):
            end = b + len(re.match(r"\s*(?:that\b|,|:)?\s*", text[b:]).group())
            return who, [(s0, end)]
        if not leading and re.match(r"\s*(?:[,.;]|$)", text[b:s1] or "."):
            cut = wstart
            while cut > s0 and text[cut - 1] in " ,":
                cut -= 1
            return who, [(cut, b)]
    return None, []


def own_mentions(text: str, a: int, b: int, mentions: list[Mention]) -> list[Mention]:
    """Party mentions of text[a:b] that are not governed by a preposition ("with China")."""
    own, dropped = [], None
    for x in mentions:
        if not (a <= x.start and x.end <= b):
            continue
        chained = dropped is not None and re.fullmatch(
            r"[\s,]*(?:and|or)?\s*(?:the\s+)?", text[dropped.end : x.start]
        )
        if prev_word(text, x.start) in PREPS or chained:
            dropped = x
            continue
        own.append(x)
    return own


_AS = re.compile(r"(?:^|\W)[Aa]s\s+(?:the\s+)?$")
_THEN_WE = re.compile(r"[\s,]*(?:we|our)\b", re.I)


def voiced_as(text, a, b, mentions, ctx: DocumentContext) -> set[str]:
    """A party the speaker talks as: "As the African Union, we ..." (the text's parties only)."""
    return {
        x.party
        for x in mentions
        if a <= x.start
        and x.end <= b
        and x.kind in ("country", "org")
        and (x.party in ctx.parties or x.party in ctx.voiced)
        and _AS.search(text[max(0, x.start - 12) : x.start])
        and _THEN_WE.match(text, x.end)
    }


def subject(
    text, a, b, mentions, ctx: DocumentContext, knowledge
) -> tuple[tuple[str, ...], str | None]:
    """Holders named in the subject region text[a:b] (before the stance trigger)."""
    lexicon = knowledge.stances
    own = own_mentions(text, a, b, mentions)
    region = text[a:b]
    voiced = voiced_as(text, a, b, mentions, ctx)
    if voiced and _WE.search(region):
        label = ctx.label_speaker
        return tuple(sorted({*ctx.we(), *voiced})), label.name if label else None
    collective = collective_re(lexicon)
    group = [m for m in (collective.search(region), _WE.search(region)) if m]
    if own and group and min(g.start() for g in group) + a < own[0].start:
        own = []
    if own and non_state_re(lexicon).search(region):
        return (), None  # "Kenyan company X": a party's adjective on another actor
    persons = [x for x in own if x.person]
    if own:
        speaker = persons[0].person if len({p.person for p in persons}) == 1 else None
        if persons:
            ctx.last_person = Leader(persons[-1].person, persons[-1].party)
        parties = {x.party for x in own}
        titled = [ctx.titled(t, knowledge.parties) for t in _TITLE_ONLY.findall(region)]
        parties |= {t.party for t in titled if t}
        return tuple(sorted(parties)), speaker
    titled = [
        t for t in (ctx.titled(x, knowledge.parties) for x in _TITLE_ONLY.findall(region)) if t
    ]
    if titled:
        ctx.last_person = titled[-1]
        name = titled[0].name if len({t.name for t in titled}) == 1 else None
        return tuple(sorted({t.party for t in titled})), name
    if collective.search(region):
        return ctx.parties, None
    if _WE.search(region):
        label = ctx.label_speaker
        return ctx.we(), label.name if label else None
    if _HE.search(region) and ctx.last_person:
        return (ctx.last_person.party,), ctx.last_person.name
    if _THEY.search(region):
        return ctx.last_holders or ctx.parties, None
    return (), None
