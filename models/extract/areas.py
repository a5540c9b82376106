"""Areas: an area phrase counts where its clause presents the field as cooperation, a proposal,
a commitment or progress, and the clause has a holder."""

from __future__ import annotations

from models.extract.clauses import ReadParagraph
from models.extract.context import DocumentContext
from models.extract.holders import Holder, HolderResolver, subject_of
from models.extract.knowledge import Knowledge
from models.schema import Area

POSITIVE = frozenset({"support", "commit", "call_for", "welcome"})


def _in_a_name(span, institutions: frozenset[str]) -> bool:
    """An area word inside an institution's name ("the Department of Energy")."""
    node = span.root
    for _ in range(6):
        if node.text[:1].isupper() and node.lemma_.lower() in institutions:
            return True
        if node.dep_ not in ("pobj", "prep", "compound", "conj", "amod", "cc"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _names_a_field(doc, span, other_heads: frozenset[str]) -> bool:
    """ "energy cooperation" and "missile defense data" name a field; "media statement" and
    "press bureau" name something else."""
    root = span.root
    if root.dep_ not in ("compound", "amod", "nmod"):
        return True
    return root.head.lemma_.lower() not in other_heads


def _in_attribution(tok, attribution: frozenset[str]) -> bool:
    """Inside the credit of a report: "according to X", "X reported", "X said"."""
    node = tok
    for _ in range(6):
        if (
            node.dep_ == "pobj"
            and node.head.lower_ == "to"
            and node.head.head.lower_ == "according"
        ):
            return True
        if node.dep_ == "nsubj" and node.head.lemma_.lower() in attribution | {"report"}:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_verb(tok):
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node if node.pos_ in ("VERB", "AUX") else None


def field_spans(para: ReadParagraph, knowledge: Knowledge, signed: bool = False) -> list:
    """The paragraph's area phrases that name a field: not "press conference", not an office
    ("health minister") or a part of an institution's name, not a news agency credited as the
    source. In a sentence reporting a signing (``signed``), offices and institutions that sign
    name the document's field ("the energy ministries inked an MoU")."""
    doc = para.doc
    tax = knowledge.taxonomy
    heads = frozenset(w.lower() for w in [*tax.other_heads, *(() if signed else tax.office_heads)])
    institutions = frozenset(w.lower() for w in tax.institutions)
    out = []
    for a in para.areas:
        span = doc[a.start : a.end]
        if not _names_a_field(doc, span, heads):
            continue
        if not signed and _in_a_name(span, institutions):
            continue
        if _in_attribution(span.root, knowledge.lexicon.attribution):
            continue  # "according to the Russian news agency TASS": a source, not a field
        out.append(a)
    return out


def areas_of(
    para: ReadParagraph,
    paragraph_id: str,
    ctx: DocumentContext,
    resolver: HolderResolver,
    knowledge: Knowledge,
) -> list[Area]:
    """The (area, holders) pairs a read paragraph raises, with their evidence."""
    if para.silent:
        return []
    cues = frozenset(w.lower() for w in knowledge.taxonomy.cues)
    joint = frozenset(w.lower() for w in knowledge.taxonomy.joint_cues)
    by_token = {i: m for m in para.mentions for i in range(m.start, m.end)}
    out = []
    for a in field_spans(para, knowledge):
        holder, evidence = _governing(para, a.start, cues, joint, ctx, resolver, by_token)
        parties = tuple(p for p in (holder.parties if holder else ()) if p in ctx.parties)
        if not parties:
            continue
        holder = Holder(parties, holder.speaker)
        s, e = evidence
        out.append(
            Area(
                a.area, tuple(sorted(holder.parties)), holder.speaker, paragraph_id, para.text(s, e)
            )
        )
    return out


def _governing(para, i: int, cues, joint, ctx, resolver, by_token) -> tuple[Holder | None, tuple]:
    """The holder presenting token i as a field, and the evidence span, or (None, ())."""
    doc = para.doc
    inside = [s for s in para.stated if s.trigger.start <= i < s.trigger.end]
    if inside:
        best = min(inside, key=lambda s: s.trigger.end - s.trigger.start)
        holder = _speaker(ctx) or best.holder
        t = best.trigger
        named = any(tok.lemma_.lower() in cues for tok in doc[t.start : t.end])
        if t.stance not in POSITIVE and not named:
            return None, ()  # what a party deplores is a field only where it cooperates on it
        return holder, (min(t.token, t.start), t.end)
    sent = doc[i].sent
    verb = _clause_verb(doc[i])
    scope = list(verb.subtree) if verb is not None else list(sent)
    if not any(t.lemma_.lower() in cues for t in sent):
        return None, ()
    reporter = para.reporters.get(sent.start)
    holder = None
    if verb is not None:
        subj = subject_of(verb)
        holder = (resolver.of_phrase(doc, subj, by_token) if subj is not None else None) or reporter
        if reporter and holder and not set(reporter.parties) <= set(holder.parties):
            holder = reporter  # "Ruto noted that Rwanda is a partner in X": Ruto raises X
    if ctx.label_speaker:
        holder = _speaker(ctx)
    elif holder is not None and verb is not None:
        holder = _with_partners(doc, verb, holder, resolver, by_token)
    if holder is None:
        if ctx.single_voice:
            holder = Holder(ctx.voice)
        elif reporter is None and not ctx.spoken and _joint_cue(scope, joint):
            holder = Holder(ctx.voice)
    if holder is not None and ctx.single_voice and not set(holder.parties) & set(ctx.voice):
        return None, ()
    lo = min(t.i for t in scope)
    hi = max(t.i for t in scope) + 1
    return holder, (lo, hi)


def _speaker(ctx) -> Holder | None:
    """The labelled speaker of the current transcript turn, as a holder."""
    who = ctx.label_speaker
    return Holder((who.party,), who.name) if who else None


def _with_partners(doc, verb, holder: Holder, resolver, by_token) -> Holder:
    """ "X met with Y to discuss joint efforts on Z": what a meeting takes up is both sides'."""
    node = verb
    for _ in range(4):
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                for obj in (g for g in c.children if g.dep_ == "pobj"):
                    other = resolver.of_phrase(doc, obj, by_token)
                    if other and other.parties:
                        parties = tuple(dict.fromkeys(holder.parties + other.parties))
                        return Holder(parties, None, holder.explicit)
        if node.dep_ not in ("xcomp", "advcl", "conj", "ccomp") or node.head.i == node.i:
            break
        node = node.head
    return holder


def _joint_cue(tokens, joint: frozenset[str]) -> bool:
    """A word that makes a sentence about every party ("bilateral", "the agreements")."""
    return any(t.lower_ in joint or t.lemma_.lower() in joint for t in tokens)
