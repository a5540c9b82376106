import sqlite3

import numpy as np
import pytest

from models.embed import FakeEmbedder, text_hash
from models.errors import IngestError, ReadoutError
from models.pipeline import analyze, load_documents
from tests.conftest import SEED, NullExtractor


def snapshot(path):
    """Every row of every table: to compare a store before and after."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    rows = {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in sorted(tables)}
    conn.close()
    return rows


def run(store, paths, embedder=None, extractor=None, **kw):
    return analyze(
        paths,
        store=store,
        embedder=embedder or FakeEmbedder(),
        extractor=extractor or NullExtractor(),
        **kw,
    )


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pipeline_analyzes_the_seed(store):
    report = run(store, [SEED])
    assert report.added == ["seed-xi-putin-moscow-talks-2023-03"]
    paragraphs = store.load_paragraphs()
    assert len(paragraphs) >= 15
    assert paragraphs[0].id == "seed-xi-putin-moscow-talks-2023-03:1"
    assert store.count("topics") >= 3
    assert store.count("paragraph_topics") == len(paragraphs)


def test_pipeline_second_run_changes_nothing(store):
    run(store, [SEED])
    before = snapshot(store.path)
    embedder = FakeEmbedder()
    report = run(store, [SEED], embedder=embedder)
    assert not report.changed and report.unchanged == ["seed-xi-putin-moscow-talks-2023-03"]
    assert embedder.calls == []
    assert snapshot(store.path) == before


def test_pipeline_never_embeds_a_text_twice(store, tmp_path):
    shared = "Both leaders agreed to expand cooperation in energy and trade."
    a = write(tmp_path, "a.txt", f"Doc A\n\n{shared}\n\nOnly in A, about ports.")
    b = write(tmp_path, "b.txt", f"Doc B\n\n{shared}\n\nOnly in B, about grain.")
    embedder = FakeEmbedder()
    run(store, [a], embedder=embedder)
    run(store, [b], embedder=embedder)
    assert embedder.calls == [2, 1]  # the shared paragraph was embedded once
    assert store.count("embeddings") == 3


def test_pipeline_failure_half_way_leaves_store_as_it_was(store, tmp_path, monkeypatch):
    run(store, [SEED])
    before = snapshot(store.path)
    doc = write(tmp_path, "new.txt", "New doc\n\nThe ministers discussed fisheries.")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "put_topics", killed)
    with pytest.raises(KeyboardInterrupt):
        run(store, [doc])
    after = snapshot(store.path)
    assert visible(after) == visible(before)  # what anyone sees is as it was
    assert len(after["embeddings"]) == len(before["embeddings"]) + 1  # the cache kept its row


def visible(rows: dict) -> dict:
    """A snapshot without the embedding cache and the store's revision counter."""
    kept = {t: r for t, r in rows.items() if t != "embeddings"}
    kept["state"] = [r for r in kept["state"] if "'revision'" not in r]
    return kept


def test_pipeline_bad_input_stops_before_any_write(store, tmp_path):
    run(store, [SEED])
    before = snapshot(store.path)
    good = write(tmp_path, "good.txt", "Good\n\nA fine paragraph.")
    with pytest.raises(IngestError, match="missing.txt: no such file"):
        run(store, [good, tmp_path / "missing.txt"])
    assert snapshot(store.path) == before


def test_pipeline_changed_file_replaces_document_only_when_asked(store, tmp_path):
    path = write(tmp_path, "memo.txt", "Memo\n\nFirst version.")
    run(store, [path])
    path.write_text("Memo\n\nSecond version.\n\nWith two paragraphs.", encoding="utf-8")
    before = snapshot(store.path)
    with pytest.raises(
        ReadoutError, match=r"1 document id\(s\) already stored with other text: 'memo'"
    ):
        run(store, [path])
    assert snapshot(store.path) == before  # nothing was written
    report = run(store, [path], replace=True)
    assert report.replaced == ["memo"]
    assert [p.text for p in store.load_paragraphs()] == ["Second version.", "With two paragraphs."]


def test_pipeline_removing_a_document_keeps_the_topics(store, tmp_path):
    other = write(tmp_path, "other.txt", "Other\n\nA paragraph on grain exports.")
    run(store, [SEED, other])
    before = store.topic_assignments()
    report = run(store, [], remove=["other"])
    assert not report.topics_refit and report.topics_assigned == 0
    assert {p.document_id for p in store.load_paragraphs()} == {
        "seed-xi-putin-moscow-talks-2023-03"
    }
    after = store.topic_assignments()
    assert after == {pid: place for pid, place in before.items() if not pid.startswith("other")}
    assert sum(t.size for t in store.load_topics()) == len(after)
    assert sum(t.size for t in store.load_themes()) == len(after)
    with pytest.raises(ReadoutError, match="no such document: nothing"):
        run(store, [], remove=["nothing"])


def test_pipeline_new_knowledge_version_reextracts(store):
    first = NullExtractor("v1")
    run(store, [SEED], extractor=first)
    again = NullExtractor("v1")
    run(store, [SEED], extractor=again)
    assert again.calls == []
    changed = NullExtractor("v2")
    report = run(store, [SEED], extractor=changed)
    assert changed.calls == ["seed-xi-putin-moscow-talks-2023-03"] and report.extracted == 1


