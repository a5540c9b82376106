import re

import numpy as np

from models.embed import FakeEmbedder
from models.topics import TopicModel, assign_new, candidate_ks, topic_stopwords

THEMES = {
    "energy": "oil gas pipeline energy supplies nuclear power plants electricity grid",
    "trade": "trade exports imports tariffs market access goods commerce customs",
    "culture": "students universities cultural exchanges youth tourism museums films",
    "security": "terrorism cybersecurity police narcotics border crime intelligence",
}


def themed_texts(per_theme: int = 6) -> list[str]:
    rng = np.random.RandomState(1)
    texts = []
    for words in THEMES.values():
        vocab = words.split()
        for _ in range(per_theme):
            texts.append(" ".join(rng.choice(vocab, 8)))
    return texts


def fit(texts):
    return TopicModel().fit(texts, FakeEmbedder().embed(texts))


def test_topics_same_input_same_topics():
    texts = themed_texts()
    a, b = fit(texts), fit(texts)
    assert (a.labels_ == b.labels_).all()
    assert a.topics_ == b.topics_
    assert np.allclose(a.coords_, b.coords_)


def test_topics_small_corpus_gets_several_topics_and_no_outliers():
    model = fit(themed_texts())
    assert model.n_topics_ >= 3
    assert (model.labels_ >= 0).all() and len(model.labels_) == 24
    assert sum(t["size"] for t in model.topics_) == 24


def test_topics_recover_planted_themes():
    texts = themed_texts()
    model = fit(texts)
    for start in range(0, 24, 6):
        block = model.labels_[start : start + 6]
        assert len(set(block)) == 1, f"theme at {start} split: {block}"


def test_topics_labels_are_keywords_without_stop_words():
    model = fit(themed_texts() + ["the and of said will also"] * 2)
    stop = topic_stopwords()
    for topic in model.topics_:
        assert not set(topic["keywords"]) & stop
        if topic["keywords"]:
            assert topic["label"] == ", ".join(topic["keywords"][:3])
        else:  # a cluster of nothing but stop words still gets a readable name
            assert topic["label"].startswith("topic ")


def test_topics_representative_is_a_member():
    model = fit(themed_texts())
    for c, topic in enumerate(model.topics_):
        assert model.labels_[topic["representative"]] == c


def test_topics_number_tried_grows_with_the_corpus():
    assert candidate_ks(20, 3, 40) == [3, 4, 5]
    large = candidate_ks(60_000, 3, 40)
    assert large[0] == 3 and large[-1] == 40 and len(large) <= 12


def test_topics_coords_are_two_dimensional_and_bounded():
    model = fit(themed_texts())
    assert model.coords_.shape == (24, 2)
    assert np.abs(model.coords_).max() <= 1.0 + 1e-9


def test_topics_empty_and_tiny_inputs():
    empty = TopicModel().fit([], np.zeros((0, 8)))
    assert empty.n_topics_ == 0
    one = TopicModel().fit(["energy cooperation"], FakeEmbedder().embed(["energy cooperation"]))
    assert one.n_topics_ == 1 and list(one.labels_) == [0]


def test_topics_keywords_do_not_repeat_words():
    model = fit(themed_texts())
    for topic in model.topics_:
        words = [w for keyword in topic["keywords"] for w in re.split(r"[\s-]+", keyword)]
        assert len(words) == len(set(words)), topic["keywords"]


def test_topics_assign_new_joins_the_nearest_topic_among_its_neighbours():
    rng = np.random.default_rng(0)
    a = rng.normal([5, 0, 0], 0.1, (10, 3))
    b = rng.normal([0, 5, 0], 0.1, (10, 3))
    vectors, labels = np.vstack([a, b]), np.array([3] * 10 + [7] * 10)
    coords = np.vstack([np.tile([-1.0, 0.0], (10, 1)), np.tile([1.0, 2.0], (10, 1))])
    new = np.array([[0.2, 4.0, 0.1], [4.0, 0.3, 0.0]])
    new_labels, new_coords = assign_new(vectors, labels, coords, new, batch=1)
    assert new_labels.tolist() == [7, 3]
    assert new_coords.tolist() == [[1.0, 2.0], [-1.0, 0.0]]
