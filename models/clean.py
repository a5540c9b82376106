"""Turn a raw document into a clean Document and its paragraph texts.

Page furniture (teasers, footers, Markdown markers) goes; credits become the source; the
dateline gives the place; the date comes from the record, the text or the file name.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import yaml

from models.ingest import RawDocument
from models.schema import Document
from models.segment import split_paragraphs

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_NUM = {m.lower()[:3]: i for i, m in enumerate(_MONTHS.split("|")[:12], start=1)}
_DATE_MDY = re.compile(rf"\b({_MONTHS})\.? (\d{{1,2}}), (\d{{4}})\b")
_DATE_DMY = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\.? (\d{{4}})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_DATE_SLASH_LINE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_FILE_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_.]?([0-2]\d|3[01]))?(?!\d)"
)

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")  # one level of (parens)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S)
_MD_STRAY_MARKS = re.compile(r"(?<!\\)(?:\*+|_{2,})")  # unpaired emphasis left by sloppy markup
_MD_BULLET_STAR = re.compile(r"^(\s*)\*(\s+)", re.M)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|$<>~])")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")

_CREDIT_TAIL = re.compile(r"\s*[–—-]{1,2}\s*([A-Z][A-Z0-9&]+(?:[-/ ][A-Z][A-Z0-9&]+){0,3})\s*$")
_CREDIT_REPORTED = re.compile(
    r",\s*(?:reported|reports)\s+(?:the\s+)?"
    r"([A-Z][A-Za-z]+(?:\s+(?:News|Agency|Press|TV|Daily|Times|Post))*)(?=[.]\s*$|[.]\s)"
)
_CREDIT_LINE = re.compile(r"^(?:source|credit|courtesy|via)\s*:\s*(.{2,60})$", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}(?:, [A-Z][A-Za-z.]{1,15}){0,1})"
    rf"(?:,\s*(?P<date>(?:{_MONTHS})\.? \d{{1,2}}(?:, \d{{4}})?))?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?"
    r"\s*(?::|--|–|—|-)\s+(?=\S)"
)
_NOT_PLACES = frozenset({"THE", "A", "AN", "NOTE", "UPDATE", "WARNING", "Q", "A.", "Q."})
_WEEKDAYS_MONTHS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday".split()
    + _MONTHS.split("|")
)


@cache
def furniture_patterns(path: Path = DATA_DIR / "furniture.yaml") -> tuple[re.Pattern, ...]:
    """The furniture line patterns of data/furniture.yaml, compiled once."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(re.compile(p, re.I) for group in spec.values() for p in (group or []))


def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph is page furniture (teaser, footer, release marker)."""
    text = paragraph.strip()
    return any(p.search(text) for p in furniture_patterns())


def strip_markdown(text: str) -> str:
    """Remove Markdown and inline-HTML markers, keeping the words and line structure."""
    text = _MD_COMMENT.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_TAG.sub("", text)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_BULLET_STAR.sub(r"\1-\2", text)
    text = _MD_STRAY_MARKS.sub("", text)
    lines = []
    for line in text.split("\n"):
        if _MD_HEADING.match(line):
            line = "\n" + _MD_HEADING.sub("## ", line) + "\n"
        lines.append(line)
    text = "\n".join(lines)
    return _MD_ESCAPE.sub(r"\1", text)


def _iso(year: str | int, month: int | None = None, day: str | int | None = None) -> str:
    out = f"{int(year):04d}"
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    return out


def find_date(text: str) -> str | None:
    """The first full date stated in a text, as ISO 'YYYY-MM-DD'."""
    line = _DATE_SLASH_LINE.match(text.strip())
    if line:
        month, day, year = line.groups()
        year = int(year) + 2000 if len(year) == 2 else int(year)
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return _iso(year, int(month), day)
    candidates = []
    for match in _DATE_MDY.finditer(text):
        candidates.append(
            (match.start(), _iso(match[3], _MONTH_NUM[match[1].lower()[:3]], match[2]))
        )
    for match in _DATE_DMY.finditer(text):
        candidates.append(
            (match.start(), _iso(match[3], _MONTH_NUM[match[2].lower()[:3]], match[1]))
        )
    for match in _DATE_ISO.finditer(text):
        if 1 <= int(match[2]) <= 12:
            candidates.append((match.start(), _iso(match[1], int(match[2]), match[3])))
    return min(candidates)[1] if candidates else None


def date_from_filename(name: str) -> str | None:
    """A date written in a file name: 'talks-2023-03-21.txt' gives '2023-03-21'."""
    match = _FILE_DATE.search(Path(name).name)
    return _iso(match[1], int(match[2]), match[3]) if match else None


def normalize_date(value: str | None) -> str | None:
    """A record's date as ISO (YYYY, YYYY-MM or YYYY-MM-DD) when it can be read."""
    if not value:
        return None
    value = value.strip()
    iso = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if iso:
        return _iso(iso[1], int(iso[2]) if iso[2] else None, iso[3])
    return find_date(value) or value


