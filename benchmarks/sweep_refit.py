"""When should added paragraphs make topics refit? Incremental assignment measured against
the share of new paragraphs, on real embeddings.

Run: .venv/bin/python benchmarks/sweep_refit.py [--n 8000]
Takes n paragraphs of both corpora (var/bench-topics.npz, made by bench_topics.py), fits
topics on the rest of each split and assigns the new share with models.topics.assign_new,
two ways: new paragraphs drawn at random (more of the same), and new paragraphs that are
whole themes the base never saw (novel content). For each share it prints how well new
paragraphs fit their topics: the mean cosine to the assigned topic's centroid, as a ratio
to the base paragraphs' own, and the share of "misfits" (below the 5th percentile of the
base's own similarities; 5 % for paragraphs like the base). Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.embed import normalize  # noqa: E402
from models.topics import StoredTopics, TopicModel, assign_new  # noqa: E402

DATA = ROOT / "var" / "bench-topics.npz"
SHARES = (0.05, 0.1, 0.2, 0.3, 0.5)


def fit_of(x: np.ndarray, labels: np.ndarray, new: np.ndarray, new_labels: np.ndarray):
    """(mean cosine ratio new/base to the topic centroid, misfit share of the new)."""
    topics = StoredTopics(x, labels)
    own, theirs = topics.fit(topics.unit, labels), topics.fit(normalize(new), new_labels)
    return theirs.mean() / own.mean(), topics.misfit_share(new, new_labels)


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=8000)
    args = parser.parse_args()
    loaded = np.load(DATA, allow_pickle=True)
    texts = [str(t) for t in loaded["texts"][: args.n]]
    x = normalize(loaded["vectors"][: args.n])
    full = TopicModel().fit(texts, x)
    themes = full.theme_of_[full.labels_]
    print(f"{args.n:,} paragraphs, {full.n_themes_} themes in a fit on all of them")
    print(f"{'new share':>9} {'kind':>7} {'cosine ratio':>12} {'misfits':>8}")
    rng = np.random.RandomState(0)
    for share in SHARES:
        random_new = rng.permutation(args.n)[: int(share * args.n)]
        order = np.argsort(-np.bincount(themes))  # novel: whole themes, smallest first
        novel, total = [], 0
        for theme in order[::-1]:
            if total >= share * args.n:
                break
            members = np.flatnonzero(themes == theme)
            novel.append(members)
            total += len(members)
        for kind, new in (("random", random_new), ("novel", np.concatenate(novel))):
            base = np.setdiff1d(np.arange(args.n), new)
            model = TopicModel().fit([texts[i] for i in base], x[base])
            new_labels, _ = assign_new(x[base], model.labels_, model.coords_, x[new])
            ratio, misfits = fit_of(x[base], model.labels_, x[new], new_labels)
            print(f"{len(new) / args.n:>9.0%} {kind:>7} {ratio:>12.3f} {misfits:>8.1%}", flush=True)


if __name__ == "__main__":
    main()
