"""Signings: documents signed, concluded or adopted, with signatories, parties and areas."""

from __future__ import annotations

import re

from models.areas import find_area_phrases
from models.clauses import PREPS, prev_word, sentence_spans
from models.context import DocumentContext
from models.holders import collective_re
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
    r"| which | that will | to (?![A-Z])| on behalf of | by (?=(?:the\s+)?[A-Z])"
    r"|\s(?:will|would|shall|is|are|was|were|has|have)\s)"
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


_NEW_DOC = re.compile(
    r"\b(?:historic\s+)?new\s+(?:(?:bilateral|trilateral|cooperation)\s+)?(?=(?:agreements?|"
    r"memorand(?:um|a)|MOUs?|MoUs?|accords?|treaty|treaties|protocols?|arrangements?)\b"
    r"[^.;]{0,120}?\bbetween\b)",
    re.I,
)
_BY_PARTIES = re.compile(r"\s+(?:by|on behalf of)\s+(?:the\s+)?(?=[A-Z])")
_CLAUSE_START = re.compile(r"(?:^|;\s*|,\s+(?:while|and|whereas)\s+|\bwhile\s+)")
_HONORIFIC = (
    r"(?:(?:Professor|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|H\.E\.|Her Excellency|His Excellency)\s+)*"
)
_NAME_FIRST = re.compile(rf"\s*{_HONORIFIC}((?:[A-Z][\w'’-]+\s+){{1,3}}[A-Z][\w'’-]+)\s*(?:,|$)")


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts ("..., while X signed ..." starts at X)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, pos)]
    return max(starts, default=0)


def _named_signer(sentence: str, c0: int, pos: int, index) -> str | None:
    """An unknown person at the head of the clause: "Professor A B C, Minister of X, signed"."""
    m = _NAME_FIRST.match(sentence, c0, pos)
    if not m or index.normalize(m.group(1)):
        return None
    return m.group(1)


def _on_behalf(text: str, b: int, s1: int, ctx, index) -> set[str]:
    """Parties after the title: "signed X on behalf of Nigeria", "the signing of X by A and B"."""
    m = _BY_PARTIES.match(text, b, s1)
    if not m:
        return set()
    stop = re.search(r",|;|\.(?:\s|$)", text[m.end() : s1])
    end = m.end() + stop.start() if stop else s1
    return {x.party for x in index.find(text[m.end() : end], ctx.year, ctx.persons)}


def find_signings(
    paragraph: Paragraph, ctx: DocumentContext, knowledge, document=None
) -> list[Signing]:
    """The signings a paragraph reports (a paragraph without one yields nothing)."""
    text, out = paragraph.text, []
    index = knowledge.parties
    for s0, s1 in sentence_spans(text):
        sentence = text[s0:s1]
        if sentence.rstrip(' \n"”’)').endswith("?"):
            continue  # "Did you sign the agreement?" reports nothing
        mentions = index.find(sentence, ctx.year, ctx.persons)
        triggers = list(_TRIGGER.finditer(sentence)) + list(_NEW_DOC.finditer(sentence))
        for m in sorted(triggers, key=lambda t: t.start()):
            verb_end = s0 + m.end()
            trig = m.group()
            if trig.lower() == "adopted" and trig != "ADOPTED":
                continue
            if re.match(r"\s+(?:up|off|on behalf)\b", text[verb_end : verb_end + 12]):
                continue
            if _not_yet_or_past(sentence[: m.start()]) or _dated_before(sentence[m.end() :], ctx):
                continue
            c0 = _clause_start(sentence, m.start())
            subject = [
                x
                for x in mentions
                if c0 <= x.start
                and x.end <= m.start()
                and prev_word(sentence, x.start) not in PREPS
            ]
            signers = {x.person for x in subject if x.person}
            named = _named_signer(sentence, c0, m.start(), index)
            if named:
                signers.add(named)
            talk = _talk_signers(sentence[c0 : m.start()], ctx)  # "you and President X signed"
            signers |= {name for _, name in talk if name}
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
                parties |= {party for party, _ in talk}
                behalf = _on_behalf(text, b, s1, ctx, index)
                parties |= behalf
                clause = sentence[c0 : m.start()]
                third = bool(_THIRD.search(clause))  # "32 countries have signed the Accords"
                collective = collective_re(knowledge.stances).search(clause)
                if not behalf and not talk and not third and (not subject or collective):
                    parties |= set(ctx.parties)
                if ctx.parties and not parties & set(ctx.parties):
                    continue  # signed by others only: not a signing this text reports
                if m.re is _NEW_DOC and not {x.party for x in inner} & set(ctx.parties):
                    continue  # "a new agreement between A and B" without a signing verb: only
                    # when the text's own party is one of its sides
                areas = tuple(sorted({x.area for x in find_area_phrases(text[a:b], knowledge)}))
                ev_start = min([x.start + s0 for x in subject] + [s0 + m.start()])
                evidence = text[ev_start:b].strip()
                if trig == "ADOPTED":
                    evidence = sentence.strip()
                out.append(
                    Signing(
                        document=_clean_title(name),
                        signatories=tuple(sorted(signers)),
                        parties=tuple(sorted(parties)),
                        areas=areas,
                        paragraph_id=paragraph.id,
                        evidence=evidence,
                    )
                )
    return out