def take_credits(paragraph: str) -> tuple[str, list[str]]:
    """Cut agency credits out of a paragraph: '… media. – BERNAMA-XINHUA' gives the agencies."""
    credits: list[str] = []
    line = _CREDIT_LINE.match(paragraph.strip())
    if line:
        return "", [line[1].strip()]
    tail = _CREDIT_TAIL.search(paragraph)
    if tail and re.search(r"[a-z]", paragraph[: tail.start()]) and len(tail[1]) >= 3:
        credits.extend(part.title() for part in re.split(r"[-/]", tail[1]) if part.strip())
        paragraph = paragraph[: tail.start()].rstrip()
    reported = _CREDIT_REPORTED.search(paragraph)
    if reported and reported[1].split()[0] not in _WEEKDAYS_MONTHS:
        credits.append(reported[1])
        paragraph = paragraph[: reported.start()] + paragraph[reported.end() :]
    return paragraph, credits


def take_dateline(paragraph: str) -> tuple[str, str | None, str | None, str | None]:
    """Cut a dateline off the first paragraph; return (rest, place, date text, agency)."""
    match = _DATELINE.match(paragraph)
    if not match or match["place"].split(",")[0].strip() in _NOT_PLACES:
        return paragraph, None, None, None
    if len(re.sub(r"[^A-Z]", "", match["place"])) < 3:
        return paragraph, None, None, None
    return paragraph[match.end() :], match["place"], match["date"], match["agency"]


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()

    return norm(a) == norm(b)


def _looks_like_title(paragraph: str) -> bool:
    return len(paragraph) <= 160 and not paragraph.rstrip().endswith((".", "?", "!", ":", ";"))


def content_hash(raw: RawDocument) -> str:
    """A hash of a raw document's text and metadata: same hash, same document."""
    parts = [raw.text, raw.title or "", raw.date or "", raw.source or "", raw.source_url or ""]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def clean_document(raw: RawDocument) -> tuple[Document, list[str]]:
    """Clean a raw document: furniture out, wraps joined, metadata kept."""
    text = strip_markdown(raw.text) if raw.fmt == "md" else raw.text
    paragraphs = split_paragraphs(text)
    title = raw.title
    credits: list[str] = [raw.source] if raw.source else []
    date = normalize_date(raw.date)
    place = None
    kept: list[str] = []
    for paragraph in paragraphs:
        heading = paragraph.startswith("## ")
        paragraph = paragraph.removeprefix("## ").strip()
        if not paragraph or not re.search(r"[^\W\d_]", paragraph) and not find_date(paragraph):
            continue
        if not kept and date is None and find_date(paragraph) and len(paragraph) < 40:
            date = find_date(paragraph)  # a date line such as '01/24/25' under the header
            continue
        if is_furniture(paragraph) or (title and _same_text(paragraph, title)):
            continue
        if heading and title is None and not kept:
            title = paragraph
            continue
        if heading:
            continue  # section headings are navigation, not citable content
        if title is None and not kept and _looks_like_title(paragraph) and len(paragraphs) > 1:
            title = paragraph
            continue
        if not kept and place is None:
            paragraph, place, date_text, agency = take_dateline(paragraph)
            if agency:
                credits.append(agency)
            if date is None and date_text and find_date(date_text):
                date = find_date(date_text)
        paragraph, found = take_credits(paragraph)
        credits.extend(found)
        if paragraph.strip():
            kept.append(paragraph.strip())
    if date is None:
        date = next((d for p in kept[:3] if (d := find_date(p))), None)
    if date is None:
        date = date_from_filename(raw.origin.split(":")[0]) if raw.origin else None
    source = ", ".join(dict.fromkeys(c for c in credits if c)) or None
    document = Document(
        id=raw.id,
        title=title or (kept[0][:80] if kept else raw.id),
        text="\n\n".join(kept),
        date=date,
        source=source,
        place=place,
        source_url=raw.source_url,
        kind=raw.kind,
        meta=dict(raw.meta),
    )
    return document, kept
