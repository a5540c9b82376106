"""The only place with st.cache_resource / st.cache_data: thin wrappers over models.queries."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from components import access, kwic, private_layer, state
from components.frames import Frames, prepare
from models import queries
from models.compare import compare, side_of, stored_vectors
from models.stamp import Stamp, store_stamp
from models.store import Store, store_path

SEED = Path(__file__).resolve().parent.parent / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
SEMANTIC_TOP_K = 100
# A paragraph found by meaning alone must be this similar (MiniLM cosine). Measured by
# benchmarks/sweep_search.py on the seed: concepts the text treats reach 0.43-0.55, queries
# it never touches ("Western sanctions", "climate change") at most 0.33; 0.3 let them in.
SEMANTIC_MIN_SCORE = 0.4


def shared_path() -> str:
    """The shared store file ($READOUT_STORE or readout.db)."""
    return str(store_path())


def current_path() -> str:
    """The store file this session reads: its private layer if it has one, else the shared."""
    return state.private_store() or shared_path()


def writable_path() -> str:
    """Where this session's changes go: the shared store for an editor (or anyone, locally);
    in a shared deployment, a private layer of the session, made on first use as a copy of
    the shared store, that only this session reads and that goes with it."""
    if access.can_edit() or state.private_store():
        return current_path()
    folder = private_layer.folder()
    private_layer.sweep(folder)
    path = folder / f"{state.session_id()}.db"
    source = get_store(shared_path())
    with contextlib.closing(sqlite3.connect(path)) as target:  # `with conn` would not close
        source.conn.backup(target)
    state.set_private_store(str(path))
    return str(path)


def private_document_ids() -> list[str]:
    """Ids of the documents of this session's private layer not in the shared store as is."""
    private = state.private_store()
    if not private:
        return []
    shared = get_store(shared_path()).content_hashes()
    mine = get_store(private).content_hashes()
    return [doc_id for doc_id, digest in mine.items() if shared.get(doc_id) != digest]


def drop_private() -> None:
    """Forget this session's private layer and delete its files."""
    private = state.private_store()
    state.set_private_store(None)
    if private:
        store = get_store(private)
        store.close()
        get_store.clear()
        for suffix in ("", "-wal", "-shm"):
            Path(private + suffix).unlink(missing_ok=True)
    shutil.rmtree(private_layer.folder() / f"{state.session_id()}-uploads", ignore_errors=True)
    clear()


def promote_private(replace: bool = False):
    """Analyze this session's private uploads into the shared store (an editor's act), then
    drop the private layer; returns the report."""
    paths = sorted(str(p) for p in private_layer.uploads().iterdir())
    report = _run(shared_path(), paths, replace=replace, skip_bad=True)  # as they were added
    drop_private()
    return report


@st.cache_resource(show_spinner=False, max_entries=64)
def get_store(path: str) -> Store:
    """One Store per file, shared by sessions (each thread gets its own connection)."""
    return Store(path)


def store() -> Store:
    """The store of this run."""
    return get_store(current_path())


def version(path: str | None = None) -> str:
    """A key that changes whenever the store changes: its revision, which every committed
    write raises (the file's mtime would not do: SQLite touches the write-ahead log whenever
    a connection opens, and the server opens one per script run), with the file's inode in
    case another file was put in its place."""
    path = path or current_path()
    revision = get_store(path).revision()  # opening creates a new store's file
    return f"{os.stat(path).st_ino}:{revision}"


@st.cache_resource(show_spinner=False, max_entries=6)
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
def _corpus_vectors(path: str, key: str, model: str):
    """The corpus's vectors as a models.vector_index.VectorIndex (for a large corpus, the
    graph `analyze` saved beside the store)."""
    from models.vector_index import VectorIndex

    paras = _frames(path, key).paragraphs
    revision = int(key.split(":")[-1])
    return VectorIndex.of_store(get_store(path), model, paras["id"], paras["text"], revision)


