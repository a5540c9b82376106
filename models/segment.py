"""Split text into paragraphs: blank-line blocks or single-newline lines, hard wraps joined."""

from __future__ import annotations

import re
from collections.abc import Callable

from models import limits
from models.errors import ParagraphTooLong

TAIL = 200  # characters of a paragraph's end that say how it ends
ALONE_CHARS = 1000  # longer than this, a line is never furniture on its own
_TERMINAL = tuple('.!?:;…"”’)]')
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_DATELINE_START = re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+)*\s*[,(:/–—-]")
_WHOLE_PARENTHESIS = re.compile(r"^\([^()]*\)\.?$")
_FUNCTION_WORDS = frozenset(
    "a an the of and or to in on for with by from at as that which who whose its their his her "
    "our your this these those is are was were be been has have had not but nor than into".split()
)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL)


def _join(prev: str, nxt: str) -> str:
    """Join a hard-wrapped line to the next; 'long-' + 'term' gives 'long-term'."""
    prev, nxt = prev.rstrip(), nxt.strip()
    if re.search(r"[A-Za-z]-$", prev[-2:]) and nxt[:1].islower():
        return prev + nxt
    return f"{prev} {nxt}"


def _runs_on(prev: str, nxt: str) -> bool:
    """Whether a line plainly continues the previous one: lower case, or after ',' or 'the'."""
    words = prev[-TAIL:].split()  # the tail: a growing paragraph is never re-read whole
    return (
        nxt.lstrip()[:1].islower()
        or prev.rstrip().endswith((",", "-", "–"))
        or (bool(words) and words[-1].lower() in _FUNCTION_WORDS)
    )


def _apart(
    prev: str, nxt: str, alone: Callable[[str], bool] | None, prev_whole: bool = True
) -> bool:
    """Whether a line break ends a paragraph because one side is a line of its own (furniture).

    ``prev_whole``: the previous line is its paragraph so far, not the end of a wrapped one.
    """
    if alone is None or not prev.strip() or not nxt.strip():
        return False
    if len(prev) > ALONE_CHARS:  # a paragraph this long is no line of furniture
        prev_whole = False
    if _runs_on(prev, nxt):  # unless a widget's line ends where the next begins in lower case
        return prev_whole and _ends_sentence(prev) and alone(prev.strip())
    return alone(nxt.strip()) or prev_whole and alone(prev.strip())


def _twice(prev: str, nxt: str) -> bool:
    """Whether a line of a few words repeats the previous one (a headline, a photo's alt text)."""
    return prev.strip() == nxt.strip() and len(nxt.split()) >= 4


def _is_continuation(prev: str, nxt: str) -> bool:
    """Whether a single-newline break inside running text is a wrap, not a paragraph end."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt or _ends_sentence(prev):
        return False
    if _DATELINE_START.match(nxt) or _WHOLE_PARENTHESIS.match(nxt):
        return False  # a saved page: a dateline or a credit starts its own line
    last_word = prev[-TAIL:].split()[-1].lower()
    return (
        nxt[0].islower()
        or nxt[0] in "("
        or prev.endswith((",", "-", "–"))
        or last_word in _FUNCTION_WORDS
        # a long line without a full stop is no heading: a slip, when the next line ends the
        # sentence or runs on (a short bare line after it is a label or a timestamp)
        or (len(prev) >= 100 and (_ends_sentence(nxt) or len(nxt) >= 60))
    )


def _block_lines_to_paragraphs(
    lines: list[str], alone: Callable[[str], bool] | None = None
) -> list[str]:
    """Paragraphs of one blank-line block: bullets and lines ``alone`` apart, wraps joined."""
    width = max(len(line.rstrip()) for line in lines)
    paragraphs: list[str] = []
    current = ""
    current_last = ""
    hard_break = False
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            continue
        starts_item = bool(_BULLET.match(line))
        starts_new = (
            not current
            or starts_item
            or hard_break
            or (_ends_sentence(current) and len(current_last) < 0.6 * width and line[:1].isupper())
            or _apart(current_last, line, alone, current == current_last.strip())
            or _twice(current_last, line)
        )
        if starts_new:
            if current:
                paragraphs.append(current)
            current = _BULLET.sub("", line, count=1).strip() if starts_item else line.strip()
        else:
            current = _join(current, line)
            check_length(current, len(paragraphs) + 1)
        current_last = line
        hard_break = raw.endswith("  ") or raw.endswith("\\")
    if current:
        paragraphs.append(current)
    return paragraphs


def _single_newline_paragraphs(text: str, alone: Callable[[str], bool] | None = None) -> list[str]:
    """Paragraphs of a text whose paragraphs are single lines (the UN corpus)."""
    paragraphs: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if (
            paragraphs
            and _is_continuation(paragraphs[-1], line)
            and not _apart(paragraphs[-1], line, alone)
            and not _twice(paragraphs[-1], line)
        ):
            paragraphs[-1] = _join(paragraphs[-1], line)
            check_length(paragraphs[-1], len(paragraphs))
        else:
            paragraphs.append(line.strip())
    return paragraphs


def check_length(paragraph: str, number: int) -> None:
    """Refuse a paragraph longer than any may be (segmenting stops joining lines at once)."""
    if len(paragraph) > limits.PARAGRAPH_CHARS:
        raise ParagraphTooLong(number, len(paragraph))


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Whether lines were wrapped at a fixed width (most lines similar and short)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 3:
        return False
    short = sum(1 for n in lengths if n <= 100) / len(lengths)
    return short >= 0.9 and lengths[len(lengths) // 2] >= 45


def split_paragraphs(text: str, alone: Callable[[str], bool] | None = None) -> list[str]:
    """Split text into paragraphs, choosing blank-line or single-newline mode by the text.

    A line for which ``alone`` holds (a byline, a timestamp under a headline) is a paragraph
    of its own unless the text is hard-wrapped or the line plainly runs on from the last.
    """
    text = text.replace("\r\n", "\n").replace("\t", "    ")
    if alone is not None and looks_hard_wrapped(text.split("\n")):
        alone = None  # in wrapped prose a line is a slice of a sentence, never a line of its own
    # a line of only spaces (including no-break spaces) separates blocks too
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) <= 1 and text.count("\n") >= 2 and not looks_hard_wrapped(text.split("\n")):
        return [" ".join(p.split()) for p in _single_newline_paragraphs(text, alone)]
    out: list[str] = []
    for block in blocks:
        out.extend(_block_lines_to_paragraphs(block.split("\n"), alone))
    return [" ".join(p.split()) for p in out if p.strip()]
