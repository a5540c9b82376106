"""Stated positions: stance triggers per clause, with holders, speakers and targets resolved."""

from __future__ import annotations

import functools
import re

from models.alternation import Alternation
from models.clauses import Segment, next_words, prev_word, sentence_spans, split_clauses
from models.context import DocumentContext
from models.holders import (
    attribution,
    collective_re,
    non_state_re,
    own_mentions,
    program_subject,
    subject,
    voiced_as,
)
from models.obligations import obligation
from models.parties import Leader, Mention
from models.schema import Paragraph, Position
from models.targets import cleft_target, split_objects, target_span
from models.turns import addressed_subject, greeting, hedged, speaker_turn, thanks_target

__all__ = ["Segment", "analyze", "positions_from", "sentence_spans"]

_ACTOR = re.compile(
    r"\b(?:[Ww]e|WE|I|[Hh]e|[Ss]he|[Tt]hey|[Tt]he (?:President|Prime Minister)|[Yy]ou"
    r"|[Yy]our (?:country|government|nation|administration))\b"
)
_LEAD = re.compile(r"\W*(?:(?:[Ww]e|WE|and|to|further|also|jointly|\w+ly)\W+)*")


@functools.lru_cache(maxsize=8)
def _compiled(lexicon) -> tuple[Alternation, re.Pattern, re.Pattern, re.Pattern]:
    verbs = sorted(lexicon.verbs, key=len, reverse=True)
    verb_re = Alternation(
        [(re.escape(v), v) for v in verbs],
        ignorecase=True,
        before=r"(?<![\w-])",
        after=r"(?![\w-])",
    )
    fv = "|".join(re.escape(v) for v in lexicon.frame_verbs)
    nouns = "|".join(re.escape(n) for n in sorted(lexicon.frame_nouns, key=len, reverse=True))
    tail = r"(?:\s+(?:to|for|on|about|over|with|at|of|that|in))?"
    frame_re = re.compile(rf"(?i)\b(?:{fv})\s+(?:[\w'’.-]+\s+){{0,4}}?(?P<noun>{nouns})\b{tail}")
    own_frame_re = re.compile(  # the preposition is required: "our support is having" is not one
        rf"(?i)\W*(?:their|its|his|her|our)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{nouns})\b"
        r"\s+(?:to|for|on|about|over|with|at|of|that|in)\b"
    )
    attr = "|".join(re.escape(v) for v in sorted(lexicon.attribution_verbs, key=len, reverse=True))
    attr_re = re.compile(rf"\b(?:also\s+)?(?:{attr})\b")
    return verb_re, frame_re, own_frame_re, attr_re


def _has_actor(text: str, a: int, b: int, mentions: list[Mention], lexicon) -> bool:
    """Whether text[a:b] names an actor that can commit: a party, a person, a pronoun, a group."""
    region = text[a:b]
    if non_state_re(lexicon).search(region):
        return False
    if own_mentions(text, a, b, mentions):
        return True
    return bool(_ACTOR.search(region) or collective_re(lexicon).search(region))


