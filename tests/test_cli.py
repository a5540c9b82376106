import gzip
import json
import os
import re
import subprocess
import sys

import pytest

from models.cli import main
from tests.conftest import ROOT, SEED
from tests.test_pipeline import snapshot


def cli(*args, store, env=None):
    """Run `python -m models ...` as a user would; return the finished process."""
    full_env = {
        **os.environ,
        "READOUT_EMBEDDER": "fake",
        "READOUT_STORE": str(store),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "models", *map(str, args)],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "r.db"
    first = cli("analyze", SEED, "--json", "-", store=store)
    assert first.returncode == 0, first.stderr
    second = cli("analyze", SEED, "--json", "-", store=store)
    assert second.returncode == 0, second.stderr
    return json.loads(first.stdout), first.stdout, second.stdout


def test_cli_seed_json_has_clean_paragraphs_and_source(seed_json):
    data, _, _ = seed_json
    assert set(data) == {
        *("documents", "paragraphs", "themes", "topics", "areas", "positions", "signings")
    }
    (doc,) = data["documents"]
    assert doc["id"] == "seed-xi-putin-moscow-talks-2023-03"
    assert "Xinhua" in doc["source"] and "Bernama" in doc["source"]
    assert doc["n_paragraphs"] == len(data["paragraphs"]) >= 15
    for p in data["paragraphs"]:
        assert not p["text"].lower().startswith("see also")
        assert "Play Store" not in p["text"] and "BERNAMA" not in p["text"]
        assert p["id"] == f"{p['document_id']}:{p['index']}"


def test_cli_seed_json_has_labelled_topics_covering_every_paragraph(seed_json):
    data, _, _ = seed_json
    assert len(data["topics"]) >= 3
    assert all(t["label"] and t["keywords"] and t["size"] > 0 for t in data["topics"])
    topic_ids = {t["id"] for t in data["topics"]}
    assert all(p["topic_id"] in topic_ids for p in data["paragraphs"])
    assert sum(t["size"] for t in data["topics"]) == len(data["paragraphs"])


def test_cli_seed_json_topics_sit_in_themes_without_party_names(seed_json):
    data, _, _ = seed_json
    themes = {t["id"]: t for t in data["themes"]}
    assert 3 <= len(data["topics"]) <= 5  # 19 paragraphs: a few topics, each its own theme
    assert all(t["theme"] in themes for t in data["topics"])
    assert sum(t["size"] for t in data["themes"]) == len(data["paragraphs"])
    words = {w for t in data["topics"] for k in t["keywords"] for w in k.split()}
    assert not words & {"china", "chinese", "russia", "russian", "xi", "putin", "moscow"}


def test_cli_second_run_gives_exactly_the_same_output(seed_json, tmp_path):
    _, first, second = seed_json
    assert first == second
    fresh = cli("analyze", SEED, "--json", "-", store=tmp_path / "fresh.db")
    assert fresh.stdout == first


def test_cli_json_to_file_and_store_option(tmp_path):
    out = tmp_path / "out.json"
    store = tmp_path / "opt.db"
    done = cli("analyze", SEED, "--json", out, "--store", store, store=tmp_path / "env.db")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["documents"]
    assert store.exists() and not (tmp_path / "env.db").exists()


