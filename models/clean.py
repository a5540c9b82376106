"""Turn a raw document into a clean Document and its paragraph texts.

Page furniture (teasers, footers, Markdown markers) goes; credits become the source; the
dateline gives the place; the date comes from the record, the text or the file name.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from models.credits import (
    date_place,
    join_credits,
    lead_outlet,
    reported_by,
    take_credits,
    take_dateline,
)
from models.dates import date_from_filename, dayfirst_convention, find_date, normalize_date
from models.furniture import (
    FURNITURE_FILE,
    Furniture,
    agency_credit,
    cut_leads,
    cut_tails,
    field_credits,
    is_foreign,
    is_label,
    is_timestamp,
    latin_share,
    load_furniture,
    looks_like_teaser,
    matches_line,
    timestamp_agencies,
    unbulleted,
)
from models.ingest import RawDocument
from models.schema import Document
from models.segment import split_paragraphs

__all__ = [
    "clean_document",
    "content_hash",
    "date_from_filename",
    "find_date",
    "is_furniture",
    "normalize_date",
    "strip_markdown",
    "take_credits",
    "take_dateline",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# One level of (parens) in the address; neither the text nor the address crosses a bracket, so
# the scans of unclosed links never overlap: linear time.
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*+\)")
# Escaped brackets ("\[Tweet\]") stand aside while links are read, so link text has none.
_HIDDEN_BRACKETS = {"\\[": "\ue000", "\\]": "\ue001"}
_MD_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# Emphasis marks (paired or not): dropped as marks, so no regex pairs them (pairing is quadratic).
_MD_EMPHASIS_MARKS = re.compile(r"(?<!\\)(?:\*+|_{2,})")
_MD_BULLET_STAR = re.compile(r"^(\s*)\*(\s+)", re.M)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|$<>~])")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")


def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph is page furniture on its own (teaser, byline, widget, timestamp)."""
    rules = load_furniture()
    text = unbulleted(paragraph)
    return (
        matches_line(text, rules)
        or is_label(text, rules.list_labels | rules.pair_labels)
        or is_timestamp(text, rules)
    )


def strip_markdown(text: str) -> str:
    """Remove Markdown and inline-HTML markers, keeping the words and line structure."""
    text = _drop_comments(text)
    for escaped, hidden in _HIDDEN_BRACKETS.items():
        text = text.replace(escaped, hidden)
    text = _MD_LINK.sub(r"\1", text)
    for escaped, hidden in _HIDDEN_BRACKETS.items():
        text = text.replace(hidden, escaped[1])
    text = _MD_TAG.sub("", text)
    text = _MD_BULLET_STAR.sub(r"\1-\2", text)
    text = _MD_EMPHASIS_MARKS.sub("", text)
    lines = []
    for line in text.split("\n"):
        if _MD_HEADING.match(line):
            line = "\n" + _MD_HEADING.sub("## ", line) + "\n"
        lines.append(line)
    text = "\n".join(lines)
    return _MD_ESCAPE.sub(r"\1", text)


def _drop_comments(text: str) -> str:
    """Text without its <!-- comments --> (an unclosed one is kept), in linear time."""
    out, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[at:start])
        at = end + 3
    out.append(text[at:])
    return "".join(out)


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()

    return norm(a) == norm(b)


