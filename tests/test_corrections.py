"""Corrections: stored with author and time, undone without losing history, applied when the
store is read, and kept across re-analysis and knowledge-file edits."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from models import corrections, queries
from models.corrections import Correction
from models.embed import FakeEmbedder, text_hash
from models.errors import ReadoutError
from models.extract import knowledge
from models.pipeline import analyze
from tests.conftest import ROOT, SEED, NullExtractor
from tests.test_pipeline import snapshot

TEXT = (
    "Leaders meet in Paris\n\n"
    "France and Germany agreed to deepen cooperation on beekeeping and honey production.\n\n"
    "France and Germany agreed to expand trade and energy cooperation. "
    "France supports the peace plan.\n\n"
    "The two ministers signed an agreement on energy."
)
P1 = "France and Germany agreed to deepen cooperation on beekeeping and honey production."
P2 = (
    "France and Germany agreed to expand trade and energy cooperation. "
    "France supports the peace plan."
)
P3 = "The two ministers signed an agreement on energy."


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of data/ the extractor reads (so a test may edit the knowledge files)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setattr(knowledge, "DATA_DIR", data)
    return data


@pytest.fixture
def talks(tmp_path, store, data_dir):
    """A store holding the three-paragraph talks, analyzed with the real extractor."""
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    analyze([path], store=store, embedder=FakeEmbedder())
    return path


@pytest.fixture
def bare(tmp_path, store):
    """A store holding the talks' paragraphs with no extractions (nothing parsed: quick)."""
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    analyze([path], store=store, embedder=FakeEmbedder(), extractor=NullExtractor())
    return path


def rows(df, *columns):
    return [
        tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in df[list(columns)].values
    ]


def correct(store, kind, action, paragraph, original=None, new=None, author="Ana"):
    return corrections.add(
        store,
        Correction(kind, action, text_hash(paragraph), original or {}, new or {}, author=author),
    )


def apply_three(store):
    """Delete the trade area, change France's stance on the peace plan, add a signing."""
    correct(store, "area", "delete", P2, {"area": "trade", "holders": ["France", "Germany"]})
    correct(
        store,
        "position",
        "change",
        P2,
        {"holders": ["France"], "stance": "support", "target": "peace plan"},
        {"stance": "welcome", "holders": ["France", "Germany"]},
    )
    correct(
        store,
        "area",
        "add",
        P1,
        new={"area": "agriculture", "holders": ["France", "Germany"], "evidence": "honey"},
    )


def check_three(store):
    areas = queries.areas(store)
    assert ("talks:2", "trade") not in rows(areas, "paragraph_id", "area")
    assert rows(areas[areas.corrected], "paragraph_id", "area", "holders", "evidence") == [
        ("talks:1", "agriculture", ("France", "Germany"), "honey")
    ]
    positions = queries.positions(store)
    changed = positions[positions.corrected]
    assert rows(changed, "paragraph_id", "holders", "stance", "target") == [
        ("talks:2", ("France", "Germany"), "welcome", "peace plan")
    ]
    assert not positions.loc[~positions.corrected, "stance"].eq("support").any()


def test_store_migrates_an_old_store_with_a_corrections_table(tmp_path):
    from models.store import SCHEMA_VERSION, Store
    from tests.test_store import _copy_first_release

    path = _copy_first_release(tmp_path)
    with Store(path) as store:
        assert SCHEMA_VERSION == 4
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert store.has_table("corrections") and corrections.list(store) == []
        (hash_,) = store.conn.execute("SELECT text_hash FROM paragraphs LIMIT 1").fetchone()
        found = queries.areas(store)
        assert len(found) == 4 and not found.corrected.any()
        first = found.iloc[0]
        corrections.add(
            store,
            Correction(
                "area", "delete", text_hash(_text(store, first.paragraph_id)),
                {"area": first.area}, author="Ana",
            ),
        )  # fmt: skip
        assert len(queries.areas(store)) < 4
    assert hash_


def _text(store, paragraph_id):
    return store.conn.execute(
        "SELECT text FROM paragraphs WHERE id = ?", (paragraph_id,)
    ).fetchone()[0]


def test_store_reads_a_schema_3_store_on_a_read_only_path(tmp_path, monkeypatch):
    import os
    import sqlite3

    from models.store import Store
    from tests.test_store import put

    path = tmp_path / "v3.db"
    with Store(path) as store:
        put(store)
    conn = sqlite3.connect(path)  # the store as the release before wrote it
    conn.execute("DROP TABLE corrections")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m: m != os.W_OK and real_access(p, m))
    with Store(path) as store:  # cannot be migrated: read as it is, with no corrections
        assert store.readonly and not store.has_table("corrections")
        assert corrections.list(store) == [] and queries.areas(store).empty
        assert len(store.load_paragraphs()) == 2