def bad_inputs(tmp_path):
    """Each kind of bad input, with the words its error must contain."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00")
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"caf\xe9")
    badjson = tmp_path / "bad.jsonl"
    badjson.write_text('{"id": "a", "text": "ok"}\n{oops\n')
    notext = tmp_path / "notext.jsonl.gz"
    notext.write_bytes(gzip.compress(b'{"id": "a", "title": "no text"}\n'))
    return [
        (tmp_path / "missing.txt", "missing.txt: no such file"),
        (empty, "empty.txt: file is empty"),
        (binary, "image.txt: binary file"),
        (latin, "latin.md: not UTF-8 text"),
        (badjson, "bad.jsonl:2: line is not JSON"),
        (notext, "notext.jsonl.gz:1: record has no text"),
    ]


def test_cli_bad_input_one_line_error_exit_2_store_untouched(tmp_path, capsys, monkeypatch):
    store = tmp_path / "r.db"
    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    assert main(["analyze", str(SEED), "--store", str(store)]) == 0
    before = snapshot(store)
    for path, message in bad_inputs(tmp_path):
        capsys.readouterr()
        assert main(["analyze", str(SEED), str(path), "--store", str(store)]) == 2, path
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and message in err, err
        assert "Traceback" not in err
        assert snapshot(store) == before


def test_cli_bad_input_through_python_m(tmp_path):
    done = cli("analyze", tmp_path / "nope.jsonl", store=tmp_path / "r.db")
    assert done.returncode == 2
    assert done.stderr == f"error: {tmp_path / 'nope.jsonl'}: no such file\n"
    assert not (tmp_path / "r.db").exists()


def test_cli_skip_bad_ingests_the_rest(tmp_path):
    corpus = tmp_path / "c.jsonl"
    records = [
        {"id": "a", "title": "A", "text": "The leaders discussed trade."},
        "{broken",
        {"id": "b", "title": "B"},
        {"id": "c", "title": "C", "text": "They signed a pact."},
    ]
    corpus.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
    refused = cli("analyze", corpus, store=tmp_path / "r.db")
    assert refused.returncode == 2 and "c.jsonl:2: line is not JSON" in refused.stderr
    done = cli("analyze", corpus, "--skip-bad", "--json", "-", store=tmp_path / "r.db")
    assert done.returncode == 0, done.stderr
    assert [d["id"] for d in json.loads(done.stdout)["documents"]] == ["a", "c"]
    assert "skipped" in done.stderr and "c.jsonl:3: record has no text" in done.stderr


def test_cli_list_and_remove(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    store = str(tmp_path / "r.db")
    assert main(["analyze", str(SEED), "--store", store]) == 0
    assert main(["list", "--store", store]) == 0
    assert "seed-xi-putin-moscow-talks-2023-03" in capsys.readouterr().out
    assert main(["remove", "nothing-here", "--store", store]) == 2
    assert "no such document: nothing-here" in capsys.readouterr().err
    assert main(["remove", "seed-xi-putin-moscow-talks-2023-03", "--store", store]) == 0
    assert main(["list", "--store", store]) == 0
    assert capsys.readouterr().out == ""


def test_cli_voice_sets_shows_and_clears_a_speaking_party(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    speech = tmp_path / "speech.txt"
    speech.write_text("A speech\n\nWe support the peace plan for the region.\n")
    store = str(tmp_path / "r.db")
    assert main(["analyze", str(speech), "--store", store]) == 0
    capsys.readouterr()
    assert main(["voice", "speech", "--store", store]) == 0
    assert "none: read as a report between parties (from the file)" in capsys.readouterr().out
    assert (
        main(["voice", "speech", "--party", "Russia", "--speaker", "Lavrov", "--store", store]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("speech: speaking party Russia (RUS), speaker Lavrov (set by hand);")
    assert re.search(r"re-extracted \d+ areas, [1-9]\d* positions", out), out
    assert main(["voice", "speech", "--clear", "--store", store]) == 0
    assert "none: read as a report" in capsys.readouterr().out


def test_cli_voice_bad_party_one_line_error_exit_2_store_untouched(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    store = str(tmp_path / "r.db")
    assert main(["analyze", str(SEED), "--store", store]) == 0
    before = snapshot(store)
    doc = "seed-xi-putin-moscow-talks-2023-03"
    for args, message in [
        (["--party", "Narnia"], "unknown party 'Narnia'"),
        (["--clear", "--party", "RUS"], "--clear takes no --party"),
    ]:
        capsys.readouterr()
        assert main(["voice", doc, *args, "--store", store]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert main(["voice", "nope", "--party", "RUS", "--store", store]) == 2
    assert snapshot(store) == before


def test_cli_store_problems_are_one_line_and_never_create_or_write(tmp_path):
    typo = tmp_path / "typo.db"
    run = cli("list", store=typo)
    assert (
        run.returncode == 2
        and run.stderr == f"error: {typo}: no store here (analyze a file into it first)\n"
    )
    assert not typo.exists()
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"\x00" * 5000)
    for command in (["list"], ["analyze", SEED]):
        run = cli(*command, store=foreign)
        assert run.returncode == 2 and "not a Readout store" in run.stderr
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert foreign.read_bytes() == b"\x00" * 5000


def test_cli_same_id_other_text_needs_replace_and_undated_lists_empty(tmp_path):
    store = tmp_path / "r.db"
    memo = tmp_path / "memo.txt"
    memo.write_text("Memo\n\nFirst version.\n")
    assert cli("analyze", memo, store=store).returncode == 0
    memo.write_text("Memo\n\nSecond version.\n")
    run = cli("analyze", memo, store=store)
    assert run.returncode == 2 and "already stored with other text: 'memo'" in run.stderr
    assert cli("analyze", memo, "--replace", store=store).returncode == 0
    listed = cli("list", store=store).stdout.splitlines()
    assert listed == ["memo\t\t1\tMemo"]  # undated: an empty field, never 'nan'


def test_cli_progress_draws_one_bar_per_stage_on_a_terminal(monkeypatch):
    import io

    from models.cli import TqdmProgress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = TqdmProgress()
    for done in (0, 5, 10):
        progress("embedding", done, 10)
    progress("extracting", 1, 2)
    progress.close()
    shown = terminal.getvalue()
    assert "embedding: 100%" in shown and "10/10" in shown and "extracting" in shown
