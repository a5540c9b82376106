"""Incremental topics: new paragraphs join stored topics without a refit."""

from __future__ import annotations

import numpy as np

from models.embed import normalize
from models.topics.layout import mean_of_nearest


class StoredTopics:
    """Placed paragraphs grouped by topic: unit vectors, members and unit centroids, computed
    once for both placing new paragraphs and judging how well they fit."""

    def __init__(self, vectors: np.ndarray, labels: np.ndarray):
        self.unit = normalize(vectors)
        self.labels = labels
        self.ids = np.unique(labels)
        self.members = {t: np.flatnonzero(labels == t) for t in self.ids}
        means = [self.unit[self.members[t]].mean(axis=0) for t in self.ids]
        self.centroids = normalize(np.vstack(means))
        self.row = {t: i for i, t in enumerate(self.ids)}

    def assign(
        self, coords: np.ndarray, new_vectors: np.ndarray, neighbours: int = 5, batch: int = 1024
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each new paragraph joins the topic whose centroid is nearest (cosine) and sits at
        the mean position of its ``neighbours`` most similar paragraphs of that topic.
        Returns (labels, coords) of the new paragraphs."""
        new_labels = np.empty(len(new_vectors), dtype=self.labels.dtype)
        for start in range(0, len(new_vectors), batch):
            part = normalize(new_vectors[start : start + batch])
            nearest = np.argmax(part @ self.centroids.T, axis=1)
            new_labels[start : start + len(part)] = self.ids[nearest]
        new_coords = np.empty((len(new_vectors), 2), dtype=float)
        for topic in np.unique(new_labels):
            rows, members = np.flatnonzero(new_labels == topic), self.members[topic]
            new_coords[rows] = mean_of_nearest(
                self.unit[members], coords[members], new_vectors[rows], neighbours, batch
            )
        return new_labels, new_coords

    def fit(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Cosine of each (unit) vector to its topic's centroid."""
        return np.einsum("ij,ij->i", vectors, self.centroids[[self.row[t] for t in labels]])

    def misfit_share(self, new_vectors: np.ndarray, new_labels: np.ndarray) -> float:
        """The share of new paragraphs that fit their topic worse than 95 % of the stored ones
        fit theirs: about 0.05 for more of the same, well above for content the topics were
        not made for (benchmarks/sweep_refit.py)."""
        own = self.fit(self.unit, self.labels)
        theirs = self.fit(normalize(new_vectors), new_labels)
        return float((theirs < np.percentile(own, 5)).mean())


def assign_new(
    vectors: np.ndarray,
    labels: np.ndarray,
    coords: np.ndarray,
    new_vectors: np.ndarray,
    neighbours: int = 5,
    batch: int = 1024,
) -> tuple[np.ndarray, np.ndarray]:
    """Topics and map positions for new paragraphs without refitting
    (:meth:`StoredTopics.assign`). Returns (labels, coords) of the new paragraphs."""
    return StoredTopics(vectors, labels).assign(coords, new_vectors, neighbours, batch)


def misfit_share(
    vectors: np.ndarray, labels: np.ndarray, new_vectors: np.ndarray, new_labels: np.ndarray
) -> float:
    """:meth:`StoredTopics.misfit_share` of new paragraphs placed among stored ones."""
    return StoredTopics(vectors, labels).misfit_share(new_vectors, new_labels)
