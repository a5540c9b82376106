import numpy as np
import pytest

from models.embed import FakeEmbedder, SentenceTransformerEmbedder, text_hash


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
