"""Stated positions: clause splitting, stance triggers, holder and speaker resolution, targets."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from models.parties import DocumentContext, Leader, Mention
from models.schema import Paragraph, Position

_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gen|Lt|Col|Gov|Sen|Rep|Inc|Ltd"
    r"|Co|vs|etc|Amb|Adm|Prof|Nos|Art|Sec|Ph|Sept|Feb|Jan|Aug|Oct|Nov|Dec))\.$"
)
_SENT_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
_PREPS = {
    "of",
    "with",
    "to",
    "for",
    "in",
    "on",
    "from",
    "by",
    "between",
    "against",
    "at",
    "toward",
    "towards",
    "about",
    "over",
    "under",
    "among",
    "into",
    "than",
    "including",
    "like",
    "via",
}
_DETS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "our",
    "his",
    "her",
    "this",
    "that",
    "of",
    "with",
    "initial",
    "strong",
    "full",
    "continued",
    "for",
    "whose",
    "financial",
    "mutual",
    "and",
}
_COLLECTIVE = re.compile(
    r"\b(?:(?:[Tt]he|[Bb]oth|[Aa]ll|[Oo]ur)\s+(?:two\s+|three\s+|four\s+)?(?:sides|leaders|countries"
    r"|nations|[Pp]residents|[Pp]arties|governments|ministers|delegations|[Pp]rime [Mm]inisters"
    r"|National Security Advisors|NSAs|heads of state|partners)|[Bb]oth|[Tt]ogether)\b"
)
_WE = re.compile(
    r"\b(?:[Ww]e|WE|[Oo]ur|I|[Mm]y (?:[Cc]ountry|[Gg]overnment|[Dd]elegation|nation))\b"
)
_HE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_THEY = re.compile(r"\b[Tt]hey\b")
_TITLE_ONLY = re.compile(r"\b[Tt]he\s+(President|Vice President)\b")
_SKIP_WORDS = {
    "to",
    "that",
    "also",
    "further",
    "jointly",
    "together",
    "continue",
    "continued",
    "firmly",
    "fully",
    "strongly",
    "once",
    "again",
    "the",
    "need",
    "be",
    "stay",
    "remain",
    "efforts",
    "make",
    "work",
}
_PARTICLES = {"up", "to", "on", "for", "with", "in", "forward"}
_NOUN_AFTER = {
    "ceremony",
    "dinner",
    "reception",
    "banquet",
    "speech",
    "remarks",
    "address",
    "letter",
    "message",
    "package",
    "center",
    "centre",
    "desk",
    "note",
}
_MODALS = {"will", "shall", "should", "must", "need to", "needs to"}


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


@functools.lru_cache(maxsize=8)
def _compiled(lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    verbs = sorted(lexicon.verbs, key=len, reverse=True)
    verb_re = re.compile(
        r"(?i)(?<![\w-])(?:" + "|".join(re.escape(v) for v in verbs) + r")(?![\w-])"
    )
    fv = "|".join(re.escape(v) for v in lexicon.frame_verbs)
    nouns = "|".join(re.escape(n) for n in sorted(lexicon.frame_nouns, key=len, reverse=True))
    frame_re = re.compile(
        rf"(?i)\b(?:{fv})\s+(?:[\w'’.-]+\s+){{0,4}}?(?P<noun>{nouns})\b"
        r"(?:\s+(?:to|for|on|about|over|with|at|of|that|in))?"
    )
    attr = "|".join(re.escape(v) for v in sorted(lexicon.attribution_verbs, key=len, reverse=True))
    attr_re = re.compile(rf"\b(?:also\s+)?(?:{attr})\b")
    return verb_re, frame_re, attr_re


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w'’]+)\W*$", text[:pos])
    return m.group(1).lower() if m else ""


def _next_words(text: str, pos: int, n: int = 3) -> list[str]:
    return re.findall(r"[\w'’-]+", text[pos : pos + 80])[:n]


def _is_verbal(word: str, lexicon) -> bool:
    w = word.lower()
    return w in lexicon.continuation_verbs or (" " not in w and w in lexicon.verbs)


def _segments(
    text: str, s0: int, s1: int, lexicon, exclude: list[tuple[int, int]]
) -> list[Segment]:
    """Split a sentence at ;/: and before coordinated verb phrases ("..., oppose X")."""
    cuts: list[tuple[int, int, bool]] = []  # (cut start, next segment start, continuation)
    for m in re.finditer(
        r";\s*|:\s+|,\s+(?:and\s+|or\s+)?|\s+and\s+|\s+as well as\s+", text[s0:s1]
    ):
        a, b = s0 + m.start(), s0 + m.end()
        sep = m.group()
        if sep.strip() in (";", ":"):
            cuts.append((a, b, False))
            continue
        words = _next_words(text, b, 4)
        k = 0
        while k < len(words) - 1 and (words[k].endswith("ly") or words[k] in {"also", "further"}):
            k += 1
        if not words:
            continue
        w = words[k].lower()
        if w in {"adding", "noting", "saying", "stressing", "which", "while", "but", "whereas"}:
            skip = len(words[0]) + 1 if w in {"adding", "noting", "saying", "stressing"} else 0
            nxt = b + skip
            if _next_words(text, nxt, 1)[:1] == ["that"]:
                nxt += 5
            cuts.append((a, nxt, False))
        elif w in {"calling", "urging", "welcoming", "reaffirming", "expressing"}:
            cuts.append((a, b, False))
        elif _is_verbal(w, lexicon) and not (w.endswith("ed") and "," not in sep and k == 0):
            cuts.append((a, b, True))
    for a, b in exclude:
        cuts.append((a, b, False))
    cuts.sort()
    segs, start, cont = [], s0, False
    for a, b, is_cont in cuts:
        if a < start:
            continue
        segs.append(Segment(start, a, s0, cont=cont))
        start, cont = b, is_cont
    segs.append(Segment(start, s1, s0, cont=cont))
    return [s for s in segs if text[s.start : s.end].strip()]


def _find_trigger(text: str, seg: Segment, lexicon) -> tuple[str, int, int] | None:
    """The first stance trigger of a segment: a framed stance noun or a lexicon verb."""
    verb_re, frame_re, _ = _compiled(lexicon)
    chunk = text[seg.start : seg.end]
    cands = []
    for m in frame_re.finditer(chunk):
        cands.append(
            (
                m.start(),
                -(m.end() - m.start()),
                lexicon.frame_nouns[m.group("noun").lower()],
                m.end(),
            )
        )
    for m in verb_re.finditer(chunk):
        word = m.group().lower()
        head = chunk[: m.start()]
        lead = re.fullmatch(r"\W*(?:(?:[Ww]e|WE|and|to|further|also|jointly|\w+ly)\W+)*", head)
        if word in lexicon.clause_initial_only and (not lead or seg.cont):
            continue
        if (_next_words(chunk, m.end(), 1) or [""])[0].lower() in _NOUN_AFTER:
            continue
        prev = _prev_word(chunk, m.start())
        if (
            " " not in word
            and word not in _MODALS
            and (prev in _DETS or head.rstrip().endswith(("’s", "'s")))
        ):
            continue
        if word in {"will", "shall"} and _next_words(chunk, m.end(), 2) in (
            ["be", "held"],
            ["take", "place"],
        ):
            continue
        cands.append((m.start(), -(m.end() - m.start()), lexicon.verbs[word], m.end()))
    if not cands:
        return None
    start, _, stance, end = min(cands)
    return stance, seg.start + start, seg.start + end


def _target(text: str, a: int, b: int, stance: str, lexicon) -> tuple[int, int] | None:
    """The phrase after the trigger, without leading particles and a governed verb."""
    pos = a
    lead = re.match(
        r"\s*(?:that\s+(?:[\w'’-]+\s+){0,4}?(?:will|would|can|could|should|must)\s+"
        r"|(?:[\w'’-]+\s+){1,5}?to\s+(?=\w))",
        text[pos:b],
    )
    if lead and (
        lead.group().lstrip().startswith("that") or re.search(r"\b(?:on|upon)\s*$", text[a - 6 : a])
    ):
        pos += lead.end()
    for _ in range(6):
        m = re.match(r"\s*([\w'’-]+)", text[pos:b])
        if not m:
            break
        w = m.group(1).lower()
        governed = stance in ("commit", "call_for") and _is_verbal(w, lexicon)
        if w in _SKIP_WORDS or w.endswith("ly") or governed or w in _PARTICLES:
            pos += m.end()
            continue
        break
    span = text[pos:b]
    span = re.sub(r"[\s,;:.—–-]+$", "", span)
    span = re.sub(r"(?:\s+(?:and|or|as well as))+$", "", span)
    words = list(re.finditer(r"\S+", span))
    if len(words) > 40:
        span = span[: words[39].end()]
    lead = len(span) - len(span.lstrip())
    if not span.strip():
        return None
    return pos + lead, pos + len(span)


def _attribution(
    text, s0, s1, mentions, ctx, lexicon
) -> tuple[Leader | None, list[tuple[int, int]]]:
    """Reported speech: "…, Xi said", "He said that …", "Putin noted …"."""
    _, _, attr_re = _compiled(lexicon)
    sent = text[s0:s1]
    for m in attr_re.finditer(sent):
        a, b = s0 + m.start(), s0 + m.end()
        before = text[s0:a]
        who = None
        pm = re.search(r"\b([Hh]e|[Ss]he)\s+$", before)
        person = [
            x for x in mentions if x.person and x.end <= a and not text[x.end : a].strip(" ,")
        ]
        if pm:
            who = ctx.last_person
            wstart = s0 + pm.start()
        elif person:
            x = person[-1]
            who = Leader(x.person, x.party)
            wstart = x.start
        else:
            continue
        after = text[b : b + 6]
        leading = not text[s0:wstart].strip(' “"')
        if leading and re.match(r"\s*(?:that\b|,|:)", after):
            end = b + len(re.match(r"\s*(?:that\b|,|:)?\s*", text[b:]).group())
            return who, [(s0, end)]
        if not leading and re.match(r"\s*(?:[,.;]|$)", text[b:s1] or "."):
            cut = wstart
            while cut > s0 and text[cut - 1] in " ,":
                cut -= 1
            return who, [(cut, b)]
    return None, []


def _subject(
    text, a, b, mentions, ctx: DocumentContext, index
) -> tuple[tuple[str, ...], str | None]:
    """Holders named in the subject region text[a:b] (before the stance trigger)."""
    own, dropped = [], None
    for x in mentions:
        if not (a <= x.start and x.end <= b):
            continue
        chained = dropped is not None and re.fullmatch(
            r"[\s,]*(?:and|or)?\s*(?:the\s+)?", text[dropped.end : x.start]
        )
        if _prev_word(text, x.start) in _PREPS or chained:
            dropped = x
            continue
        own.append(x)
    region = text[a:b]
    group = [m for m in (_COLLECTIVE.search(region), _WE.search(region)) if m]
    if own and group and min(g.start() for g in group) + a < own[0].start:
        own = []
    persons = [x for x in own if x.person]
    if own:
        speaker = persons[0].person if len({p.person for p in persons}) == 1 else None
        if persons:
            ctx.last_person = Leader(persons[-1].person, persons[-1].party)
        return tuple(sorted({x.party for x in own})), speaker
    tm = _TITLE_ONLY.search(region)
    if tm and ctx.titled(tm.group(1), index):
        leader = ctx.titled(tm.group(1), index)
        ctx.last_person = leader
        return (leader.party,), leader.name
    if _COLLECTIVE.search(region):
        return ctx.parties, None
    if _WE.search(region):
        label = ctx.label_speaker
        return ctx.we(), label.name if label else None
    if _HE.search(region) and ctx.last_person:
        return (ctx.last_person.party,), ctx.last_person.name
    if _THEY.search(region):
        return ctx.last_holders or ctx.parties, None
    return (), None


def analyze(paragraph: Paragraph, ctx: DocumentContext, knowledge) -> list[Segment]:
    """Segments of a paragraph with stance, holders and target resolved, in order."""
    text = paragraph.text
    index, lexicon = knowledge.parties, knowledge.stances
    mentions: list[Mention] = index.find(text, ctx.year, ctx.persons)
    label = re.match(r"\s*((?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w.'’-]*)(?:\s*\([^)]*\))?:\s", text)
    body = 0
    if label:
        who = [x for x in mentions if x.person and x.end <= label.end()]
        if who:
            ctx.label_speaker = Leader(who[-1].person, who[-1].party)
            ctx.last_person = ctx.label_speaker
            body = label.end()
    out: list[Segment] = []
    carried: Leader | None = None
    for s0, s1 in sentence_spans(text):
        s0 = max(s0, body)
        if s0 >= s1:
            continue
        speaker, exclude = _attribution(text, s0, s1, mentions, ctx, lexicon)
        if speaker is None and carried is not None:
            first = _segments(text, s0, s1, lexicon, [])[0]
            trig = _find_trigger(text, first, lexicon)
            subj_end = trig[1] if trig else first.end
            if not any(x.person for x in mentions if s0 <= x.start < subj_end):
                speaker = carried
        carried = speaker
        prev: Segment | None = None
        governing: str | None = None
        for seg in _segments(text, s0, s1, lexicon, exclude):
            trig = _find_trigger(text, seg, lexicon)
            if trig:
                seg.stance, a, b = trig
                seg.trigger = (a, b)
                seg.target = _target(text, b, seg.end, seg.stance, lexicon)
            elif seg.cont and prev and governing:
                seg.stance = governing
                words = _next_words(text, seg.start, 1)
                b = seg.start + len(words[0]) if words else seg.start
                seg.target = _target(text, b, seg.end, seg.stance, lexicon)
            subj_end = seg.trigger[0] if seg.trigger else seg.end
            holders, who = _subject(text, seg.start, subj_end, mentions, ctx, index)
            if not holders and (seg.cont or not seg.trigger) and prev:
                holders, who = prev.holders, prev.speaker
            if speaker is not None:
                holders, who = (speaker.party,), speaker.name
                seg.attributed = True
            elif not holders and ctx.label_speaker:
                holders, who = (ctx.label_speaker.party,), ctx.label_speaker.name
            elif not holders and seg.trigger and seg.trigger[0] - seg.start <= 2:
                holders = ctx.we()
            seg.holders, seg.speaker = tuple(sorted(set(holders))), who
            if seg.holders:
                ctx.last_holders = seg.holders
            out.append(seg)
            if seg.stance and not seg.cont:
                governing = seg.stance
            prev = seg
        if speaker is not None:
            ctx.last_person = speaker
    return out


def _split_list(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split "the X, the Y and the Z" into items (for support, welcome, oppose, concern)."""
    parts, start = [], a
    for m in re.finditer(r",\s+(?:and\s+)?(?=the\s)|\s+and\s+(?=the\s)", text[a:b]):
        parts.append((start, a + m.start()))
        start = a + m.end()
    parts.append((start, b))
    return [p for p in parts if len(text[p[0] : p[1]].split()) >= 2] or [(a, b)]


def positions_from(paragraph: Paragraph, segments: list[Segment]) -> list[Position]:
    """Position records for the segments that carry a stance and have holders."""
    text, out = paragraph.text, []
    for seg in segments:
        if not (seg.stance and seg.target and seg.holders):
            continue
        ta, tb = seg.target
        items = [(ta, tb)]
        if seg.stance in ("support", "welcome", "oppose", "concern"):
            items = _split_list(text, ta, tb)
        for k, (a, b) in enumerate(items):
            ev_start = seg.start if k == 0 else a
            evidence = text[ev_start:b].strip(" ,;:")
            target = text[a:b].strip(" ,;:")
            if evidence and target and evidence in text:
                out.append(
                    Position(seg.holders, seg.speaker, seg.stance, target, paragraph.id, evidence)
                )
    return out
