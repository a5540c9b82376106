import numpy as np
import pytest

from models.embed import FakeEmbedder, SentenceTransformerEmbedder, by_length, text_hash


def test_embed_fake_is_deterministic_and_normalized():
    texts = ["Trade and energy cooperation.", "Grain exports rose."]
    a, b = FakeEmbedder().embed(texts), FakeEmbedder().embed(texts)
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_embed_text_hash_is_exact_text():
    assert text_hash("a") == text_hash("a") != text_hash("a ")


@pytest.mark.model
def test_embed_real_model_puts_related_paragraphs_closer():
    embedder = SentenceTransformerEmbedder()
    vectors = embedder.embed(
        [
            "The two countries agreed to expand cooperation on oil and natural gas supplies.",
            "Both sides will deepen energy partnership, including pipelines and LNG.",
            "The football team won the championship after a dramatic penalty shootout.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    related, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert related > unrelated + 0.2, (related, unrelated)


@pytest.mark.model
def test_embed_real_model_seed_topics(tmp_path):
    from models.pipeline import analyze
    from models.store import Store
    from tests.conftest import SEED, NullExtractor

    with Store(tmp_path / "r.db") as store:
        analyze(
            [SEED], store=store, embedder=SentenceTransformerEmbedder(), extractor=NullExtractor()
        )
        topics = store.conn.execute("SELECT label, size FROM topics").fetchall()
    assert len(topics) >= 3 and all(label and size >= 2 for label, size in topics)


def test_embed_by_length_orders_shortest_first_and_stably():
    assert by_length(["ccc", "a", "bb", "z", ""]).tolist() == [4, 1, 3, 2, 0]


@pytest.mark.model
def test_embed_real_model_sorted_chunks_give_the_vectors_of_plain_encode():
    texts = [
        "A long paragraph on trade, investment, energy and the digital economy in Asia.",
        "Short.",
        "Leaders met in Moscow.",
        "They signed fourteen documents on agriculture, transport and education exchanges.",
        "Peace.",
    ]
    embedder = SentenceTransformerEmbedder(batch_size=2, chunk=2)
    plain = embedder._load().encode(texts, convert_to_numpy=True)
    plain = plain / np.linalg.norm(plain, axis=1, keepdims=True)
    assert np.allclose(embedder.embed(texts), plain, atol=1e-5)