def _lead_title(paragraph: str, limit: int = 80) -> str:
    """A title for a page without one: its first paragraph, cut at a word, not inside one."""
    if len(paragraph) <= limit:
        return paragraph
    cut = paragraph[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


def _looks_like_title(paragraph: str) -> bool:
    return len(paragraph) <= 160 and not paragraph.rstrip().endswith((".", "?", "!", ":", ";"))


def content_hash(raw: RawDocument) -> str:
    """A hash of a raw document's text, metadata and the furniture rules that clean it."""
    return _hash([*_given(raw), _furniture_digest()])


def source_hash(raw: RawDocument) -> str:
    """A hash of what the user gave: a document's text and metadata (not how it is cleaned)."""
    return _hash(_given(raw))


def _given(raw: RawDocument) -> list[str]:
    return [raw.text, raw.title or "", raw.date or "", raw.source or "", raw.source_url or ""]


def _hash(parts: list[str]) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _furniture_digest() -> str:
    """The furniture file's hash, read again only when the file changed (not per document)."""
    info = FURNITURE_FILE.stat()
    return _digest_of(FURNITURE_FILE, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=4)
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


@dataclass
class _Page:
    """What cleaning has gathered so far from a document's lines."""

    title: str | None
    date: str | None
    dayfirst: bool | None
    credits: list[str] = field(default_factory=list)
    place: str | None = None
    kept: list[str] = field(default_factory=list)
    in_list: bool = False  # inside a list of teasers under a "Most Viewed" label
    value_next: bool = False  # after a "Published By:" label, its value comes next
    labels_after: set[int] = field(default_factory=set)  # len(kept) when a label was dropped

    def note_date(self, text: str) -> None:
        if self.date is None:
            self.date = find_date(text, self.dayfirst)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", '"', "”", "’"))


def _teaser_summary(line: str, nxt: str | None) -> bool:
    """Whether a line in a list of teasers is one's summary: one short sentence, and a headline
    (no furniture line such as 'Next page') after it."""
    if nxt is None or not looks_like_teaser(nxt) or is_furniture(nxt):
        return False
    return len(line.split()) <= 30 and not re.search(r"[.!?]\s+[A-Z]", line.rstrip())


def _drop_line(page: _Page, line: str, latin: bool, nxt: str | None = None) -> bool:
    """Whether a line is furniture; notes the dates and credits furniture lines state.

    ``nxt`` is the next line: in a list of teasers, a short sentence before another headline
    is a teaser's summary, not the content resuming.
    """
    rules = load_furniture()
    line = unbulleted(line)
    if page.value_next:
        page.value_next = False
        if len(line.split()) <= 6 and not line.endswith((".", "!", "?")):
            page.note_date(line)
            return True
    if is_label(line, rules.list_labels):
        page.in_list = True
        page.labels_after.add(len(page.kept))
        return True
    if is_label(line, rules.pair_labels):
        page.value_next = True
        page.labels_after.add(len(page.kept))
        return True
    if is_label(line, rules.labels):
        page.labels_after.add(len(page.kept))
        return True
    if is_label(line, rules.section_labels):
        page.labels_after.add(len(page.kept))
        if page.kept and _ends_sentence(page.kept[-1]):
            page.in_list = True  # the site's sections after the report: teasers, tags
        return True
    if page.in_list:
        if looks_like_teaser(line):
            return True
        if _teaser_summary(line, nxt):
            return True
        page.in_list = False
    agency = agency_credit(line, rules)
    if agency:
        page.credits.append(agency)
        return True
    fields = field_credits(line, rules)
    if fields:
        page.credits.extend(fields)
        return True
    if is_timestamp(line, rules):
        page.note_date(line)
        page.credits.extend(timestamp_agencies(line, rules))
        return True
    if matches_line(line, rules):
        return True
    if page.title and _same_text(line, page.title):
        return True
    if page.kept and len(line.split()) >= 4 and _same_text(line, page.kept[-1]):
        if not _looks_like_title(line) or page.title:
            page.kept.pop()  # a photo's alt text and its caption: the same sentence twice
        return True  # or a headline printed twice
    return is_foreign(line, rules, latin)


def _agency_names(names: tuple[str, ...], rules: Furniture) -> list[str]:
    """Credits as the agency lexicon spells them ('KAZINFORM' gives 'Kazinform')."""
    return [agency_credit(n, rules) or n for n in names]


def _closing_teasers(page: _Page) -> int:
    """How many headline-like lines end the content just before a page's labels ('Tags:').

    A related-story headline sits between the last paragraph and the tag list; a paragraph
    ending a sentence comes before it, two paragraphs at least.
    """
    kept = page.kept
    if len(kept) not in page.labels_after:
        return 0
    run = 0
    while run < min(3, len(kept) - 2) and looks_like_teaser(kept[-1 - run]):
        run += 1
    before = kept[-1 - run] if run else ""
    return run if before.rstrip().endswith((".", "!", "?", '"', "”", "’")) else 0


def clean_document(raw: RawDocument) -> tuple[Document, list[str]]:
    """Clean a raw document: furniture out, wraps joined, metadata kept."""
    text = strip_markdown(raw.text) if raw.fmt == "md" else raw.text
    paragraphs = split_paragraphs(text, alone=is_furniture)
    rules = load_furniture()
    page = _Page(
        title=raw.title,
        date=normalize_date(raw.date),
        dayfirst=dayfirst_convention(text),
        credits=[raw.source] if raw.source else [],
    )
    latin = latin_share(text) >= 0.5
    for i, paragraph in enumerate(paragraphs):
        nxt = paragraphs[i + 1].removeprefix("## ").strip() if i + 1 < len(paragraphs) else None
        heading = paragraph.startswith("## ")
        paragraph = unbulleted(paragraph.removeprefix("## "))
        if not paragraph or not re.search(r"[^\W\d_]", paragraph) and not find_date(paragraph):
            continue
        if page.place is None and len(page.kept) < 2 and (place := date_place(paragraph)):
            page.place = place  # an official site's 'July 16, 2018, Helsinki' under the title
            page.note_date(paragraph)
            continue
        if not page.kept and page.date is None and len(paragraph) < 40 and find_date(paragraph):
            page.note_date(paragraph)  # a date line such as '01/24/25' under the header
            continue
        if page.place is None and len(page.kept) < 2:
            line = take_dateline(paragraph, rules.speaker_words)
            if line.place and not line.rest:  # a dateline alone: 'BONN, Germany, Feb. 17, Kyodo'
                page.place = line.place
                page.credits.extend(_agency_names(line.agencies, rules))
                page.note_date(line.date or "")
                continue
        if _drop_line(page, paragraph, latin, nxt):
            continue
        if heading and page.title is None and not page.kept:
            page.title = paragraph
            continue
        if heading:
            continue  # section headings are navigation, not citable content
        if (
            page.title is None
            and not page.kept
            and _looks_like_title(paragraph)
            and len(paragraphs) > 1
        ):
            page.title = paragraph
            continue
        if len(page.kept) < 3:  # a syndicator's credit or a desk's breadcrumb, then the dateline
            paragraph = cut_leads(paragraph, rules)
        if page.place is None and len(page.kept) < 2:  # after a standfirst at most
            line = take_dateline(paragraph, rules.speaker_words)
            if line.place:
                paragraph, page.place = line.rest, line.place
                page.credits.extend(_agency_names(line.agencies, rules))
                if line.date:
                    page.note_date(line.date)
        if not page.kept:
            paragraph, outlet = lead_outlet(paragraph)
            page.credits.extend([outlet] if outlet else [])
        paragraph, found = take_credits(cut_tails(paragraph, rules))
        page.credits.extend(found)
        if len(page.kept) < 2:
            page.credits.extend(reported_by(paragraph))
        if paragraph.strip():
            page.kept.append(paragraph.strip())
    kept = page.kept[: len(page.kept) - _closing_teasers(page)]
    if page.date is None:
        page.date = next((d for p in kept[:3] if (d := find_date(p, page.dayfirst))), None)
    if page.date is None and raw.origin:
        page.date = date_from_filename(raw.origin.split(":")[0])
    if page.date is None and raw.meta.get("year"):
        page.date = normalize_date(str(raw.meta["year"]))  # a UNGDC file name's year
    document = Document(
        id=raw.id,
        title=page.title or (_lead_title(kept[0]) if kept else raw.id),
        text="\n\n".join(kept),
        date=page.date,
        source=join_credits(page.credits),
        place=page.place,
        source_url=raw.source_url,
        kind=raw.kind,
        meta=dict(raw.meta),
    )
    return document, kept
