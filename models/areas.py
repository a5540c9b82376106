"""Cooperation areas: taxonomy phrase matching, plus an optional embedding fallback."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from models.lexicon import AreaDef

# Cosine similarity of a clause to an area description above which the embedder adds the area.
# Measured on tests/gold with all-MiniLM-L6-v2 (see models/evaluate.py); the fake embedder of the
# tests is only used to check the mechanics.
EMBED_THRESHOLD = 0.55
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


def compile_area_pattern(areas: Sequence[AreaDef], ignore: Sequence[str]) -> re.Pattern:
    """One case-insensitive regex with a named group per synonym, longest synonyms first."""
    entries: list[tuple[str, str]] = [(s, "_ignore") for s in ignore]
    entries += [(s, a.id) for a in areas for s in (a.label, *a.synonyms) if s]
    entries.sort(key=lambda e: len(e[0].rstrip("*")), reverse=True)
    parts = []
    for i, (synonym, area_id) in enumerate(entries):
        parts.append(f"(?P<g{i}__{area_id}>{_synonym_regex(synonym)})")
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def find_area_phrases(text: str, knowledge) -> list[AreaMatch]:
    """All taxonomy phrases in ``text`` (the longest match wins; ignore phrases hide others)."""
    out = []
    for m in knowledge.area_pattern.finditer(text):
        group = m.lastgroup or ""
        area_id = group.split("__", 1)[1] if "__" in group else ""
        if area_id and area_id != "_ignore":
            out.append(AreaMatch(area_id, m.start(), m.end(), m.group()))
    return out


def area_vectors(knowledge, embedder) -> np.ndarray:
    """Embeddings of the area descriptions, computed once per embedder and knowledge version."""
    key = (getattr(embedder, "name", type(embedder).__name__), knowledge.version)
    if key not in _AREA_CACHE:
        texts = [f"{a.label}: {a.description}" for a in knowledge.areas]
        _AREA_CACHE[key] = np.asarray(embedder.embed(texts), dtype=np.float32)
    return _AREA_CACHE[key]


def embed_areas(
    clauses: Sequence[str], knowledge, embedder, threshold: float = EMBED_THRESHOLD
) -> list[list[tuple[str, float]]]:
    """For each clause, the areas whose description is closer than ``threshold``."""
    if not clauses:
        return []
    areas = area_vectors(knowledge, embedder)
    vectors = np.asarray(embedder.embed(list(clauses)), dtype=np.float32)
    sims = vectors @ areas.T
    out = []
    for row in sims:
        best = np.argsort(-row)[:2]
        out.append([(knowledge.areas[i].id, float(row[i])) for i in best if row[i] >= threshold])
    return out
