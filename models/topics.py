"""Deterministic topics: k-means on embeddings, k chosen by silhouette, c-TF-IDF labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.manifold import TSNE
from sklearn.metrics import silhouette_score

from models.embed import normalize
from models.schema import Topic

ALGORITHM_VERSION = "2"  # bump when labels or clusters change for the same input
STOPWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "topic_stopwords.txt"


@cache
def topic_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    """English stop words plus the domain words of data/topic_stopwords.txt."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    extra = {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}
    return frozenset(ENGLISH_STOP_WORDS | extra)


def candidate_ks(n: int, min_topics: int, max_topics: int) -> list[int]:
    """Numbers of topics worth trying for n paragraphs (about 4+ paragraphs a topic)."""
    upper = max(min(max_topics, n // 4, int(np.sqrt(n)) + 2), min(min_topics, n))
    ks = [k for k in range(min(min_topics, n), upper + 1)]
    if len(ks) > 12:  # large corpora: a geometric grid keeps the search cheap
        grid = np.unique(np.geomspace(ks[0], ks[-1], 12).round().astype(int))
        ks = [int(k) for k in grid]
    return ks or [1]


class TopicModel:
    """Cluster paragraph embeddings into labelled topics, in scikit-learn's style.

    ``fit(texts, embeddings)`` learns ``labels_``, ``topics_`` (per cluster: keywords, label,
    size, representative index), ``coords_`` (2-D map positions) and ``n_topics_``.
    """

    def __init__(
        self,
        min_topics: int = 3,
        max_topics: int = 40,
        n_keywords: int = 8,
        sample_size: int = 3000,
        random_state: int = 0,
        tsne_max: int = 1500,
        min_topic_size: int | None = None,
    ):
        self.min_topics = min_topics
        self.max_topics = max_topics
        self.n_keywords = n_keywords
        self.sample_size = sample_size
        self.random_state = random_state
        self.tsne_max = tsne_max
        self.min_topic_size = min_topic_size

    def _kmeans(self, k: int, n: int) -> KMeans:
        return KMeans(k, n_init=10 if n <= 1000 else 3, random_state=self.random_state)

    def _choose_k(self, x: np.ndarray) -> int:
        n = len(x)
        ks = candidate_ks(n, self.min_topics, self.max_topics)
        if len(ks) == 1:
            return ks[0]
        rng = np.random.RandomState(self.random_state)
        sample = x if n <= self.sample_size else x[rng.choice(n, self.sample_size, replace=False)]
        # A topic of one stray paragraph is no topic: partitions with tiny clusters lose.
        min_size = self.min_topic_size or max(2, len(sample) // 100)
        best_k, best_score = ks[0], -np.inf
        for k in ks:
            if k >= len(sample):
                break
            labels = self._kmeans(k, len(sample)).fit_predict(sample)
            if len(set(labels)) < 2:
                continue
            small = np.bincount(labels).min() < min_size
            score = silhouette_score(sample, labels, metric="cosine") - (1.0 if small else 0.0)
            if score > best_score + 1e-9:
                best_k, best_score = k, score
        return best_k

    def _coords(self, x: np.ndarray) -> np.ndarray:
        n = len(x)
        if n < 3:
            return np.zeros((n, 2)) + np.arange(n)[:, None]
        if n <= self.tsne_max:
            perplexity = float(max(2.0, min(30.0, (n - 1) / 3)))
            tsne = TSNE(2, perplexity=perplexity, init="pca", random_state=self.random_state)
            coords = tsne.fit_transform(x)
        else:
            coords = PCA(2, random_state=self.random_state).fit_transform(x)
        span = np.abs(coords).max() or 1.0
        return coords / span

    def _keywords(self, texts: Sequence[str], labels: np.ndarray, k: int) -> list[list[str]]:
        """c-TF-IDF: words frequent in one topic's text and rare in the others' (sparse: a
        topic by vocabulary matrix of a large corpus would not fit in memory)."""
        docs = [[] for _ in range(k)]
        for text, label in zip(texts, labels, strict=True):
            docs[label].append(text)
        vectorizer = CountVectorizer(
            stop_words=list(topic_stopwords()),
            ngram_range=(1, 2),
            token_pattern=r"(?u)\b[^\W\d_][\w’'-]*[^\W\d_]\b",
            lowercase=True,
        )
        try:
            counts = vectorizer.fit_transform(" ".join(d) for d in docs).tocsr().astype(float)
        except ValueError:  # nothing but stop words
            return [[] for _ in range(k)]
        vocab = vectorizer.get_feature_names_out()
        row_sums = np.maximum(np.asarray(counts.sum(axis=1)).ravel(), 1)
        avg_words = counts.sum() / k
        idf = np.log(1 + avg_words / np.maximum(np.asarray(counts.sum(axis=0)).ravel(), 1))
        # Words every topic uses (the parties' names, say) do not tell topics apart.
        class_df = np.bincount(counts.indices, minlength=len(vocab))
        spread = np.log((k + 1) / np.maximum(class_df, 1))
        out = []
        for c in range(k):
            lo, hi = counts.indptr[c], counts.indptr[c + 1]
            words = counts.indices[lo:hi]
            scores = counts.data[lo:hi] / row_sums[c] * idf[words] * spread[words]
            keep = scores > 0
            words, scores = words[keep], scores[keep]
            order = words[np.lexsort((vocab[words], -scores))]  # best first, ties by word
            out.append(self._distinct(vocab[order]))
        return out

    def _distinct(self, ranked: Sequence[str]) -> list[str]:
        """The first n_keywords of ranked keywords that share no word with one before
        (no 'talks' after 'held talks')."""
        chosen: list[str] = []
        used: set[str] = set()
        for word in ranked:
            if len(chosen) >= self.n_keywords:
                break
            parts = set(re.split(r"[\s-]+", word))
            if parts & used:
                continue
            chosen.append(str(word))
            used |= parts
        return chosen

    def fit(self, texts: Sequence[str], embeddings: np.ndarray) -> TopicModel:
        """Cluster, label and place the paragraphs."""
        x = np.asarray(embeddings, dtype=np.float64)
        n = len(x)
        if n == 0:
            self.labels_, self.coords_, self.topics_, self.n_topics_ = (
                np.zeros(0, int),
                np.zeros((0, 2)),
                [],
                0,
            )
            return self
        k = self._choose_k(x) if n > 1 else 1
        km = self._kmeans(k, n).fit(x)
        raw = km.labels_
        # Number topics by size (largest first), ties by first paragraph: stable ids.
        order = sorted(range(k), key=lambda c: (-(raw == c).sum(), int(np.argmax(raw == c))))
        order = [c for c in order if (raw == c).any()]
        remap = {old: new for new, old in enumerate(order)}
        labels = np.array([remap[c] for c in raw])
        centers = km.cluster_centers_[order]
        keywords = self._keywords(texts, labels, len(order))
        topics = []
        for c in range(len(order)):
            members = np.flatnonzero(labels == c)
            rep = members[np.argmax(x[members] @ centers[c])]
            words = keywords[c]
            label = ", ".join(words[:3]) if words else f"topic {c}"
            topics.append(
                {
                    "keywords": words,
                    "label": label,
                    "size": len(members),
                    "representative": int(rep),
                }
            )
        self.labels_, self.topics_, self.n_topics_ = labels, topics, len(topics)
        self.coords_ = self._coords(x)
        return self

    def to_topics(self, paragraph_ids: Sequence[str]) -> list[Topic]:
        """The fitted topics as records, citing representative paragraphs by id."""
        return [
            Topic(
                id=i,
                label=t["label"],
                keywords=tuple(t["keywords"]),
                size=t["size"],
                representative_id=paragraph_ids[t["representative"]],
            )
            for i, t in enumerate(self.topics_)
        ]


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
    topic_ids = np.unique(labels)
    members_of = {t: np.flatnonzero(labels == t) for t in topic_ids}
    centroids = normalize(np.vstack([unit[members_of[t]].mean(axis=0) for t in topic_ids]))
    new_labels = np.empty(len(new_vectors), dtype=labels.dtype)
    new_coords = np.empty((len(new_vectors), 2), dtype=float)
    for start in range(0, len(new_vectors), batch):  # bounded memory: batch x corpus sims
        part = normalize(new_vectors[start : start + batch])
        chosen = topic_ids[np.argmax(part @ centroids.T, axis=1)]
        sims = part @ unit.T
        for row, topic in enumerate(chosen):
            members = members_of[topic]
            nearest = members[np.argsort(-sims[row, members], kind="stable")[:neighbours]]
            new_labels[start + row] = topic
            new_coords[start + row] = coords[nearest].mean(axis=0)
    return new_labels, new_coords
