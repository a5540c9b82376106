"""What the benchmarks share: where the corpora are, and a small slice of one."""

from __future__ import annotations

import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHITEHOUSE = ROOT.parent / "shared" / "corpora" / "whitehouse-statements.jsonl.gz"


def sample(n: int, dst: Path) -> Path:
    """The first n White House records as a small corpus file."""
    with gzip.open(WHITEHOUSE, "rt", encoding="utf-8") as f, gzip.open(dst, "wt") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)
    return dst
