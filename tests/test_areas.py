"""Taxonomy phrase matching and the embedding fallback."""

import pytest

from models.areas import embed_areas, find_area_phrases
from models.embed import FakeEmbedder
from models.lexicon import default_knowledge, load_knowledge


def areas_in(text: str) -> list[str]:
    return [m.area for m in find_area_phrases(text, default_knowledge())]


def test_areas_longest_phrase_wins():
    assert areas_in("energy security and food security") == ["energy", "agriculture"]
    assert areas_in("information technology") == ["ict"]


def test_areas_ignore_phrases_and_word_boundaries():
    assert areas_in("an important step with human resources") == []
    assert areas_in("space for dialogue") == []


def test_areas_acronyms_are_case_sensitive():
    assert areas_in("AI and 5G") == ["technology", "ict"]
    assert areas_in("said ai") == []


def test_areas_taxonomy_is_editable(tmp_path):
    from pathlib import Path

    data = Path(default_knowledge().version and __file__).resolve().parent.parent / "data"
    for name in ("parties.yaml", "stances.yaml"):
        (tmp_path / name).write_text((data / name).read_text())
    (tmp_path / "taxonomy.yaml").write_text(
        "areas:\n  - id: water\n    label: Water\n    description: water\n"
        "    synonyms: [desalination]\n"
    )
    knowledge = load_knowledge(tmp_path)
    assert [m.area for m in find_area_phrases("desalination plants", knowledge)] == ["water"]


def test_areas_embedding_fallback_with_fake_embedder():
    knowledge = default_knowledge()
    emb = FakeEmbedder()
    label = knowledge.area("tourism")
    hits = embed_areas([f"{label.label}: {label.description}"], knowledge, emb, threshold=0.9)
    assert hits[0][0][0] == "tourism"
    calls = len(emb.calls)
    embed_areas(["unrelated words"], knowledge, emb)
    assert len(emb.calls) == calls + 1  # area descriptions are embedded once


@pytest.mark.model
def test_areas_embedding_with_real_model_finds_unlisted_wording():
    from models.embed import SentenceTransformerEmbedder

    hits = embed_areas(
        ["joint work on vaccines and hospital capacity"],
        default_knowledge(),
        SentenceTransformerEmbedder(),
        threshold=0.3,
    )
    assert "health" in [area for area, _ in hits[0]]


def test_areas_values_in_a_list_of_values_are_not_areas():
    assert areas_in("to advance international peace and security") == []
    assert areas_in("deepen security cooperation") == ["security"]


def test_areas_verbal_noun_with_object_is_not_an_area():
    assert areas_in("the development of the river basin") == []
    assert areas_in("support for sustainable development") == ["development"]


def test_areas_embedding_pick_needs_threshold_and_margin():
    import numpy as np

    from models.areas import pick_areas

    knowledge = default_knowledge()
    row = np.zeros(len(knowledge.areas), dtype=np.float32)
    row[0], row[1] = 0.7, 0.65
    assert pick_areas(row, knowledge, threshold=0.5, margin=0.1) == []
    row[1] = 0.4
    assert [a for a, _ in pick_areas(row, knowledge, threshold=0.5, margin=0.1)] == [
        knowledge.areas[0].id
    ]
