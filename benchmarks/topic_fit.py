"""One topic fit, in a process of its own (so its peak memory is its own): Readout's
TopicModel in the app's venv, or BERTopic 0.17 with its defaults in var/venv-bertopic.

Run by benchmarks/bench_topics.py:
    PYTHON benchmarks/topic_fit.py readout|bertopic DATA.npz N SEED LABELS.npy
Reads the first N texts and vectors of DATA.npz, fits, writes the labels and prints one JSON
line: seconds, peak_rss_mb, topics, themes, outliers.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # precomputed embeddings: nothing to download
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def fit_readout(texts: list[str], vectors: np.ndarray, seed: int) -> tuple[np.ndarray, dict]:
    """Readout's topics (themes and topics) with its defaults."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from models.topics import TopicModel
    from models.topics.keywords import party_names

    party_names()  # the knowledge files: read once per process, shared with extraction
    start = time.perf_counter()
    model = TopicModel(random_state=seed).fit(texts, vectors)
    took = time.perf_counter() - start
    return model.labels_, {"seconds": took, "themes": model.n_themes_}


def fit_bertopic(texts: list[str], vectors: np.ndarray, seed: int) -> tuple[np.ndarray, dict]:
    """BERTopic 0.17 defaults on the same embeddings; UMAP's seed set (its only randomness)."""
    from bertopic import BERTopic
    from umap import UMAP

    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    start = time.perf_counter()
    labels, _ = BERTopic(umap_model=umap).fit_transform(texts, vectors)
    took = time.perf_counter() - start
    return np.asarray(labels), {"seconds": took, "themes": None}


def main() -> None:
    """Fit once and print the figures as JSON."""
    which, data, n, seed, out = (
        sys.argv[1],
        sys.argv[2],
        int(sys.argv[3]),
        int(sys.argv[4]),
        sys.argv[5],
    )
    loaded = np.load(data, allow_pickle=True)
    texts, vectors = [str(t) for t in loaded["texts"][:n]], loaded["vectors"][:n]
    fit = fit_readout if which == "readout" else fit_bertopic
    labels, figures = fit(texts, vectors, seed)
    np.save(out, labels)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    topics = len(set(labels.tolist()) - {-1})
    outliers = float((labels == -1).mean())
    print(json.dumps({**figures, "peak_rss_mb": peak_mb, "topics": topics, "outliers": outliers}))


if __name__ == "__main__":
    main()
