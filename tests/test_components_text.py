"""Text from documents stays text: Markdown (pages, messages, the note) and CSV cells."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from components import briefing
from components.state import Filters
from components.text import csv_cell, md_plain
from tests.test_components_pure import PAYLOAD, frames, payload_frames  # noqa: F401 (fixtures)

RENDER = MarkdownIt("commonmark").enable("table").render
PAYLOADS = [
    PAYLOAD,
    "![x](http://evil.example/x.png)",
    "[click](http://evil.example)",
    "<script>alert(1)</script>",
    "# Heading\n=====\n- item\n1. first",
    "Title\n---",
    "**bold** _it_ `code` ~~s~~ | a | b |",
    "[x]: http://evil.example\n[x]",
    "&lt;b&gt; &#60;img src=x&#62;",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_components_text_md_plain_renders_as_the_text_itself(text):
    html = RENDER(md_plain(text))
    for tag in ("<img", "<a ", "<script", "<h1", "<h2", "<strong", "<em", "<code", "<li", "<table"):
        assert tag not in html
    assert "<del" not in html and "<hr" not in html


def test_components_text_briefing_note_carries_no_markup(payload_frames):  # noqa: F811
    note = briefing.briefing_markdown(payload_frames, Filters(parties=(PAYLOAD,), query=PAYLOAD))
    html = RENDER(note)
    assert "evil.example" in html  # the text is there ...
    assert "<img" not in html and "<a " not in html and "<b>" not in html  # ... as text


def test_components_text_csv_cells_are_never_formulas():
    assert csv_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(start + "1+1") == "'" + start + "1+1"
    assert csv_cell("plain") == "plain" and csv_cell(3) == 3


def test_components_text_export_csv_neutralises_formula_cells(frames):  # noqa: F811
    hostile = frames.areas.assign(evidence="@SUM(1+1)", area="+trade")
    titled = frames.documents.assign(title="=cmd|' /C calc'!A0")
    view = replace(frames, areas=hostile, documents=titled, memo={})
    rows = list(csv.reader(io.StringIO(briefing.export_csv(view).decode("utf-8"))))
    cells = [c for row in rows for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1+1)" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert len(rows) > 1 and isinstance(
        pd.read_csv(io.BytesIO(briefing.export_csv(view))), pd.DataFrame
    )
