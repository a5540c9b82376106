"""Extract cooperation areas, stated positions and signings from a document's paragraphs."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from models.areas import embed_areas, find_area_phrases
from models.context import DocumentContext, build_context
from models.embed import Embedder, SentenceTransformerEmbedder
from models.lexicon import Knowledge, default_knowledge
from models.lexicon import knowledge_version as _knowledge_version
from models.positions import Segment, analyze, positions_from
from models.schema import Area, Document, Extractions, Paragraph, Position, Signing
from models.signings import find_signings, merge_signings
from models.turns import labelled_speakers

__all__ = ["DocumentContext", "extract", "knowledge_version"]


_RULE_MODULES = (
    "alternation",
    "areas",
    "clauses",
    "context",
    "extract",
    "holders",
    "lexicon",
    "obligations",
    "parties",
    "positions",
    "signings",
    "targets",
    "turns",
)


@functools.cache
def _rules_hash() -> str:
    digest = hashlib.sha1()
    for name in _RULE_MODULES:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:8]


def knowledge_version() -> str:
    """Hash of the data files and of the rule modules: stored extractions depend on both."""
    return f"{_knowledge_version()}-{_rules_hash()}"


def _area_holders(text: str, seg: Segment, ctx: DocumentContext, knowledge) -> tuple[str, ...]:
    """Who raises the areas of a segment: its holders, plus partners named in it if not quoted.

    A clause without a holder of its own belongs to every party only in a joint text, and only
    when nothing else is its actor (a heading, an operative clause, "bilateral cooperation in X");
    in a speech such a clause is background, and a company's plans are no party's cooperation.
    """
    if seg.mute:
        return ()
    holders = set(seg.holders)
    chunk = text[seg.start : seg.end]
    if not holders:
        if ctx.single_voice or seg.own_subject or not _JOINT.search(chunk) and not _heading(chunk):
            return ()
        holders = set(ctx.parties)
    elif not seg.attributed:
        holders |= {x.party for x in knowledge.parties.find(chunk, ctx.year, ctx.persons)}
    voiced = set(seg.holders) & set(ctx.voiced)  # "As the African Union, we ..."
    return tuple(sorted(holders & set(ctx.parties) | voiced))


_JOINT = re.compile(
    r"(?i)\b(?:bilateral|trilateral|joint\w*|mutual\w*|our|both|two countries|two sides"
    r"|cooperat\w*|collaborat\w*|partnership\w*|together)\b"
)


def _heading(chunk: str) -> bool:
    """A short title line ("Cybersecurity Cooperation"): every word capitalized, no verb."""
    words = re.findall(r"[\w'’/-]+", chunk)
    small = {"and", "of", "on", "in", "for", "the", "to", "with"}
    return 0 < len(words) <= 8 and all(
        w[0].isupper() or w in small or w[0].isdigit() for w in words
    )


_COOPERATION = re.compile(
    r"(?i)\b(?:cooperat\w*|collaborat\w*|partner\w*|exchanges?|work(?:ing)? together|joint\w*"
    r"|progress|agree\w*|sign\w*|initiatives?|dialogues?|coordinat\w*|mechanisms?|programs?"
    r"|projects?|deepen\w*|expand\w*|strengthen\w*|enhanc\w*|boost\w*|promot\w*|bilateral"
    r"|trilateral|alliance|fields|areas|sectors|join\w*|participat\w*|contribut\w*)\b"
)


def _areas_of(
    paragraph: Paragraph, segments: list[Segment], ctx: DocumentContext, knowledge
) -> tuple[list[Area], list[tuple[Segment, str]]]:
    text, out, unmatched = paragraph.text, [], []
    for seg in segments:
        chunk = text[seg.start : seg.end]
        matches = find_area_phrases(chunk, knowledge)
        sentence = text[seg.sent_start : seg.end]
        if matches and not seg.stance and not _COOPERATION.search(sentence):
            continue
        if seg.stance == "concern" or seg.stance == "oppose" and not _COOPERATION.search(sentence):
            continue  # what a party deplores or fears is not a field it cooperates in
        holders = _area_holders(text, seg, ctx, knowledge)
        if not holders:
            continue
        if not matches:
            if _COOPERATION.search(chunk):
                unmatched.append((seg, chunk))  # cooperation on wording the taxonomy misses
            continue
        evidence = chunk.strip()
        for area_id in dict.fromkeys(m.area for m in matches):
            out.append(Area(area_id, holders, seg.speaker, paragraph.id, evidence))
    return out, unmatched


def uses_embedding_fallback(embedder: Embedder | None) -> bool:
    """Only a real sentence model finds areas by meaning; a test double's vectors mean nothing.

    An embedder says so with a boolean ``is_sentence_model`` attribute; without one, only the
    sentence-transformers embedder of models.embed counts.
    """
    if embedder is None:
        return False
    declared = getattr(embedder, "is_sentence_model", None)
    if declared is not None:
        return bool(declared)
    return isinstance(embedder, SentenceTransformerEmbedder)


def extract(
    document: Document,
    paragraphs: Sequence[Paragraph],
    *,
    embedder: Embedder | None = None,
    knowledge: Knowledge | None = None,
) -> Extractions:
    """Areas, positions and signings of one document, paragraph by paragraph in order."""
    knowledge = knowledge or default_knowledge()
    ctx = build_context(document, list(paragraphs), knowledge)
    ctx.speakers = labelled_speakers(paragraphs, ctx, knowledge.parties)
    areas: list[Area] = []
    positions: list[Position] = []
    signings: list[Signing] = []
    pending: list[tuple[Paragraph, Segment, str]] = []
    for paragraph in paragraphs:
        segments = analyze(paragraph, ctx, knowledge)
        positions += positions_from(paragraph, segments)
        found, unmatched = _areas_of(paragraph, segments, ctx, knowledge)
        areas += found
        pending += [(paragraph, s, c) for s, c in unmatched]
        if ctx.silent:
            continue  # a press question or a moderator: no areas, no signings
        for signing in find_signings(paragraph, ctx, knowledge, document):
            signings.append(signing)
            holders = tuple(p for p in signing.parties if p in ctx.parties)
            if signing.areas and holders:
                for area_id in signing.areas:
                    areas.append(Area(area_id, holders, None, paragraph.id, signing.evidence))
    if uses_embedding_fallback(embedder) and pending:
        scored = embed_areas([c.strip() for _, _, c in pending], knowledge, embedder)
        for (paragraph, seg, chunk), hits in zip(pending, scored, strict=True):
            holders = _area_holders(paragraph.text, seg, ctx, knowledge)
            for area_id, _ in hits:
                areas.append(Area(area_id, holders, seg.speaker, paragraph.id, chunk.strip()))
    return Extractions(tuple(areas), tuple(positions), tuple(merge_signings(signings)))
