"""Scoring against gold annotations."""

import json

from models.evaluate import evaluate, format_report, overlap, score_extractions
from models.schema import Area, Extractions, Position, Signing


def test_evaluate_overlap_coefficient():
    assert overlap("hegemonism and power politics", "oppose hegemonism") == 0.5
    assert overlap("hegemonism and power politics", "hegemonism") == 1.0
    assert overlap("the trade deal", "climate change") == 0.0


def test_evaluate_score_sections():
    gold = {
        "areas": [{"holder": "Chile", "area": "trade"}, {"holder": "Peru", "area": "trade"}],
        "positions": [{"holders": ["Chile"], "stance": "support", "target": "the peace plan"}],
        "signings": [{"document": "Fisheries Agreement", "parties": ["Chile", "Peru"]}],
    }
    ex = Extractions(
        areas=(Area("trade", ("Chile",), None, "d:0", "trade"),),
        positions=(Position(("Chile",), None, "welcome", "peace plan", "d:0", "x"),),
        signings=(Signing("the Fisheries Agreement", (), ("Peru",), (), "d:0", "x"),),
    )
    score = score_extractions(gold, ex, "x")
    assert (score.areas.tp, score.areas.fn) == (1, 1)
    assert score.positions.tp == 1 and score.positions.extra["exact_stance"] == "0/1"
    assert score.signings.tp == 1
    assert "OVERALL" in format_report([score])


def tiny_gold(tmp_path, text: str, areas: list[dict], **more) -> None:
    """A gold dir with one tiny Kenya-Ghana text and its annotations."""
    src = tmp_path / "doc.txt"
    src.write_text(text)
    gold = {"name": "tiny", "source": {"path": str(src)}, "parties": ["Ghana", "Kenya"]}
    gold |= {"areas": areas, "positions": [], "signings": [], **more}
    (tmp_path / "tiny.json").write_text(json.dumps(gold))


def test_evaluate_runs_on_a_gold_dir(tmp_path):
    areas = [{"holder": "Kenya", "area": "trade"}, {"holder": "Ghana", "area": "trade"}]
    tiny_gold(tmp_path, "Kenya and Ghana agreed to expand trade.\n", areas)
    scores = evaluate(tmp_path)
    assert scores[0].name == "tiny"
    assert scores[0].areas.recall == 1.0


def test_evaluate_targets_missed_make_the_command_fail(tmp_path, capsys):
    from models.evaluate import main_evaluate, missed_targets

    text = "Kenya and Ghana agreed to expand trade.\n\nMust Read\n"
    tiny_gold(tmp_path, text, [{"holder": "Kenya", "area": "fisheries"}], furniture=["Must Read"])
    scores = evaluate(tmp_path)
    missed = missed_targets(scores)
    assert any(m.startswith("areas F1") for m in missed)
    assert main_evaluate(["--gold", str(tmp_path)]) == 1
    assert "MISSED" in capsys.readouterr().out
