import gzip
import json

import pytest

from models.errors import IngestError
from models.ingest import read_path
from models.pipeline import load_inputs

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


def test_ingest_jsonl_country_iso3_and_session_are_kept_in_meta(tmp_path):
    record = {**RECORD, "country_iso3": "rus", "session": 69}
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps(record)])
    (doc,), _ = read_path(path)
    assert doc.meta == {"country_iso3": "RUS", "session": 69}
    loaded, _ = load_inputs([path])
    assert loaded[0].document.meta["country_iso3"] == "RUS"


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("party: Russia", {"party": "Russia", "country_iso3": "RUS"}),
        ("party: USA", {"party": "USA", "country_iso3": "USA"}),
        ("party: Viet Nam", {"party": "Viet Nam", "country_iso3": "VNM"}),
        ("party: African Union", {"party": "African Union"}),
        ("speaker: Sergey Lavrov", {"speaker": "Sergey Lavrov"}),
    ],
)
def test_ingest_front_matter_party_or_speaker_is_the_voice(tmp_path, front, expected):
    path = tmp_path / "speech.md"
    path.write_text(f"---\ntitle: Statement\n{front}\n---\nWe support the Charter.\n")
    (raw,), _ = read_path(path)
    assert {k: v for k, v in raw.meta.items() if k != "title"} == expected


@pytest.mark.parametrize(
    ("name", "iso3", "session", "year"),
    [("RUS_69_2014.txt", "RUS", 69, "2014"), ("USA_70_2015.txt", "USA", 70, "2015")],
)
def test_ingest_ungdc_file_name_gives_country_session_and_year(tmp_path, name, iso3, session, year):
    path = tmp_path / name
    path.write_text("Mr. President,\nWe stand for a multipolar world.\nThank you.\n")
    (raw,), _ = read_path(path)
    assert (raw.meta["country_iso3"], raw.meta["session"]) == (iso3, session)
    loaded, _ = load_inputs([path])
    document = loaded[0].document
    assert document.date == year and document.meta["country_iso3"] == iso3


def test_ingest_ungdc_year_gives_way_to_a_date_in_the_text(tmp_path):
    path = tmp_path / "RUS_69_2014.txt"
    path.write_text("New York, 27 September 2014\nWe stand for a multipolar world.\nThank you.\n")
    loaded, _ = load_inputs([path])
    assert loaded[0].document.date == "2014-09-27"


def test_ingest_ordinary_names_are_no_voice(tmp_path):
    path = tmp_path / "ABCD_1_2014.txt"
    path.write_text("Text here.\n\nMore text.\n")
    (raw,), _ = read_path(path)
    assert raw.meta == {}


def test_ingest_html_main_text_comes_from_trafilatura_without_page_furniture(tmp_path):
    content = [
        "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Russian "
        "President Vladimir Putin on Tuesday, and the two sides agreed to deepen cooperation.",
        "Both leaders said trade between the two countries had reached a record level last year, "
        "and they pledged to expand cooperation in energy, agriculture and technology.",
        "The two presidents also signed a joint statement on the comprehensive partnership.",
    ]
    body = "".join(f"<p>{c}</p>" for c in content)
    path = tmp_path / "talks.html"
    path.write_text(
        "<html><head><title>Xi, Putin hold talks | Outlet</title></head><body>"
        "<div class='top'><a>Home</a> <a>World</a> <a>Politics</a></div>"
        "<div class='post'><h1>Xi, Putin hold talks</h1>"
        "<div class='byline'>By Staff Reporter | Updated: 21 Mar 2023, 10:05 AM IST</div>"
        f"<div class='entry-content'>{body}</div>"
        "<div class='comments'><h3>Leave a comment</h3>"
        "<p>Thank you for sharing your thoughts. Your comment will be reviewed.</p></div></div>"
        "<div class='sidebar'><h3>Most Viewed</h3><ul><li><a>Floods hit the north</a></li>"
        "<li><a>Minister resigns over budget row</a></li></ul></div>"
        "<div class='footer'>Copyright 2023 Outlet. All rights reserved.</div></body></html>",
        encoding="utf-8",
    )
    loaded, _ = load_inputs([path])
    document, paragraphs = loaded[0].document, [p.text for p in loaded[0].paragraphs]
    assert document.place == "Moscow" and document.source == "Xinhua"
    assert len(paragraphs) == 3 and paragraphs[1] == content[1]
    for noise in ("Leave a comment", "Thank you", "Most Viewed", "Floods", "Copyright", "Home"):
        assert not any(noise in p for p in paragraphs)


def test_ingest_html_falls_back_to_the_tag_reader_when_trafilatura_finds_nothing(
    tmp_path, monkeypatch
):
    import models.html_text as html_text

    monkeypatch.setattr(html_text, "trafilatura_document", lambda html: None)
    path = tmp_path / "page.html"
    path.write_text("<html><body><article><p>The two leaders met.</p></article></body></html>")
    (raw,), _ = read_path(path)
    assert raw.text == "The two leaders met."
