"""The editable knowledge behind the extractors: taxonomy, parties and stance lexicon."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
KNOWLEDGE_FILES = ("taxonomy.yaml", "parties.yaml", "stances.yaml")


@dataclass(frozen=True)
class AreaDef:
    """One cooperation area of the taxonomy."""

    id: str
    label: str
    description: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class StanceLexicon:
    """Stance verbs, framing verbs and nouns, continuation and attribution verbs."""

    verbs: dict[str, str]  # phrase (lower case) -> stance
    clause_initial_only: frozenset[str]
    frame_verbs: tuple[str, ...]
    frame_nouns: dict[str, str]
    continuation_verbs: frozenset[str]
    attribution_verbs: tuple[str, ...]
    modals: frozenset[str] = frozenset()
    actor_required: frozenset[str] = frozenset()
    not_before: dict[str, frozenset[str]] = field(default_factory=dict)
    noun_markers: frozenset[str] = frozenset()
    noun_after: frozenset[str] = frozenset()
    target_skip_words: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    collective_heads: tuple[str, ...] = ()
    bare_collectives: tuple[str, ...] = ()
    non_state_actors: tuple[str, ...] = ()
    program_heads: frozenset[str] = frozenset()  # "the Fund will ...": not an actor that commits


@dataclass(frozen=True)
class Knowledge:
    """Everything loaded from the data files, compiled once."""

    areas: tuple[AreaDef, ...]
    area_ignore: tuple[str, ...]
    parties: object  # models.parties.PartyIndex (kept untyped here to avoid an import cycle)
    stances: StanceLexicon
    version: str
    area_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    area_not_before: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @functools.cached_property
    def area_pattern(self) -> re.Pattern:
        """One regex over all area synonyms and ignore phrases (longest first): the reference."""
        from models.areas import compile_area_pattern

        return compile_area_pattern(self.areas, self.area_ignore)

    @functools.cached_property
    def area_matcher(self):
        """The same phrases as ``area_pattern``, compiled for fast matching (models.areas)."""
        from models.areas import compile_area_matcher

        return compile_area_matcher(self.areas, self.area_ignore)

    def area(self, area_id: str) -> AreaDef | None:
        """The area with this id, if any."""
        return next((a for a in self.areas if a.id == area_id), None)


def _hash_files(data_dir: Path) -> str:
    digest = hashlib.sha1()
    for name in KNOWLEDGE_FILES:
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def _derive_forms(verb: str) -> set[str]:
    forms = {verb, verb + "s", verb + "ing", verb + "ed"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return forms


def _load_stances(raw: dict) -> StanceLexicon:
    verbs: dict[str, str] = {}
    for stance, phrases in (raw.get("verbs") or {}).items():
        for phrase in phrases or []:
            verbs[str(phrase).lower()] = stance
    frames = raw.get("frames") or {}
    continuation: set[str] = set()
    for verb in raw.get("continuation_verbs") or []:
        continuation |= _derive_forms(str(verb).lower())
    return StanceLexicon(
        verbs=verbs,
        clause_initial_only=frozenset(str(v).lower() for v in raw.get("clause_initial_only") or []),
        frame_verbs=tuple(str(v).lower() for v in frames.get("verbs") or []),
        frame_nouns={str(k).lower(): str(v) for k, v in (frames.get("nouns") or {}).items()},
        continuation_verbs=frozenset(continuation),
        attribution_verbs=tuple(str(v).lower() for v in raw.get("attribution_verbs") or []),
        modals=_words(raw, "modals"),
        actor_required=_words(raw, "actor_required"),
        not_before={
            str(k).lower(): frozenset(str(w).lower() for w in v or [])
            for k, v in (raw.get("not_before") or {}).items()
        },
        noun_markers=_words(raw, "noun_markers"),
        noun_after=_words(raw, "noun_after"),
        target_skip_words=_words(raw, "target_skip_words"),
        particles=_words(raw, "particles"),
        collective_heads=tuple(str(v) for v in raw.get("collective_heads") or []),
        bare_collectives=tuple(str(v) for v in raw.get("bare_collectives") or []),
        non_state_actors=tuple(str(v) for v in raw.get("non_state_actors") or []),
        program_heads=_words(raw, "program_heads"),
    )


def _word_lists(raw: dict | None) -> dict[str, tuple[str, ...]]:
    return {str(k).lower(): tuple(str(w).lower() for w in v or []) for k, v in (raw or {}).items()}


def _words(raw: dict, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw.get(key) or [])


def load_knowledge(data_dir: Path | str | None = None) -> Knowledge:
    """Load and compile the taxonomy, parties and stance files of ``data_dir``."""
    from models.parties import PartyIndex

    data_dir = Path(data_dir) if data_dir else DATA_DIR
    taxonomy = yaml.safe_load((data_dir / "taxonomy.yaml").read_text(encoding="utf-8")) or {}
    areas = tuple(
        AreaDef(
            id=str(a["id"]),
            label=str(a.get("label") or a["id"]),
            description=str(a.get("description") or ""),
            synonyms=tuple(str(s) for s in a.get("synonyms") or []),
        )
        for a in taxonomy.get("areas") or []
    )
    parties_raw = yaml.safe_load((data_dir / "parties.yaml").read_text(encoding="utf-8")) or {}
    stances_raw = yaml.safe_load((data_dir / "stances.yaml").read_text(encoding="utf-8")) or {}
    return Knowledge(
        areas=areas,
        area_ignore=tuple(str(s) for s in taxonomy.get("ignore") or []),
        parties=PartyIndex.from_data(parties_raw),
        stances=_load_stances(stances_raw),
        version=_hash_files(data_dir),
        area_values=_word_lists(taxonomy.get("generic_values")),
        area_not_before=_word_lists(taxonomy.get("not_before")),
    )


def default_knowledge() -> Knowledge:
    """The knowledge of the package's data directory, loaded once per version of its files."""
    return _knowledge_of(DATA_DIR, _hash_files(DATA_DIR))


@functools.cache
def _knowledge_of(data_dir: Path, version: str) -> Knowledge:
    return load_knowledge(data_dir)


def knowledge_version(data_dir: Path | str | None = None) -> str:
    """A hash of the data files, so stored extractions are recomputed when they change."""
    return _hash_files(Path(data_dir) if data_dir else DATA_DIR)
