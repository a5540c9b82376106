"""Dates written in text: datelines, timestamps and file names, read with python-dateutil.

Numeric dates such as 03/04/2023 are ambiguous; they are read day-first only when the day
cannot be a month (13/04/2023) or when the page's other numeric dates show that convention.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from dateutil import parser as date_parser

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
# Capitalized words of the calendar, which are never part of a name or a place.
CALENDAR_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday January February "
    "March April May June July August September October November December".split()
)
_YEAR = r"(?:19|20)\d{2}"
_NAMED = re.compile(
    rf"\b(?:{MONTH}\s+{DAY},?\s*(?:of\s+)?{_YEAR}|{DAY}\s+(?:of\s+)?{MONTH},?\s+{_YEAR})\b",
    re.I,
)
_ISO = re.compile(rf"(?<![\d/.-])({_YEAR})-(\d{{1,2}})(?:-(\d{{1,2}}))?(?![\d/-])")
_NUMERIC = re.compile(rf"(?<![\d/.-])(\d{{1,2}})([/.-])(\d{{1,2}})\2({_YEAR})(?![\d/-])")
_NUMERIC_LINE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_FILE_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_.]?([0-2]\d|3[01]))?(?!\d)"
)
_DEFAULT = datetime(1900, 1, 1)


def iso(year: str | int, month: int | None = None, day: str | int | None = None) -> str:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' from the parts given."""
    out = f"{int(year):04d}"
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    return out


def dayfirst_convention(text: str) -> bool | None:
    """Whether a page writes numeric dates day-first (True), month-first (False) or unknown."""
    votes = {True: 0, False: 0}
    for match in _NUMERIC.finditer(text):
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second:
            votes[True] += 1
        elif second > 12 >= first:
            votes[False] += 1
    if votes[True] == votes[False]:
        return None
    return votes[True] > votes[False]


def _numeric(first: int, second: int, year: int, sep: str, dayfirst: bool | None) -> str | None:
    if first > 12 and second <= 12:
        day, month = first, second
    elif second > 12 and first <= 12:
        month, day = first, second
    else:
        # ambiguous: the page's convention, else the separator's (US slashes, dashes and dots
        # elsewhere)
        first_is_day = dayfirst if dayfirst is not None else sep in "-."
        day, month = (first, second) if first_is_day else (second, first)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return iso(year, month, day)


def _named(text: str) -> str | None:
    cleaned = re.sub(r"\bof\b", " ", text, flags=re.I)
    try:
        parsed = date_parser.parse(cleaned, default=_DEFAULT)
    except (ValueError, OverflowError):
        return None
    return iso(parsed.year, parsed.month, parsed.day)


def find_date(text: str, dayfirst: bool | None = None) -> str | None:
    """The first full date stated in a text, as ISO 'YYYY-MM-DD' (or 'YYYY-MM')."""
    line = _NUMERIC_LINE.match(text.strip())
    if line:
        first, second, year = line.groups()
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return _numeric(int(first), int(second), full_year, "/", dayfirst)
    candidates: list[tuple[int, str]] = []
    for match in _NAMED.finditer(text):
        if found := _named(match[0]):
            candidates.append((match.start(), found))
    for match in _ISO.finditer(text):
        if 1 <= int(match[2]) <= 12 and (not match[3] or 1 <= int(match[3]) <= 31):
            candidates.append((match.start(), iso(match[1], int(match[2]), match[3])))
    for match in _NUMERIC.finditer(text):
        found = _numeric(int(match[1]), int(match[3]), int(match[4]), match[2], dayfirst)
        if found:
            candidates.append((match.start(), found))
    return min(candidates)[1] if candidates else None


def date_from_filename(name: str) -> str | None:
    """A date written in a file name: 'talks-2023-03-21.txt' gives '2023-03-21'."""
    match = _FILE_DATE.search(Path(name).name)
    return iso(match[1], int(match[2]), match[3]) if match else None


def normalize_date(value: str | None) -> str | None:
    """A record's date as ISO (YYYY, YYYY-MM or YYYY-MM-DD) when it can be read."""
    if not value:
        return None
    value = value.strip()
    head = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?![\d/])", value)
    if head:
        return iso(head[1], int(head[2]) if head[2] else None, head[3])
    return find_date(value) or value
