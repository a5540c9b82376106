"""Precision and recall of paragraph alignment (models.compare.align) for several thresholds.

Real pairs (tests/fixtures/compare/): the White House and Japanese MOFA readouts of the
Biden-Kishida talk of 2022-09-21, and the U.S.-Japan joint leaders' statements of 2021 and
2025. GOLD lists the paragraphs that correspond, annotated by reading the texts before running
the tool; ALSO lists pairs that are defensible but not clear-cut (neither a hit nor a false
alarm). Run: .venv/bin/python benchmarks/sweep_align.py [--embedder fake]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.cli import make_embedder  # noqa: E402
from models.compare import align, statements, stored_vectors  # noqa: E402
from models.pipeline import analyze  # noqa: E402
from models.store import Store  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "compare"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
JS21, JS25 = "us-japan-joint-statement-2021", "us-japan-joint-statement-2025"
WH, MOFA = "readout-us-biden-kishida-2022-09-21", "readout-japan-kishida-biden-2022-09-21"
PAIRS = {
    "joint statements 2021 vs 2025": (JS21, JS25),
    "readouts WH vs MOFA 2022-09-21": (WH, MOFA),
}
# (left paragraph index, right paragraph index): annotated by reading both texts.
GOLD = {
    (JS21, JS25): {
        (1, 1),  # opening: the leaders meet, renew the Alliance, free and open Indo-Pacific
        (5, 4),  # U.S. commitment to Japan's defense, full range incl. nuclear, Article V
        (6, 16),  # China: status quo in the East and South China Seas
        (7, 18),  # North Korea: complete denuclearization, abductions
        (8, 15),  # allies and partners: the Quad, the ROK, ASEAN / like-minded countries
    },
    (WH, MOFA): {(1, 1)},  # the meeting on the margins of the UNGA in New York
}
ALSO = {
    (JS21, JS25): {
        (4, 3),
        (1, 3),
        (4, 1),
        (5, 3),
        (5, 6),
        (6, 17),
        (4, 15),
        (12, 11),
        (13, 10),
        (13, 11),
        (12, 10),
        (14, 12),
        (15, 12),
        (11, 10),
        (11, 11),
        (19, 1),
        (2, 3),
        (4, 5),
    },  # fmt: skip
    (WH, MOFA): {(1, 3), (1, 5)},  # the alliance; the Global Fund pledge
}


def main() -> int:
    """Analyze the fixtures with the embedder and print the sweep."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    embedder = make_embedder(args.embedder)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "align.db") as store:
        analyze(sorted(FIXTURES.glob("*.jsonl")), store=store, embedder=embedder)
        paragraphs = {p.id: p for p in store.load_paragraphs()}
        import pandas as pd

        frame = pd.DataFrame(
            {"id": list(paragraphs), "text": [p.text for p in paragraphs.values()]}
        )
        vectors = stored_vectors(store, embedder.name, frame)
        print(f"embedder: {embedder.name}")
        totals = {t: [0, 0, 0, 0, 0] for t in THRESHOLDS}
        for name, (a, b) in PAIRS.items():
            lids = statements(frame[frame["id"].str.startswith(a + ":")])
            rids = statements(frame[frame["id"].str.startswith(b + ":")])
            gold = {(f"{a}:{i}", f"{b}:{j}") for i, j in GOLD[(a, b)]}
            fine = gold | {(f"{a}:{i}", f"{b}:{j}") for i, j in ALSO[(a, b)]}
            print(f"\n{name}: {len(lids)} x {len(rids)} paragraphs (headings left out), "
                  f"{len(gold)} gold pairs, {len(fine) - len(gold)} also-acceptable")  # fmt: skip
            print(HEADER)
            for t in THRESHOLDS:
                got = {(p.left_id, p.right_id) for p in align(lids, rids, vectors, t)}
                row = _scores(got, gold, fine)
                totals[t] = [x + y for x, y in zip(totals[t], row, strict=True)]
                print(_line(t, row))
        print("\nall pairs (micro)\n" + HEADER)
        for t, row in totals.items():
            print(_line(t, row))
    return 0


HEADER = "threshold  predicted  acceptable  precision  gold-exact  gold-acceptable  recall  F1"


def _scores(got: set, gold: set, fine: set) -> list[int]:
    """predicted, acceptable (in GOLD or ALSO), gold pairs, gold pairs found exactly, gold
    pairs whose left paragraph went to an acceptable partner."""
    left_ok = {a for a, b in got if (a, b) in fine}
    return [
        len(got),
        len(got & fine),
        len(gold),
        len(got & gold),
        len({a for a, _ in gold} & left_ok),
    ]


def _line(t: float, row: list[int]) -> str:
    predicted, acceptable, gold, exact, found = row
    p = acceptable / predicted if predicted else 1.0
    r = found / gold if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return (f"{t:9.2f}  {predicted:9d}  {acceptable:10d}  {p:9.2f}  {exact:10d}  {found:15d}  "
            f"{r:6.2f}  {f1:4.2f}")  # fmt: skip


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


if __name__ == "__main__":
    raise SystemExit(main())