def _find_trigger(
    text: str, seg: Segment, lexicon, mentions: list[Mention], first: bool, governing: str | None
) -> tuple[str, int, int] | None:
    """The first stance trigger of a segment: a framed stance noun or a lexicon verb."""
    verb_re, frame_re, own_frame_re, _ = _compiled(lexicon)
    chunk = text[seg.start : seg.end]
    cands = []
    for m in frame_re.finditer(chunk):
        if _FRAME_BREAK.search(chunk, m.start(), m.start("noun")):
            continue  # "noted how the sale will support": a clause, not a framed noun
        stance = lexicon.frame_nouns[m.group("noun").lower()]
        end = _past_owner(text, seg, m, mentions)
        cands.append((m.start(), -(m.end() - m.start()), stance, end))
    if seg.cont and (m := own_frame_re.match(chunk)):
        cands.append((m.start(), -m.end(), lexicon.frame_nouns[m.group("noun").lower()], m.end()))
    for m, _ in verb_re.finditer(chunk):
        word = m.group().lower()
        head = chunk[: m.start()]
        if word in lexicon.clause_initial_only and (not _LEAD.fullmatch(head) or seg.cont):
            continue
        after = (next_words(chunk, m.end(), 1) or [""])[0].lower()
        if after in lexicon.noun_after or _not_before(chunk, m.end(), word, lexicon):
            continue
        prev = prev_word(chunk, m.start())
        if _not_a_verb(chunk, m, word, head, lexicon):
            continue
        if (word not in lexicon.modals or word in lexicon.actor_required) and _thing_subject(
            text, seg, m.start(), mentions, lexicon
        ):
            continue  # "the sale will support X jobs": a thing's effect, no party's stance
        if (
            " " not in word
            and word not in lexicon.modals
            and (prev in lexicon.noun_markers or head.rstrip().endswith(("’s", "'s")))
            and head.strip().lower() not in ("and", "but", "so")  # "And thank you for ..."
        ):
            continue
        if word.startswith("need") and prev in _NOUN_NEED:
            continue  # "the need to restrict": a noun, not the speaker's own call
        if word in lexicon.modals and next_words(chunk, m.end(), 2) in (
            ["be", "held"],
            ["take", "place"],
        ):
            continue
        predicts = word in lexicon.actor_required or _AFTER_WILL.search(head)
        if predicts and program_subject(head, lexicon):
            continue  # "the Fund will support ...": a program's work, no party's commitment
        if word in lexicon.actor_required and not (
            (seg.cont and not head.strip())
            or _has_actor(text, seg.start, seg.start + m.start(), mentions, lexicon)
        ):
            continue  # "the program will ...": only an actor commits
        if word.endswith("ing") and not head.strip() and not first and governing is None:
            continue  # a gerund heading an item of a list ("...; supporting X; combatting Y")
        cands.append((m.start(), -(m.end() - m.start()), lexicon.verbs[word], m.end()))
    if not cands:
        return None
    start, _, stance, end = min(cands)
    if chunk[start:end].lower() in lexicon.modals:
        inner = re.match(
            r"\s+(?:(?:always|also|never|not|\w+ly)\s+)*(\w+(?:\s+against)?)", chunk[end:]
        )
        if inner and lexicon.verbs.get(inner.group(1).lower()) == "oppose":
            return "oppose", seg.start + start, seg.start + end + inner.end()  # "will counter X"
    return stance, seg.start + start, seg.start + end


_FRAME_BREAK = re.compile(
    r"(?i)\s(?:that|how|whether|why|will|would|shall|can|could|may|might|must|should|is|are"
    r"|was|were)\s"
)
_HUMAN = re.compile(
    r"(?i)\b(?:president|minister|secretary|chancellor|king|queen|prince|emir|sultan|premier"
    r"|ambassador|advis[eo]r|officials?|leaders?|administration|government|delegation|envoy"
    r"|spokes\w+|chair\w*|people|cabinet|parliament|congress|council|assembly|ministry"
    r"|department|team|representatives?|members?|states|countries|nations)\b"
)
_NOT_ING = frozenset(
    "during bring thing something anything nothing everything spring king string ring sing wing"
    " evening morning being".split()
)


def _not_a_verb(chunk: str, m: re.Match, word: str, head: str, lexicon) -> bool:
    """A trigger word that is no finite stance verb here: part of a name ("Build Back Better"),
    a noun after a participle ("growing demands for"), a passive or particle ("supported by",
    "fight back by"), or the verb of a relative clause about someone else ("extremists who
    advocate for")."""
    if " " in word and word not in lexicon.verbs or word in lexicon.modals:
        return False
    raw_prev = re.search(r"(\S+)\s+$", head)
    prev = raw_prev.group(1) if raw_prev else ""
    if m.group()[0].isupper() and prev[:1].isupper() and prev.isalpha():
        return True
    if (
        " " not in word
        and not word.endswith("ing")
        and prev.islower()
        and prev.isalpha()
        and prev.endswith("ing")
        and len(prev) > 5
        and prev not in _NOT_ING
    ):
        return True
    if " " not in word and next_words(chunk, m.end(), 1) == ["by"]:
        return lexicon.verbs[word] in ("support", "oppose", "welcome", "concern")
    rel = re.search(r"\b([a-z][\w-]*)\s+(?:who|which|that)\s+(?:(?:also|\w+ly)\s+)?$", head)
    return bool(rel) and rel.group(1) not in lexicon.noun_markers and rel.group(1) not in _VERBISH


