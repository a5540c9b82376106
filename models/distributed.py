"""The analysis on a Dask cluster: cleaning, embedding, parsing and extraction run as tasks
over partitions of documents; topics and the one store transaction stay on this machine, so
the store ends as the single-machine path leaves it.

``python -m models analyze PATH… --scheduler tcp://HOST:8786`` (an existing cluster) or
``--scheduler local:N`` (a LocalCluster of N worker processes on this machine). Every worker
needs this project importable and its requirements installed (see the README).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.embed import Embedder, text_hash
from models.errors import ReadoutError
from models.pipeline import (
    Cleaned,
    Loaded,
    Report,
    analyze,
    clean_batch,
    default_extractor,
    extract_one,
    merge_cleaned,
    read_inputs,
)
from models.schema import Extractions
from models.store import Store

DOCUMENTS_PER_TASK = 50  # small enough to spread 500 documents over workers, large to batch

_WORKER_CACHE: dict[str, object] = {}  # per worker process: the embedder loads its model once


@dataclass
class Computed:
    """What a worker made for one partition: new vectors and parses (keyed by text hash)
    and the extractions of its documents."""

    vectors: dict[str, np.ndarray]
    parses: dict[str, bytes]
    extractions: dict[str, Extractions]


def client_for(scheduler: str):
    """A dask.distributed Client: ``local:N`` starts a LocalCluster of N worker processes,
    anything else is a scheduler address."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is in requirements.txt
        raise ReadoutError("--scheduler needs dask.distributed (pip install distributed)") from None
    if scheduler.startswith("local:"):
        workers = scheduler.removeprefix("local:")
        if not workers.isdigit() or int(workers) < 1:
            raise ReadoutError(f"--scheduler {scheduler}: use local:N with N workers, e.g. local:2")
        cluster = LocalCluster(
            n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster)
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise ReadoutError(f"--scheduler {scheduler}: no Dask scheduler answers ({err})") from None


def close_client(client) -> None:
    """Close a client, and the LocalCluster it started (an outside cluster keeps running)."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def _embedder_on_worker(embedder: Embedder) -> Embedder:
    """The worker's own copy of an embedder, kept between tasks (a model loads once)."""
    key = f"{type(embedder).__name__}:{embedder.name}"
    return _WORKER_CACHE.setdefault(key, embedder)


def compute_partition(
    items: Sequence[Loaded],
    embedder: Embedder,
    extractor,
    known_vectors: frozenset[str],
    known_parses: frozenset[str],
) -> Computed:
    """Embed, parse and extract one partition of documents (a Dask task)."""
    embedder = _embedder_on_worker(embedder)
    texts = {text_hash(p.text): p.text for item in items for p in item.paragraphs}
    todo = [h for h in texts if h not in known_vectors]  # the embedder sorts by length itself
    matrix = embedder.embed([texts[h] for h in todo])
    vectors = dict(zip(todo, matrix, strict=True))
    parses: dict[str, bytes] = {}
    docs_of: dict[str, bytes] | None = None
    if hasattr(extractor, "parse_bodies"):
        from models.extract import nlp

        unparsed = [h for h in texts if h not in known_parses]
        parsed = extractor.parse_bodies([texts[h] for h in unparsed])
        parses = {h: nlp.to_bytes(doc) for h, doc in zip(unparsed, parsed, strict=True)}
        docs_of = parses
    extractions = {}
    for item in items:
        if docs_of is not None and any(text_hash(p.text) not in docs_of for p in item.paragraphs):
            continue  # a parse made before lives in the store: this machine extracts it
        extractions[item.document.id] = extract_one(
            extractor, item.document, item.paragraphs, docs_of
        )
    return Computed(vectors, parses, extractions)


def _partitions(items: Sequence, size: int) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def analyze_on_cluster(
    paths: Iterable[str | Path],
    *,
    store: Store,
    embedder: Embedder,
    client,
    extractor=None,
    skip_bad: bool = False,
    per_task: int = DOCUMENTS_PER_TASK,
    **options,
) -> Report:
    """:func:`models.pipeline.analyze` with the per-document work done by Dask workers.

    Cleaning runs per input batch, then embedding, parsing and extraction per partition of
    the documents that are new or changed; vectors and parses land in the store's caches, and
    :func:`~models.pipeline.analyze` writes documents, topics and extractions in its one
    transaction, exactly as on one machine.
    """
    extractor = extractor or default_extractor()
    batches, skipped = read_inputs(paths, skip_bad=skip_bad)
    parts = [
        (part, allow_empty) for raws, allow_empty in batches for part in _partitions(raws, per_task)
    ]
    futures = client.map(
        clean_batch,
        [raws for raws, _ in parts],
        [allow_empty for _, allow_empty in parts],
        [skip_bad] * len(parts),
    )
    cleaned: list[Cleaned] = client.gather(futures)
    items, skipped = merge_cleaned(cleaned, skip_bad, skipped)
    stored = store.content_hashes()
    changed = [i for i in items if stored.get(i.document.id) != i.content_hash]
    hashes = list({text_hash(p.text) for i in changed for p in i.paragraphs})
    known_vectors = frozenset(store.embedded_hashes(embedder.name, hashes))
    known_parses = frozenset()
    if hasattr(extractor, "parser_name"):
        known_parses = frozenset(store.parse_hashes(extractor.parser_name(), hashes))
    work = _partitions(changed, per_task)
    futures = client.map(
        compute_partition,
        work,
        embedder=embedder,
        extractor=extractor,
        known_vectors=known_vectors,
        known_parses=known_parses,
    )
    extracted: dict[str, Extractions] = {}
    for future in futures:  # in order: the caches fill as partitions finish
        computed: Computed = future.result()
        with store.transaction():  # content-addressed caches: kept even if the run fails
            store.put_embeddings(embedder.name, computed.vectors)
            if computed.parses:
                store.put_parses(extractor.parser_name(), computed.parses)
        extracted.update(computed.extractions)
    return analyze(
        (),
        store=store,
        embedder=embedder,
        extractor=extractor,
        loaded=(items, skipped),
        extracted=extracted,
        **options,
    )