def test_corrections_add_list_undo_keeps_the_history(store, talks):
    before = store.revision()
    made = correct(store, "area", "delete", P2, {"area": "trade", "holders": ["France"]})
    assert made.id == 1 and made.author == "Ana" and made.created_at.endswith("+00:00")
    assert store.revision() == before + 1  # caches refresh like after any write
    (listed,) = corrections.list(store)
    assert listed == made and listed.active
    assert "delete area trade" in listed.describe()
    assert "trade" not in set(queries.areas(store).query("paragraph_id == 'talks:2'").area)
    undone = corrections.undo(store, made.id, "Ben")
    assert undone.undone_by == "Ben" and undone.undone_at
    assert "trade" in set(queries.areas(store).query("paragraph_id == 'talks:2'").area)
    (kept,) = corrections.list(store)  # still in the audit, marked undone
    assert not kept.active and kept.undone_by == "Ben"
    assert corrections.list(store, include_undone=False) == []
    with pytest.raises(ReadoutError, match="correction 1 was already undone"):
        corrections.undo(store, 1, "Ben")
    with pytest.raises(ReadoutError, match="no correction with id 9"):
        corrections.undo(store, 9, "Ben")


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (Correction("areas", "delete", text_hash(P1)), "unknown correction kind 'areas'"),
        (Correction("area", "rename", text_hash(P1), author="A"), "cannot 'rename'"),
        (Correction("area", "delete", text_hash(P1), {"area": "x"}), "needs an author"),
        (Correction("area", "delete", "abc", {"area": "x"}, author="A"), "not a paragraph text"),
        (Correction("area", "delete", text_hash("gone"), {"area": "x"}, author="A"), "no paragr"),
        (Correction("position", "delete", text_hash(P2), {"stance": "x"}, author="A"), "lacks"),
        (
            Correction("area", "add", text_hash(P1), {}, {"area": "x", "evidence": "bees"}, "A"),
            "evidence 'bees' does not occur in the paragraph",
        ),
        (Correction("area", "add", text_hash(P1), {}, {"area": "x"}, "A"), "needs its evidence"),
        (
            Correction(
                "position",
                "change",
                text_hash(P2),
                {"holders": [], "stance": "support", "target": "t"},
                {"stance": "adore"},
                "A",
            ),
            "'adore' is not one of support",
        ),  # fmt: skip
        (
            Correction(
                "signing", "change", text_hash(P3), {"document": "d"}, {"document": "d"}, "A"
            ),
            "nothing differs",
        ),
        (
            Correction("signing", "change", text_hash(P3), {"document": "d"}, {"count": 3}, "A"),
            "'count' cannot be corrected",
        ),
        (Correction("topic", "merge", text_hash(P1), {"label": "x"}, {"into": "?"}, "A"), "name"),
    ],
)
def test_corrections_bad_input_is_one_line_and_writes_nothing(store, bare, correction, message):
    before = snapshot(store.path)
    with pytest.raises(ReadoutError, match=message) as err:
        corrections.add(store, correction)
    assert "\n" not in str(err.value)
    assert snapshot(store.path) == before


def test_corrections_delete_change_add_apply_at_read_time(store, talks):
    stored = store.count("areas"), store.count("positions")
    apply_three(store)
    correct(store, "signing", "change", P3, {"document": "agreement on energy"},
            {"parties": ["France"], "document": "energy accord"})  # fmt: skip
    check_three(store)
    (signing,) = queries.signings(store).to_dict("records")
    assert signing["document"] == "energy accord" and signing["corrected"]
    assert signing["parties"] == signing["signatories"] == ["France"]
    assert (store.count("areas"), store.count("positions")) == stored  # extractions untouched
    data = queries.analysis_json(store)
    assert [a["area"] for a in data["areas"] if a["corrected"]] == ["agriculture"]
    assert json.dumps(data)  # still JSON: the flag is a plain bool
    assert [a["paragraph_id"] for a in data["areas"]] == sorted(
        a["paragraph_id"] for a in data["areas"]
    ), "added records sit in reading order"


def test_corrections_survive_analyze_of_the_same_text_again(store, talks):
    apply_three(store)
    analyze([], store=store, embedder=FakeEmbedder(), remove=["talks"])
    assert queries.areas(store).empty  # the paragraphs went: the corrections wait
    assert corrections.orphaned(store) == {1, 2, 3}
    report = analyze([talks], store=store, embedder=FakeEmbedder())
    assert report.added == ["talks"] and report.extracted == 1
    check_three(store)  # the same text again: re-extracted, corrected as before
    assert corrections.orphaned(store) == set()