_VERBISH = frozenset(
    "said says noted notes stressed emphasized emphasised believe believes agreed agree hope"
    " ensure ensured underscored reaffirmed reiterated recognized recognize is are was were".split()
)
_COMPLEMENT = re.compile(r"(?i)\b(?:that|how|whether|why)\s+")
_DETERMINED = re.compile(r"(?i)\W*(?:the|this|these|those|such|a|an)\s+\w")


def _thing_subject(text: str, seg: Segment, at: int, mentions, lexicon) -> bool:
    """The clause's own subject is a thing, not an actor: "noted how the sale will support",
    "The London Conference raised $12 billion". Only a determiner-led noun phrase counts."""
    start = seg.start
    if seg.cont and not text[start : start + at].strip():
        return False
    for c in _COMPLEMENT.finditer(text, start, start + at):
        start = c.end()
    region = text[start : seg.start + at]
    if not _DETERMINED.match(region) or "," in region:
        return False
    if _HUMAN.search(region):
        return False  # "The Vice President thanked", "the officials welcomed": people act
    return not _has_actor(text, start, seg.start + at, mentions, lexicon)


_OWNER_TAIL = re.compile(r"(?i)\s+(?:of|to)\s*$")
_ABOUT = re.compile(r"(?i)[^,;.]{0,80}?\b(?:about|over|regarding|concerning|for|at)\b")


def _past_owner(text: str, seg: Segment, m: re.Match, mentions) -> int:
    """ "concerns of the United States and our Allies about X", "appreciation to Prime Minister
    Meloni for X": the owner or addressee after a frame noun is no target; the end moves past it."""
    tail = _OWNER_TAIL.search(m.group())
    if not tail:
        return m.end()
    a = seg.start + m.end()
    about = _ABOUT.match(text[: seg.end], a)
    if not about:
        return m.end()
    inner = [x for x in mentions if a <= x.start and x.end <= about.end()]
    if tail.group().strip().lower() == "to":
        inner = [x for x in inner if x.person]  # "gratitude to President X for": an addressee
    return about.end() - seg.start if inner else m.end()


_AFTER_WILL = re.compile(r"(?i)\b(?:will|shall)\s+(?:(?:also|further|\w+ly)\s+)?$")
_NOUN_NEED = frozenset("the a an our their its this that no urgent pressing".split())
_ADVERBS = frozenset("always also still now then soon surely certainly definitely all not".split())


def _not_before(chunk: str, end: int, word: str, lexicon) -> bool:
    """A trigger followed (past adverbs) by a word that undoes it: "will be able to", "will always
    fall short" predict; "will be working" still commits."""
    banned = lexicon.not_before.get(word, ())
    words = [w.lower() for w in next_words(chunk, end, 5)]
    while len(words) > 1 and (words[0] in _ADVERBS or words[0].endswith("ly")):
        words = words[1:]
    if len(words) > 1 and " ".join(words[:2]) in banned:
        return True  # "it must be said": a parenthesis, not a call
    if not words or words[0] not in banned:
        return False
    return not (words[0] == "be" and len(words) > 1 and words[1].endswith("ing"))


def _possessor(text: str, a: int, b: int, mentions: list[Mention]) -> tuple[str, ...]:
    """The party whose commitment a frame names: "reaffirmed the United States' commitment"."""
    return tuple(sorted({x.party for x in mentions if a <= x.start and x.end <= b}))


