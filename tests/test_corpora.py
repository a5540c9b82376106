"""Real texts from ../shared/corpora, read as a user would bring them."""

import gzip
import itertools
import json
import re

import pytest

from models.embed import FakeEmbedder
from models.pipeline import analyze, load_inputs
from tests.conftest import NullExtractor

pytestmark = pytest.mark.corpora
SAMPLE = 500


def sample_file(src, dst, n=SAMPLE, step=None):
    """Write every step-th record of a corpus (spread over its years) to a small .jsonl.gz."""
    with gzip.open(src, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    step = step or max(1, len(lines) // n)
    picked = lines[::step][:n]
    with gzip.open(dst, "wt", encoding="utf-8") as f:
        f.writelines(picked)
    return dst, [json.loads(line)["id"] for line in picked]


@pytest.mark.parametrize("name", ["whitehouse-statements", "un-general-debate-2015-2022"])
def test_corpora_500_documents_ingest_without_error(corpora, tmp_path, store, name):
    path, ids = sample_file(corpora / f"{name}.jsonl.gz", tmp_path / f"{name}.jsonl.gz")
    report = analyze([path], store=store, embedder=FakeEmbedder(), extractor=NullExtractor())
    assert report.skipped == []
    assert sorted(report.added) == sorted(ids) and len(ids) == SAMPLE
    paragraphs = store.load_paragraphs()
    assert store.count("paragraph_topics") == len(paragraphs) > 5 * SAMPLE
    assert store.count("topics") >= 3


def test_corpora_every_record_cleans_to_paragraphs(corpora):
    for name in ("whitehouse-statements", "un-general-debate-2015-2022"):
        loaded, skipped = load_inputs([corpora / f"{name}.jsonl.gz"])
        assert not skipped
        # a few records are images only: kept as empty documents, never invented text
        empty = [i.document.id for i in loaded if not i.paragraphs]
        assert len(empty) <= len(loaded) // 500, empty
        for item in loaded:
            for text in (p.text for p in item.paragraphs):
                assert text.strip() == text and text
                # no emphasis marks left; an escaped "\*\*" footnote mark, followed by a space,
                # is the text's own
                assert not re.search(r"(?<!\\)\*\*(?!\s)|</?u>|^\\?###|^#+ ", text), text


def test_corpora_un_speeches_keep_single_newline_paragraphs(corpora):
    loaded, _ = load_inputs([corpora / "un-general-debate-2015-2022.jsonl.gz"])
    chn = next(i for i in loaded if i.document.id == "CHN_77_2022")
    first = chn.paragraphs[0].text
    assert first.startswith("We are at a time fraught with challenges.")
    assert "The coronavirus disease (COVID-19) keeps resurfacing." in first
    assert chn.paragraphs[1].text.startswith("But we are also at a time full of hope.")
    counts = [len(i.paragraphs) for i in itertools.islice(loaded, 200)]
    assert min(counts) >= 3  # single newlines split speeches into paragraphs
