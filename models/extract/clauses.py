"""One parsed paragraph read in context: who speaks, who reports, and who holds each stance."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.extract.context import DocumentContext
from models.extract.holders import NOBODY, Holder, HolderResolver, subject_of
from models.extract.knowledge import Knowledge
from models.extract.matchers import AreaSpan, PartySpan
from models.extract.stances import Trigger, find_triggers

QUOTES = "\"“”‘’'"


@dataclass
class Stated:
    """A trigger with its holder, in one sentence of a paragraph."""

    trigger: Trigger
    holder: Holder
    sentence: tuple[int, int]


@dataclass
class ReadParagraph:
    """What one paragraph states: its stances, area spans, parties, and per-sentence reporters."""

    doc: object
    body: str  # the paragraph's own words as written (the parse may have seen them re-cased)
    mentions: list[PartySpan]
    areas: list[AreaSpan]
    stated: list[Stated] = field(default_factory=list)
    reporters: dict[int, Holder] = field(default_factory=dict)  # sentence start -> reporter
    silent: bool = False
    cover: frozenset[str] = frozenset()  # verbs by which documents name their fields
    shift: int = 0  # characters the parser read before the body ("We " before an operative)

    def text(self, start: int, end: int) -> str:
        """The paragraph's own text of tokens [start, end): an exact substring of it."""
        doc = self.doc
        while start < end and doc[start].idx < self.shift:
            start += 1
        if end <= start:
            return ""
        return self.body[
            doc[start].idx - self.shift : doc[end - 1].idx + len(doc[end - 1]) - self.shift
        ]


def _reporter(sent, resolver: HolderResolver, mentions, lex) -> Holder | None:
    """ "..., Xi said", "the minister told reporters", "according to X"."""
    for tok in sent:
        if tok.lemma_.lower() in lex.attribution and tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
            if subj is None:
                continue
            has_clause = any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)
            is_parenthetical = tok.dep_ in ("parataxis", "ROOT") and sent.text.strip()[0] in QUOTES
            if not (has_clause or is_parenthetical or tok.dep_ == "parataxis"):
                if tok.dep_ != "ROOT" or not any(c.dep_ == "ccomp" for c in tok.head.children):
                    continue
            holder = resolver.of_phrase(sent.doc, subj, mentions)
            if holder and holder.parties:
                return holder
        if tok.lower_ == "according" and tok.i + 1 < len(sent.doc):
            to = sent.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                holder = resolver.of_phrase(sent.doc, objs[0], mentions)
                if holder and holder.parties:
                    return holder
    return None


def read_sentences(
    para: ReadParagraph, ctx: DocumentContext, resolver: HolderResolver, knowledge: Knowledge
) -> None:
    """Fill in reporters and stated stances of a paragraph, carrying the context along."""
    lex = knowledge.lexicon
    doc = para.doc
    by_token = {i: m for m in para.mentions for i in range(m.start, m.end)}
    sents = list(doc.sents)
    reporters = [_reporter(s, resolver, by_token, lex) for s in sents]
    para_reporter = next((r for r in reporters if r), None)
    quoted = doc.text[:1] in QUOTES
    if para_reporter is None and quoted and ctx.last_person and not ctx.spoken:
        para_reporter = Holder((ctx.last_person.party,), ctx.last_person.name)
    for sent, own in zip(sents, reporters, strict=True):
        reporter = own or para_reporter
        if reporter:
            para.reporters[sent.start] = reporter
        operative = para.shift > 0 and sent.start == 0
        for trig in find_triggers(sent, lex, operative):
            holder = _of_the_text(_holder(doc, trig, reporter, ctx, resolver, by_token, lex), ctx)
            if holder.parties:
                para.stated.append(Stated(trig, holder, (sent.start, sent.end)))
                ctx.last_holders = holder.parties
    if para_reporter:
        ctx.last_holders = para_reporter.parties


