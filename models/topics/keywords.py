"""Topic keywords: sparse c-TF-IDF over the paragraphs of each cluster, without stop words
and without party or leader names (which say who speaks, not what about)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

STOPWORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "topic_stopwords.txt"
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w’'-]*[^\W\d_]\b"


@cache
def topic_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    """English stop words plus the domain words of data/topic_stopwords.txt."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    extra = {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}
    return frozenset(ENGLISH_STOP_WORDS | extra)


@cache
def party_names() -> tuple[frozenset[str], frozenset[str]]:
    """Names of parties and leaders (data/parties.yaml and pycountry) as the vectorizer sees
    them: one-word names with their possessives, and two-word phrases (a longer name gives
    its consecutive pairs of words that are not stop words: "bosnia herzegovina")."""
    from models.extract.knowledge import default_knowledge

    words, phrases = default_knowledge().parties.name_terms()
    tokens = {t for w in words for t in re.findall(TOKEN_PATTERN, w)}  # "jr." -> "jr"
    tokens |= {t + s for t in tokens for s in ("’s", "'s")}
    pairs = set()
    for phrase in phrases:
        content = [t for t in re.findall(TOKEN_PATTERN, phrase) if t not in topic_stopwords()]
        pairs.update(f"{a} {b}" for a, b in zip(content, content[1:], strict=False))
    pairs |= {p.replace("'", "’") for p in pairs}
    return frozenset(tokens), frozenset(pairs)


def distinct(ranked: Sequence[str], n: int) -> list[str]:
    """The first n of ranked keywords that share no word with one before (no 'talks'
    after 'held talks')."""
    chosen: list[str] = []
    used: set[str] = set()
    for word in ranked:
        if len(chosen) >= n:
            break
        parts = set(re.split(r"[\s-]+", word))
        if parts & used:
            continue
        chosen.append(str(word))
        used |= parts
    return chosen


PARAGRAPH_BREAK = "\x00"


def keyphrase_analyzer(stop: frozenset[str], phrases: frozenset[str]):
    """Words and two-word phrases of a text, lowercased: a stop word, a paragraph break or
    the end of a name breaks a phrase (no "prime prime" from "Prime Minister Modi and Prime
    Minister ..."), and a two-word name is no phrase."""
    token = re.compile(TOKEN_PATTERN)

    def analyze(text: str) -> list[str]:
        out: list[str] = []
        for paragraph in text.lower().split(PARAGRAPH_BREAK):
            previous = None
            for word in token.findall(paragraph):
                if word in stop:
                    previous = None
                    continue
                out.append(word)
                if previous is not None:
                    pair = f"{previous} {word}"
                    if pair not in phrases:
                        out.append(pair)
                previous = word
        return out

    return analyze


def count_words(
    texts: Sequence[str],
    labels: np.ndarray,
    k: int,
    names: tuple[frozenset[str], frozenset[str]] | None = None,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Word and two-word counts of each cluster 0..k-1 (a sparse k x vocabulary matrix) and
    the vocabulary, without stop words and ``names`` (words, two-word phrases)."""
    docs: list[list[str]] = [[] for _ in range(k)]
    for text, label in zip(texts, labels, strict=True):
        docs[label].append(text)
    words, phrases = names or (frozenset(), frozenset())
    analyzer = keyphrase_analyzer(topic_stopwords() | words, phrases)
    vectorizer = CountVectorizer(analyzer=analyzer, dtype=np.float64)
    try:
        counts = vectorizer.fit_transform(PARAGRAPH_BREAK.join(d) for d in docs).tocsr()
    except ValueError:  # nothing but stop words
        return sparse.csr_matrix((k, 0)), np.array([], dtype=object)
    return counts, vectorizer.get_feature_names_out()


def top_keywords(counts: sparse.csr_matrix, vocab: np.ndarray, n: int = 8) -> list[list[str]]:
    """Per row of a cluster-by-word count matrix, its n best keywords by c-TF-IDF: words
    frequent in that cluster's text and rare in the others' (sparse throughout: a dense
    matrix of a large corpus would not fit in memory)."""
    k = counts.shape[0]
    if not counts.nnz:
        return [[] for _ in range(k)]
    row_sums = np.maximum(np.asarray(counts.sum(axis=1)).ravel(), 1)
    avg_words = counts.sum() / k
    idf = np.log(1 + avg_words / np.maximum(np.asarray(counts.sum(axis=0)).ravel(), 1))
    # Words every cluster uses do not tell clusters apart.
    class_df = np.bincount(counts.indices, minlength=len(vocab))
    spread = np.log((k + 1) / np.maximum(class_df, 1))
    out = []
    for c in range(k):
        lo, hi = counts.indptr[c], counts.indptr[c + 1]
        ids = counts.indices[lo:hi]
        scores = counts.data[lo:hi] / row_sums[c] * idf[ids] * spread[ids]
        keep = scores > 0
        ids, scores = ids[keep], scores[keep]
        order = ids[np.lexsort((vocab[ids], -scores))]  # best first, ties by word
        out.append(distinct(vocab[order[: n * 8]], n))
    return out


def ctfidf_keywords(
    texts: Sequence[str],
    labels: np.ndarray,
    k: int,
    n: int = 8,
    names: tuple[frozenset[str], frozenset[str]] | None = None,
) -> list[list[str]]:
    """The n best keywords of each cluster 0..k-1 (:func:`count_words`, :func:`top_keywords`)."""
    return top_keywords(*count_words(texts, labels, k, names), n)
