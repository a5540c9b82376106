"""Cooperation areas: taxonomy phrase matching, plus an optional embedding fallback."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from models.alternation import Alternation
from models.lexicon import AreaDef

# Cosine similarity of a clause to an area description above which the embedder adds the area,
# and how far the best area must be ahead of the second. Swept on tests/gold with
# all-MiniLM-L6-v2 (table in data/taxonomy.yaml): no setting beat phrases alone, so these are the
# most conservative values that tie the best F1. Only a real sentence model is used
# (models.extract.uses_embedding_fallback).
EMBED_THRESHOLD = 0.55
EMBED_MARGIN = 0.10
_AREA_CACHE: dict[tuple[str, str], np.ndarray] = {}


@dataclass(frozen=True)
class AreaMatch:
    """An area phrase found in a text."""

    area: str
    start: int
    end: int
    text: str


def _synonym_regex(synonym: str) -> str:
    wildcard = synonym.endswith("*")
    core = synonym.rstrip("*").strip()
    parts = [re.escape(p) for p in re.split(r"[\s-]+", core)]
    body = r"[\s-]+".join(parts)
    tail = r"\w*" if wildcard else r"(?:s|es)?"
    if core.isupper() or any(ch.isdigit() for ch in core) and core.upper() == core:
        return rf"(?-i:{body}){tail}"
    return body + tail


def _entries(areas: Sequence[AreaDef], ignore: Sequence[str]) -> list[tuple[str, str]]:
    """(synonym, area id) of every phrase, longest first ("_ignore" for ignore phrases)."""
    entries: list[tuple[str, str]] = [(s, "_ignore") for s in ignore]
    entries += [(s, a.id) for a in areas for s in (a.label, *a.synonyms) if s]
    entries.sort(key=lambda e: len(e[0].rstrip("*")), reverse=True)
    return entries


_BEFORE, _AFTER = r"(?<![\w-])", r"(?![\w-])"


def compile_area_pattern(areas: Sequence[AreaDef], ignore: Sequence[str]) -> re.Pattern:
    """One case-insensitive regex with a named group per synonym, longest synonyms first.

    The straightforward form of :func:`compile_area_matcher`, kept as its reference.
    """
    parts = []
    for i, (synonym, area_id) in enumerate(_entries(areas, ignore)):
        parts.append(f"(?P<g{i}__{area_id}>{_synonym_regex(synonym)})")
    return re.compile(r"(?i)" + _BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER)


@dataclass(frozen=True)
class AreaMatcher:
    """The area phrases as a prefiltered alternation (same matches as compile_area_pattern)."""

    alternation: Alternation
    area_ids: tuple[str, ...]

    def finditer(self, text: str) -> Iterator[tuple[re.Match, str]]:
        """Matches left to right with the area id ("_ignore" for an ignore phrase)."""
        for m, index in self.alternation.finditer(text):
            yield m, self.area_ids[index]


def compile_area_matcher(areas: Sequence[AreaDef], ignore: Sequence[str]) -> AreaMatcher:
    """The area phrases compiled for fast matching."""
    entries = _entries(areas, ignore)
    alternatives = [(_synonym_regex(s), _head(s)) for s, _ in entries]
    alternation = Alternation(alternatives, ignorecase=True, before=_BEFORE, after=_AFTER)
    return AreaMatcher(alternation, tuple(a for _, a in entries))


def _head(synonym: str) -> str:
    """The literal text every match of a synonym starts with (its first word)."""
    return re.split(r"[\s-]+", synonym.rstrip("*").strip())[0]


def find_area_phrases(text: str, knowledge) -> list[AreaMatch]:
    """All taxonomy phrases in ``text`` (the longest match wins; ignore phrases hide others)."""
    return matches_of(knowledge.area_matcher.finditer(text), text, knowledge)


def matches_of(found: Iterable, text: str, knowledge) -> list[AreaMatch]:
    """AreaMatches of (match, area id) pairs, or of a compile_area_pattern finditer."""
    out = []
    for item in found:
        if isinstance(item, re.Match):
            group = item.lastgroup or ""
            m, area_id = item, group.split("__", 1)[1] if "__" in group else ""
        else:
            m, area_id = item
        if area_id and area_id != "_ignore" and not _generic_use(text, m, knowledge):
            out.append(AreaMatch(area_id, m.start(), m.end(), m.group()))
    return out


def _generic_use(text: str, m: re.Match, knowledge) -> bool:
    """A plain value in a list of values ("peace, security and stability"), or a verbal noun
    with an object ("the development of the region's resources"): no area."""
    word = m.group().lower()
    last = word.split()[-1] if word.split() else word
    after = re.match(r"\s+([\w'’-]+)", text[m.end() :])
    if after and after.group(1).lower() in knowledge.area_not_before.get(last, ()):
        return True
    values = knowledge.area_values.get(word)
    if not values:
        return False
    clause = re.split(r"[;:.]", text[max(0, m.start() - 60) : m.start()])[-1]
    clause += re.split(r"[;:.]", text[m.end() : m.end() + 60])[0]
    near = re.findall(r"[\w'’-]+", clause.lower())
    return any(v in near for v in values)


def area_vectors(knowledge, embedder) -> np.ndarray:
    """Embeddings of the area descriptions, computed once per embedder and knowledge version."""
    key = (getattr(embedder, "name", type(embedder).__name__), knowledge.version)
    if key not in _AREA_CACHE:
        texts = [f"{a.label}: {a.description}" for a in knowledge.areas]
        _AREA_CACHE[key] = np.asarray(embedder.embed(texts), dtype=np.float32)
    return _AREA_CACHE[key]


def embed_scores(clauses: Sequence[str], knowledge, embedder) -> np.ndarray:
    """Cosine similarity of each clause to each area description (clauses x areas)."""
    if not clauses:
        return np.zeros((0, len(knowledge.areas)), dtype=np.float32)
    areas = area_vectors(knowledge, embedder)
    vectors = np.asarray(embedder.embed(list(clauses)), dtype=np.float32)
    return vectors @ areas.T


def pick_areas(
    row: np.ndarray, knowledge, threshold: float = EMBED_THRESHOLD, margin: float = EMBED_MARGIN
) -> list[tuple[str, float]]:
    """The best area of one clause if it is close enough and clearly ahead of the second best."""
    order = np.argsort(-row)
    best = int(order[0])
    second = float(row[order[1]]) if len(order) > 1 else -1.0
    if row[best] >= threshold and row[best] - second >= margin:
        return [(knowledge.areas[best].id, float(row[best]))]
    return []


def embed_areas(
    clauses: Sequence[str],
    knowledge,
    embedder,
    threshold: float = EMBED_THRESHOLD,
    margin: float = EMBED_MARGIN,
) -> list[list[tuple[str, float]]]:
    """For each clause, the area whose description is closer than ``threshold`` (if any)."""
    sims = embed_scores(clauses, knowledge, embedder)
    return [pick_areas(row, knowledge, threshold, margin) for row in sims]