def test_pipeline_load_documents_picks_records(tmp_path):
    import json

    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": f"Text {i}."}) for i in "abc"))
    docs = load_documents(path, ids={"b"})
    assert [d.id for d, _ in docs] == ["b"]
    assert docs[0][1][0].text == "Text b."


def test_pipeline_added_documents_join_the_stored_topics_without_a_refit(store, tmp_path):
    run(store, [SEED])
    before, topics = store.topic_assignments(), store.load_topics()
    memo = write(tmp_path, "memo.txt", "Memo\n\nTrade and energy talks.\n\nA grain corridor.")
    report = run(store, [memo])
    assert not report.topics_refit and report.topics_assigned == 2
    after = store.topic_assignments()
    assert {pid: after[pid] for pid in before} == before  # the map did not move
    new = {pid: place for pid, place in after.items() if pid not in before}
    assert len(new) == 2 and {t for t, _, _ in new.values()} <= {t.id for t in topics}
    assert [t.label for t in store.load_topics()] == [t.label for t in topics]
    assert sum(t.size for t in store.load_topics()) == len(after)
    themes = store.load_themes()  # themes keep their ids and labels; sizes follow the topics
    assert themes and {t.theme for t in store.load_topics()} == {t.id for t in themes}
    assert sum(t.size for t in themes) == len(after)
    memo.write_text("Memo\n\nOther words now.\n\nAnd a third.\n\nOr four.", encoding="utf-8")
    report = run(store, [memo], replace=True)  # a replaced text is placed again, not kept
    assert not report.topics_refit and report.topics_assigned == 3


def test_pipeline_refits_topics_on_request_or_when_much_is_new(store, tmp_path):
    run(store, [SEED])
    memo = write(tmp_path, "memo.txt", "Memo\n\nTrade and energy talks.")
    assert run(store, [memo], refit_topics=True).topics_refit
    assert run(store, [], refit_topics=True).topics_refit  # nothing new: refit all the same
    many = "\n\n".join(f"Paragraph {i} on grain, ports and shipping." for i in range(25))
    big = write(tmp_path, "big.txt", "Big\n\n" + many)  # more than half of the corpus
    report = run(store, [big])
    assert report.topics_refit and report.topics_assigned == 0


def test_pipeline_refits_topics_for_new_kinds_of_content_not_for_more_of_the_same(store, tmp_path):
    same = "\n\n".join(f"Grain {i} shipped through the ports of the sea." for i in range(40))
    run(store, [SEED, write(tmp_path, "grain.txt", "Grain\n\n" + same)])
    more = "\n\n".join(f"Grain {i} shipped through the ports of the sea." for i in range(40, 62))
    report = run(store, [write(tmp_path, "more.txt", "More\n\n" + more)])
    assert not report.topics_refit and report.topics_assigned == 22  # 22 of 103: joined
    novel = "\n\n".join(f"Satellite {i} orbits launched by rockets." for i in range(22))
    report = run(store, [write(tmp_path, "space.txt", "Space\n\n" + novel)])
    assert report.topics_refit  # 22 of 125, but about nothing the topics were made for


class _Failing(NullExtractor):
    def extract(self, document, paragraphs, embedder=None):
        raise RuntimeError("extraction broke after embedding")


def test_pipeline_a_failed_run_keeps_its_embeddings_and_nothing_else(store, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHECKPOINT", 5)  # several checkpoints on the seed
    with pytest.raises(RuntimeError, match="extraction broke"):
        run(store, [SEED], extractor=_Failing())
    assert store.count("documents") == 0 and store.count("paragraphs") == 0
    assert store.count("embeddings") >= 15  # kept: the next run embeds nothing twice
    embedder = FakeEmbedder()
    report = run(store, [SEED], embedder=embedder)
    assert report.embedded == 0 and embedder.calls == []


def test_pipeline_embeds_longest_last_and_keeps_each_vector_with_its_text(store):
    embedder = FakeEmbedder()
    report = run(store, [SEED], embedder=embedder)
    texts = [p.text for p in store.load_paragraphs()]
    stored = store.get_embeddings(embedder.name, [text_hash(t) for t in texts])
    assert report.embedded == len(stored) == len(set(texts))
    for text in texts:
        assert np.allclose(stored[text_hash(text)], FakeEmbedder().embed([text])[0])


def test_pipeline_a_failed_run_keeps_its_parses(store, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHECKPOINT", 4)
    extractor = pipeline.default_extractor()

    def broken(*args, **kwargs):
        raise RuntimeError("extraction broke after parsing")

    monkeypatch.setattr(extractor, "extract", broken)
    with pytest.raises(RuntimeError, match="after parsing"):
        run(store, [SEED], extractor=extractor)
    assert store.count("documents") == 0 and store.count("parses") >= 15
    monkeypatch.undo()  # the extractor is shared: mend it
    report = run(store, [SEED], extractor=pipeline.default_extractor())
    assert report.parsed == 0 and report.extracted == 1


def test_pipeline_large_corpus_gets_its_search_graph_at_analysis(store, tmp_path, monkeypatch):
    import models.pipeline as pipeline
    from models.vector_index import index_path

    monkeypatch.setattr(pipeline, "EXACT_MAX", 10)
    run(store, [SEED])
    first = index_path(store.path, FakeEmbedder().name, store.revision())
    assert first.exists()
    run(store, [write(tmp_path, "memo.txt", "Memo\n\nTrade and energy talks.")])
    second = index_path(store.path, FakeEmbedder().name, store.revision())
    assert second.exists() and not first.exists()
