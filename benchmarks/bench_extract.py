"""Benchmark extraction throughput (paragraphs/s) on the first White House documents.

Run: .venv/bin/python benchmarks/bench_extract.py [--docs 500] [--reference] [--profile]
``--reference`` also times the old implementation (each big alternation of area phrases, party
aliases and stance verbs as one plain regex run at every character, models.alternation's
``reference()``), prints the speed-up and whether the extractions are identical.
Prints figures; asserts nothing (shared machines are noisy).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_sample import sample  # noqa: E402

from models import extract, positions  # noqa: E402
from models.alternation import Alternation  # noqa: E402
from models.areas import AreaMatcher  # noqa: E402
from models.lexicon import default_knowledge  # noqa: E402
from models.pipeline import load_inputs  # noqa: E402


def run(docs, knowledge) -> tuple[float, list]:
    """Seconds to extract every document, and the extractions."""
    start = time.perf_counter()
    out = [extract.extract(doc, paragraphs, knowledge=knowledge) for doc, paragraphs in docs]
    return time.perf_counter() - start, out


class Plain:
    """An Alternation's plain regex (the old implementation) behind the same interface."""

    def __init__(self, alternation: Alternation, groups: bool = False) -> None:
        self.pattern = alternation.reference(groups)

    def finditer(self, text: str):
        for m in self.pattern.finditer(text):
            yield m, (m.lastindex or 1) - 1


@contextmanager
def plain_regexes(knowledge):
    """Swap the prefiltered matchers (areas, parties, stance verbs) for their plain regexes."""
    area, party = knowledge.area_matcher, knowledge.parties.matcher
    compiled = positions._compiled
    verbs, *rest = compiled(knowledge.stances)
    knowledge.__dict__["area_matcher"] = AreaMatcher(Plain(area.alternation, True), area.area_ids)
    knowledge.parties._matcher = Plain(party)
    positions._compiled = lambda lexicon: (Plain(verbs), *rest)
    try:
        yield
    finally:
        knowledge.__dict__["area_matcher"] = area
        knowledge.parties._matcher = party
        positions._compiled = compiled


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=500, help="White House documents")
    parser.add_argument("--reference", action="store_true", help="also time the old matcher")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    args = parser.parse_args()
    knowledge = default_knowledge()
    with tempfile.TemporaryDirectory() as tmp:
        loaded, _ = load_inputs([sample(args.docs, Path(tmp) / "wh.jsonl.gz")], skip_bad=True)
    docs = [(item.document, list(item.paragraphs)) for item in loaded if item.paragraphs]
    n = sum(len(p) for _, p in docs)
    extract.extract(*docs[0], knowledge=knowledge)  # compile patterns outside the timing
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    seconds, new = run(docs, knowledge)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(f"{len(docs)} documents, {n} paragraphs")
    print(f"prefiltered          {seconds:7.2f} s  {n / seconds:8.1f} paragraphs/s")
    if args.reference:
        with plain_regexes(knowledge):
            extract.extract(*docs[0], knowledge=knowledge)
            old_seconds, old = run(docs, knowledge)
        print(f"plain regexes      {old_seconds:7.2f} s  {n / old_seconds:8.1f} paragraphs/s")
        print(f"speed-up           {old_seconds / seconds:7.2f} x")
        print(f"identical output   {old == new}")


if __name__ == "__main__":
    main()
