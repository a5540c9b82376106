"""The Dask path: analyze 500 White House documents on a LocalCluster of 1 and of 2 workers
(and on one machine without Dask, for reference), fresh stores each time, in one run.

Run: .venv/bin/python benchmarks/bench_dask.py [--docs 500] [--embedder fake|model]
Prints wall seconds of each and the speed-up from 1 to 2 workers, and checks the three
analysis JSONs are identical. With the fake embedder (the default) the work is cleaning,
parsing and extraction; --embedder model adds the sentence-transformers model.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_sample import sample  # noqa: E402


def run(corpus: Path, store: Path, embedder: str, *scheduler: str) -> tuple[float, str]:
    """Wall seconds of one `analyze`, and its JSON."""
    env = {**os.environ, "READOUT_EMBEDDER": embedder}
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "models",
            "analyze",
            str(corpus),
            "--store",
            str(store),
            "--json",
            "-",
            *scheduler,
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,  # fmt: skip
    )
    took = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(done.stderr.strip().splitlines()[-1])
    return took, done.stdout


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--embedder", default="fake")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = sample(args.docs, Path(tmp) / "wh.jsonl.gz")
        alone, reference = run(corpus, Path(tmp) / "alone.db", args.embedder)
        one, json_one = run(corpus, Path(tmp) / "one.db", args.embedder, "--scheduler", "local:1")
        two, json_two = run(corpus, Path(tmp) / "two.db", args.embedder, "--scheduler", "local:2")
    same = reference == json_one == json_two
    print(f"{args.docs} White House documents, embedder {args.embedder}:")
    print(f"  one machine, no Dask: {alone:.1f} s")
    print(f"  Dask, 1 worker:       {one:.1f} s")
    print(f"  Dask, 2 workers:      {two:.1f} s  (speed-up 1 -> 2 workers: {one / two:.2f}x)")
    print(f"  analysis JSON identical in all three: {same}")


if __name__ == "__main__":
    main()