@st.cache_data(show_spinner=False, max_entries=64)
def _search(path: str, key: str, model_env: str, query: str) -> dict[str, float]:
    paras = _frames(path, key).paragraphs
    words = kwic.terms(query)
    mask = kwic.keyword_mask(paras["text"], words)  # every word, as a whole word
    scores = {pid: 1.0 for pid in paras.loc[mask, "id"]}  # + similarity below
    model = embedder(model_env)
    index = _corpus_vectors(path, key, model.name)
    if len(index.ids):
        for pid, sim in index.search(model.embed([query])[0], SEMANTIC_TOP_K):
            if sim >= SEMANTIC_MIN_SCORE:
                scores[pid] = scores.get(pid, 0.0) + sim
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def search(query: str) -> dict[str, float] | None:
    """Paragraph id -> score for a search (keywords + meaning), best first; None if no query."""
    query = query.strip()
    if not query:
        return None
    path = current_path()
    return _search(path, version(path), os.environ.get("READOUT_EMBEDDER", ""), query)


def analyze(
    paths: list[str],
    remove: list[str] | None = None,
    progress=None,
    replace: bool = False,
    refit_topics: bool = False,
    loaded=None,
):
    """Run the analysis pipeline on files (and removals) into the store this session writes
    (:func:`writable_path`); clears the caches. ``loaded`` is what
    models.pipeline.load_inputs read of the files, when the caller read them first."""
    return _run(writable_path(), paths, remove, progress, replace, refit_topics, loaded)


def _run(
    path: str,
    paths: list[str],
    remove=None,
    progress=None,
    replace: bool = False,
    refit_topics: bool = False,
    loaded=None,
    skip_bad: bool = False,
):
    from models.pipeline import analyze as run

    report = run(
        paths,
        store=get_store(path),
        embedder=current_embedder(),
        remove=remove or [],
        progress=progress,
        replace=replace,
        refit_topics=refit_topics,
        loaded=loaded,
        skip_bad=skip_bad,
    )
    clear()
    return report


def set_voice(document_id: str, party: str | None, speaker: str | None = None):
    """Set (None: remove) a document's speaking party and re-extract it; clears the caches."""
    from models.pipeline import set_voice as run

    found = run(get_store(writable_path()), document_id, country_iso3=party, speaker=speaker)
    clear()
    return found


def write(change):
    """Run ``change(store)`` on the store this session writes (:func:`writable_path`: a
    visitor's private layer in a shared deployment), e.g. a correction; clears the caches."""
    done = change(get_store(writable_path()))
    clear()
    return done


def clear() -> None:
    """Drop every cached frame, view and figure (after the store changed)."""
    for cached in (_frames, _search, _corpus_vectors, _view, _derived, _stamp, _comparison):
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
def _derived(path: str, key: str, model_env: str, params: tuple, name: str, args: tuple) -> object:
    from components.chart_base import stamped
    from components.views import DERIVED

    out = DERIVED[name](_view(path, key, model_env, params), _frames(path, key), *args)
    return stamped(out, _stamp(path, key, model_env).line(urlencode(params)))


@st.cache_resource(show_spinner=False, max_entries=8)
def _stamp(path: str, key: str, model_env: str) -> Stamp:
    return store_stamp(get_store(path), embedder(model_env).name)


def stamp_line(filters) -> str:
    """The reproducibility stamp of this view (models.stamp): corpus, versions, models, filters."""
    path = current_path()
    env = os.environ.get("READOUT_EMBEDDER", "")
    return _stamp(path, version(path), env).line(urlencode(filters.to_params()))


def derived(name: str, filters, *args) -> object:
    """A named figure or summary of the filtered view (components.views), computed once per
    view and ``args`` (e.g. how many rows a chart shows)."""
    path = current_path()
    params = tuple(filters.to_params())
    env = os.environ.get("READOUT_EMBEDDER", "")
    return _derived(path, version(path), env, params, name, args)


@st.cache_resource(show_spinner=False, max_entries=8)
def _comparison(path: str, key: str, model_env: str, left: tuple, right: tuple):
    frames, name = _frames(path, key), embedder(model_env).name
    vectors = stored_vectors(get_store(path), name, side_of(frames, {*left, *right}).paragraphs)
    return compare(side_of(frames, left), side_of(frames, right), vectors)


def comparison(left: tuple[str, ...], right: tuple[str, ...]):
    """models.compare.compare of two sets of the corpus's paragraphs (computed once)."""
    path = current_path()
    return _comparison(path, version(path), os.environ.get("READOUT_EMBEDDER", ""), left, right)
