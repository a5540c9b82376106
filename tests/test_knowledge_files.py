"""Knowledge lives in data/: editing a file changes the stored extractions, no code change."""

import shutil

import yaml

from models import lexicon
from models.embed import FakeEmbedder
from models.pipeline import analyze
from models.queries import areas
from tests.conftest import ROOT


def test_knowledge_files_edit_adds_an_area_and_reextracts(tmp_path, monkeypatch, store):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setattr(lexicon, "DATA_DIR", data)
    doc = tmp_path / "talks.txt"
    doc.write_text(
        "Leaders meet in Paris\n\n"
        "France and Germany agreed to deepen cooperation on beekeeping and honey production.",
        encoding="utf-8",
    )
    analyze([doc], store=store, embedder=FakeEmbedder())
    assert areas(store).empty

    taxonomy = yaml.safe_load((data / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["areas"].append(
        {
            "id": "apiculture",
            "label": "Apiculture",
            "description": "bees and honey",
            "synonyms": ["beekeeping", "honey"],
        }
    )
    (data / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy), encoding="utf-8")
    report = analyze([doc], store=store, embedder=FakeEmbedder())

    assert report.extracted == 1 and not report.added
    found = areas(store)
    assert set(found.area) == {"apiculture"}
    assert {h for hs in found.holders for h in hs} == {"France", "Germany"}
