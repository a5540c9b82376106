"""Shared fixtures: temporary stores, the fake embedder, paths to the seed and the corpora."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from models.embed import FakeEmbedder
from models.schema import Extractions
from models.store import Store

# The dashboard draws a session's first page before its sidebar after a pause for the
# browser (components.layout.sidebar); tests need no pause, only the same two runs.
os.environ.setdefault("READOUT_SIDEBAR_DELAY", "0")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
CORPORA = ROOT.parent / "shared" / "corpora"
WHITEHOUSE = CORPORA / "whitehouse-statements.jsonl.gz"
UN_DEBATE = CORPORA / "un-general-debate-2015-2022.jsonl.gz"


class NullExtractor:
    """Extracts nothing: for tests of the core that must not depend on extraction rules."""

    def __init__(self, version: str = "null-1"):
        self.version = version
        self.calls: list[str] = []

    def knowledge_version(self) -> str:
        return self.version

    def extract(self, document, paragraphs, embedder=None) -> Extractions:
        self.calls.append(document.id)
        return Extractions()


@pytest.fixture
def store(tmp_path: Path):
    """A fresh store file in a temporary folder."""
    with Store(tmp_path / "readout.db") as s:
        yield s


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def null_extractor() -> NullExtractor:
    return NullExtractor()


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared corpora folder; tests that need it skip where it is absent."""
    if not WHITEHOUSE.exists() or not UN_DEBATE.exists():
        pytest.skip(f"corpora not found at {CORPORA}")
    return CORPORA
