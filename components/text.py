"""Text from documents shown as text: in Markdown (pages, messages, the briefing note) and in
CSV cells (spreadsheets), never as markup or formulas. Plotly labels: chart_base.as_text."""

from __future__ import annotations

import re

import pandas as pd

_MD_PUNCT = re.compile(r"([\\`*_\[\]<>#$~|!&])")
_MD_LINE_MARK = re.compile(r"^(\s*)([-+=])", re.M)  # a bullet, or a setext heading's rule
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.M)
# What GFM turns into a link by itself, after escapes are read ("http://x", "www.x", "a@b.c"):
# a word joiner (U+2060, invisible) inside the scheme, "www." or the address keeps it text.
_AUTOLINK = re.compile(r"(?i)(?<=\bhttp)(?=s?:)|(?<=\bftp)(?=s?:)|(?<=\bwww)(?=\\?\.)|(?<=@)")
WORD_JOINER = "\u2060"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md_plain(text: object) -> str:
    """Text for st.markdown, st.caption, st.error or a Markdown file, shown literally: Markdown
    and HTML punctuation escaped, so no link, image, tag or heading comes from it."""
    text = _MD_PUNCT.sub(r"\\\1", str(text))
    text = _AUTOLINK.sub(WORD_JOINER, text)
    text = _MD_NUMBERED.sub(r"\1\\\2", text)
    return _MD_LINE_MARK.sub(r"\1\\\2", text)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: a string starting with =, +, -, @, a tab or a
    carriage return gets a leading single quote (OWASP's rule for CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Every string cell of a table through :func:`csv_cell`; the column names too."""
    out = table.map(csv_cell)
    out.columns = [csv_cell(c) for c in out.columns]
    return out