def analyze(paragraph: Paragraph, ctx: DocumentContext, knowledge) -> list[Segment]:
    """Segments of a paragraph with stance, holders and target resolved, in order."""
    text = paragraph.text
    index, lexicon = knowledge.parties, knowledge.stances
    mentions: list[Mention] = index.find(text, ctx.year, ctx.persons)
    body = speaker_turn(text, ctx, index)
    attr_re = _compiled(lexicon)[3]
    out: list[Segment] = []
    carried: Leader | None = None
    for s0, s1 in sentence_spans(text):
        s0 = max(s0, body)
        if s0 >= s1:
            continue
        speaker, exclude = attribution(text, s0, s1, mentions, ctx, attr_re)
        if speaker is None and carried is not None:
            first_seg = split_clauses(text, s0, s1, lexicon, [])[0]
            trig = _find_trigger(text, first_seg, lexicon, mentions, True, None)
            subj_end = trig[1] if trig else first_seg.end
            if not any(x.person for x in mentions if s0 <= x.start < subj_end):
                speaker = carried
        carried = speaker
        if ctx.silent or _question(text, s0, s1):
            out += [_mute(s) for s in split_clauses(text, s0, s1, lexicon, exclude)]
            continue  # the press, a moderator, a question: no one states a position
        prev: Segment | None = None
        governing: tuple[str, str] | None = None  # (stance, verb form: "ing" or "")
        for k, seg in enumerate(split_clauses(text, s0, s1, lexicon, exclude)):
            if ctx.single_voice and _quoted(text, seg.start + 1):
                out.append(_mute(seg))
                continue
            gov = governing[0] if governing else None
            trig = _find_trigger(text, seg, lexicon, mentions, k == 0, gov)
            first_word = (next_words(text, seg.start, 1) or [""])[0].lower()
            ob = obligation(text, seg.start, seg.start, seg.end)
            if ob and (not trig or ob[0] <= trig[1]):
                seg.stance, seg.trigger, seg.target = "call_for", (ob[0], ob[1]), (ob[2], ob[3])
                seg.obligation = True
            elif trig and not _small_talk(text, s0, seg, trig, ctx, lexicon):
                seg.stance, a, b = trig
                seg.trigger = (a, b)
                seg.target = target_span(text, b, seg.end, seg.stance, lexicon)
                if seg.stance == "welcome" and seg.target:
                    seg.target = thanks_target(text, (a, b), *seg.target)
                if seg.stance in ("call_for", "commit"):
                    seg.target = cleft_target(text, seg.start, a) or seg.target
            elif seg.cont and prev and governing and _same_form(first_word, governing[1]):
                seg.stance = governing[0]
                b = seg.start + len(first_word) if first_word else seg.start
                seg.target = target_span(text, b, seg.end, seg.stance, lexicon)
            _resolve_holders(text, seg, prev, speaker, mentions, ctx, knowledge)
            out.append(seg)
            if seg.trigger and not seg.cont:
                governing = (seg.stance, _form(text, seg))
            prev = seg
        if speaker is not None:
            ctx.last_person = speaker
    return out


def _question(text: str, s0: int, s1: int) -> bool:
    """A sentence asked, not stated (a press question or a rhetorical one)."""
    return text[s0:s1].rstrip(' \n"”’)').endswith("?")


def _quoted(text: str, s0: int) -> bool:
    """A sentence inside a quotation: in a speech, someone else's words ("In the words of ...")."""
    before = text[:s0]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _mute(seg: Segment) -> Segment:
    seg.mute = True
    return seg


def _small_talk(text, s0, seg, trig, ctx: DocumentContext, lexicon) -> bool:
    """Spoken talk that states nothing: a greeting, or a hedged "I think we can" commitment."""
    if not ctx.label_speaker:
        return False
    stance, a, b = trig
    if stance == "welcome":
        return greeting(text, (a, b), seg.end)
    word = text[a:b].lower()
    if stance == "call_for" and word in lexicon.modals and re.search(r"\bI\s*$", text[s0:a]):
        return True  # "Maybe I should start": the speaker's own conduct, no one is called on
    return stance == "commit" and word in lexicon.modals and hedged(text[s0:a])


