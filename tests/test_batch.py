"""models.batch: a batch of files reported file by file, bad ones skipped with their reason."""

import json

from models.batch import by_file
from models.embed import FakeEmbedder
from models.pipeline import analyze, load_inputs
from tests.conftest import NullExtractor


def _files(tmp_path):
    good = tmp_path / "hanoi.txt"
    good.write_text("Leaders met in Hanoi.\n\nThey agreed to expand trade.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    mixed = tmp_path / "mixed.jsonl"
    records = [{"id": "a", "title": "A", "text": "Trade grew."}, "{broken"]
    mixed.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
    return [str(good), str(empty), str(mixed)]


def test_batch_reports_each_file_and_skips_the_bad(tmp_path, store):
    paths = _files(tmp_path)
    loaded, skipped = load_inputs(paths, skip_bad=True)
    report = analyze(
        paths, store=store, embedder=FakeEmbedder(), extractor=NullExtractor(),
        loaded=(loaded, skipped), skip_bad=True,
    )  # fmt: skip
    good, empty, mixed = by_file(paths, loaded, report.skipped, report)
    assert good.summary() == "added 1 document (2 paragraphs)" and good.landed
    assert empty.summary() == "skipped: file is empty" and not empty.landed
    assert mixed.summary() == (
        "added 1 document (1 paragraph); skipped 1 record: line 2: line is not JSON (Expecting "
        "property name enclosed in double quotes)"
    )
    assert sorted(d.id for d in store.load_documents()) == ["a", "hanoi"]
    again = analyze(paths[:1], store=store, embedder=FakeEmbedder(), extractor=NullExtractor())
    (same,) = by_file(paths[:1], *load_inputs(paths[:1]), again)
    assert same.summary() == "1 document unchanged (already stored)"


def test_batch_a_file_with_no_usable_record_names_the_first_reason(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    loaded, skipped = load_inputs([bad], skip_bad=True)
    (outcome,) = by_file([bad], loaded, skipped, None)
    assert loaded == [] and not outcome.landed
    assert outcome.summary() == (
        "skipped: no usable records (line 1: line is not JSON (Expecting value))"
    )
