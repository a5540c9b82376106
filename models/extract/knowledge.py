"""Load and validate the knowledge files (taxonomy, parties, stances): one-line errors on typos."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from models.errors import ReadoutError
from models.schema import STANCES

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_ENV = "READOUT_DATA"  # a folder of knowledge files to read instead of DATA_DIR
KNOWLEDGE_FILES = ("taxonomy.yaml", "parties.yaml", "stances.yaml")

Words = list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AreaEntry(_Strict):
    """One area of taxonomy.yaml."""

    id: str
    label: str
    description: str = ""
    synonyms: Words

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not v.replace("_", "").isalnum() or v != v.lower():
            raise ValueError("an id is lower-case letters, digits and '_'")
        return v


class TaxonomyFile(_Strict):
    """taxonomy.yaml: the areas and the words that decide when an area phrase counts."""

    areas: list[AreaEntry]
    ignore: Words = []
    generic_values: dict[str, Words] = {}
    not_before: dict[str, Words] = {}
    not_after: dict[str, Words] = {}
    cues: Words = []
    joint_cues: Words = []
    other_heads: Words = []
    office_heads: Words = []
    institutions: Words = []
    abbreviations: dict[str, str] = {}

    @field_validator("areas")
    @classmethod
    def _unique(cls, v: list[AreaEntry]) -> list[AreaEntry]:
        seen: set[str] = set()
        for area in v:
            if area.id in seen:
                raise ValueError(f"area id {area.id!r} twice")
            seen.add(area.id)
        return v


def _stance_keys(v: dict) -> dict:
    bad = [k for k in v if k not in STANCES]
    if bad:
        raise ValueError(f"unknown stance {bad[0]!r} (one of {', '.join(STANCES)})")
    return v


class Frames(_Strict):
    """Framing verbs and the stance each noun they take carries."""

    verbs: Words
    nouns: dict[str, str]

    @field_validator("nouns")
    @classmethod
    def _stances(cls, v: dict[str, str]) -> dict[str, str]:
        bad = [f"{k}: {s}" for k, s in v.items() if s not in STANCES]
        if bad:
            raise ValueError(f"unknown stance in {bad[0]!r}")
        return v


class Strength(_Strict):
    """How strongly a stance is held: modifiers that intensify it (+1) or hedge it (-1)."""

    intensifiers: Words = []
    hedges: Words = []

    @field_validator("intensifiers", "hedges")
    @classmethod
    def _single_words(cls, v: Words) -> Words:
        bad = [w for w in v if not w.isalpha() or w != w.lower()]
        if bad:
            raise ValueError(f"{bad[0]!r} is not one lower-case word")
        return v

    @model_validator(mode="after")
    def _apart(self) -> Strength:
        both = sorted(set(self.intensifiers) & set(self.hedges))
        if both:
            raise ValueError(f"{both[0]!r} is both an intensifier and a hedge")
        return self


class StancesFile(_Strict):
    """stances.yaml: stance lemmas and the word lists that place holders and targets."""

    verbs: dict[str, Words]
    phrasal: dict[str, dict[str, Words]] = {}
    clausal: dict[str, Words] = {}
    wishes: Words = []
    seeing: Words = []
    object_calls: Words = []
    effort_nouns: Words = []
    effort_verbs: Words = []
    aims: Words = []
    endorsing_nouns: Words = []
    endorsing_adjectives: Words = []
    light_verbs: Words = []
    anticipation: Words = []
    prepositions: dict[str, Words] = {}
    modals: dict[str, Words] = {}
    not_committing: Words = []
    predicates: dict[str, Words] = {}
    agent_nouns: dict[str, Words] = {}
    impersonal: dict[str, Words] = {}
    frames: Frames
    object_support: Words = []
    attribution: Words = []
    collective: Words = []
    non_actors: Words = []
    persons_addressed: Words = []
    persons_welcomed: Words = []
    renounce: Words = []
    greeting_verbs: Words = []
    signing_verbs: Words = []
    signing_nouns: Words = []
    signed_documents: Words = []
    signing_future: Words = []
    signing_cover: Words = []
    signing_circumstances: Words = []
    strength: Strength = Strength()

    @field_validator(
        "verbs",
        "phrasal",
        "clausal",
        "modals",
        "predicates",
        "agent_nouns",
        "impersonal",
        "prepositions",
    )
    @classmethod
    def _stances(cls, v: dict) -> dict:
        return _stance_keys(v)


@dataclass(frozen=True)
class Lexicon:
    """The stance lexicon as lookups: lemma -> stance, and sets of lemmas."""

    verbs: dict[str, str]
    phrasal: dict[str, tuple[str, frozenset[str]]]  # "call" -> (stance, particles)
    clausal: dict[str, str]
    wishes: frozenset[str]
    seeing: frozenset[str]
    object_calls: frozenset[str]
    effort_nouns: frozenset[str]
    effort_verbs: frozenset[str]
    aims: frozenset[str]
    endorsing_nouns: frozenset[str]
    endorsing_adjectives: frozenset[str]
    light_verbs: frozenset[str]
    anticipation: frozenset[str]
    prepositions: dict[str, str]  # "against" -> oppose, "in favour of" -> support
    modals: dict[str, str]
    not_committing: frozenset[str]
    predicates: dict[str, str]
    agent_nouns: dict[str, str]
    impersonal: dict[str, str]
    frame_verbs: frozenset[str]
    frame_nouns: dict[str, str]
    object_support: frozenset[str]
    attribution: frozenset[str]
    collective: frozenset[str]
    non_actors: frozenset[str]
    persons_addressed: frozenset[str]
    persons_welcomed: frozenset[str]
    renounce: frozenset[str]
    greeting_verbs: frozenset[str]
    signing_verbs: frozenset[str]
    signing_nouns: frozenset[str]
    signed_documents: frozenset[str]
    signing_future: frozenset[str]
    signing_cover: frozenset[str]
    signing_circumstances: frozenset[str]
    intensifiers: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AreaDef:
    """One cooperation area of the taxonomy."""

    id: str
    label: str
    description: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Everything loaded from the data files, compiled once per version of the files."""

    areas: tuple[AreaDef, ...]
    taxonomy: TaxonomyFile
    parties: object  # models.parties.PartyIndex
    lexicon: Lexicon
    version: str
    titles: tuple[str, ...] = ()
    honorifics: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def area(self, area_id: str) -> AreaDef | None:
        """The area with this id, if any."""
        return next((a for a in self.areas if a.id == area_id), None)

    @functools.cached_property
    def area_labels(self) -> dict[str, str]:
        """Area id -> its human label."""
        return {a.id: a.label for a in self.areas}


