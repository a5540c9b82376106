"""Embedding at the model's rate: Readout's embedder next to the model's own `encode`, on the
same real White House paragraphs, in one run.

Run: .venv/bin/python benchmarks/bench_embed.py [--docs 100] [--rounds 2]
Prints paragraphs/s of `SentenceTransformer.encode` on all texts at once (it sorts them by
length itself), of the embedder as it was before (encode per chunk of 64 in corpus order)
and of Readout's embedder, each the median of --rounds interleaved runs; the ratio to the
model's rate (the issue's floor: 0.9) and the largest difference between the vectors; then
Readout's embedder at each of --batch-sizes (one run each).
Prints figures; asserts nothing (shared machines are noisy).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_sample import sample  # noqa: E402

from models.embed import SentenceTransformerEmbedder, normalize  # noqa: E402
from models.pipeline import load_inputs  # noqa: E402


def paragraphs(docs: int) -> list[str]:
    """The distinct paragraph texts of the first ``docs`` White House records."""
    with tempfile.TemporaryDirectory() as tmp:
        loaded, _ = load_inputs([sample(docs, Path(tmp) / "wh.jsonl.gz")], skip_bad=True)
    return list(dict.fromkeys(p.text for item in loaded for p in item.paragraphs))


def main() -> None:
    """Print the three rates and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-sizes", default="16,32,64,128", help="sizes to sweep ('' none)")
    args = parser.parse_args()
    texts = paragraphs(args.docs)
    embedder = SentenceTransformerEmbedder()
    model = embedder._load()
    model.encode(texts[:64])  # warm up

    def model_rate():  # encode with its own defaults (batch size 32)
        return normalize(model.encode(texts))

    def chunked_in_corpus_order():  # what the embedder did before: encode per chunk of 64
        parts = [model.encode(texts[i : i + 64], batch_size=64) for i in range(0, len(texts), 64)]
        return normalize(np.vstack(parts))

    runs = {"model encode, all at once": model_rate, "before: chunks of 64 in corpus order":
            chunked_in_corpus_order, "Readout embedder": lambda: embedder.embed(texts)}  # fmt: skip
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    vectors = {}
    for _ in range(args.rounds):  # interleaved: a noisy moment hits all three alike
        for name, fn in runs.items():
            start = time.perf_counter()
            vectors[name] = fn()
            seconds[name].append(time.perf_counter() - start)
    print(f"{len(texts)} White House paragraphs ({args.docs} documents), median of {args.rounds}")
    base = len(texts) / statistics.median(seconds["model encode, all at once"])
    for name in runs:
        rate = len(texts) / statistics.median(seconds[name])
        print(f"  {name:<40} {rate:7.1f} paragraphs/s  ({rate / base:.2f} x the model's rate)")
    ours = vectors["Readout embedder"]
    diff = float(np.abs(ours - vectors["model encode, all at once"]).max())
    print(f"  largest difference between Readout's vectors and the model's: {diff:.1e}")
    for size in [int(b) for b in args.batch_sizes.split(",") if b]:
        swept = SentenceTransformerEmbedder(batch_size=size)
        swept._model = model
        start = time.perf_counter()
        swept.embed(texts)
        rate = len(texts) / (time.perf_counter() - start)
        print(f"  Readout embedder, batch size {size:<4} {rate:7.1f} paragraphs/s")


if __name__ == "__main__":
    main()
