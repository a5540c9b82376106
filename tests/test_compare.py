"""models.compare and the Compare page on real texts (tests/fixtures/compare/): the White House
and Japanese MOFA readouts of the Biden-Kishida talk of 2022-09-21, and the U.S.-Japan joint
leaders' statements of 2021 and 2025. Each difference asserted here was checked by reading both
texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import compare
from models.cli import main
from models.embed import FakeEmbedder
from models.store import Store
from tests.test_app_pages import app  # noqa: F401  (the AppTest factory fixture)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "compare"
WH, MOFA = "readout-us-biden-kishida-2022-09-21", "readout-japan-kishida-biden-2022-09-21"
JS21, JS25 = "us-japan-joint-statement-2021", "us-japan-joint-statement-2025"


def _analyze(path: Path, embedder) -> Path:
    from models.pipeline import analyze

    with Store(path) as store:
        analyze(sorted(FIXTURES.glob("*.jsonl")), store=store, embedder=embedder)
    return path


@pytest.fixture(scope="module")
def compare_store(tmp_path_factory) -> Path:
    return _analyze(tmp_path_factory.mktemp("compare") / "compare.db", FakeEmbedder())


def _compare(path: Path, left: str, right: str, embedder=None, threshold=None):
    with Store(path) as store:
        return compare.compare_documents(
            store, left, right, embedder or FakeEmbedder(), threshold or compare.ALIGN_THRESHOLD
        )


def test_compare_readouts_positions_said_by_one_side_only(compare_store):
    result = _compare(compare_store, WH, MOFA)
    added = {(p.holders, p.right.stance, p.target) for p in result.positions if p.change == "added"}
    dropped = {(p.holders, p.left.stance) for p in result.positions if p.change == "dropped"}
    # Only Japan's readout: thanks for the delegation to Abe's funeral, Security Council reform.
    assert any("state funeral of former Prime Minister Abe" in t for *_, t in added)
    assert any("Security Council reform" in t for *_, t in added)
    # Only the White House readout has the President thanking Japan for the Global Fund pledge.
    assert any(
        p.left and "Global Fund" in p.target for p in result.positions if p.change == "dropped"
    )
    assert (("United States",), "welcome") in dropped


def test_compare_joint_statements_strength_rises_on_the_east_china_sea(compare_store):
    result = _compare(compare_store, JS21, JS25)
    (change,) = [p for p in result.positions if "East China Sea" in p.target]
    assert change.change == "changed" and change.left.stance == change.right.stance == "oppose"
    assert (change.left.strength, change.right.strength) == (0, 1)
    assert compare.stance_words(change.left) == "opposes"
    assert compare.stance_words(change.right) == "strongly opposes"


def test_compare_joint_statements_areas_raised_by_one_year_only(compare_store):
    result = _compare(compare_store, JS21, JS25)
    sides = {(a.area, a.party): a.side for a in result.areas}
    assert sides[("health", "United States")] == "left"  # COVID-19 and health security, 2021
    assert sides[("resources", "Japan")] == "right"  # critical minerals and LNG, 2025
    (health,) = [a for a in result.areas if (a.area, a.party) == ("health", "Japan")]
    assert f"{JS21}:16" in health.left_ids and health.right_ids == ()


def test_compare_alignment_pairs_the_north_korea_paragraphs(compare_store):
    result = _compare(compare_store, JS21, JS25, threshold=0.5)
    pairs = {(p.left_id, p.right_id) for p in result.aligned}
    assert (f"{JS21}:7", f"{JS25}:18") in pairs  # denuclearization and abductions, both years
    aligned_left = {p.left_id for p in result.aligned}
    assert not aligned_left & set(result.left_only)
    assert f"{JS21}:9" not in result.left_only  # a heading is no statement


@pytest.mark.model
def test_compare_alignment_with_the_real_model(tmp_path):
    from models.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    path = _analyze(tmp_path / "real.db", embedder)
    result = _compare(path, JS21, JS25, embedder)
    pairs = {(p.left_id, p.right_id) for p in result.aligned}
    assert {(f"{JS21}:6", f"{JS25}:16"), (f"{JS21}:7", f"{JS25}:18")} <= pairs
    readouts = _compare(path, WH, MOFA, embedder)
    assert len(readouts.aligned) == 1 and readouts.aligned[0].left_id == f"{WH}:1"


def test_compare_cli_json_and_bad_ids(compare_store, capsys, monkeypatch):
    import json

    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    assert (
        main(["compare", "--store", str(compare_store), "--left", WH, "--right", MOFA, "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert {"areas", "positions", "signings", "aligned", "left_only", "right_only"} <= set(out)
    assert main(["compare", "--store", str(compare_store), "--left", "nope", "--right", MOFA]) == 2
    assert capsys.readouterr().err.strip() == "error: no such document: nope"


def test_compare_page_shows_both_readouts(app, compare_store):  # noqa: F811
    at = app(compare_store, "pages/compare.py", cmp="documents", cl=WH, cr=MOFA)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Compare"
    assert at.get("plotly_chart"), "the areas chart"
    assert at.query_params.get("cl") == WH and at.query_params.get("cr") == MOFA
    tables = " ".join(str(t.value.to_dict()) for t in at.dataframe)
    assert "welcomes" in tables and "commits to" in tables
    pick = at.selectbox(key="readout_cmp_pick")
    added = next(o for o in pick.options if "Security Council reform" in o)
    pick.set_value(added).run()
    text = "\n".join(m.value for m in at.markdown)
    assert "<mark>" in text and "Security Council reform" in text and "Global Fund" not in text
    assert any("Not said on this side." in c.value for c in at.caption)
    assert at.query_params.get("cmp_pick") == added
