"""How many clusters: k-means partitions that reproduce better than chance (Clest), for
the themes of a large corpus; silhouette for the topics of a short text.

Silhouette is flat on sentence embeddings (0.04-0.08 for every k from 3 to 60 on the shared
corpora, best at 3) and picks a number by noise. Clest (Dudoit & Fridlyand, 2002) asks instead
how much better k-means partitions learned on two halves of the data agree with each other
than they do on reference data with the same spread and no clusters. The sweep is recorded
in benchmarks/results/topic-sweep.txt (benchmarks/sweep_topics.py).
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score

SMALL = 120  # below this many paragraphs halves are too small to compare: silhouette decides
COMPONENTS = 32  # the sweep clusters principal components: 12x cheaper, the same curve shape
FINE = 8  # fewer topics than this is the themes' level: the sweep starts here when it can


def distinct_rows(x: np.ndarray) -> int:
    """How many different rows x has (repeated boilerplate paragraphs embed alike, and
    k-means cannot make more clusters than there are distinct points)."""
    return len({row.tobytes() for row in np.ascontiguousarray(x)})


def candidate_ks(n: int, min_topics: int, max_topics: int, min_size: int = 4) -> list[int]:
    """Numbers of topics worth trying for n paragraphs (at least ``min_size`` a topic)."""
    upper = max(min(max_topics, n // min_size), min(min_topics, n))
    ks = list(range(min(min_topics, n), upper + 1))
    if len(ks) > 12:  # large corpora: a geometric grid keeps the search cheap
        grid = np.unique(np.geomspace(ks[0], ks[-1], 12).round().astype(int))
        ks = [int(k) for k in grid]
    return ks or [1]


def reference_like(x: np.ndarray, seed: int) -> np.ndarray:
    """Data with x's principal axes and spread along each, but no clusters: each component's
    scores are shuffled on their own."""
    mean = x.mean(axis=0)
    _, _, axes = np.linalg.svd(x - mean, full_matrices=False)
    scores = (x - mean) @ axes.T
    rng = np.random.RandomState(seed)
    shuffled = np.column_stack([rng.permutation(scores[:, j]) for j in range(scores.shape[1])])
    return (shuffled @ axes + mean).astype(x.dtype)


def reproducibility(x: np.ndarray, k: int, seed: int, reps: int) -> float:
    """Mean adjusted Rand index between k-means partitions learned on two disjoint halves
    of x, both applied to all of x."""
    scores = []
    for rep in range(reps):
        order = np.random.RandomState(seed + rep).permutation(len(x))
        half = len(x) // 2
        a = KMeans(k, n_init=1, random_state=seed + rep).fit(x[order[:half]]).predict(x)
        b = KMeans(k, n_init=1, random_state=seed + rep).fit(x[order[half:]]).predict(x)
        scores.append(adjusted_rand_score(a, b))
    return float(np.mean(scores))


def stability_sweep(
    x: np.ndarray, ks: list[int], seed: int = 0, reps: int = 3
) -> list[tuple[int, float]]:
    """(k, reproducibility of x minus that of a cluster-free reference) for each k, on x's
    first principal components."""
    if x.shape[1] > COMPONENTS and len(x) > COMPONENTS:
        x = PCA(COMPONENTS, random_state=seed).fit_transform(x).astype(np.float32)
    reference = reference_like(x, seed)
    return [
        (k, reproducibility(x, k, seed, reps) - reproducibility(reference, k, seed, reps))
        for k in ks
    ]


def silhouette_sweep(
    x: np.ndarray, ks: list[int], seed: int = 0, min_size: int = 2
) -> list[tuple[int, float]]:
    """(k, cosine silhouette) for each k; partitions with a topic under ``min_size`` lose 1."""
    out = []
    for k in ks:
        if k >= len(x):
            break
        labels = KMeans(k, n_init=10, random_state=seed).fit_predict(x)
        if len(set(labels)) < 2:
            continue
        small = np.bincount(labels).min() < min_size
        out.append((k, silhouette_score(x, labels, metric="cosine") - (1.0 if small else 0.0)))
    return out


def choose_k(sweep: list[tuple[int, float]], tolerance: float = 0.9) -> int:
    """The smallest k scoring within ``tolerance`` of the best score of the sweep (the
    criterion plateaus past its peak: more topics would split without gaining)."""
    best = max(score for _, score in sweep)
    cut = best * tolerance if best > 0 else best
    return min(k for k, score in sweep if score >= cut - 1e-12)
