"""The extraction targets of the issue, measured on the hand-made gold files."""

import pytest

from models.evaluate import Section, evaluate
from tests.conftest import ROOT

pytestmark = pytest.mark.corpora
GOLD = ROOT / "tests" / "gold"
SEED_NAME = "seed-xi-putin-moscow-talks-2023-03"


@pytest.fixture(scope="module")
def scores(corpora):
    return {s.name: s for s in evaluate(GOLD)}


def micro(sections: list[Section]) -> Section:
    return Section(
        sum(s.tp for s in sections), sum(s.fp for s in sections), sum(s.fn for s in sections)
    )


def test_quality_seed_meets_its_targets(scores):
    seed = scores[SEED_NAME]
    assert seed.areas.f1 >= 0.9, seed.areas
    assert seed.positions.f1 >= 0.8, seed.positions
    assert seed.signings.tp == 3 and seed.signings.fn == 0 and seed.signings.fp == 0


def test_quality_other_gold_texts_meet_targets_overall(scores):
    others = [s for name, s in scores.items() if name != SEED_NAME]
    assert len(others) >= 5
    assert micro([s.areas for s in others]).f1 >= 0.8
    assert micro([s.positions for s in others]).f1 >= 0.65