def _inverse(table: dict[str, Words]) -> dict[str, str]:
    return {w.lower(): stance for stance, words in table.items() for w in words}


def _lexicon(f: StancesFile) -> Lexicon:
    phrasal = {
        verb.lower(): (stance, frozenset(p.lower() for p in particles))
        for stance, verbs in f.phrasal.items()
        for verb, particles in verbs.items()
    }
    word_lists = {  # every plain list of the file, as a set of lower-case words
        name: frozenset(w.lower() for w in getattr(f, name))
        for name, field in StancesFile.model_fields.items()
        if field.annotation == Words
    }
    return Lexicon(
        verbs=_inverse(f.verbs),
        phrasal=phrasal,
        clausal=_inverse(f.clausal),
        prepositions=_inverse(f.prepositions),
        modals=_inverse(f.modals),
        predicates=_inverse(f.predicates),
        agent_nouns=_inverse(f.agent_nouns),
        impersonal=_inverse(f.impersonal),
        frame_verbs=frozenset(w.lower() for w in f.frames.verbs),
        frame_nouns={k.lower(): v for k, v in f.frames.nouns.items()},
        intensifiers=frozenset(f.strength.intensifiers),
        hedges=frozenset(f.strength.hedges),
        **word_lists,
    )


def read_yaml(path: Path) -> dict:
    """A YAML mapping from a data file; a bad file is one ReadoutError naming it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReadoutError(f"{path.name}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ReadoutError(f"{path.name}{where}: not valid YAML") from None
    if not isinstance(raw, dict):
        raise ReadoutError(f"{path.name}: expected a mapping at the top")
    return raw


def _validate(model: type[BaseModel], path: Path, raw: dict) -> BaseModel:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "(top)"
        entry = _entry_name(raw, err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        raise ReadoutError(f"{path.name}: {where}{entry}: {message}") from None


def _entry_name(raw: dict, loc: tuple) -> str:
    """ " (id 'energy')", " (name 'Japan')": the first entry on the error's path that has an
    id or a name."""
    node: object = raw
    for key in loc:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            break
        if isinstance(node, dict):
            for name in ("id", "name"):
                if name in node:
                    return f" ({name} {node[name]!r})"
    return ""


def knowledge_dir() -> Path:
    """The folder the knowledge files are read from: $READOUT_DATA when set (e.g. an edited
    copy of data/), else the project's data/ (DATA_DIR)."""
    chosen = os.environ.get(DATA_ENV, "").strip()
    if not chosen:
        return DATA_DIR
    folder = Path(chosen).expanduser()
    if not folder.is_dir():
        raise ReadoutError(f"${DATA_ENV}: {chosen}: not a folder")
    return folder


