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
    vectorizer = CountVectorizer(
        stop_words=sorted(topic_stopwords() | words),
        ngram_range=(1, 2),
        token_pattern=TOKEN_PATTERN,
        lowercase=True,
        dtype=np.float64,
    )
    try:
        counts = vectorizer.fit_transform(" ".join(d) for d in docs).tocsr()
    except ValueError:  # nothing but stop words
        return sparse.csr_matrix((k, 0)), np.array([], dtype=object)
    vocab = vectorizer.get_feature_names_out()
    if phrases:
        named = np.fromiter((v in phrases for v in vocab), bool, len(vocab))
        counts = counts @ sparse.diags((~named).astype(np.float64))
        counts.eliminate_zeros()
    return counts.tocsr(), vocab


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