def test_corrections_survive_analyze_after_a_knowledge_file_edit(store, talks, data_dir):
    apply_three(store)
    correct(store, "area", "delete", P1, {"area": "apiculture"})  # not found yet: waits
    taxonomy = yaml.safe_load((data_dir / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["areas"].append(
        {"id": "apiculture", "label": "Apiculture", "description": "bees and honey",
         "synonyms": ["beekeeping", "honey"]}
    )  # fmt: skip
    (data_dir / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy), encoding="utf-8")
    stances = (data_dir / "stances.yaml").read_text(encoding="utf-8")
    assert "support" in stances
    report = analyze([talks], store=store, embedder=FakeEmbedder())
    assert report.extracted == 1 and report.parsed == 0  # re-extracted with the edited files
    stored = set(store.conn.execute("SELECT area FROM areas WHERE paragraph_id = 'talks:1'"))
    assert ("apiculture",) in stored, "the edited taxonomy finds a new area"
    check_three(store)
    assert "apiculture" not in set(queries.areas(store).area), "deleted once found"


def test_corrections_of_a_paragraph_whose_text_changed_are_orphaned(store, talks):
    apply_three(store)
    talks.write_text(TEXT.replace("honey production", "wine"), encoding="utf-8")
    analyze([talks], store=store, embedder=FakeEmbedder(), replace=True)
    assert corrections.orphaned(store) == {3}  # the added area's paragraph is gone
    assert len(corrections.list(store)) == 3  # kept, and listed
    assert not queries.areas(store).query("paragraph_id == 'talks:1'").corrected.any()


def test_corrections_topic_rename_and_merge(store):
    analyze([SEED], store=store, embedder=FakeEmbedder(), extractor=NullExtractor())
    topics = queries.topics(store)
    assert len(topics) >= 2
    first, second = topics.iloc[0], topics.iloc[1]
    rep = dict(zip(queries.paragraphs(store).id, queries.paragraphs(store).text, strict=True))
    corrections.add(store, Correction(
        "topic", "rename", text_hash(rep[first.representative_id]),
        {"label": first.label, "keywords": list(first.keywords)}, {"label": "Bees"}, "Ana",
    ))  # fmt: skip
    renamed = queries.topics(store)
    assert renamed.loc[renamed.id == first.id, "label"].item() == "Bees"
    assert renamed.loc[renamed.id == first.id, "corrected"].item()
    corrections.add(store, Correction(
        "topic", "merge", text_hash(rep[second.representative_id]),
        {"label": second.label, "keywords": list(second.keywords)},
        {"into": text_hash(rep[first.representative_id]), "label": "Bees"}, "Ana",
    ))  # fmt: skip
    merged = queries.topics(store)
    assert second.id not in set(merged.id)
    assert merged.loc[merged.id == first.id, "size"].item() == first["size"] + second["size"]
    assert set(queries.paragraphs(store).topic_id) <= set(merged.id)
    analyze([], store=store, embedder=FakeEmbedder(), refit_topics=True)  # same texts: same fit
    assert queries.topics(store).loc[lambda t: t.id == first.id, "label"].item() == "Bees"
    assert corrections.orphaned(store) == set()


def test_cli_corrections_list_and_undo(store, bare):
    from tests.test_cli import cli

    correct(store, "area", "add", P1, new={"area": "agriculture", "evidence": "honey"})
    correct(store, "area", "delete", P3, {"area": "energy"}, author="Ben\tOkafor")
    store.close()
    listed = cli("corrections", "list", store=store.path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 2 and lines[1].split("\t")[2] == "Ben Okafor"
    assert lines[0].split("\t")[3] == "add area agriculture (?)" and lines[0].endswith("active")
    undone = cli("corrections", "undo", "2", "--author", "Ana", store=store.path)
    assert undone.returncode == 0 and "undone" in undone.stdout
    data = json.loads(cli("corrections", "list", "--json", store=store.path).stdout)
    assert [(c["id"], c["undone_by"], c["orphaned"]) for c in data["corrections"]] == [
        (1, None, False),
        (2, "Ana", False),
    ]
    again = cli("corrections", "undo", "2", "--author", "Ana", store=store.path)
    assert again.returncode == 2 and again.stderr == "error: correction 2 was already undone\n"
    missing = cli("corrections", "list", store=store.path.parent / "nope.db")
    assert missing.returncode == 2 and "no store here" in missing.stderr
    assert not (store.path.parent / "nope.db").exists()