def _hash_files(data_dir: Path) -> str:
    digest = hashlib.sha1()
    for name in KNOWLEDGE_FILES:
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def load_knowledge(data_dir: Path | str | None = None) -> Knowledge:
    """Load, validate and compile the taxonomy, parties and stance files of ``data_dir``."""
    from models.parties import PartiesFile, PartyIndex, unknown_country_codes

    data_dir = Path(data_dir) if data_dir else knowledge_dir()
    taxonomy = _validate(
        TaxonomyFile, data_dir / "taxonomy.yaml", read_yaml(data_dir / "taxonomy.yaml")
    )
    stances_raw = read_yaml(data_dir / "stances.yaml")
    stances = _validate(StancesFile, data_dir / "stances.yaml", stances_raw)
    parties_raw = read_yaml(data_dir / "parties.yaml")
    _validate(PartiesFile, data_dir / "parties.yaml", parties_raw)
    unknown = unknown_country_codes(parties_raw)
    if unknown:
        raise ReadoutError(f"parties.yaml: countries.{unknown[0]}: not an ISO 3166 alpha-3 code")
    index = PartyIndex.from_data(parties_raw)
    areas = tuple(
        AreaDef(a.id, a.label or a.id, a.description, tuple(a.synonyms)) for a in taxonomy.areas
    )
    return Knowledge(
        areas=areas,
        taxonomy=taxonomy,
        parties=index,
        lexicon=_lexicon(stances),
        version=_hash_files(data_dir),
        titles=tuple(parties_raw.get("titles") or ()),
        honorifics={k: tuple(v) for k, v in (parties_raw.get("honorifics") or {}).items()},
    )


def default_knowledge() -> Knowledge:
    """The knowledge of knowledge_dir() ($READOUT_DATA or data/), loaded once per version of its
    files."""
    folder = knowledge_dir()
    return _knowledge_of(folder, _hash_files(folder))


@functools.cache
def _knowledge_of(data_dir: Path, version: str) -> Knowledge:
    return load_knowledge(data_dir)


def files_version(data_dir: Path | str | None = None) -> str:
    """A hash of the data files, so stored extractions are recomputed when they change."""
    return _hash_files(Path(data_dir) if data_dir else knowledge_dir())
