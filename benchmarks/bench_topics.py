"""Topics at scale: Readout's TopicModel next to BERTopic 0.17 (defaults) on the same real
embeddings, at 2,000, 8,000 and 50,000 paragraphs of both shared corpora, in one run.

Run: .venv/bin/python benchmarks/bench_topics.py [--sizes 2000,8000,50000]
Needs BERTopic's venv (made once, outside the app's requirements):
    python3 -m venv var/venv-bertopic
    var/venv-bertopic/bin/pip install -r benchmarks/requirements-bertopic.txt
The paragraphs come from a store of both corpora when there is one (--store, built as
benchmarks/bench_app.py says), else are cleaned from the corpora; their embeddings are made
once (about 9 minutes for 50,000 here) and kept in var/bench-topics.npz.

Per size and side: fit seconds, peak RSS of the fitting process, topics (and themes),
outlier share, adjusted Rand index between fits with seeds 0 and 1 and between two fits with
seed 0, and cosine silhouette. Then the speed-up (BERTopic / Readout). Also prints Readout's
sweep (the criterion the number of themes is chosen by) at each size. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score, silhouette_score  # noqa: E402

from models.embed import SentenceTransformerEmbedder  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
DATA = ROOT / "var" / "bench-topics.npz"
BERTOPIC_PYTHON = ROOT / "var" / "venv-bertopic" / "bin" / "python"
FIT = Path(__file__).resolve().parent / "topic_fit.py"


def corpus_paragraphs(store: Path) -> list[str]:
    """Every paragraph text of both corpora, in a fixed order."""
    if store.exists():
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
            return [t for (t,) in conn.execute("SELECT text FROM paragraphs ORDER BY id")]
    from models.pipeline import load_inputs

    loaded, _ = load_inputs(sorted(CORPORA.glob("*.jsonl.gz")), skip_bad=True)
    return [p.text for item in sorted(loaded, key=lambda i: i.document.id) for p in item.paragraphs]


def data(store: Path, n: int) -> Path:
    """At least n paragraphs in random order with their embeddings (made once; a smaller
    run reads the first n of a larger one's)."""
    texts = corpus_paragraphs(store)
    rng = np.random.RandomState(0)
    chosen = [texts[i] for i in rng.permutation(len(texts))[:n]]
    if DATA.exists():
        cached = np.load(DATA, allow_pickle=True)["texts"]
        if len(cached) >= n and list(cached[:n]) == chosen:
            return DATA
    print(f"embedding {n:,} paragraphs once (cached in {DATA})", flush=True)
    vectors = SentenceTransformerEmbedder().embed(chosen)
    DATA.parent.mkdir(exist_ok=True)
    np.savez(DATA, texts=np.array(chosen, dtype=object), vectors=vectors)
    return DATA


def fit(python: Path, which: str, path: Path, n: int, seed: int, tmp: Path) -> dict:
    """One fit in its own process: its figures and labels."""
    out = tmp / f"{which}-{n}-{seed}-{len(list(tmp.iterdir()))}.npy"
    done = subprocess.run(
        [str(python), str(FIT), which, str(path), str(n), str(seed), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{which} fit failed: {done.stderr.strip().splitlines()[-1:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {**figures, "labels": np.load(out)}


def silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    """Cosine silhouette on up to 4,000 paragraphs (outliers left out)."""
    keep = labels != -1
    if len(set(labels[keep].tolist())) < 2:
        return float("nan")
    x, y = vectors[keep], labels[keep]
    size = min(len(x), 4000)
    return float(silhouette_score(x, y, metric="cosine", sample_size=size, random_state=0))


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,8000,50000")
    parser.add_argument("--store", type=Path, default=ROOT / "var" / "bench-all.db")
    parser.add_argument("--no-bertopic", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    path = data(args.store, max(sizes))
    vectors = np.load(path, allow_pickle=True)["vectors"]
    sides = [("readout", Path(sys.executable))]
    if not args.no_bertopic:
        if not BERTOPIC_PYTHON.exists():
            raise SystemExit(f"no BERTopic venv at {BERTOPIC_PYTHON}: see this script's docstring")
        sides.append(("bertopic", BERTOPIC_PYTHON))
    columns = ("paragraphs", "side", "fit s", "peak MB", "topics", "themes", "outliers",
               "ARI seeds", "ARI rerun", "silh.")  # fmt: skip
    widths = (10, 9, 7, 8, 7, 6, 8, 9, 9, 6)
    print(" ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            times = {}
            for which, python in sides:
                a = fit(python, which, path, n, 0, Path(tmp))
                b = fit(python, which, path, n, 1, Path(tmp))
                again = fit(python, which, path, n, 0, Path(tmp))
                times[which] = a["seconds"]
                print(
                    f"{n:>10,} {which:>9} {a['seconds']:>7.1f} {a['peak_rss_mb']:>8.0f} "
                    f"{a['topics']:>7} {a['themes'] or '':>6} {a['outliers']:>8.1%} "
                    f"{adjusted_rand_score(a['labels'], b['labels']):>9.3f} "
                    f"{adjusted_rand_score(a['labels'], again['labels']):>9.3f} "
                    f"{silhouette(vectors[:n], a['labels']):>6.3f}",
                    flush=True,
                )
            if "bertopic" in times:
                print(f"{'':>10} speed-up: BERTopic / Readout = "
                      f"{times['bertopic'] / times['readout']:.1f}x", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
