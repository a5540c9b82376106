"""Benchmark the analysis pipeline: embedding throughput and what the cache saves.

Run: .venv/bin/python benchmarks/bench_analyze.py [--docs N] [--fake]
Prints figures; asserts nothing (shared machines are noisy).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_sample import sample  # noqa: E402

from models.embed import FakeEmbedder, SentenceTransformerEmbedder  # noqa: E402
from models.pipeline import analyze  # noqa: E402
from models.store import Store  # noqa: E402

SEED = ROOT / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:8.2f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100, help="White House documents to add")
    parser.add_argument("--fake", action="store_true", help="fake embedder (no model)")
    args = parser.parse_args()
    embedder = FakeEmbedder() if args.fake else SentenceTransformerEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = sample(args.docs, Path(tmp) / "wh.jsonl.gz")
        with Store(Path(tmp) / "bench.db") as store:
            report, cold = timed(
                "seed, cold (model load + embed + topics)",
                lambda: analyze([SEED], store=store, embedder=embedder),
            )
            report, first = timed(
                f"{args.docs} documents, first time",
                lambda: analyze([SEED, corpus], store=store, embedder=embedder),
            )
            n = report.embedded
            print(f"{'  paragraphs embedded':<48} {n:8d}   ({n / first:.1f} paragraphs/s overall)")
            report, again = timed(
                "same inputs again (nothing to do)",
                lambda: analyze([SEED, corpus], store=store, embedder=embedder),
            )
            print(f"{'  paragraphs embedded':<48} {report.embedded:8d}")
            print(f"{'  speed-up of the second run':<48} {first / again:8.0f} x")


if __name__ == "__main__":
    main()
