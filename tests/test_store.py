import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from models import queries
from models.errors import StoreBusy, StoreError
from models.schema import Document, Paragraph, Theme
from models.store import APPLICATION_ID, SCHEMA_VERSION, Store, store_path
from tests.conftest import ROOT


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


FIRST_RELEASE = ROOT / "tests" / "fixtures" / "store-v1.db"  # written by the release before


def _copy_first_release(tmp_path, name: str = "old.db"):
    path = tmp_path / name
    shutil.copyfile(FIRST_RELEASE, path)
    return path


def test_store_migrates_a_store_of_the_first_release(tmp_path):
    path = _copy_first_release(tmp_path)
    conn = sqlite3.connect(path)  # a store older still: no signing counts yet
    conn.execute("ALTER TABLE signings DROP COLUMN count")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert [d.id for d in store.load_documents()] == ["talks"]
        assert store.count("areas") == 4 and store.count("signings") == 1
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(signings)")]
        assert columns[-1] == "count"
        assert store.source_hashes() == {}  # unknown for old rows: never a false conflict
    with Store(path, create=False) as again:  # a migrated store opens as it is
        assert again.count("documents") == 1


def test_store_migrates_a_store_without_themes(tmp_path):
    path = _copy_first_release(tmp_path)
    with Store(path) as store:  # the first release's topics had no themes
        topics = store.load_topics()
        assert topics and all(t.theme == 0 for t in topics)
        assert store.load_themes() == []
        theme = Theme(0, "energy, trade", ("energy", "trade"), sum(t.size for t in topics), "x")
        with store.transaction():
            placed = [(pid, *place) for pid, place in store.topic_assignments().items()]
            store.put_topics(topics, placed, [theme])
        assert store.load_themes() == [theme]


def _unchanged(path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def _foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()


def _foreign_app(path):
    _foreign(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _newer(path):
    shutil.copyfile(FIRST_RELEASE, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _random(path):
    path.write_bytes(bytes(range(256)) * 40)


def _truncated(path):
    path.write_bytes(FIRST_RELEASE.read_bytes()[:20_000])


def _missing_column(path):
    shutil.copyfile(FIRST_RELEASE, path)
    with Store(path):
        pass  # a store of this release ...
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE positions DROP COLUMN target")  # ... that lost a column
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_foreign, "not a Readout store (an SQLite file without its tables)"),
        (_foreign_app, "not a Readout store (another application's SQLite file)"),
        (_newer, f"written by a newer Readout (schema {SCHEMA_VERSION + 1}"),
        (_random, "not a Readout store (not an SQLite database)"),
        (_truncated, "damaged or not a store"),
        (_missing_column, "table positions lacks target"),
    ],
    ids=["foreign", "foreign-app", "newer", "random", "truncated", "missing-column"],
)
def test_store_refuses_what_is_not_its_own_and_never_writes_it(tmp_path, make, problem):
    path = tmp_path / "x.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)
    _unchanged(path, before)


def test_store_paths_that_are_no_store_file(tmp_path):
    with pytest.raises(StoreError, match="is a folder, not a store file"):
        Store(tmp_path)
    missing = tmp_path / "no-such-folder" / "r.db"
    with pytest.raises(StoreError, match="folder .*no-such-folder does not exist"):
        Store(missing)
    assert not missing.parent.exists()
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()


def test_store_on_a_read_only_path_opens_read_only(tmp_path, monkeypatch):
    path = _copy_first_release(tmp_path)
    with Store(path):
        pass  # migrated while it was writable
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(  # root may write anywhere: say what a read-only mount would say
        "models.store.os.access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with Store(path) as store:
        assert store.readonly
        assert [d.id for d in store.load_documents()] == ["talks"]
        with pytest.raises(StoreError, match="is read-only here: nothing can be changed"):
            with store.transaction():
                pass
    assert path.read_bytes() == before


def test_store_concurrent_writers_both_land_and_readers_see_only_commits(tmp_path):
    with Store(tmp_path / "r.db") as store:
        writing, release = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def write(doc_id: str, hold: bool) -> None:
            try:
                with store.transaction():
                    store.put_document(
                        Document(doc_id, doc_id, ""),
                        [Paragraph(f"{doc_id}:1", doc_id, 1, "t")],
                        "h",
                    )
                    if hold:
                        writing.set()
                        release.wait(5)
            except BaseException as err:  # noqa: BLE001 (reported below)
                errors.append(err)

        first = threading.Thread(target=write, args=("a", True))
        first.start()
        assert writing.wait(5)
        assert [d.id for d in store.load_documents()] == []  # uncommitted: not seen
        second = threading.Thread(target=write, args=("b", False))
        second.start()  # waits for the first writer's lock
        release.set()
        first.join(10)
        second.join(10)
        assert not errors
        assert sorted(d.id for d in store.load_documents()) == ["a", "b"]


def test_store_a_writer_kept_waiting_too_long_is_told_busy(tmp_path, monkeypatch):
    monkeypatch.setattr("models.store.BUSY_MS", 100)
    with Store(tmp_path / "r.db") as store:
        holding, release = threading.Event(), threading.Event()

        def hold() -> None:
            with store.transaction():
                holding.set()
                release.wait(5)

        thread = threading.Thread(target=hold)
        thread.start()
        assert holding.wait(5)
        try:
            with pytest.raises(StoreBusy, match="busy: another upload is being written"):
                with store.transaction():
                    pass
        finally:
            release.set()
            thread.join(5)


def test_store_parses_round_trip_by_parser_and_text_hash(store):
    with store.transaction():
        store.put_parses("p1", {"h1": b"doc-1", "h2": b"doc-2"})
    assert store.get_parses("p1", ["h1", "h3"]) == {"h1": b"doc-1"}
    assert store.get_parses("p2", ["h1"]) == {}


def test_store_closes_the_connections_of_finished_threads(tmp_path):
    with Store(tmp_path / "r.db") as store:
        for _ in range(5):
            thread = threading.Thread(target=lambda: store.count("documents"))
            thread.start()
            thread.join()
        store.count("documents")
        assert len(store._connections) <= 2  # this thread's, and at most the last one's


def test_store_revision_rises_with_each_commit_and_only_then(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as store:
        start = store.revision()
        for _ in range(3):  # reads on new threads (a server's script runs) change nothing
            thread = threading.Thread(target=lambda: store.load_documents())
            thread.start()
            thread.join()
        assert store.revision() == start
        put(store)
        assert store.revision() == start + 1
        with pytest.raises(RuntimeError), store.transaction():
            store.delete_document("d1")
            raise RuntimeError("rolled back")
        assert store.revision() == start + 1
        with Store(path) as other:  # another process's write is seen too
            put(other, "d2")
        assert store.revision() == start + 2


def test_store_migrates_positions_without_strength(tmp_path):
    path = _copy_first_release(tmp_path)
    with Store(path) as store:  # the first release's positions had no strength: plain
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(positions)")]
        assert columns[-1] == "strength"
        frame = queries.positions(store)
        assert len(frame) and set(frame["strength"]) == {0}
