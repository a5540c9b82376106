"""The meaning-search cut-off: MiniLM similarity of the seed's best paragraphs to queries the
text treats and to queries it never touches. Prints, per query, the top three similarities
and how many paragraphs pass 0.3 / 0.4 / 0.5 (components.cache.SEMANTIC_MIN_SCORE).

    .venv/bin/python benchmarks/sweep_search.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import queries  # noqa: E402
from models.cli import make_embedder  # noqa: E402
from models.embed import FakeEmbedder  # noqa: E402
from models.pipeline import analyze  # noqa: E402
from models.store import Store  # noqa: E402

SEED = ROOT / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
TREATED = [
    "energy cooperation",
    "trade and investment",
    "people-to-people exchanges",
    "global governance reform",
    "cross-border logistics",
    "sister provinces",
]
ABSENT = [
    "Western sanctions",
    "climate change",
    "nuclear weapons",
    "football world cup",
    "vaccine distribution",
    "human rights",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "seed.db") as store:
        analyze([SEED], store=store, embedder=FakeEmbedder())  # the seed's clean paragraphs
        texts = queries.paragraphs(store)["text"].tolist()
    model = make_embedder(None)
    corpus = np.asarray(model.embed(texts))
    corpus /= np.linalg.norm(corpus, axis=1, keepdims=True)
    print(f"{len(texts)} seed paragraphs, model {model.name}")
    print(f"{'query':28s} {'kind':8s} top-3 similarities   >=0.3 >=0.4 >=0.5")
    for kind, asked in (("treated", TREATED), ("absent", ABSENT)):
        for query in asked:
            q = np.asarray(model.embed([query]))[0]
            sims = np.sort(corpus @ (q / np.linalg.norm(q)))[::-1]
            counts = [int((sims >= t).sum()) for t in (0.3, 0.4, 0.5)]
            top = " ".join(f"{s:.2f}" for s in sims[:3])
            print(f"{query:28s} {kind:8s} {top:20s} {counts[0]:5d} {counts[1]:5d} {counts[2]:5d}")


if __name__ == "__main__":
    main()
