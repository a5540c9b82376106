"""Where a report says it comes from: datelines (place, date, agency) and agency credits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.dates import CALENDAR_WORDS, DAY, MONTH

_PLACE = r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}(?:, [A-Z][A-Za-z.]{1,15}(?: [A-Z][a-z]+)?)?"
_TITLE_PLACE = r"[A-Z][a-z'’.\-]+(?:[ /][A-Z][a-z'’.\-]+){0,3}(?:,? [A-Z][A-Za-z.]{1,15})?"
_DL_DATE = rf"(?:{MONTH}\s*{DAY}|{DAY}\s+{MONTH})(?:,?\s+\d{{4}})?\.?"
_SEP = r"(?::|--|–|—|―|-)"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})"
    rf"(?:,\s*(?P<date>{_DL_DATE}))?,?"
    r"(?:\s*\((?P<paren>[^()]{1,70})\))?"
    r"(?:\s*/(?P<slash>[A-Z][\w .-]{1,25})/\.?)?"
    rf"(?:\s*(?P<sep>{_SEP})|(?<=\))|(?<=/)|(?<=/\.))(?:\s+|(?<=\):))(?=\S)"
)  # "ISLAMABAD, Mar 24 (APP):President ...": a page may drop the space after "):"
# title-case places only with a date and an agency: "Washington DC [US], October 22 (ANI):"
_DATELINE_TITLE = re.compile(
    rf"^(?P<place>{_TITLE_PLACE})(?:\s*\[[A-Z]{{2,3}}\])?,\s*(?P<date>{_DL_DATE})"
    rf"\s*\((?P<paren>[^()]{{1,40}})\)\s*{_SEP}?\s+(?=\S)"
)
# a dateline alone on its line: "BONN, Germany, Feb. 17, Kyodo"
_DATELINE_LINE = re.compile(
    rf"^(?P<place>{_PLACE}),\s*(?P<date>{_DL_DATE}),?\s*(?P<paren>[A-Z][\w .&-]{{1,30}})?$"
)
# a place and an agency in capitals, a full stop between: "ASTANA. KAZINFORM – ..."
_DATELINE_STOP = re.compile(
    r"^(?P<place>[A-Z][A-Z'’\-]{2,}(?: [A-Z][A-Z'’\-]+){0,2})\.\s+"
    rf"(?P<paren>[A-Z]{{4,}}(?:-[A-Z]{{2,}})?)(?:\s*{_SEP})?\s+(?=[A-Z“\"])"
)
# a title-case place and an outlet in capitals: "Jakarta, VIVA – ..."
_DATELINE_OUTLET = re.compile(
    rf"^(?P<place>{_TITLE_PLACE}),\s+(?P<paren>[A-Z]{{3,}}(?:\.[A-Z]{{2,3}})?(?: [A-Z]{{2,}})?)"
    rf"\s*{_SEP}\s+(?=\S)"
)
# a date, then a place, on a line of their own: "July 16, 2018, Helsinki"
_DATE_PLACE = re.compile(
    rf"^(?:{MONTH}\s+{DAY},?\s+\d{{4}}|{DAY}\s+{MONTH},?\s+\d{{4}})"
    r"(?:\s*[,–—-]?\s*\d{1,2}:\d{2})?\s*[,–—-]?\s+"
    r"(?P<place>[A-Z][\w'’.\-]*(?:,?\s+[A-Z][\w'’.\-]*){0,4})$"
)
_NOT_PLACE_WORDS = frozenset({"Updated", "Published", "Posted", "Modified", "Local", "Time"})
_NOT_PLACES = frozenset({"THE", "A", "AN", "NOTE", "UPDATE", "WARNING", "Q", "A.", "Q.", "NEW"})
_CREDIT_TAIL = re.compile(
    r"(?:\s+|(?<=[.!?”\"]))[–—―-]{1,2}\s*([A-Z][A-Za-z0-9&]+(?:[-/ ][A-Z][A-Za-z0-9&]+){0,3})\s*$"
)
_CREDIT_REPORTED = re.compile(
    r",\s*(?:reported|reports)\s+(?:the\s+)?"
    r"([A-Z][A-Za-z]+(?:\s+(?:News|Agency|Press|TV|Daily|Times|Post))*)(?=[.]\s*$|[.]\s)"
)
_WORD = r"[A-Z](?:\w|\.(?=\w))*"
_NAME = rf"{_WORD}(?:\s+(?:News|Agency|{_WORD})){{0,2}}"
_X_REPORTED = re.compile(
    rf"(?:^|[,;]\s+|\.\s+)(?P<who>{_NAME})\s+(?:news\s+)?(?:reported|reports)"
    rf"(?:\s+citing\s+(?:the\s+)?(?P<cited>{_NAME}))?\s*\.?\s*$"
)
_CREDIT_LINE = re.compile(r"^(?:source|credit|courtesy|via)\s*:\s*(.{2,60})$", re.I)
_OUTLET_LEAD = re.compile(
    r"^(?:\((?P<paren>[A-Z][\w.]{1,25}(?: [A-Z][\w.]*){0,2})\)\s*[-–—:]?\s*"
    r"|(?P<slash>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})\s*/\s+(?=[A-Z]))"
)
_GENERIC = frozenset({"agencies", "agency", "news agencies", "wire services", "staff", "desk"})


@dataclass(frozen=True)
class Dateline:
    """What a dateline states: the rest of the paragraph, place, date text and agencies."""

    rest: str
    place: str | None
    date: str | None
    agencies: tuple[str, ...]


def place_name(text: str) -> str:
    """A dateline place as a name: 'NOVO-OGARYOVO, Russia' gives 'Novo-Ogaryovo, Russia'."""
    parts = [p.strip() for p in text.split(",")]

    def word(m: re.Match) -> str:
        return m[0] if len(m[0]) <= 2 and len(parts) > 1 else m[0][0] + m[0][1:].lower()

    head = re.sub(r"[A-Z][A-Z'’.]*", word, parts[0]) if parts[0].isupper() else parts[0]
    tail = [p if not p.isupper() or len(p) <= 3 else p.title() for p in parts[1:]]
    return ", ".join([head, *tail])


def _paren_parts(paren: str | None) -> tuple[str | None, list[str]]:
    """A dateline's parenthesis: '(Xinhua)', '(Nov 25)' or '(UrduPoint News / Sputnik - date)'."""
    if not paren:
        return None, []
    paren = paren.strip()
    if re.fullmatch(rf"{_DL_DATE}", paren, re.I):
        return paren, []
    date = None
    head, _, tail = paren.partition(" - ")
    if tail and re.search(r"\d", tail):
        date = tail
    agencies = [a.strip() for a in re.split(r"\s*/\s*|\s*,\s*", head) if a.strip()]
    return date, [a for a in agencies if not re.search(r"\d", a)]


