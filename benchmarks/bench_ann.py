"""Meaning search at a million paragraphs: the HNSW graph (usearch) against exact search.

Run: .venv/bin/python benchmarks/bench_ann.py [--n 1000000] [--queries 200]
Synthesizes n unit vectors shaped like sentence embeddings (a mixture of 2,000 topics with
noise, 384 dimensions), builds models.vector_index's graph, and prints its build time, size,
recall@10 against exact search and per-query latency (p50/p95); then exact search's latency
at several corpus sizes, which is how models.vector_index.EXACT_MAX was chosen.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.embed import normalize, text_hash  # noqa: E402
from models.vector_index import EXPANSION_SEARCH, VectorIndex  # noqa: E402

DIM = 384


def synthetic(n: int, seed: int = 0, topics: int = 2000) -> np.ndarray:
    """n unit vectors about the same ``topics`` topics whatever the seed: topic centres plus
    noise (cosine to a topic-mate about 0.5)."""
    centres = normalize(np.random.default_rng(0).standard_normal((topics, DIM), dtype=np.float32))
    rng = np.random.default_rng(seed + 1)
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        noise = rng.standard_normal((stop - start, DIM), dtype=np.float32) * 0.055
        out[start:stop] = normalize(centres[rng.integers(0, topics, stop - start)] + noise)
    return out


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row numbers of each query's k most similar vectors."""
    sims = queries @ vectors.T
    return np.argsort(-sims, axis=1)[:, :k]


def latency(fn, queries: np.ndarray) -> tuple[float, float]:
    """p50 and p95 milliseconds of fn(query) over the queries."""
    times = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    vectors = synthetic(args.n)
    queries = synthetic(args.queries, seed=2)  # new texts about the same topics
    ids = [f"p{i}" for i in range(args.n)]
    hashes = [text_hash(f"paragraph {i}") for i in range(args.n)]  # one text each
    start = time.perf_counter()
    row = {h: i for i, h in enumerate(hashes)}
    index = VectorIndex.build(ids, hashes, lambda w: vectors[[row[h] for h in w]], exact_max=0)
    built = time.perf_counter() - start
    truth = exact_top(vectors, queries, 10)
    size_mb = index.graph.memory_usage / 1e6
    print(f"graph of {args.n:,} vectors: built in {built:.0f} s, {size_mb:.0f} MB in memory")
    for expansion in sorted({64, 128, EXPANSION_SEARCH, 256, 512}):
        index.graph.expansion_search = expansion
        found = [[int(pid[1:]) for pid, _ in index.search(q, 10)] for q in queries]
        recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
        p50, p95 = latency(lambda q: index.search(q, 10), queries)
        mark = " (the setting)" if expansion == EXPANSION_SEARCH else ""
        print(f"  expansion_search {expansion:>3}: recall@10 against exact {recall:.3f}; "
              f"latency p50 {p50:.1f} ms, p95 {p95:.1f} ms{mark}")  # fmt: skip
    for n in (10_000, 100_000, 200_000, 500_000, args.n):
        if n > args.n:
            continue
        exact = VectorIndex(ids[:n], hashes[:n], vectors[:n])
        p50, p95 = latency(lambda q, e=exact: e.search(q, 10), queries[:50])
        print(f"  exact search at {n:>9,} vectors: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
