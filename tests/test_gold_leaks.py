"""No rule or lexicon entry is a sentence copied from a gold text: 8 words in a row of any gold
source text must not appear in models/ or data/ (the seed article itself lives in data/)."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.corpora
GOLD = ROOT / "tests" / "gold"
CORPORA = ROOT.parent / "shared" / "corpora"
N = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def _gold_texts(corpora) -> dict[str, str]:
    wanted: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for path in sorted(GOLD.rglob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))["source"]
        if "path" in source:
            texts[path.name] = (ROOT / source["path"]).read_text(encoding="utf-8")
        else:
            wanted.setdefault(source["corpus"], set()).add(source["id"])
    for corpus, ids in wanted.items():
        with gzip.open(corpora / corpus, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["id"] in ids:
                    texts[record["id"]] = record["text"]
    return texts


def _code_and_data() -> dict[str, str]:
    files = [*(ROOT / "models").rglob("*.py"), *(ROOT / "data").rglob("*")]
    return {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8", errors="replace")
        for p in files
        if p.is_file() and not p.name.startswith("seed-")
    }


def test_gold_leaks_no_gold_sentence_in_models_or_data(corpora):
    gold = {name: _shingles(text) for name, text in _gold_texts(corpora).items()}
    assert len(gold) >= 30
    leaks = []
    for path, text in _code_and_data().items():
        mine = _shingles(text)
        for name, shingles in gold.items():
            for hit in sorted(mine & shingles)[:1]:
                leaks.append(f"{path}: {' '.join(hit)!r} from {name}")
    assert not leaks, "\n".join(leaks)


def test_gold_leaks_detects_a_copied_sentence(corpora):
    text = next(iter(_gold_texts(corpora).values()))
    sentence = " ".join(_words(text)[:N])
    assert _shingles(f"# {sentence}\n") & _shingles(text)
