"""The topic map: a 2-D t-SNE projection that keeps neighbourhoods, fitted on a sample of a
large corpus; the other paragraphs sit among their nearest sampled neighbours."""

from __future__ import annotations

import numpy as np
from sklearn.manifold import TSNE

from models.embed import normalize


def mean_of_nearest(
    reference: np.ndarray, coords: np.ndarray, vectors: np.ndarray, neighbours: int = 5,
    batch: int = 1024,
) -> np.ndarray:  # fmt: skip
    """Each vector's position: the mean map position of its ``neighbours`` most similar
    (cosine) reference vectors. Memory stays at batch x reference similarities."""
    unit_ref = normalize(reference)
    out = np.empty((len(vectors), 2), dtype=float)
    take = min(neighbours, len(reference))
    for start in range(0, len(vectors), batch):
        sims = normalize(vectors[start : start + batch]) @ unit_ref.T
        nearest = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        out[start : start + len(sims)] = coords[nearest].mean(axis=1)
    return out


def project(x: np.ndarray, sample_size: int = 2000, seed: int = 0) -> np.ndarray:
    """2-D map positions of the rows of x, scaled into [-1, 1]."""
    n = len(x)
    if n < 3:
        return np.zeros((n, 2)) + np.arange(n)[:, None]
    sample = np.arange(n)
    if n > sample_size:
        sample = np.sort(np.random.RandomState(seed).choice(n, sample_size, replace=False))
    m = len(sample)
    perplexity = float(max(2.0, min(30.0, (m - 1) / 3)))
    tsne = TSNE(2, perplexity=perplexity, init="pca", max_iter=500, random_state=seed)
    fitted = tsne.fit_transform(normalize(x[sample]))
    coords = np.empty((n, 2))
    coords[sample] = fitted
    if m < n:
        rest = np.setdiff1d(np.arange(n), sample, assume_unique=True)
        coords[rest] = mean_of_nearest(x[sample], fitted, x[rest])
    span = np.abs(coords).max() or 1.0
    return coords / span
