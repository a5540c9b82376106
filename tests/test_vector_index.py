import numpy as np

from models.embed import normalize, text_hash
from models.vector_index import VectorIndex, index_path, saved_graphs, text_key


def corpus(n: int = 400, dim: int = 32, seed: int = 0):
    rng = np.random.default_rng(seed)
    vectors = normalize(rng.standard_normal((n, dim)).astype(np.float32))
    ids = [f"d:{i}" for i in range(n)]
    return ids, [text_hash(f"text {i} {seed}") for i in range(n)], vectors


def fetcher(hashes, vectors, asked=None):
    """fetch(hashes) -> vectors, remembering what was asked for."""
    row = {h: i for i, h in enumerate(hashes)}

    def fetch(wanted):
        if asked is not None:
            asked.extend(wanted)
        return vectors[[row[h] for h in wanted]]

    return fetch


def test_vector_index_exact_search_ranks_by_cosine():
    ids, hashes, vectors = corpus()
    index = VectorIndex.build(ids, hashes, fetcher(hashes, vectors))
    assert not index.approximate_
    query = vectors[7] + 0.01
    found = index.search(query, 5)
    sims = normalize(vectors) @ normalize(query[None, :])[0]
    assert [pid for pid, _ in found] == [f"d:{i}" for i in np.argsort(-sims)[:5]]
    assert found[0][0] == "d:7" and abs(found[0][1] - sims[7]) < 1e-5


def test_vector_index_large_corpus_uses_a_saved_graph(tmp_path):
    ids, hashes, vectors = corpus()
    path = index_path(tmp_path / "r.db", "all-MiniLM-L6-v2", 3)
    index = VectorIndex.build(ids, hashes, fetcher(hashes, vectors), path, exact_max=100)
    assert index.approximate_ and path.exists()
    exact = VectorIndex(ids, hashes, vectors)
    hits = [
        len({p for p, _ in index.search(v, 10)} & {p for p, _ in exact.search(v, 10)})
        for v in vectors[:50]
    ]
    assert np.mean(hits) / 10 >= 0.95
    assert index.search(vectors[5], 1)[0][0] == "d:5"
    before = path.stat().st_mtime_ns
    asked = []
    again = VectorIndex.build(ids, hashes, fetcher(hashes, vectors, asked), path, exact_max=100)
    assert path.stat().st_mtime_ns == before and asked == []  # read back: no vector read
    assert again.search(vectors[9], 3) == index.search(vectors[9], 3)


def test_vector_index_next_revision_updates_the_last_graph(tmp_path):
    ids, hashes, vectors = corpus()
    first = index_path(tmp_path / "r.db", "m", 3)
    VectorIndex.build(
        ids[:300], hashes[:300], fetcher(hashes[:300], vectors[:300]), first, exact_max=10
    )
    kept = slice(50, 400)  # 50 texts removed, 100 added
    newer = index_path(tmp_path / "r.db", "m", 4)
    asked = []
    fetch = fetcher(hashes[kept], vectors[kept], asked)
    index = VectorIndex.build(ids[kept], hashes[kept], fetch, newer, exact_max=10)
    assert sorted(asked) == sorted(hashes[300:])  # only the new texts' vectors were read
    assert saved_graphs(newer) == [newer]  # the older revision's graph is gone
    assert sorted(int(k) for k in index.graph.keys) == sorted(text_key(h) for h in hashes[kept])
    assert index.search(vectors[350], 1)[0][0] == "d:350"


def test_vector_index_paragraphs_sharing_a_text_are_all_found(tmp_path):
    ids, hashes, vectors = corpus()
    ids, hashes = [*ids, "copy:7"], [*hashes, hashes[7]]
    vectors = np.vstack([vectors, vectors[7]])
    index = VectorIndex.build(
        ids, hashes, fetcher(hashes, vectors), index_path(tmp_path / "r.db", "m", 1), 10
    )
    assert {pid for pid, _ in index.search(vectors[7], 2)} == {"d:7", "copy:7"}


def test_vector_index_unwritable_place_still_searches(tmp_path):
    ids, hashes, vectors = corpus()
    gone = tmp_path / "missing" / "r.db"  # saving fails (as in a read-only folder)
    index = VectorIndex.build(
        ids, hashes, fetcher(hashes, vectors), index_path(gone, "m", 1), exact_max=10
    )
    assert index.approximate_ and index.search(vectors[3], 1)[0][0] == "d:3"
    assert not gone.parent.exists()


def test_vector_index_damaged_graph_file_is_built_again(tmp_path):
    ids, hashes, vectors = corpus()
    path = index_path(tmp_path / "r.db", "m", 1)
    path.write_bytes(b"not a graph")
    newer = index_path(tmp_path / "r.db", "m", 2)
    index = VectorIndex.build(ids, hashes, fetcher(hashes, vectors), newer, exact_max=10)
    assert index.search(vectors[2], 1)[0][0] == "d:2"
    assert newer.exists() and not path.exists()


def test_vector_index_empty_corpus_finds_nothing():
    index = VectorIndex([], [], np.zeros((0, 8), dtype=np.float32))
    assert index.search(np.ones(8, dtype=np.float32), 5) == []


def test_vector_index_of_store_searches_the_stored_vectors(store):
    from models.embed import FakeEmbedder
    from tests.conftest import SEED
    from tests.test_pipeline import run

    run(store, [SEED])
    paragraphs = store.load_paragraphs()
    ids, texts = [p.id for p in paragraphs], [p.text for p in paragraphs]
    embedder = FakeEmbedder()
    index = VectorIndex.of_store(store, embedder.name, ids, texts, store.revision())
    assert not index.approximate_
    assert index.search(embedder.embed([texts[4]])[0], 1)[0][0] == ids[4]