def take_dateline(paragraph: str, speaker_words: frozenset[str] = frozenset()) -> Dateline:
    """Cut a dateline off a paragraph: 'MOSCOW, March 21 (Xinhua) -- ...'.

    A transcript's speaker label ('MODERATOR:', 'MS. PSAKI:') is no dateline: its first word
    is one of ``speaker_words``.
    """
    line = _DATELINE_LINE.match(paragraph.strip())
    match = (
        line
        or _DATELINE_STOP.match(paragraph)
        or _DATELINE.match(paragraph)
        or _DATELINE_TITLE.match(paragraph)
        or _DATELINE_OUTLET.match(paragraph)
    )
    if not match:
        return Dateline(paragraph, None, None, ())
    groups = match.groupdict()
    place = groups["place"]
    if place.split(",")[0].strip() in _NOT_PLACES or len(re.sub(r"[^A-Za-z]", "", place)) < 3:
        return Dateline(paragraph, None, None, ())
    if place.split()[0].upper().rstrip(".,") in speaker_words:
        return Dateline(paragraph, None, None, ())
    if (groups.get("paren") or "").split(",")[0].strip() in _NOT_PLACES | speaker_words:
        return Dateline(paragraph, None, None, ())  # "WASHINGTON. THE talks", not an agency
    date, agencies = _paren_parts(groups.get("paren"))
    if groups.get("slash"):
        agencies.append(groups["slash"].strip())
    no_separator = not line and match.re is _DATELINE and not groups.get("sep")
    if no_separator and not agencies:
        return Dateline(paragraph, None, None, ())  # "THE talks" or a shouted heading
    rest = "" if line else paragraph[match.end() :]
    return Dateline(rest, place_name(place), groups.get("date") or date, tuple(agencies))


