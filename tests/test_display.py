"""Names for people: data/display.yaml and taxonomy labels, validated on load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models.display import load_names
from models.errors import ReadoutError
from models.schema import STANCES

DATA = Path(__file__).resolve().parent.parent / "data"


def test_display_names_every_stance_and_labels_areas():
    names = load_names()
    assert all(names.stance_verb(s) != s for s in STANCES if "_" in s)
    assert names.stance_verb("call_for") == "calls for"
    assert names.stance_verb("support", plural=True) == "support"
    assert names.area("digital_economy") == "Digital economy"
    assert names.area("no_such_area") == "no such area"  # never a raw id with underscores


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("  concern: {", "  worry: {"), "unknown stance 'worry'"),
        (lambda t: t.replace("unattributed:", "nobody:"), "unattributed"),
        (lambda t: "stances: [", "not valid YAML"),
    ],
)
def test_display_a_bad_file_is_one_line_naming_it(tmp_path, edit, message):
    for name in ("display.yaml", "taxonomy.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    path = tmp_path / "display.yaml"
    path.write_text(edit(path.read_text()))
    with pytest.raises(ReadoutError) as err:
        load_names(tmp_path)
    assert "display.yaml" in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)
