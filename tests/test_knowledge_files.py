"""Knowledge lives in data/: editing a file changes the stored extractions, no code change."""

import shutil

import pytest
import yaml

from models.embed import FakeEmbedder
from models.errors import ReadoutError
from models.extract import knowledge
from models.pipeline import analyze
from models.queries import areas
from tests.conftest import ROOT


def test_knowledge_files_edit_adds_an_area_and_reextracts(tmp_path, monkeypatch, store):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setattr(knowledge, "DATA_DIR", data)
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
    assert report.parsed == 0  # the parses are cached by text hash: nothing is parsed again
    found = areas(store)
    assert set(found.area) == {"apiculture"}
    assert {h for hs in found.holders for h in hs} == {"France", "Germany"}


def _data_copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("stances.yaml", ("support: [support,", "suport: [support,"), "unknown stance 'suport'"),
        ("stances.yaml", ("call: [for, 'on', upon]", "call: [for, on, upon]"), "valid string"),
        ("taxonomy.yaml", ("  - id: investment", "  - id: Investment"), "id 'Investment'"),
        ("taxonomy.yaml", ("  - id: investment", "  - id: trade"), "area id 'trade' twice"),
        ("parties.yaml", ("  JPN: {name: Japan", "  JPX: {name: Japan"), "countries.JPX"),
        ("parties.yaml", ("{name: Joe Biden, party:", "{nme: Joe Biden, party:"), "leaders.0.name"),
    ],
)
def test_knowledge_files_typo_gets_one_line_error_naming_file_and_entry(
    tmp_path, name, edit, message
):
    data = _data_copy(tmp_path)
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(ReadoutError) as err:
        knowledge.load_knowledge(data)
    line = str(err.value)
    assert line.startswith(f"{name}: ") and message in line and "\n" not in line


def test_knowledge_files_bad_yaml_names_the_line(tmp_path):
    data = _data_copy(tmp_path)
    (data / "stances.yaml").write_text("verbs: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReadoutError, match=r"^stances\.yaml:\d+: not valid YAML$"):
        knowledge.load_knowledge(data)


def _apiculture(data):
    """Add an area the talks below mention (beekeeping) to a copy's taxonomy."""
    taxonomy = yaml.safe_load((data / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["areas"].append(
        {"id": "apiculture", "label": "Apiculture", "description": "bees", "synonyms": ["honey"]}
    )
    (data / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy), encoding="utf-8")


def test_knowledge_files_readout_data_points_analyze_at_an_edited_copy(
    tmp_path, monkeypatch, capsys
):
    from models.cli import main

    data = _data_copy(tmp_path)
    _apiculture(data)
    doc = tmp_path / "talks.txt"
    doc.write_text(
        "Leaders meet in Paris\n\nFrance and Germany agreed to cooperate on honey production.",
        encoding="utf-8",
    )
    store_path = tmp_path / "talks.db"
    cmd = ["analyze", str(doc), "--store", str(store_path), "--embedder", "fake", "--json", "-"]
    monkeypatch.delenv("READOUT_DATA", raising=False)
    assert knowledge.knowledge_dir() == knowledge.DATA_DIR
    assert main(cmd) == 0
    assert "apiculture" not in capsys.readouterr().out

    monkeypatch.setenv("READOUT_DATA", str(data))
    assert knowledge.knowledge_dir() == data
    assert knowledge.files_version() == knowledge.files_version(data)
    assert main(cmd) == 0  # the knowledge changed: the stored extractions are recomputed
    assert '"apiculture"' in capsys.readouterr().out


def test_knowledge_files_readout_data_not_a_folder_is_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_DATA", str(tmp_path / "nope"))
    with pytest.raises(ReadoutError, match=r"^\$READOUT_DATA: .*nope: not a folder$"):
        knowledge.default_knowledge()
