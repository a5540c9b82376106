"""Meaning search over paragraph vectors: exact (one matrix product) up to EXACT_MAX
paragraphs; above, an HNSW graph (usearch) kept beside the store, one file per store
revision, brought up to date from the last one (vectors added and removed, not rebuilt)."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from models.embed import normalize, text_hash

EXACT_MAX = 200_000  # measured: benchmarks/bench_ann.py (exact search here: 11 ms a query)
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 256  # measured: recall@10 >= 0.95 at 1,000,000 vectors


def text_key(text_hash: str) -> int:
    """The graph's key of a text: 60 bits of its sha1 (paragraphs with one text share it)."""
    return int(text_hash[:15], 16)


class VectorIndex:
    """Nearest paragraphs to a query vector by cosine similarity.

    ``VectorIndex(ids, hashes, vectors)`` searches exactly; :meth:`build` uses the HNSW graph
    for a large corpus (``approximate_`` tells which).
    """

    def __init__(
        self, ids: Sequence[str], hashes: Sequence[str], vectors: np.ndarray | None, graph=None
    ):
        self.ids = np.asarray(ids, dtype=object)
        self.graph = graph
        self.approximate_ = graph is not None
        self.vectors = None if graph is not None else normalize(np.asarray(vectors, np.float32))
        self.ids_of: dict[int, list[str]] = {}
        if graph is not None:
            for pid, h in zip(self.ids, hashes, strict=True):
                self.ids_of.setdefault(text_key(h), []).append(str(pid))

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        hashes: Sequence[str],
        fetch: Callable[[list[str]], np.ndarray],
        path: Path | None = None,
        exact_max: int = EXACT_MAX,
    ) -> VectorIndex:
        """Exact up to ``exact_max`` paragraphs, else the graph at ``path`` (see
        :func:`index_path`), made from the store's latest earlier graph when there is one.
        ``fetch(hashes)`` gives vectors: all of them for exact search, only the texts the
        graph lacks for a graph (a million stored vectors need not all be read)."""
        if len(ids) <= exact_max:
            return cls(ids, hashes, fetch(list(hashes)) if len(ids) else np.zeros((0, 1)))
        return cls(ids, hashes, None, up_to_date_graph(hashes, fetch, path))

    @classmethod
    def of_store(
        cls, store, model: str, ids: Sequence[str], texts: Sequence[str], revision: int
    ) -> VectorIndex:
        """The index of the paragraphs (ids, texts) that have a stored vector of ``model``,
        with the store's graph of that revision for a large corpus (only the vectors of texts
        the last saved graph lacks are read)."""
        ids = list(ids)
        hashes = [text_hash(t) for t in texts]
        with_vectors = store.embedded_hashes(model, hashes)
        rows = [i for i, h in enumerate(hashes) if h in with_vectors]

        def fetch(wanted: list[str]) -> np.ndarray:
            stored = store.get_embeddings(model, wanted)
            return np.vstack([stored[h] for h in wanted]).astype(np.float32)

        path = index_path(store.path, model, revision)
        kept = [str(ids[i]) for i in rows]
        return cls.build(kept, [hashes[i] for i in rows], fetch, path)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The k most similar paragraphs: (id, cosine similarity), best first."""
        query = normalize(np.asarray(vector, dtype=np.float32)[None, :])[0]
        if self.graph is not None:
            found = self.graph.search(query, k)
            hits = [
                (pid, 1.0 - float(d))
                for key, d in zip(found.keys, found.distances, strict=True)
                for pid in self.ids_of.get(int(key), ())
            ]
            return hits[:k]
        if not len(self.ids):
            return []
        sims = self.vectors @ query
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(str(self.ids[i]), float(sims[i])) for i in top]


def _new_graph(ndim: int):
    from usearch.index import Index  # imported only for a corpus this large

    return Index(
        ndim=ndim,
        metric="cos",
        dtype="f16",
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=EXPANSION_SEARCH,
    )


def _saved(path: Path):
    """The graph saved at path, or None when it cannot be read (damaged, truncated)."""
    from usearch.index import Index

    with contextlib.suppress(OSError, RuntimeError, ValueError):
        graph = Index.restore(str(path))
        if graph is not None:
            graph.expansion_search = EXPANSION_SEARCH  # a search setting: not in the file
            return graph
    return None


def up_to_date_graph(
    hashes: Sequence[str], fetch: Callable[[list[str]], np.ndarray], path: Path | None
):
    """The graph of these texts: the latest saved graph of the store at or before ``path``'s
    revision, with texts gone removed and new ones added, saved at ``path``. ``fetch(hashes)``
    gives the vectors of texts (only those the graph lacks are asked for)."""
    latest = saved_graphs(path)[-1:] if path is not None else []
    graph = _saved(latest[0]) if latest else None
    keys, first = np.unique(np.array([text_key(h) for h in hashes], np.uint64), return_index=True)
    if graph is None:
        matrix = fetch([hashes[i] for i in first])
        graph = _new_graph(matrix.shape[1])
        graph.add(keys, normalize(matrix))
    else:
        have = np.asarray(graph.keys, dtype=np.uint64)
        gone = np.setdiff1d(have, keys, assume_unique=True)
        new = ~np.isin(keys, have, assume_unique=True)
        if len(gone):
            graph.remove(gone)
        if new.any():
            graph.add(keys[new], normalize(fetch([hashes[i] for i in first[new]])))
    if path is not None and (not latest or latest[0] != path):
        save_quietly(graph, path)
    return graph


def index_path(store: Path, model: str, revision: int) -> Path:
    """Where the graph of a store's vectors of one model at one revision is saved."""
    safe = re.sub(r"[^\w-]", "_", model)
    return store.with_name(f"{store.name}.{safe}.r{revision}.usearch")


def saved_graphs(path: Path) -> list[Path]:
    """The saved graphs of ``path``'s store and model up to its revision, oldest first."""
    prefix, revision = path.name.rsplit(".r", 1)
    up_to = int(revision.removesuffix(".usearch"))
    found = []
    for other in path.parent.glob(f"{prefix}.r*.usearch"):
        number = other.name.rsplit(".r", 1)[1].removesuffix(".usearch")
        if number.isdigit() and int(number) <= up_to:
            found.append((int(number), other))
    return [p for _, p in sorted(found)]


def save_quietly(graph, path: Path) -> None:
    """Save a graph next to the store and drop that store's older graphs; where the folder is
    read-only the graph lives in memory only (and is made again next time)."""
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(OSError, RuntimeError):  # usearch reports I/O as RuntimeError
        graph.save(str(tmp))
        os.replace(tmp, path)
        for old in saved_graphs(path):
            if old != path:
                old.unlink(missing_ok=True)
