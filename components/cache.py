"""The only place with st.cache_resource / st.cache_data: thin wrappers over models.queries."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from components.frames import Frames, prepare
from models import queries
from models.store import Store, store_path

SEED = Path(__file__).resolve().parent.parent / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
SEMANTIC_TOP_K = 100
SEMANTIC_MIN_SCORE = 0.3


def current_path() -> str:
    """The store file this run reads ($READOUT_STORE or readout.db)."""
    return str(store_path())


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    """One Store per file, shared by sessions (each thread gets its own connection)."""
    return Store(path)


def store() -> Store:
    """The store of this run."""
    return get_store(current_path())


def version(path: str | None = None) -> str:
    """A key that changes whenever the store file changes (size and mtime of db and WAL)."""
    path = path or current_path()
    topics_key = get_store(path).get_state("topics_key") or ""  # opening creates the WAL
    parts = []
    for suffix in ("", "-wal"):
        try:
            s = os.stat(path + suffix)
            parts.append(f"{s.st_mtime_ns}:{s.st_size}")
        except FileNotFoundError:
            parts.append("-")
    return "|".join(parts) + "|" + topics_key


@st.cache_resource(show_spinner=False, max_entries=2)
def _frames(path: str, key: str) -> Frames:
    s = get_store(path)
    return prepare(
        queries.documents(s),
        queries.paragraphs(s),
        queries.topics(s),
        queries.areas(s),
        queries.positions(s),
        queries.signings(s),
    )


def frames() -> Frames:
    """The whole corpus as prepared frames, loaded once per store version (read-only)."""
    path = current_path()
    return _frames(path, version(path))


@st.cache_resource(show_spinner=False)
def embedder(name: str):
    """The embedder named by $READOUT_EMBEDDER (sentence-transformers loads on first use)."""
    from models.cli import make_embedder

    return make_embedder(name or None)


def current_embedder():
    """The embedder of this run."""
    return embedder(os.environ.get("READOUT_EMBEDDER", ""))


@st.cache_resource(show_spinner=False, max_entries=2)
def _corpus_vectors(path: str, key: str, model: str) -> tuple[np.ndarray, np.ndarray]:
    from models.embed import text_hash

    paras = _frames(path, key).paragraphs
    hashes = [text_hash(t) for t in paras["text"]]
    stored = get_store(path).get_embeddings(model, hashes)
    rows = [i for i, h in enumerate(hashes) if h in stored]
    if not rows:
        return np.array([], dtype=object), np.zeros((0, 1), dtype=np.float32)
    matrix = np.vstack([stored[hashes[i]] for i in rows]).astype(np.float32)
    return paras["id"].to_numpy()[rows], matrix


@st.cache_data(show_spinner=False, max_entries=64)
def _search(path: str, key: str, model_env: str, query: str) -> dict[str, float]:
    paras = _frames(path, key).paragraphs
    words = [w for w in query.lower().split() if w]
    scores: dict[str, float] = {}
    if words:
        text = paras["text"].str.lower()
        mask = pd.Series(True, index=paras.index)
        for w in words:
            mask &= text.str.contains(w, regex=False)
        scores = {pid: 1.0 for pid in paras.loc[mask, "id"]}  # + similarity below
    model = embedder(model_env)
    ids, matrix = _corpus_vectors(path, key, model.name)
    if len(ids):
        vector = model.embed([query])[0]
        sims = matrix @ vector
        top = np.argsort(-sims)[:SEMANTIC_TOP_K]
        for i in top:
            if sims[i] >= SEMANTIC_MIN_SCORE:
                pid = str(ids[i])
                scores[pid] = scores.get(pid, 0.0) + float(sims[i])
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def search(query: str) -> dict[str, float] | None:
    """Paragraph id -> score for a search (keywords + meaning), best first; None if no query."""
    query = query.strip()
    if not query:
        return None
    path = current_path()
    return _search(path, version(path), os.environ.get("READOUT_EMBEDDER", ""), query)


def analyze(
    paths: list[str], remove: list[str] | None = None, progress=None, replace: bool = False
):
    """Run the analysis pipeline on files (and removals) into the store; clears the caches."""
    from models.pipeline import analyze as run

    report = run(
        paths,
        store=store(),
        embedder=current_embedder(),
        remove=remove or [],
        progress=progress,
        replace=replace,
    )
    clear()
    return report


def set_voice(document_id: str, party: str | None, speaker: str | None = None):
    """Set (None: remove) a document's speaking party and re-extract it; clears the caches."""
    from models.pipeline import set_voice as run

    found = run(store(), document_id, country_iso3=party, speaker=speaker)
    clear()
    return found


def clear() -> None:
    """Drop every cached frame, view and figure (after the store changed)."""
    for cached in (_frames, _search, _corpus_vectors, _view, _derived):
        cached.clear()


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(path: str, key: str, model_env: str, params: tuple[tuple[str, str], ...]) -> Frames:
    from components.filters import apply_filters
    from components.state import filters_from_params

    filters = filters_from_params(lambda k: [v for kk, v in params if kk == k])
    matches = _search(path, key, model_env, filters.query) if filters.query else None
    return apply_filters(_frames(path, key), filters, matches)


def view(filters) -> Frames:
    """The corpus narrowed to the filters (computed once per filters and store version)."""
    path = current_path()
    params = tuple(filters.to_params())
    return _view(path, version(path), os.environ.get("READOUT_EMBEDDER", ""), params)


@st.cache_resource(show_spinner=False, max_entries=64)
def _derived(path: str, key: str, model_env: str, params: tuple, name: str) -> object:
    from components.views import DERIVED

    return DERIVED[name](_view(path, key, model_env, params), _frames(path, key))


def derived(name: str, filters) -> object:
    """A named figure or summary of the filtered view (components.views), computed once."""
    path = current_path()
    params = tuple(filters.to_params())
    env = os.environ.get("READOUT_EMBEDDER", "")
    return _derived(path, version(path), env, params, name)
