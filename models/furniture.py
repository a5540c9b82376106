"""Page furniture: the rules of data/furniture.yaml, validated on load, and line tests."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from models.dates import DAY, MONTH
from models.errors import ReadoutError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FURNITURE_FILE = DATA_DIR / "furniture.yaml"

_TERMINAL = tuple('.!?;"”’)…')
_TIME = re.compile(
    r"\b(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?)(?![\w:])",
    re.I,
)
_AGO = re.compile(
    r"\b(?:\d+|an?|one)\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b", re.I
)
_DATE_TOKEN = re.compile(
    rf"\b(?:{MONTH}\s+{DAY}(?:,?\s*\d{{4}})?|{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s*\d{{4}})?|"
    rf"{MONTH}\s+\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?|today|yesterday)\b",
    re.I,
)
_COUNTER = re.compile(r"\b(?:read|views?)\s*:\s*[\d,.]+k?\b|\b[\d,.]+k?\s+views?\b", re.I)
_BULLET = re.compile(r"^[•·▪▸►]\s*")
# script-neutral tokens: an address, a handle, a path ('akorda.kz', '@desk', 'x.com/a')
_ADDRESS = re.compile(r"(?<!\S)\S*(?:@\w|/\w|\w\.[A-Za-z]{2,})\S*")  # from a word start: linear


class ForeignSpec(BaseModel):
    """How lines in another language are told apart."""

    model_config = ConfigDict(extra="forbid")
    max_words: int
    english: list[str]
    other: list[str]


class FurnitureSpec(BaseModel):
    """The schema of data/furniture.yaml."""

    model_config = ConfigDict(extra="forbid")
    lines: dict[str, list[str]]
    tails: list[str] = []
    leads: list[str] = []
    labels: list[str] = []
    section_labels: list[str] = []
    list_labels: list[str] = []
    pair_labels: list[str] = []
    timestamp_words: list[str] = []
    agencies: list[str] = []
    speaker_words: list[str] = []
    foreign: ForeignSpec

    @field_validator(
        "labels",
        "section_labels",
        "list_labels",
        "pair_labels",
        "timestamp_words",
        "agencies",
        "speaker_words",
    )
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        for i, item in enumerate(value):
            if not str(item).strip():
                raise ValueError(f"entry {i} is empty")
        return value


class Furniture:
    """The compiled furniture rules."""

    def __init__(self, spec: FurnitureSpec, where: str):
        self.lines = tuple(
            _compile(p, f"{where}: lines.{group}[{i}]")
            for group, patterns in spec.lines.items()
            for i, p in enumerate(patterns or [])
        )
        self.tails = tuple(_compile(p, f"{where}: tails[{i}]") for i, p in enumerate(spec.tails))
        self.leads = tuple(_compile(p, f"{where}: leads[{i}]") for i, p in enumerate(spec.leads))
        self.labels = frozenset(_label(s) for s in spec.labels)
        self.section_labels = frozenset(_label(s) for s in spec.section_labels)
        self.list_labels = frozenset(_label(s) for s in spec.list_labels)
        self.pair_labels = frozenset(_label(s) for s in spec.pair_labels)
        self.timestamp_words = frozenset(w.lower() for w in spec.timestamp_words)
        self.agencies = {_label(a): a for a in spec.agencies}
        self.speaker_words = frozenset(w.upper().rstrip(".") for w in spec.speaker_words)
        self.max_foreign_words = spec.foreign.max_words
        self.english = frozenset(w.lower() for w in spec.foreign.english)
        self.other = frozenset(w.lower() for w in spec.foreign.other) - self.english


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(str(pattern), re.I)
    except re.error as err:
        raise ReadoutError(f"{where}: bad regular expression ({err})") from None


def _label(text: str) -> str:
    return " ".join(re.sub(r"[^\w&'’ ]+", " ", str(text).lower()).split())


@cache
def load_furniture(path: Path = FURNITURE_FILE) -> Furniture:
    """Load, validate and compile a furniture file; errors name the file and the entry."""
    where = path.name if path.parent == DATA_DIR else str(path)
    where = f"data/{where}" if path.parent == DATA_DIR else where
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ReadoutError(f"{where}: cannot read ({str(err).splitlines()[0]})") from None
    try:
        spec = FurnitureSpec.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        entry = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
        raise ReadoutError(f"{where}: {entry.lstrip('.') or 'file'}: {first['msg']}") from None
    return Furniture(spec, where)


def unbulleted(line: str) -> str:
    """A line without a leading bullet ('• Facebook'): a bullet does not make a line content."""
    return _BULLET.sub("", line.strip())


def is_label(line: str, labels: frozenset[str]) -> bool:
    """Whether a line is only one of the labels (case, punctuation and a ':' ignored)."""
    return len(line) <= 60 and _label(line) in labels


def field_credits(line: str, rules: Furniture) -> list[str] | None:
    """The agencies of a line of '|' fields that only credit ('Reuters | Published'), or None.

    Every field is an agency or timestamp words ('Published', 'Updated'); one agency at least.
    """
    fields = [f.strip() for f in line.split("|")]
    if len(fields) < 2 or len(line) > 80:
        return None
    agencies = [a for f in fields if (a := agency_credit(f, rules))]
    others = [f for f in fields if f and not agency_credit(f, rules)]
    words = [w.lower().rstrip(".:") for f in others for w in f.split()]
    if not agencies or any(w not in rules.timestamp_words for w in words):
        return None
    return agencies


def agency_credit(line: str, rules: Furniture) -> str | None:
    """The agency a line names on its own ('Reuters', '-- AFP'), as the lexicon spells it."""
    if len(line) > 40:
        return None
    return rules.agencies.get(_label(re.sub(r"^[\s(\[—–―-]+|[\s)\].]+$", "", line)))


def is_timestamp(line: str, rules: Furniture) -> bool:
    """Whether a line only states when the page was published or updated (and by which desk)."""
    text = line.strip()
    if len(text) > 140 or text.endswith((".", "!", "?", '"', "”")) and not _AGO.search(text):
        return False
    if not (_DATE_TOKEN.search(text) or _TIME.search(text) or _AGO.search(text)):
        return False
    rest = _AGO.sub(" ", _TIME.sub(" ", _DATE_TOKEN.sub(" ", _COUNTER.sub(" ", text))))
    words = re.findall(r"[^\W\d_][\w.&'’-]*", rest)
    loose = [w for w in words if w.lower().rstrip(".") not in rules.timestamp_words]
    if len(loose) > 5 or any(w[0].islower() for w in loose):
        return False
    return len(rest.split("|")) > 1 or len(loose) <= 3


@cache
def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else ""


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def latin_share(text: str) -> float:
    """The share of a text's letters that are Latin script (ASCII letters counted in C; only
    the other characters are looked up one by one)."""
    if text.isascii():  # every ASCII letter is Latin
        return 1.0
    ascii_letters = len(_ASCII_LETTER.findall(text))
    others = [c for c in _NOT_ASCII.findall(text) if c.isalpha()]
    if not ascii_letters and not others:
        return 1.0
    latin = ascii_letters + sum(1 for c in others if _script_of(c) == "LATIN")
    return latin / (ascii_letters + len(others))


def is_foreign(line: str, rules: Furniture, document_latin: bool = True) -> bool:
    """Whether a line is in another language: another script, or short and not English.

    Addresses ('akorda.kz') count for no language; in a short line of '|' fields, one field
    in another script makes the line another language's ('عربي | English').
    """
    if document_latin and latin_share(_ADDRESS.sub(" ", line)) < 0.5:
        return True
    fields = line.split("|")
    if document_latin and len(fields) > 1 and len(line.split()) <= 10:
        if any(re.search(r"[^\W\d_]", f) and latin_share(f) < 0.5 for f in fields):
            return True
    words = re.findall(r"[^\W\d_]+", line)
    if len(words) < 3 or len(words) > rules.max_foreign_words:
        return False
    english = sum(1 for w in words if w.lower() in rules.english)
    other = sum(1 for w in words if w in rules.other)  # lower case: function words, not names
    return english == 0 and other >= 2


def matches_line(line: str, rules: Furniture) -> bool:
    """Whether a line matches one of the whole-line furniture patterns or plain labels."""
    return is_label(line, rules.labels) or any(p.search(line) for p in rules.lines)


def cut_tails(paragraph: str, rules: Furniture) -> str:
    """A paragraph without trailing furniture ('... (With inputs from agencies)')."""
    for pattern in rules.tails:
        paragraph = pattern.sub("", paragraph)
    return paragraph.rstrip()


def cut_leads(paragraph: str, rules: Furniture) -> str:
    """A lead paragraph without its breadcrumb ('Web Desk/World/Paris/ The talks ...')."""
    for pattern in rules.leads:
        rest = pattern.sub("", paragraph, count=1)
        if rest != paragraph and re.search(r"[^\W\d_]", rest):
            return rest.lstrip()
    return paragraph


def timestamp_agencies(line: str, rules: Furniture) -> list[str]:
    """Agencies a timestamp line names in a field of its own ('ANI | Delhi | Updated: ...')."""
    fields = (agency_credit(f.strip(), rules) for f in line.split("|"))
    return [f for f in fields if f]


def looks_like_teaser(line: str) -> bool:
    """A headline-like line in a list of teasers: no sentence ending, not long."""
    return not line.rstrip().endswith(_TERMINAL) and len(line.split()) <= 30
