"""Incremental topics: new paragraphs join stored topics without a refit."""

from __future__ import annotations

import numpy as np

from models.embed import normalize
from models.topics.layout import mean_of_nearest


def centroids_of(unit: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The topic ids present and their unit centroids (rows in the same order)."""
    topic_ids = np.unique(labels)
    return topic_ids, normalize(np.vstack([unit[labels == t].mean(axis=0) for t in topic_ids]))


def assign_new(
    vectors: np.ndarray,
    labels: np.ndarray,
    coords: np.ndarray,
    new_vectors: np.ndarray,
    neighbours: int = 5,
    batch: int = 1024,
) -> tuple[np.ndarray, np.ndarray]:
    """Topics and map positions for new paragraphs without refitting: each joins the topic
    whose centroid is nearest (cosine) and sits at the mean position of its ``neighbours``
    most similar paragraphs of that topic. Returns (labels, coords) of the new paragraphs."""
    unit = normalize(vectors)
    topic_ids, centroids = centroids_of(unit, labels)
    members_of = {t: np.flatnonzero(labels == t) for t in topic_ids}
    new_labels = np.empty(len(new_vectors), dtype=labels.dtype)
    for start in range(0, len(new_vectors), batch):
        part = normalize(new_vectors[start : start + batch])
        new_labels[start : start + len(part)] = topic_ids[np.argmax(part @ centroids.T, axis=1)]
    new_coords = np.empty((len(new_vectors), 2), dtype=float)
    for topic in np.unique(new_labels):
        rows, members = np.flatnonzero(new_labels == topic), members_of[topic]
        new_coords[rows] = mean_of_nearest(
            unit[members], coords[members], new_vectors[rows], neighbours, batch
        )
    return new_labels, new_coords


def misfit_share(
    vectors: np.ndarray, labels: np.ndarray, new_vectors: np.ndarray, new_labels: np.ndarray
) -> float:
    """The share of new paragraphs that fit their topic worse than 95 % of the old ones fit
    theirs (cosine to the topic's centroid): about 0.05 for more of the same, well above for
    content the topics were not made for (benchmarks/sweep_refit.py)."""
    unit = normalize(vectors)
    topic_ids, centroids = centroids_of(unit, labels)
    row = {t: i for i, t in enumerate(topic_ids)}
    own = np.einsum("ij,ij->i", unit, centroids[[row[t] for t in labels]])
    theirs = np.einsum("ij,ij->i", normalize(new_vectors), centroids[[row[t] for t in new_labels]])
    return float((theirs < np.percentile(own, 5)).mean())
