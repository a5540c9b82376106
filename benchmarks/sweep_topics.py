"""The sweep behind the number of themes: criteria for k on real embeddings, recorded.

Run: .venv/bin/python benchmarks/sweep_topics.py > benchmarks/results/topic-sweep.txt
For 2,000, 8,000 and 50,000 paragraphs of both corpora (var/bench-topics.npz, made by
bench_topics.py; each criterion on a sample of 4,000): cosine silhouette, Clest (how much
more reproducible k-means partitions of two halves are than on cluster-free reference data)
and the smallest topic, for k from 3 to 60. Then, for the tuning gold texts (never the
held-out ones), the number of topics each gets. Asserts nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import silhouette_score  # noqa: E402

from models.embed import SentenceTransformerEmbedder  # noqa: E402
from models.evaluate import load_gold_document  # noqa: E402
from models.topics import TopicModel  # noqa: E402
from models.topics.number import stability_sweep  # noqa: E402

DATA = ROOT / "var" / "bench-topics.npz"
KS = [3, 5, 8, 10, 12, 14, 17, 20, 25, 30, 40, 60]
SAMPLE = 4000


def corpus_sweep(vectors: np.ndarray, n: int) -> None:
    """Print each criterion for each k on a 4,000-paragraph sample of the first n."""
    rng = np.random.RandomState(0)
    x = vectors[:n][np.sort(rng.choice(n, min(n, SAMPLE), replace=False))]
    clest = dict(stability_sweep(x, KS))
    print(f"\n{n:,} paragraphs (criteria on {len(x):,})")
    print(f"{'k':>4} {'silhouette':>10} {'Clest':>7} {'smallest':>8}")
    for k in KS:
        labels = KMeans(k, n_init=3, random_state=0).fit_predict(x)
        sil = silhouette_score(x, labels, metric="cosine")
        print(f"{k:>4} {sil:>10.4f} {clest[k]:>7.3f} {np.bincount(labels).min():>8}")


def gold_topics() -> None:
    """Topics (and themes) Readout gives each tuning gold text."""
    print("\ntuning gold texts: paragraphs -> topics")
    embedder = SentenceTransformerEmbedder()
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        document, paragraphs = load_gold_document(json.loads(path.read_text(encoding="utf-8")))
        texts = [p.text for p in paragraphs]
        model = TopicModel().fit(texts, embedder.embed(texts))
        print(f"  {path.stem[:48]:<48} {len(texts):>4} -> {model.n_topics_}")


def main() -> None:
    """Print the sweep."""
    vectors = np.load(DATA, allow_pickle=True)["vectors"]
    for n in (2000, 8000, 50000):
        corpus_sweep(vectors, n)
    gold_topics()


if __name__ == "__main__":
    main()