# A subject of other states, not the text's parties: "32 countries", "other nations", "many states".
_THIRD = re.compile(
    r"(?i)\b(?:\d+|two\s+dozen|dozens\s+of|several|many|other|more\s+than\s+\d+|some|\w+teen"
    r"|twenty|thirty|forty|fifty|sixty)\s+(?:other\s+)?(?:countries|nations|states|governments"
    r"|signatories|partners|members)\b"
)
_YOU_SIGNER = re.compile(r"(?:^|\b(?:and|while|when|then|week|today|year|month|,)\s+)[Yy]ou\b")
_I_SIGNER = re.compile(r"\b(?:[Yy]ou\s+and\s+(?:I|me)|I\s+and\s+you|I)\b")


def _talk_signers(clause: str, ctx: DocumentContext) -> list[tuple[str, str | None]]:
    """In a transcript turn, "you" (and "I") in the clause before a signing verb: the other
    speaker's party and the speaker's ("you and President Biden signed", "you and I signed")."""
    other = ctx.addressee()
    if other is None or not _YOU_SIGNER.search(clause.strip()):
        return []
    out = [other]
    if _I_SIGNER.search(clause) and ctx.label_speaker:
        out.append((ctx.label_speaker.party, ctx.label_speaker.name))
    return out


_NOT_NOW = re.compile(
    r"(?i)(?:\b(?:will|shall|would|could|may|might|to|toward|towards|forward\s+to|before|until|intends?"
    r"|intention|plans?|planned|expects?|prepared|ready|negotiat\w*|talks|recall\w*|renew\w*"
    r"|anniversary|since|reaffirm\w*|commemorat\w*)\s+(?:(?:also|jointly|soon|the|a|an|of)\s+)*)$"
)


def _not_yet_or_past(before: str) -> bool:
    """A signing still to come ("will sign", "intends to sign", "negotiations toward concluding")
    or one only recalled ("recalled the signing of", "the anniversary of the signing of")."""
    tail = before.rstrip()[-60:] + " "
    if re.search(r"(?i)\b(?:nation|country|state|member|signatory|one)\s+to\s*$", tail):
        return False  # "the 21st nation to sign the Accords" did sign
    return bool(_NOT_NOW.search(tail))


_DATED = re.compile(
    r"\s+(?:[^.;,]{0,80}?\s)?(?:in|on)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March"
    r"|April|May|June|July|August|September|October|November|December)\s+(?:\d{1,2},?\s+)?)?"
    r"((?:19|20)\d\d)\b"
)


def _dated_before(after: str, ctx: DocumentContext) -> bool:
    """A signing dated in an earlier year than the text ("the Accords, signed in July 2020,
    ..."): recalled as background, not reported."""
    m = _DATED.match(after[:140])
    return bool(m and ctx.year and int(m.group(1)) < ctx.year)


def _clean_title(name: str) -> str:
    name = re.sub(r"^(?:of\s+)?(?:a|an|the)\s+", "", name.strip(), flags=re.I)
    return re.sub(r"^of\s+", "", name)


_REFERENCE = re.compile(rf"(?i)(?:this|that|these|those|such|said|same)\s+({DOC_NOUNS})\b")


def _title_words(title: str) -> set[str]:
    ref = _REFERENCE.match(title)
    if ref:  # "this agreement ...": the document named before, whatever follows
        title = ref.group(1)
    words = {w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _GENERIC}
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


# Words that do not tell one document from another: "this agreement" is the one signed before.
_GENERIC = frozenset(
    "the a an of on and new two bilateral this that these those its their our such same said "
    "historic landmark".split()
)


def merge_signings(signings: list[Signing]) -> list[Signing]:
    """One record per document: "the Accords" signed by a second party joins "the Artemis Accords"
    (its parties and signatories are merged into the first, fuller record)."""
    out: list[Signing] = []
    for s in signings:
        words = _title_words(s.document)
        for i, kept in enumerate(out):
            other = _title_words(kept.document)
            if words and other and (words <= other or other <= words):
                longer = kept.document if len(other) >= len(words) else s.document
                out[i] = Signing(
                    document=longer,
                    signatories=tuple(sorted(set(kept.signatories) | set(s.signatories))),
                    parties=tuple(sorted(set(kept.parties) | set(s.parties))),
                    areas=tuple(sorted(set(kept.areas) | set(s.areas))),
                    paragraph_id=kept.paragraph_id,
                    evidence=kept.evidence,
                )
                break
        else:
            out.append(s)
    return out