def date_place(line: str) -> str | None:
    """The place of a line stating only a date and a place: 'July 15, 2006, Strelna'."""
    match = _DATE_PLACE.match(line.strip())
    if not match:
        return None
    words = re.findall(r"[\w'’.\-]+", match["place"])
    if any(w in CALENDAR_WORDS | _NOT_PLACE_WORDS or w.isupper() and len(w) <= 4 for w in words):
        return None  # 'March 14, 2019 Updated', '... PT': a timestamp's words, not a place
    return match["place"]


def lead_outlet(paragraph: str) -> tuple[str, str | None]:
    """An outlet's name leading a first paragraph: 'Shafaq News/ ...', '(VOVworld)- ...'."""
    match = _OUTLET_LEAD.match(paragraph)
    if not match:
        return paragraph, None
    return paragraph[match.end() :], match["paren"] or match["slash"]


def take_credits(paragraph: str) -> tuple[str, list[str]]:
    """Cut agency credits out of a paragraph: '… media. – BERNAMA-XINHUA' gives the agencies."""
    credits: list[str] = []
    line = _CREDIT_LINE.match(paragraph.strip())
    if line:
        return "", [line[1].strip()]
    tail = _CREDIT_TAIL.search(paragraph)
    if tail and re.search(r"[a-z]", paragraph[: tail.start()]) and len(tail[1]) >= 3:
        if tail[1].lower() not in _GENERIC and (tail[1].isupper() or " " not in tail[1]):
            parts = re.split(r"[-/]", tail[1]) if tail[1].isupper() else [tail[1]]
            credits.extend(p.title() if p.isupper() and len(p) > 4 else p for p in parts if p)
            paragraph = paragraph[: tail.start()].rstrip()
    reported = _CREDIT_REPORTED.search(paragraph)
    if reported and reported[1].split()[0] not in CALENDAR_WORDS:
        credits.append(reported[1])
        paragraph = paragraph[: reported.start()] + paragraph[reported.end() :]
    return paragraph, credits


def reported_by(paragraph: str) -> list[str]:
    """Agencies a paragraph ends by crediting: '…, Xinhua reported.', '… reports citing TASS.'."""
    match = _X_REPORTED.search(paragraph)
    if not match or match["who"].split()[0] in CALENDAR_WORDS | {"It", "He", "She", "They"}:
        return []
    return [name for name in (match["who"], match["cited"]) if name]


def is_generic_credit(name: str) -> bool:
    """Whether a credit names no one ('Agencies', 'Staff')."""
    return name.strip().lower() in _GENERIC


def join_credits(credits: list[str]) -> str | None:
    """The document's source: its credits in order, each once ('Kyodo' within 'Kyodo News')."""
    names = [c.strip() for c in credits if c and c.strip() and not is_generic_credit(c)]
    kept: list[str] = []
    for name in names:
        low = name.lower()
        if any(low in k.lower() for k in kept):
            continue
        kept = [k for k in kept if k.lower() not in low] + [name]
    return ", ".join(kept) or None
