"""Signings: documents signed, concluded or adopted, with signatories, parties and areas."""

from __future__ import annotations

import re

from models.areas import find_area_phrases
from models.parties import DocumentContext
from models.positions import _COLLECTIVE, _PREPS, _prev_word, sentence_spans
from models.schema import Paragraph, Signing

DOC_NOUNS = (
    r"Joint Statements?|Joint Declarations?|Declarations?|Statements?|Memorand(?:um|a)"
    r"(?: of (?:Understanding|Cooperation|Agreement|Intent))?|MOUs?|MoUs?|Agreements?|Accords?"
    r"|Treaty|Treaties|Protocols?|Plans?(?: of Action)?|Frameworks?|Charters?|Conventions?"
    r"|Arrangements?|Letters? of Intent|LOIs?|Contracts?|Roadmaps?|Road Maps?|Communiqu[ée]s?"
    r"|documents?|deals?|instruments?|programs?|programmes?"
)
_DOC_RE = re.compile(rf"(?i)\b(?:{DOC_NOUNS})\b")
_TRIGGER = re.compile(
    r"\b(?:(?:jointly\s+|also\s+)?(?:signed|signing|sign|signs|inked|concluded|conclude)"
    r"|welcomed (?:the conclusion of|a new)|ADOPTED|[Aa]dopted)\b"
)
_EXCLUDE = re.compile(r"(?i)\binto law\b|\bexecutive order\b|\bbills?\b|\bproclamation\b|\bH\.R\.")
_END = re.compile(
    r"(?:,\s+(?!and\s+(?:the\s+)?[A-Z])|;|\.\s|\.$| during | at the | in the presence of"
    r"| on the sidelines"
    r"| which | that will | to (?![A-Z]))"
)
_AREAS_LIST = re.compile(r"\b(?:in|on)\s+(?:such\s+)?(?:areas|fields|sectors)\b")
_SPLIT = re.compile(rf"\s+and\s+(?=(?:an?|the|two|three)\s+(?:[\w-]+\s+){{0,2}}(?:{DOC_NOUNS})\b)")


def _titles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Document titles after a signing verb: "a Joint Statement on X and a Plan on Y"."""
    m = _END.search(text, start, end)
    stop = m.start() if m else end
    if _AREAS_LIST.search(text, start, stop):
        tail = re.search(r"[;.]|\s[–—-]\s", text[stop:end])
        stop = stop + tail.start() if tail else end
    parts, a = [], start
    for sm in _SPLIT.finditer(text, start, stop):
        parts.append((a, sm.start()))
        a = sm.end()
    parts.append((a, stop))
    out = []
    for a, b in parts:
        while a < b and text[a] in " ,":
            a += 1
        seg = text[a:b].rstrip(" ,.;")
        if seg and _DOC_RE.search(seg[:120]) and not _EXCLUDE.search(seg):
            out.append((a, a + len(seg)))
    return out


def find_signings(
    paragraph: Paragraph, ctx: DocumentContext, knowledge, document=None
) -> list[Signing]:
    """The signings a paragraph reports (a paragraph without one yields nothing)."""
    text, out = paragraph.text, []
    index = knowledge.parties
    for s0, s1 in sentence_spans(text):
        sentence = text[s0:s1]
        for m in _TRIGGER.finditer(sentence):
            verb_end = s0 + m.end()
            trig = m.group()
            if trig.lower() == "adopted" and trig != "ADOPTED":
                continue
            if re.match(r"\s+(?:up|off|on behalf)\b", text[verb_end : verb_end + 12]):
                continue
            mentions = index.find(sentence, ctx.year, ctx.persons)
            subject = [
                x
                for x in mentions
                if x.end <= m.start() and _prev_word(sentence, x.start) not in _PREPS
            ]
            signatories = tuple(sorted({x.person for x in subject if x.person}))
            if trig == "ADOPTED":
                titles = [(s0, s1)]
                names = [
                    document.title if document is not None and document.title else "this document"
                ]
            else:
                titles = _titles(text, verb_end, s1)
                names = [text[a:b] for a, b in titles]
            for (a, b), name in zip(titles, names, strict=True):
                inner = index.find(text[a:b], ctx.year, ctx.persons)
                parties = {
                    x.party for x in inner if x.kind in ("country", "org", "demonym", "leader")
                }
                parties |= {x.party for x in subject}
                if not subject or _COLLECTIVE.search(sentence[: m.start()]):
                    if not subject:
                        parties |= set(ctx.parties)
                    else:
                        parties |= set(ctx.parties)
                areas = tuple(sorted({x.area for x in find_area_phrases(text[a:b], knowledge)}))
                ev_start = min([x.start + s0 for x in subject] + [s0 + m.start()])
                evidence = text[ev_start:b].strip()
                if trig == "ADOPTED":
                    evidence = sentence.strip()
                out.append(
                    Signing(
                        document=re.sub(r"^(?:a|an|the)\s+", "", name.strip(), flags=re.I),
                        signatories=signatories,
                        parties=tuple(sorted(parties)),
                        areas=areas,
                        paragraph_id=paragraph.id,
                        evidence=evidence,
                    )
                )
            if titles:
                break
    return out
