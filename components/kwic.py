"""Keyword search in context (pure): whole-word matching and snippets around the hits."""

from __future__ import annotations

import html
import re

import pandas as pd

SNIPPET_CHARS = 90  # context on each side of a hit


def terms(query: str) -> list[str]:
    """The words of a query that a paragraph must contain (lower-case, no punctuation)."""
    return [w for w in re.findall(r"[\w'’-]+", query.lower()) if len(w) > 1 or w.isdigit()]


def _pattern(word: str) -> re.Pattern:
    """A whole word, any case, plural or possessive endings allowed ("summit" finds
    "summits", not "summitry")."""
    return re.compile(rf"(?<![\w]){re.escape(word)}(?:s|es|'s|’s)?(?![\w])", re.IGNORECASE)


def keyword_mask(texts: pd.Series, words: list[str]) -> pd.Series:
    """Which texts hold every word as a whole word."""
    mask = pd.Series(bool(words), index=texts.index)
    for word in words:
        candidates = texts[mask]
        hit = candidates.str.lower().str.contains(word, regex=False)  # cheap first pass
        hit[hit] = candidates[hit].str.contains(_pattern(word), regex=True)
        mask &= hit.reindex(texts.index, fill_value=False)
    return mask


def hits(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole-word hit of the words, in text order, not overlapping."""
    found = sorted(m.span() for w in words for m in _pattern(w).finditer(text))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def snippet_html(text: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """The text around its hits (whole words, "…" between windows), escaped, each hit in
    <mark>; the start of the text when nothing matches (a result found by meaning)."""
    spans = hits(text, words)
    if not spans:
        cut = _word_end(text, 2 * width)
        return html.escape(text[:cut]) + ("…" if cut < len(text) else "")
    windows: list[list[int]] = []
    for start, end in spans:
        left, right = _word_start(text, start - width), _word_end(text, end + width)
        if windows and left <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], right)
        else:
            windows.append([left, right])
    parts = []
    for left, right in windows:
        inside = [(s, e) for s, e in spans if left <= s and e <= right]
        out, pos = [], left
        for s, e in inside:
            out += [html.escape(text[pos:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
            pos = e
        out.append(html.escape(text[pos:right]))
        parts.append(("…" if left > 0 else "") + "".join(out) + ("…" if right < len(text) else ""))
    return " ".join(parts)


def _word_start(text: str, at: int) -> int:
    """The start of the word at or after ``at`` (0 at the text's start)."""
    if at <= 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if 0 <= space else at


def _word_end(text: str, at: int) -> int:
    """The end of the word before ``at`` (the text's end past it)."""
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", 0, at)
    return space if space > 0 else at
