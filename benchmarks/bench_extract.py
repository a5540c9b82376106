"""Benchmark extraction next to embedding, on the same White House paragraphs, in one run.

Run: .venv/bin/python benchmarks/bench_extract.py [--docs 300] [--fake]
Prints: parsing and extraction paragraphs/s; embedding alone on the same texts; the whole
``analyze`` of the documents; the ratio (parsing + extraction) / embedding (the issue's floor is
at most 0.5); and a re-analysis after a knowledge-file edit (parses nothing, re-extracts all).
Prints figures; asserts nothing (shared machines are noisy).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_sample import sample  # noqa: E402

from models import extract  # noqa: E402
from models.embed import FakeEmbedder, SentenceTransformerEmbedder  # noqa: E402
from models.extract import knowledge  # noqa: E402
from models.extract.nlp import load_nlp  # noqa: E402
from models.pipeline import analyze, load_inputs  # noqa: E402
from models.store import Store  # noqa: E402


def timed(label: str, fn, n: int | None = None):
    """Run fn, print its time (and paragraphs/s when n is given)."""
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    rate = f"   {n / seconds:8.1f} paragraphs/s" if n else ""
    print(f"{label:<52} {seconds:8.2f} s{rate}")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300, help="White House documents")
    parser.add_argument("--fake", action="store_true", help="fake embedder (no model)")
    args = parser.parse_args()
    embedder = FakeEmbedder() if args.fake else SentenceTransformerEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = sample(args.docs, Path(tmp) / "wh.jsonl.gz")
        loaded, _ = load_inputs([corpus])
        docs = [(item.document, list(item.paragraphs)) for item in loaded]
        texts = [p.text for _, ps in docs for p in ps]
        n = len(texts)
        print(f"{args.docs} White House documents, {n} paragraphs")
        timed("load the spaCy pipeline", load_nlp)
        parses, parse_s = timed("parse", lambda: list(extract.parse_bodies(texts)), n)
        it = iter(parses)
        per_doc = [[next(it) for _ in ps] for _, ps in docs]
        _, extract_s = timed(
            "extract (on the parses)",
            lambda: [
                extract.extract(d, ps, docs=p) for (d, ps), p in zip(docs, per_doc, strict=True)
            ],
            n,
        )
        embedder.embed(texts[:8])  # load the model outside the timing
        _, embed_s = timed("embed alone (same paragraphs)", lambda: embedder.embed(texts), n)
        ratio = (parse_s + extract_s) / embed_s
        print(f"{'(parse + extract) / embed':<52} {ratio:8.2f}     (floor: at most 0.50)")

        with Store(Path(tmp) / "bench.db") as store:
            report, whole = timed(
                "whole analyze (embed, topics, parse, extract)",
                lambda: analyze([corpus], store=store, embedder=embedder),
                n,
            )
            print(f"{'  of which not embedding':<52} {whole - embed_s:8.2f} s")
            data = Path(tmp) / "data"
            shutil.copytree(ROOT / "data", data)
            taxonomy = data / "taxonomy.yaml"
            taxonomy.write_text(
                taxonomy.read_text(encoding="utf-8").replace(
                    "synonyms: [trade,", "synonyms: [trade, trade fair,", 1
                ),
                encoding="utf-8",
            )
            knowledge.DATA_DIR = data
            report, again = timed(
                "re-analysis after a taxonomy edit",
                lambda: analyze([corpus], store=store, embedder=embedder),
                n,
            )
            print(
                f"{'  documents re-extracted / paragraphs parsed':<52} "
                f"{report.extracted:8d} / {report.parsed}"
            )


if __name__ == "__main__":
    main()
