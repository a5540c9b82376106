"""Keyword search in context: whole words, snippets around hits, escaped before marking."""

from __future__ import annotations

import pandas as pd

from components import kwic

TEXT = (
    "Russia firmly supports China in upholding its legitimate interests on issues related to "
    "Taiwan, Hong Kong and Xinjiang, Putin said, adding that the talks between Saudi Arabia "
    "and Iran in Beijing showed China's important status and positive influence as a major "
    "country in the world, and that Russia stands ready to work toward a lasting peace."
)


def test_kwic_matches_whole_words_only():
    texts = pd.Series(["the war ended", "toward peace", "wars and summits", "award"])
    assert kwic.keyword_mask(texts, ["war"]).tolist() == [True, False, True, False]
    assert kwic.keyword_mask(texts, ["war", "summit"]).tolist() == [False, False, True, False]
    assert not kwic.keyword_mask(texts, []).any()


def test_kwic_snippets_show_hits_in_context_cut_at_words():
    out = kwic.snippet_html(TEXT, kwic.terms("Taiwan peace"), width=30)
    assert "<mark>Taiwan</mark>" in out and "<mark>peace</mark>" in out
    assert out.count("…") >= 2  # two windows, the text between them left out
    plain = out.replace("<mark>", "").replace("</mark>", "").replace("&#x27;", "'")
    for window in filter(None, (w.strip() for w in plain.split("…"))):
        at = TEXT.find(window)
        assert at == 0 or TEXT[at - 1] == " ", window  # cut between words, not inside one
        assert at + len(window) == len(TEXT) or TEXT[at + len(window)] in " ,", window
    assert "<mark>" not in kwic.snippet_html(TEXT, ["war"])  # "toward" is not "war"


def test_kwic_escapes_document_markup_before_marking():
    out = kwic.snippet_html("<b>bold</b> talks <script>x</script>", ["talks"])
    assert "<b>" not in out and "<script>" not in out
    assert "&lt;b&gt;" in out and "<mark>talks</mark>" in out