def _holder(doc, trig: Trigger, reporter, ctx, resolver, by_token, lex) -> Holder:
    verb = doc[trig.verb]
    if trig.kind == "impersonal":
        subj = None
    else:
        subj = subject_of(verb)
    if subj is not None and subj.i >= trig.start and subj.i < trig.end:
        subj = None
    if ctx.silent:
        return NOBODY
    voice = _voice(ctx)
    if subj is None:
        if reporter:
            return reporter
        if voice and (trig.kind != "modal" or ctx.spoken or ctx.single_voice):
            return voice
        if not ctx.single_voice and not ctx.spoken and verb.i == _sentence_first_word(doc, verb):
            return Holder(ctx.voice)  # a heading or an operative clause of a joint text
        return NOBODY
    low = subj.lower_
    if low in ("i", "me") and trig.stance == "call_for" and trig.kind == "modal":
        return NOBODY  # "I should start" is talk about the talk, not a call on anyone
    if ctx.label_speaker:  # in a transcript turn, the speaker holds what is said
        if low in ("you", "your"):
            other = ctx.addressee()
            return Holder(other) if other else NOBODY
        holder = resolver.of_phrase(doc, subj, by_token)
        if holder is None and trig.kind in ("modal", "conj") and trig.stance == "commit":
            return NOBODY  # "these steps will help": a forecast, not the speaker's pledge
        if holder and holder.parties and ctx.label_speaker.party not in holder.parties:
            return NOBODY  # "Russia has supported Egypt", said by Egypt: about the other side
        return voice
    if low in ("we", "us", "our", "i", "me", "my") and reporter:
        return reporter
    holder = resolver.of_phrase(doc, subj, by_token)
    if holder is None or not holder.parties:
        if trig.stance == "call_for" and (reporter or voice) and trig.kind in ("modal", "clause"):
            return reporter or voice
        if trig.stance == "call_for" and ctx.single_voice and trig.kind == "verb":
            return voice  # "Winning the war demands ...": the speech's own call
        if reporter and trig.kind in ("verb", "frame", "predicate") and not _non_actor(subj, lex):
            return reporter  # a subject the parser misread inside reported speech
        if reporter and trig.kind == "verb" and trig.stance == "commit":
            return reporter  # "X said the agreements marked ... and pledged to": X pledged
        return NOBODY
    if ctx.single_voice and not set(holder.parties) & set(ctx.voice):
        if trig.stance == "call_for":
            return voice or NOBODY
        return NOBODY
    if (
        reporter
        and reporter.parties
        and set(reporter.parties) < set(holder.parties)
        and trig.stance == "call_for"
    ):
        return reporter  # "the two sides should ..., he said": the speaker's call
    if holder.speaker is None and reporter and reporter.speaker:
        if set(holder.parties) <= set(reporter.parties):
            return Holder(holder.parties, reporter.speaker, holder.explicit)
    return holder


def _of_the_text(holder: Holder, ctx: DocumentContext) -> Holder:
    """Only the text's parties hold its positions: a third country it mentions is background."""
    if not ctx.parties or set(holder.parties) <= set(ctx.parties):
        return holder
    kept = tuple(p for p in holder.parties if p in ctx.parties)
    return Holder(kept, holder.speaker if kept else None, holder.explicit)


def _non_actor(subj, lex) -> bool:
    return subj.lemma_.lower() in lex.non_actors or subj.pos_ == "PRON"


def _voice(ctx: DocumentContext) -> Holder | None:
    if ctx.label_speaker:
        return Holder((ctx.label_speaker.party,), ctx.label_speaker.name)
    if ctx.single_voice:
        return Holder(ctx.voice, ctx.speaker.name if ctx.speaker else None)
    return None


def _sentence_first_word(doc, tok) -> int:
    sent = tok.sent
    for t in sent:
        if not t.is_punct and t.pos_ not in ("ADV", "CCONJ", "SPACE", "X", "NUM"):
            return t.i
    return sent.start
