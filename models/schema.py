"""The records Readout works with, and the fixed column names of their frames."""

from __future__ import annotations

from dataclasses import dataclass, field

STANCES: tuple[str, ...] = ("support", "oppose", "commit", "call_for", "welcome", "concern")


@dataclass(frozen=True)
class Document:
    """One source text after cleaning, with its metadata."""

    id: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    place: str | None = None
    source_url: str | None = None
    kind: str | None = None
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Paragraph:
    """A citable paragraph: its id is ``<document_id>:<index>`` and never changes."""

    id: str
    document_id: str
    index: int
    text: str


@dataclass(frozen=True)
class Topic:
    """A labelled cluster of paragraphs."""

    id: int
    label: str
    keywords: tuple[str, ...]
    size: int
    representative_id: str
    theme: int = 0  # id of the broad theme the topic belongs to


@dataclass(frozen=True)
class Theme:
    """A broad theme: a group of related topics."""

    id: int
    label: str
    keywords: tuple[str, ...]
    size: int
    representative_id: str


@dataclass(frozen=True)
class Area:
    """A field of cooperation a paragraph raises, and who raises it."""

    area: str
    holders: tuple[str, ...]
    speaker: str | None
    paragraph_id: str
    evidence: str


@dataclass(frozen=True)
class Position:
    """A stance a party states on a target."""

    holders: tuple[str, ...]
    speaker: str | None
    stance: str
    target: str
    paragraph_id: str
    evidence: str
    strength: int = 0  # +1 intensified ("firmly supports"), -1 hedged, 0 plain


@dataclass(frozen=True)
class Signing:
    """A document signed or concluded."""

    document: str
    signatories: tuple[str, ...]
    parties: tuple[str, ...]
    areas: tuple[str, ...]
    paragraph_id: str
    evidence: str
    count: int | None = None  # "signed 12 MoUs" -> 12


@dataclass(frozen=True)
class Extractions:
    """What the extractors found in a set of paragraphs."""

    areas: tuple[Area, ...] = ()
    positions: tuple[Position, ...] = ()
    signings: tuple[Signing, ...] = ()


def paragraph_id(document_id: str, index: int) -> str:
    """The stable id of paragraph ``index`` of a document."""
    return f"{document_id}:{index}"


DOCUMENT_COLUMNS = ["id", "title", "date", "source", "place", "source_url", "kind", "n_paragraphs"]
PARAGRAPH_COLUMNS = ["id", "document_id", "index", "text", "topic_id", "x", "y"]
TOPIC_COLUMNS = ["id", "label", "keywords", "size", "representative_id", "theme", "theme_label"]
THEME_COLUMNS = ["id", "label", "keywords", "size", "representative_id"]
AREA_COLUMNS = ["area", "holders", "speaker", "paragraph_id", "evidence"]
POSITION_COLUMNS = [
    "holders",
    "speaker",
    "stance",
    "target",
    "paragraph_id",
    "evidence",
    "strength",
]
SIGNING_COLUMNS = [
    "document",
    "signatories",
    "parties",
    "areas",
    "paragraph_id",
    "evidence",
    "count",
]
