import re

import numpy as np

from models.embed import FakeEmbedder
from models.topics import TopicModel, assign_new, candidate_ks, misfit_share, topic_stopwords

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


def planted(themes: int = 10, subtopics: int = 2, per: int = 25, dim: int = 48, seed: int = 0):
    """Vectors with planted structure: ``themes`` far-apart centres, each with ``subtopics``
    nearer centres, ``per`` noisy points around each; (vectors, theme, subtopic) per point."""
    rng = np.random.default_rng(seed)
    vectors, theme_of, sub_of = [], [], []
    for t in range(themes):
        centre = rng.normal(0, 1, dim) * 4
        for s in range(subtopics):
            sub = centre + rng.normal(0, 1, dim) * 1.2
            vectors.append(sub + rng.normal(0, 0.35, (per, dim)))
            theme_of += [t] * per
            sub_of += [t * subtopics + s] * per
    return np.vstack(vectors), np.array(theme_of), np.array(sub_of)


def test_topics_recover_planted_themes_and_their_topics():
    from sklearn.metrics import adjusted_rand_score

    x, theme_of, sub_of = planted()
    texts = [f"theme{t} subtopic{s}" for t, s in zip(theme_of, sub_of, strict=True)]
    model = TopicModel(exclude_names=False).fit(texts, x)
    themes = model.theme_of_[model.labels_]
    assert model.n_themes_ == 10
    assert adjusted_rand_score(theme_of, themes) == 1.0
    assert adjusted_rand_score(sub_of, model.labels_) == 1.0
    assert sorted(t["theme"] for t in model.topics_) == sorted(list(range(10)) * 2)
    assert sum(t["size"] for t in model.themes_) == len(x)
    # The number of themes came from a sweep that is not flat.
    scores = [score for _, score in model.sweep_]
    assert max(scores) - min(scores) > 0.1


def test_topics_same_input_same_themes_and_map():
    x, theme_of, sub_of = planted(seed=3)
    texts = [f"theme{t}" for t in theme_of]
    a = TopicModel(exclude_names=False).fit(texts, x)
    b = TopicModel(exclude_names=False).fit(texts, x)
    assert (a.labels_ == b.labels_).all() and a.themes_ == b.themes_
    assert np.array_equal(a.coords_, b.coords_)


def test_topics_keywords_leave_out_party_and_leader_names():
    texts = []
    for i in range(30):
        texts.append(
            f"China and Russia’s leaders Xi Jinping and Putin discussed energy pipelines gas {i}"
        )
        texts.append(f"The United States and India discussed student exchanges universities {i}")
    model = fit(texts)
    words = {w for t in model.topics_ + model.themes_ for k in t["keywords"] for w in k.split()}
    assert not words & {"china", "russia’s", "russia", "xi", "jinping", "putin", "india"}
    assert "united states" not in {k for t in model.topics_ for k in t["keywords"]}
    assert words & {"energy", "pipelines", "gas", "universities", "student", "exchanges"}


def test_topics_map_of_a_large_corpus_places_the_unsampled_among_their_neighbours():
    x, theme_of, _ = planted(themes=3, subtopics=1, per=60)
    model = TopicModel(exclude_names=False, map_sample=50).fit(["x"] * len(x), x)
    assert model.coords_.shape == (180, 2) and np.abs(model.coords_).max() <= 1.0 + 1e-9
    centres = np.vstack([model.coords_[theme_of == t].mean(axis=0) for t in range(3)])
    spread = max(np.linalg.norm(model.coords_[theme_of == t] - centres[t], axis=1).mean()
                 for t in range(3))  # fmt: skip
    gaps = [np.linalg.norm(centres[a] - centres[b]) for a in range(3) for b in range(a + 1, 3)]
    assert min(gaps) > 2 * spread  # planted groups stay apart on the map


def test_topics_misfit_share_tells_more_of_the_same_from_new_content():
    x, theme_of, _ = planted(themes=4, subtopics=1, per=100)
    base, same = x[::2], x[1::2]
    labels = theme_of[::2]
    assert misfit_share(base, labels, same, theme_of[1::2]) < 0.1
    far, _, _ = planted(themes=1, subtopics=1, per=40, seed=9)  # a theme the base never had
    nearest = assign_new(base, labels, np.zeros((len(base), 2)), far)[0]
    assert misfit_share(base, labels, far, nearest) > 0.5
