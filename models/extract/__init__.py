"""Extraction on parsed paragraphs: cooperation areas, stated positions and signings.

Each paragraph is parsed once (spaCy, cached by text hash); the knowledge files feed matchers
(parties, areas) and a stance lexicon over lemmas; holders come from the clause's subject, the
reporting verb's subject, the speaker label or the document's voice.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from models.extract.areas import areas_of
from models.extract.clauses import ReadParagraph, read_sentences
from models.extract.context import build_context, resolve_label, titles_in, year_of
from models.extract.holders import HolderResolver
from models.extract.knowledge import Knowledge, default_knowledge, files_version
from models.extract.matchers import matchers_for
from models.extract.nlp import parse, parser_name
from models.extract.positions import positions_of
from models.extract.signings import (
    PackageItems,
    is_list_item,
    is_named,
    merge_signings,
    signings_of,
)
from models.extract.turns import body_start, find_label
from models.schema import Area, Document, Extractions, Paragraph

__all__ = [
    "body_start",
    "extract",
    "knowledge_version",
    "merge_signings",
    "parse_bodies",
    "parser_name",
]


@functools.cache
def _rules_hash() -> str:
    digest = hashlib.sha1()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def knowledge_version() -> str:
    """Hash of the data files and of the extraction modules: stored extractions depend on both."""
    return f"{files_version()}-{_rules_hash()}"


def parse_bodies(texts: Sequence[str]) -> Iterator:
    """Parses of paragraph texts, each from where its own words start (after a speaker label).

    Words in capitals ("REAFFIRM the importance", "WE, the Member States") are parsed as
    capitalized words (same length, so offsets still point into the original text).
    """
    return parse([parse_input(t) for t in texts])


def parse_input(text: str) -> str:
    """What the parser reads for a paragraph.

    The speaker label is left out; words in capitals are re-cased; an operative clause of a
    joint text ("PROMOTE maritime cooperation ...") is read after "We " so the tagger sees the
    verb it is (:func:`operative_shift` says how far spans are shifted back when read).
    """
    own = text[body_start(text) :]
    return OPERATIVE_PREFIX[: operative_shift(own)] + break_long_runs(recase(own))


RUN_CHARS = 100  # the longest run without a space the tokenizer reads whole


def break_long_runs(text: str) -> str:
    """Text whose runs without a space are cut every ``RUN_CHARS`` characters by a space (same
    length, so offsets hold): the tokenizer peels punctuation off a run one mark at a time, so
    a run of 20,000 quotation marks would take minutes."""
    return _LONG_RUN.sub(lambda m: _cut(m.group()), text)


def _cut(run: str) -> str:
    pieces = [run[i : i + RUN_CHARS] for i in range(0, len(run), RUN_CHARS)]
    return "".join(p[:-1] + " " for p in pieces[:-1]) + pieces[-1]


_LONG_RUN = re.compile(rf"\S{{{RUN_CHARS},}}")


def operative_shift(own: str) -> int:
    """How many characters the parser reads before a paragraph's own words ("We " before an
    operative clause, else none)."""
    return len(OPERATIVE_PREFIX) if _OPERATIVE.match(own) else 0


OPERATIVE_PREFIX = "We "
_OPERATIVE = re.compile(r"(?:FURTHER |ALSO )?(?!WE\b)[A-Z]{3,}(?<!ING)(?<!ED)(?<!S) [a-z(]")


def recase(text: str) -> str:
    """Capitalized words for runs in capitals that a tagger reads as acronyms."""
    text = _WE.sub("We", text)
    return _LEADING_CAPS.sub(lambda m: m.group().capitalize(), text)


_WE = re.compile(r"\bWE\b(?=,|\s+[a-z])")
# Operative and preambular words of resolutions and communiques: "FURTHER REAFFIRM that ...".
_LEADING_CAPS = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,})*(?= [a-z(“\"])")


def _home_leaders(knowledge: Knowledge, home: str | None, year: int | None) -> dict:
    if not home:
        return {}
    out = {}
    for leaders in knowledge.parties.leaders.values():
        for leader in leaders:
            if leader.party == home and (year is None or leader.start <= year <= leader.end):
                for role in leader.role.lower().split(" and "):
                    out.setdefault(role, leader)
    return out


def extract(
    document: Document,
    paragraphs: Sequence[Paragraph],
    *,
    knowledge: Knowledge | None = None,
    docs: Sequence | None = None,
) -> Extractions:
    """Areas, positions and signings of one document, paragraph by paragraph in order.

    ``docs`` are the paragraphs' parses (from :func:`parse_bodies`, or the store's cache);
    without them the paragraphs are parsed here.
    """
    knowledge = knowledge or default_knowledge()
    paragraphs = list(paragraphs)
    docs = list(docs if docs is not None else parse_bodies([p.text for p in paragraphs]))
    party_matcher, area_matcher, _ = matchers_for(knowledge)
    year = year_of(document.date)
    first = [party_matcher(d, year) for d in docs[:40]]
    title = _label_doc(recase(document.title or "")[:300])  # people the headline introduces
    ctx = build_context(
        document,
        [title, *docs],
        [party_matcher(title, year), *first, *[[]] * (len(docs) - len(first))],
        knowledge,
    )
    resolver = HolderResolver(ctx, knowledge, _home_leaders(knowledge, ctx.home, year))
    areas, positions, signings = [], [], []
    listed = False  # the paragraph before ended with a colon: a list may follow
    header: list = []  # unnamed documents a paragraph ending with a colon said were signed
    before: list = []  # the signings of the paragraph before
    package = PackageItems()  # a counted package whose documents are described one by one
    for paragraph, doc in zip(paragraphs, docs, strict=True):
        label = find_label(paragraph.text)
        if label is not None:
            _turn(label, paragraph.text, ctx, knowledge, party_matcher, resolver.home_leaders)
        body = paragraph.text[label.body_start if label else 0 :]
        mentions = party_matcher(doc, year, ctx.persons)
        read = ReadParagraph(
            doc,
            body,
            mentions,
            area_matcher(doc),
            silent=ctx.silent,
            cover=knowledge.lexicon.signing_cover,
            shift=operative_shift(body),
        )
        if ctx.silent:
            continue
        read_sentences(read, ctx, resolver, knowledge)
        positions += positions_of(read, paragraph.id, knowledge.lexicon)
        areas += areas_of(read, paragraph.id, ctx, resolver, knowledge)
        found = signings_of(read, paragraph.id, ctx, resolver, knowledge, listed, bool(before))
        if listed and found and header:  # the list names what its header only counted
            signings = [s for s in signings if s not in header]
        items = sum(is_list_item(s) for s in found)
        if before and items:  # "Among these were A; B; and C" names what was signed
            kinds = knowledge.lexicon.signed_documents
            signings = [
                s
                for s in signings
                if s not in before or is_named(s, kinds) or (s.count or 0) > items
            ]
        before = found
        header = found if paragraph.text.rstrip().endswith(":") else header if found else []
        header = [s for s in header if not is_named(s, knowledge.lexicon.signed_documents)]
        listed = paragraph.text.rstrip().endswith(":") or bool(listed and found)
        found += package.items(read, paragraph.id, found, resolver)
        signings += found
        for s in found:
            holders = tuple(p for p in s.parties if p in ctx.parties)
            for area_id in s.areas if holders else ():
                areas.append(Area(area_id, holders, None, paragraph.id, s.evidence))
    signings = [s for s in signings if s is not package.described()]
    return Extractions(
        tuple(areas),
        tuple(positions),
        tuple(merge_signings(signings, knowledge.lexicon.signed_documents)),
    )


def _turn(label, text: str, ctx, knowledge: Knowledge, party_matcher, home_leaders) -> None:
    """A speaker label starts a turn: the person it names speaks until the next label."""
    if label.question:
        ctx.label_speaker, ctx.silent, ctx.spoken = None, True, True
        return
    words = label.text.strip("* ")
    label_doc = _label_doc(words.title() if words.isupper() else words)
    mentions = party_matcher(label_doc, ctx.year, ctx.persons)
    who = resolve_label(label, label_doc, mentions, ctx, knowledge, home_leaders)
    if who is None:
        titled = bool(titles_in(label_doc, 0, len(label_doc), knowledge))
        looks_like_person = titled or label_doc[0].lower_.rstrip(".") in HONORIFICS
        if ctx.spoken or looks_like_person:
            ctx.label_speaker, ctx.silent, ctx.spoken = None, True, True
        return
    ctx.label_speaker, ctx.silent, ctx.spoken = who, False, True
    if who.party and who.party not in ctx.parties and not ctx.single_voice:
        ctx.parties = tuple(sorted({*ctx.parties, who.party}))  # a speaker is a party of the talk
        ctx.voice = ctx.parties
    ctx.speakers.setdefault(who.party, who)
    ctx.last_person = who


@functools.lru_cache(maxsize=512)
def _label_doc(words: str):
    """A speaker label or a headline, tagged (no dependency parse: its words are all we read);
    labels repeat, so each is tagged once."""
    from models.extract.nlp import load_nlp

    with load_nlp().select_pipes(disable=["parser"]):
        return load_nlp()(words)


HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "madam", "madame", "sir", "his", "her"})
