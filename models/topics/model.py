"""TopicModel: paragraphs clustered into themes (k-means, number by Clest), themes split into
topics, both labelled by c-TF-IDF keywords, and a 2-D map."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans

from models.embed import normalize
from models.schema import Theme, Topic
from models.topics.keywords import count_words, party_names, top_keywords
from models.topics.layout import project
from models.topics.number import (
    FINE,
    SMALL,
    candidate_ks,
    choose_k,
    distinct_rows,
    silhouette_sweep,
    stability_sweep,
)

ALGORITHM_VERSION = "4"  # bump when labels or clusters change for the same input
MIN_SIZE = 20  # paragraphs: a theme or topic of a large corpus is never planned smaller


def _by_size(raw: np.ndarray) -> np.ndarray:
    """Cluster ids renumbered largest first (ties: first paragraph first)."""
    ids = np.unique(raw)
    order = sorted(ids, key=lambda c: (-(raw == c).sum(), int(np.argmax(raw == c))))
    remap = np.zeros(ids.max() + 1, dtype=int)
    remap[order] = np.arange(len(order))
    return remap[raw]


def _groups(
    x: np.ndarray, labels: np.ndarray, keywords: list[list[str]], noun: str = "topic"
) -> list[dict]:
    """Keywords, label, size and representative (the member nearest the mean) of each group
    that ``labels`` numbers 0..len(keywords)-1 (a group without keywords: "<noun> <id>")."""
    out = []
    for c, words in enumerate(keywords):
        members = np.flatnonzero(labels == c)
        centre = x[members].mean(axis=0)
        out.append(
            {
                "keywords": words,
                "label": ", ".join(words[:3]) if words else f"{noun} {c}",
                "size": len(members),
                "representative": int(members[np.argmax(x[members] @ centre)]),
            }
        )
    return out


class TopicModel:
    """Cluster paragraph embeddings into labelled topics and themes, in scikit-learn's style.

    ``fit(texts, embeddings)`` learns ``labels_`` (topic of each paragraph), ``topics_`` (per
    topic: keywords, label, size, representative index, theme), ``themes_`` (the same per
    theme), ``coords_`` (2-D map positions), ``n_topics_``, ``n_themes_`` and ``sweep_``
    (the (k, score) pairs the number of topics was chosen from).
    """

    def __init__(
        self,
        min_topics: int = 3,
        max_topics: int = 60,  # about n / max_topics paragraphs a topic on a large corpus
        n_keywords: int = 8,
        sample_size: int = 4000,
        random_state: int = 0,
        map_sample: int = 1000,
        fit_sample: int = 10_000,
        max_themes: int = 20,
        exclude_names: bool = True,
    ):
        self.min_topics = min_topics
        self.max_topics = max_topics
        self.n_keywords = n_keywords
        self.sample_size = sample_size
        self.random_state = random_state
        self.map_sample = map_sample
        self.fit_sample = fit_sample
        self.max_themes = max_themes
        self.exclude_names = exclude_names

    def _sample(self, x: np.ndarray) -> np.ndarray:
        if len(x) <= self.sample_size:
            return x
        rng = np.random.RandomState(self.random_state)
        return x[np.sort(rng.choice(len(x), self.sample_size, replace=False))]

    def _n_themes(self, x: np.ndarray) -> int:
        """How many themes: the Clest sweep over FINE..max_themes on a sample."""
        sample = self._sample(x)
        ks = candidate_ks(len(sample), self.min_topics, self.max_themes, min_size=MIN_SIZE)
        ks = [k for k in ks if k < distinct_rows(sample)] or [1]
        floor = min(FINE, max(ks) // 2)  # a mid-sized corpus may have fewer broad themes
        ks = [k for k in ks if k >= floor] or ks
        self.sweep_ = stability_sweep(sample, ks, self.random_state)
        return choose_k(self.sweep_)

    def _n_small(self, x: np.ndarray) -> int:
        """How many topics in a corpus too small for Clest: silhouette, no topic under 2."""
        ks = candidate_ks(len(x), self.min_topics, self.max_topics, min_size=4)
        ks = [k for k in ks if k < distinct_rows(x)]
        self.sweep_ = silhouette_sweep(x, ks, self.random_state)
        return choose_k(self.sweep_) if self.sweep_ else 1

    def _kmeans(self, x: np.ndarray, k: int) -> np.ndarray:
        """k-means labels of x; above fit_sample rows the centroids are learned on a sample."""
        n_init = 10 if len(x) <= 1000 else 3
        fit_on = x
        if len(x) > self.fit_sample:
            rng = np.random.RandomState(self.random_state)
            fit_on = x[np.sort(rng.choice(len(x), self.fit_sample, replace=False))]
        k = min(k, distinct_rows(fit_on))
        if k <= 1:
            return np.zeros(len(x), dtype=int)
        return KMeans(k, n_init=n_init, random_state=self.random_state).fit(fit_on).predict(x)

    def _cluster(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(topic of each paragraph, theme of each topic), both numbered largest first.

        A large corpus is split into themes (k-means, number by Clest), each theme into
        topics of about n / max_topics paragraphs (at least MIN_SIZE). A small one has
        topics only, each its own theme.
        """
        n = len(x)
        if n < SMALL:
            topics = _by_size(self._kmeans(x, self._n_small(x)))
            return topics, np.arange(topics.max() + 1)
        themes = _by_size(self._kmeans(x, self._n_themes(x)))
        target = max(MIN_SIZE, n / self.max_topics)
        topics = np.empty(n, dtype=int)
        theme_of: list[int] = []
        for theme in range(themes.max() + 1):
            members = np.flatnonzero(themes == theme)
            k = int(np.clip(round(len(members) / target), 1, len(members)))
            sub = _by_size(self._kmeans(x[members], k))
            topics[members] = sub + len(theme_of)
            theme_of.extend([theme] * (sub.max() + 1))
        return topics, np.array(theme_of)

    def fit(self, texts: Sequence[str], embeddings: np.ndarray) -> TopicModel:
        """Cluster, group, label and place the paragraphs."""
        x = normalize(np.asarray(embeddings, dtype=np.float32))
        n = len(x)
        self.sweep_ = []
        if n == 0:
            self.labels_, self.coords_, self.theme_of_ = np.zeros(0, int), np.zeros((0, 2)), []
            self.topics_, self.themes_, self.n_topics_, self.n_themes_ = [], [], 0, 0
            return self
        labels, theme_of = self._cluster(x)
        k, n_themes = len(theme_of), int(theme_of.max()) + 1
        names = party_names() if self.exclude_names else None
        counts, vocab = count_words(texts, labels, k, names)
        topics = _groups(x, labels, top_keywords(counts, vocab, self.n_keywords))
        for topic, theme in zip(topics, theme_of, strict=True):
            topic["theme"] = int(theme)
        # A theme's counts are its topics' counts summed.
        member = sparse.csr_matrix((np.ones(k), (theme_of, np.arange(k))), shape=(n_themes, k))
        theme_words = top_keywords((member @ counts).tocsr(), vocab, self.n_keywords)
        self.themes_ = _groups(x, theme_of[labels], theme_words, "theme")
        self.labels_, self.topics_, self.theme_of_ = labels, topics, theme_of
        self.n_topics_, self.n_themes_ = k, n_themes
        self.coords_ = project(x, self.map_sample, self.random_state)
        return self

    def to_topics(self, paragraph_ids: Sequence[str]) -> list[Topic]:
        """The fitted topics as records, citing representative paragraphs by id."""
        return _records(Topic, self.topics_, paragraph_ids)

    def to_themes(self, paragraph_ids: Sequence[str]) -> list[Theme]:
        """The fitted themes as records, citing representative paragraphs by id."""
        return _records(Theme, self.themes_, paragraph_ids)


def _records(kind: type, groups: list[dict], paragraph_ids: Sequence[str]) -> list:
    """Fitted groups as Topic or Theme records (a topic also names its theme)."""
    return [
        kind(
            id=i,
            label=g["label"],
            keywords=tuple(g["keywords"]),
            size=g["size"],
            representative_id=paragraph_ids[g["representative"]],
            **({"theme": g["theme"]} if "theme" in g else {}),
        )
        for i, g in enumerate(groups)
    ]
