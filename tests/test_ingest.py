import gzip
import json

import pytest

from models.errors import IngestError
from models.ingest import read_path

RECORD = {"id": "r1", "title": "T", "date": "2023-03-21", "source_url": "http://x", "text": "Body."}


def write_jsonl(path, lines, gz=False):
    data = "\n".join(lines).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def test_ingest_reads_plain_text(tmp_path):
    path = tmp_path / "Talks in Moscow.txt"
    path.write_text("Title line\n\nFirst paragraph.\n", encoding="utf-8")
    (doc,), skipped = read_path(path)
    assert doc.id == "talks-in-moscow" and doc.fmt == "txt" and not skipped


def test_ingest_markdown_front_matter_becomes_metadata(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Joint Statement\ndate: 2024-04-10\nsource_url: https://example.org/js\n---\n"
        "We reaffirm our **alliance**.\n",
        encoding="utf-8",
    )
    (doc,), _ = read_path(path)
    assert doc.title == "Joint Statement"
    assert doc.date == "2024-04-10"
    assert doc.source_url == "https://example.org/js"
    assert "---" not in doc.text and doc.fmt == "md"


def test_ingest_html_keeps_main_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Summit</title><style>p{color:red}</style>"
        "<script>var tracking = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Leaders meet</h1><p>The two leaders met in Paris.</p>"
        "<p>They agreed to expand trade.</p></article>"
        "<footer>Copyright 2024 Example</footer></body></html>",
        encoding="utf-8",
    )
    (doc,), _ = read_path(path)
    assert doc.title == "Leaders meet"
    assert "The two leaders met in Paris." in doc.text
    for noise in ("tracking", "color:red", "Home", "Copyright"):
        assert noise not in doc.text


@pytest.mark.parametrize("gz", [False, True])
def test_ingest_jsonl_records_plain_and_gzipped(tmp_path, gz):
    path = write_jsonl(tmp_path / ("c.jsonl.gz" if gz else "c.jsonl"), [json.dumps(RECORD)], gz)
    (doc,), _ = read_path(path)
    assert (doc.id, doc.title, doc.date, doc.source_url) == ("r1", "T", "2023-03-21", "http://x")


def test_ingest_missing_file_names_it(tmp_path):
    with pytest.raises(IngestError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt")


def test_ingest_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(IngestError, match=r"empty\.txt: file is empty"):
        read_path(path)


def test_ingest_binary_file_is_an_error(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(IngestError, match="binary file"):
        read_path(path)


def test_ingest_undecodable_bytes_are_an_error(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 society".encode("latin-1"))
    with pytest.raises(IngestError, match=r"latin\.txt: not UTF-8 text \(byte 0xe9 at offset 3\)"):
        read_path(path)


def test_ingest_bad_json_line_names_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps(RECORD), "{not json"])
    with pytest.raises(IngestError, match=r"c\.jsonl:2: line is not JSON"):
        read_path(path)


def test_ingest_record_without_text_names_line(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps({"id": "x", "title": "no text"})])
    with pytest.raises(IngestError, match=r"c\.jsonl:1: record has no text"):
        read_path(path)


def test_ingest_bad_gzip_is_an_error(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(b"this is not gzip")
    with pytest.raises(IngestError, match="not a valid gzip file"):
        read_path(path)


def test_ingest_unsupported_type_is_an_error(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError, match="unsupported file type '.pdf'"):
        read_path(path)


def test_ingest_skip_bad_reports_and_keeps_the_rest(tmp_path):
    lines = [
        json.dumps(RECORD),
        "[1, 2",
        json.dumps({"id": "y"}),
        json.dumps({**RECORD, "id": "r2"}),
    ]
    path = write_jsonl(tmp_path / "c.jsonl", lines)
    docs, skipped = read_path(path, skip_bad=True)
    assert [d.id for d in docs] == ["r1", "r2"]
    assert skipped == [
        f"{path}:2: line is not JSON (Expecting ',' delimiter)",
        f"{path}:3: record has no text",
    ]


def test_ingest_invalid_front_matter_is_an_error(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nText.\n")
    with pytest.raises(IngestError, match=r"bad\.md: front matter is not valid YAML"):
        read_path(path)