def _form(text: str, seg: Segment) -> str:
    """ "ing" when a gerund governs a list ("reaffirming X, promoting Y"), else ("agreed to")."""
    a, b = seg.trigger or (seg.start, seg.start)
    verb = text[a:b].split()[0].lower()
    governs_infinitive = re.search(r"\bto\s+\w", text[b : seg.end][:80])
    return "ing" if verb.endswith("ing") and not governs_infinitive else ""


def _same_form(word: str, form: str) -> bool:
    """A coordinated verb inherits a stance only in the governing verb's form (-ing or not)."""
    return word.endswith("ing") == (form == "ing")


def _resolve_holders(text, seg, prev, speaker, mentions, ctx: DocumentContext, knowledge) -> None:
    """Set the holders and speaker of a segment, kept to the document's parties."""
    subj_end = seg.trigger[0] if seg.trigger else seg.end
    if seg.obligation and seg.target and seg.target[0] < subj_end:
        subj_end = seg.start  # "X is required for Y": X is the target, not an actor
    holders, who = subject(text, seg.start, subj_end, mentions, ctx, knowledge)
    seg.own_subject = bool(holders) or bool(
        non_state_re(knowledge.stances).search(text[seg.start : subj_end])
    )
    if not holders and seg.trigger and seg.stance:
        holders = _possessor(text, seg.trigger[0], seg.trigger[1], mentions)
    if not holders and (seg.cont or not seg.trigger) and prev:
        holders, who = prev.holders, prev.speaker
    if seg.obligation and not holders and not ctx.label_speaker and speaker is None:
        holders = ctx.we()  # "X is required for Y": the text's own voice calls for X
    you = addressed_subject(text[seg.start : subj_end], ctx)
    if ctx.label_speaker and you:  # "your country will ...": the other party of the talk
        other = ctx.addressee()
        named = {x.party for x in own_mentions(text, seg.start, subj_end, mentions)}
        you = tuple(sorted(set(you) | named))  # "you and President Biden signed ..."
        holders, who = you, (other[1] if other and len(you) == 1 else None)
        seg.attributed = True
    elif ctx.label_speaker:  # in a transcript every clause of a turn is the speaker's own
        holders, who = (ctx.label_speaker.party,), ctx.label_speaker.name
        seg.attributed = True
    elif speaker is not None:
        holders, who = (speaker.party,), speaker.name
        seg.attributed = True
    elif not holders and seg.trigger and seg.trigger[0] - seg.start <= 2:
        holders = ctx.we()
    elif not holders and ctx.single_voice and seg.stance in ("call_for", "concern"):
        holders = ctx.we()  # a speech's "disputes should be settled": the speaker calls for it
    if ctx.parties:
        voiced = voiced_as(text, seg.start, subj_end, mentions, ctx) if ctx.voiced else set()
        holders = tuple(h for h in holders if h in ctx.parties or h in voiced)
    seg.holders, seg.speaker = tuple(sorted(set(holders))), (who if holders else None)
    if seg.holders:
        ctx.last_holders = seg.holders


_CONNECTIVE = re.compile(r"(?:(?:and|or|of|as well as)\s+)+", re.I)


def _leading_connective(target: str) -> int:
    """Characters of a connective left at a target's start by a list split ('and X', 'of X')."""
    match = _CONNECTIVE.match(target)
    return match.end() if match and match.end() < len(target) else 0


def positions_from(paragraph: Paragraph, segments: list[Segment]) -> list[Position]:
    """Position records for the segments that carry a stance and have holders."""
    text, out = paragraph.text, []
    for seg in segments:
        if not (seg.stance and seg.target and seg.holders):
            continue
        ta, tb = seg.target
        items = [(ta, tb)]
        if seg.stance in ("support", "welcome", "oppose", "concern"):
            items = split_objects(text, ta, tb)
        for k, (a, b) in enumerate(items):
            a += _leading_connective(text[a:b])
            ev_start = seg.start if k == 0 else a
            evidence = text[ev_start:b].strip(" ,;:")
            target = text[a:b].strip(" ,;:")
            if evidence and target and evidence in text:
                out.append(
                    Position(seg.holders, seg.speaker, seg.stance, target, paragraph.id, evidence)
                )
    return out
