import pytest

from models.schema import Document, Paragraph
from models.store import Store, store_path


def put(store, doc_id="d1", texts=("One.", "Two.")):
    doc = Document(id=doc_id, title="T", text="")
    paras = [Paragraph(f"{doc_id}:{i}", doc_id, i, t) for i, t in enumerate(texts, start=1)]
    with store.transaction():
        store.put_document(doc, paras, content_hash=f"h-{doc_id}-{len(texts)}")


def test_store_path_from_argument_env_or_default(monkeypatch, tmp_path):
    monkeypatch.setenv("READOUT_STORE", str(tmp_path / "env.db"))
    assert store_path() == tmp_path / "env.db"
    assert store_path(tmp_path / "arg.db") == tmp_path / "arg.db"
    monkeypatch.delenv("READOUT_STORE")
    assert store_path().name == "readout.db"


def test_store_transaction_rolls_back_on_error(store):
    put(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.delete_document("d1")
        raise RuntimeError("killed half-way")
    assert [p.text for p in store.load_paragraphs()] == ["One.", "Two."]


def test_store_replacing_a_document_replaces_its_paragraphs(store):
    put(store, texts=("One.", "Two."))
    put(store, texts=("Only.",))
    assert [p.id for p in store.load_paragraphs()] == ["d1:1"]
    assert store.count("documents") == 1


def test_store_embeddings_round_trip(store):
    import numpy as np

    vector = np.arange(4, dtype=np.float32)
    with store.transaction():
        store.put_embeddings("m", {"h1": vector})
    got = store.get_embeddings("m", ["h1", "missing"])
    assert list(got) == ["h1"] and np.array_equal(got["h1"], vector)
    assert store.get_embeddings("other-model", ["h1"]) == {}


def test_store_persists_across_connections(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        put(s)
    with Store(path) as s:
        assert s.count("paragraphs") == 2


def test_store_process_killed_mid_transaction_leaves_file_as_it_was(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    path = tmp_path / "s.db"
    with Store(path) as s:
        put(s)
    script = (
        "import os, signal\n"
        "from models.store import Store\n"
        f"s = Store({str(path)!r})\n"
        "with s.transaction():\n"
        "    s.delete_document('d1')\n"
        "    s.conn.execute(\"INSERT INTO state VALUES ('half', 'way')\")\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-c", script], cwd=root, check=False)
    assert done.returncode == -signal.SIGKILL
    with Store(path) as s:
        assert s.count("paragraphs") == 2 and s.get_state("half") is None


def test_store_adds_the_signing_count_column_to_an_older_store(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE signings (document_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, "
        "document TEXT NOT NULL, signatories TEXT NOT NULL, parties TEXT NOT NULL, "
        "areas TEXT NOT NULL, evidence TEXT NOT NULL)"
    )
    conn.execute("INSERT INTO signings VALUES ('d', 'd:1', 'MoU', '[]', '[]', '[]', 'x')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(signings)")]
        assert columns[-1] == "count"
        assert store.conn.execute("SELECT document, count FROM signings").fetchall() == [
            ("MoU", None)
        ]


def test_store_parses_round_trip_by_parser_and_text_hash(store):
    with store.transaction():
        store.put_parses("p1", {"h1": b"doc-1", "h2": b"doc-2"})
    assert store.get_parses("p1", ["h1", "h3"]) == {"h1": b"doc-1"}
    assert store.get_parses("p2", ["h1"]) == {}
