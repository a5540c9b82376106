"""What a batch of input files came to, file by file: the documents each added (or replaced,
or found unchanged) and the one-line reasons its bad parts were skipped.

Built from what :func:`models.pipeline.load_inputs` read (with ``skip_bad``, the skipped
inputs' one-line errors) and the :class:`~models.pipeline.Report` of the run that stored them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from models.pipeline import Loaded, Report

MAX_REASONS = 3  # skipped records named in a file's summary; the rest are counted
_LINE = re.compile(r"(\d+): ")


@dataclass(frozen=True)
class FileOutcome:
    """One input file's part of a batch."""

    path: str
    added: int = 0  # documents
    replaced: int = 0
    unchanged: int = 0
    paragraphs: int = 0  # of the documents added or replaced
    skipped: tuple[str, ...] = ()  # what was wrong, without the file's name ("line 2: ...")

    @property
    def landed(self) -> bool:
        """Whether anything of the file is in the store now."""
        return bool(self.added or self.replaced or self.unchanged)

    def summary(self) -> str:
        """One line: "added 2 documents (9 paragraphs)", "skipped: file is empty", ..."""
        pairs = ((self.added, "added"), (self.replaced, "replaced"))
        changed = [(n, verb) for n, verb in pairs if n]
        parts = [f"{verb} {_count(n, 'document')}" for n, verb in changed]
        if changed:
            parts[-1] += f" ({_count(self.paragraphs, 'paragraph')})"
        if self.unchanged:
            parts.append(f"{_count(self.unchanged, 'document')} unchanged (already stored)")
        if self.skipped:
            shown = "; ".join(self.skipped[:MAX_REASONS])
            more = len(self.skipped) - MAX_REASONS
            shown += f"; and {more} more" if more > 0 else ""
            if parts:
                parts.append(f"skipped {_count(len(self.skipped), 'record')}: {shown}")
            else:
                parts.append(f"skipped: {shown}")
        return "; ".join(parts) or "nothing in it"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _reason(error: str, name: str) -> str:
    """A skipped input's one-line error without the file's name: "line 2: ..." for a record."""
    rest = error.removeprefix(name + ":").lstrip()
    line = _LINE.match(rest)
    return f"line {line.group(1)}: {rest[line.end() :]}" if line else rest


def _of(origin_or_error: str, name: str) -> bool:
    return origin_or_error == name or origin_or_error.startswith(name + ":")


def by_file(
    paths: Iterable[str | Path],
    loaded: Sequence[Loaded],
    skipped: Sequence[str],
    report: Report | None,
) -> list[FileOutcome]:
    """Each input's outcome, in input order (``report`` None: nothing was run)."""
    added = set(report.added) if report else set()
    replaced = set(report.replaced) if report else set()
    out = []
    for path in paths:
        name = str(Path(path))
        mine = [item for item in loaded if _of(item.origin, name)]
        new = [item for item in mine if item.document.id in added | replaced]
        out.append(
            FileOutcome(
                path=str(path),
                added=sum(item.document.id in added for item in mine),
                replaced=sum(item.document.id in replaced for item in mine),
                unchanged=len(mine) - len(new) if report else 0,
                paragraphs=sum(len(item.paragraphs) for item in new),
                skipped=tuple(_reason(err, name) for err in skipped if _of(err, name)),
            )
        )
    return out
