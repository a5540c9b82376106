"""Pure pieces of the dashboard: frames, apply_filters, charts, drill-down, briefing, state."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components import (
    briefing,
    chart_base,
    charts,
    drilldown,
    position_charts,
    ranking,
    signing_charts,
    topic_charts,
    views,
)
from components.chart_base import OTHERS_COLOUR
from components.filters import apply_filters, valid_date
from components.frames import date_bounds, prepare
from components.state import Filters, filters_from_params, params_dict
from models.display import load_names


@pytest.fixture
def frames():
    docs = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "title": ["Talks", "Summit", None],
            "date": ["2023-03-21", "2024", None],
            "source": None,
            "place": None,
            "source_url": None,
            "kind": None,
            "n_paragraphs": [2, 2, 1],
        }
    )
    paras = pd.DataFrame(
        {
            "id": ["a:1", "a:2", "b:1", "b:2", "c:1"],
            "document_id": ["a", "a", "b", "b", "c"],
            "index": [1, 2, 1, 2, 1],
            "text": [
                "China and Russia expand trade.",
                "China supports the plan.",
                "India raises climate finance.",
                "<script>alert(1)</script> trade talks",
                "Undated text.",
            ],
            "topic_id": [0, 0, 1, 1, -1],
            "x": [0.0, 1.0, 2.0, 3.0, 4.0],
            "y": [0.0, 1.0, 0.0, 1.0, 0.0],
        }
    )
    topics = pd.DataFrame(
        {
            "id": [0, 1],
            "label": ["trade", "climate"],
            "keywords": [["trade"], ["climate"]],
            "size": [2, 2],
            "representative_id": ["a:1", "b:1"],
            "theme": [0, 1],
            "theme_label": ["commerce", "environment"],
        }
    )
    areas = pd.DataFrame(
        {
            "document_id": ["a", "b", "b"],
            "area": ["trade", "climate", "trade"],
            "holders": [["China", "Russia"], ["India"], []],
            "speaker": [None, None, None],
            "paragraph_id": ["a:1", "b:1", "b:2"],
            "evidence": ["expand trade", "climate finance", "trade talks"],
        }
    )
    positions = pd.DataFrame(
        {
            "document_id": ["a"],
            "holders": [["China"]],
            "speaker": [None],
            "stance": ["support"],
            "target": ["the plan"],
            "paragraph_id": ["a:2"],
            "evidence": ["supports the plan"],
        }
    )
    signings = pd.DataFrame(
        {
            "document_id": ["a"],
            "document": ["trade pact"],
            "signatories": [["Xi"]],
            "parties": [["China", "Russia"]],
            "areas": [["trade"]],
            "paragraph_id": ["a:1"],
            "evidence": ["expand trade"],
        }
    )
    return prepare(docs, paras, topics, areas, positions, signings)


def ids(df: pd.DataFrame, column: str = "id") -> list[str]:
    return sorted(df[column].astype(str))


def test_components_partial_dates_become_bounds():
    start, end = date_bounds(pd.Series(["2023", "2023-03", "2023-03-21", None]))
    assert list(start) == ["2023-01-01", "2023-03-01", "2023-03-21", ""]
    assert list(end) == ["2023-12-31", "2023-03-31", "2023-03-21", ""]
    assert valid_date("2023-03") and not valid_date("March 2023")


def test_components_no_filter_keeps_everything(frames):
    view = apply_filters(frames, Filters())
    assert len(view.paragraphs) == 5 and len(view.areas) == 3


@pytest.mark.parametrize(
    ("filters", "paragraphs"),
    [
        (Filters(documents=("a",)), ["a:1", "a:2"]),
        (Filters(parties=("India",)), ["b:1"]),
        (Filters(parties=("Russia",)), ["a:1"]),
        (Filters(topics=(1,)), ["b:1", "b:2"]),
        (Filters(themes=(0,)), ["a:1", "a:2"]),
        (Filters(areas=("trade",)), ["a:1", "b:2"]),
        (Filters(stances=("support",)), ["a:2"]),
        (Filters(date_from="2024"), ["b:1", "b:2"]),
        (Filters(date_to="2023-03"), ["a:1", "a:2"]),
        (Filters(date_from="2023-03-22", date_to="2023-12"), []),
        (Filters(areas=("trade",), parties=("China",)), ["a:1"]),
    ],
)
def test_components_apply_filters_narrows_paragraphs_and_rows(frames, filters, paragraphs):
    view = apply_filters(frames, filters)
    assert ids(view.paragraphs) == paragraphs
    for df in (view.areas, view.positions, view.signings):
        assert set(df["paragraph_id"]) <= set(paragraphs)
    assert set(view.documents["id"]) == {p.split(":")[0] for p in paragraphs}


def test_components_apply_filters_keeps_own_column_filters(frames):
    view = apply_filters(frames, Filters(areas=("trade",)))
    assert set(view.areas["area"]) == {"trade"}
    view = apply_filters(frames, Filters(parties=("India",)))
    assert ids(view.areas, "paragraph_id") == ["b:1"]


def test_components_search_matches_restrict_and_rank(frames):
    view = apply_filters(frames, Filters(query="trade"), {"b:2": 2.0, "a:1": 1.5})
    assert ids(view.paragraphs) == ["a:1", "b:2"]
    assert list(view.ranking) == ["b:2", "a:1"]


def test_components_charts_carry_paragraph_ids(frames):
    figs = [
        charts.visualize_areas_by_party(frames.areas, frames.names, {}),
        charts.visualize_party_activity(
            frames.areas, frames.positions, frames.signings, frames.names
        ),
        topic_charts.visualize_themes(frames.paragraphs),
        topic_charts.visualize_themes_over_time(frames.paragraphs, frames.documents),
        topic_charts.visualize_topics(frames.paragraphs),
        topic_charts.visualize_topic_sizes(frames.paragraphs, frames.topics),
        charts.visualize_area_matrix(frames.areas, {}, frames.names),
        charts.visualize_areas_over_time(frames.areas, frames.documents, frames.names),
        position_charts.visualize_positions(frames.positions, frames.names),
        signing_charts.visualize_signings(frames.signings),
    ]
    known = set(frames.paragraphs["id"])
    for fig in figs:
        found = [
            pid
            for trace in fig.data
            if trace.customdata is not None
            for row in trace.customdata
            for pid in str(row[0]).split("|")
        ]
        assert found and set(found) <= known, fig.layout.title.text


def test_components_areas_by_party_counts_each_holder(frames):
    fig = charts.visualize_areas_by_party(frames.areas, frames.names, {})
    bars = {
        (t.name, y): (x, c[0])
        for t in fig.data
        for y, x, c in zip(t.y, t.x, t.customdata, strict=True)
    }
    assert bars[("China", "Trade")] == (1, "a:1")  # the area's label
    assert bars[(frames.names.unattributed, "Trade")] == (1, "b:2")


def test_components_themes_hold_their_topics_in_one_colour(frames):
    fig = topic_charts.visualize_themes(frames.paragraphs)
    segments = {
        (t.name, y, c[1]): c[0] for t in fig.data for y, c in zip(t.y, t.customdata, strict=True)
    }
    assert segments == {
        ("commerce", "commerce", "trade"): "a:1|a:2",
        ("environment", "environment", "climate"): "b:1|b:2",
    }
    assert len({t.marker.color for t in fig.data}) == 2
    sizes = topic_charts.visualize_topic_sizes(frames.paragraphs, frames.topics)
    themes_colour = {t.name: t.marker.color for t in fig.data}
    by_topic = dict(zip(sizes.data[0].y, sizes.data[0].marker.color, strict=True))
    assert by_topic == {
        "trade": themes_colour["commerce"],
        "climate": themes_colour["environment"],
        "(no topic)": OTHERS_COLOUR,  # the undated paragraph no topic holds: grey
    }


def test_components_themes_over_time_are_shares_of_each_month(frames):
    fig = topic_charts.visualize_themes_over_time(frames.paragraphs, frames.documents)
    shares = {(t.name, x): y for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    months = {x for _, x in shares}
    for month in months:
        assert abs(sum(y for (_, x), y in shares.items() if x == month) - 1.0) < 1e-9


def test_components_topic_map_is_sampled_above_the_cap(frames):
    fig = topic_charts.visualize_topics(frames.paragraphs, max_points=3)
    assert sum(len(t.x) for t in fig.data) == 3
    assert "sample" in fig.layout.title.text


NOT_FIGURES = {"briefing_lines", "party_list", "topic_table", "position_table", "facets"}
PAYLOAD = '<img src="http://evil.example/x.png"><a href="http://evil.example">x</a><b>'


@pytest.fixture
def payload_frames():
    """Frames whose every string from a document carries markup."""
    docs = pd.DataFrame(
        {
            "id": [f"a{PAYLOAD}"],
            "title": [f"Talks {PAYLOAD}"],
            "date": ["2023-03-21"],
            "source": [PAYLOAD],
            "place": None,
            "source_url": None,
            "kind": None,
            "n_paragraphs": [1],
        }
    )
    pid = f"a{PAYLOAD}:1"
    paras = pd.DataFrame(
        {
            "id": [pid],
            "document_id": [f"a{PAYLOAD}"],
            "index": [1],
            "text": [f"China {PAYLOAD} expands trade."],
            "topic_id": [0],
            "x": [0.0],
            "y": [0.0],
        }
    )
    topics = pd.DataFrame(
        {
            "id": [0],
            "label": [f"trade {PAYLOAD}"],
            "keywords": [[PAYLOAD]],
            "size": [1],
            "representative_id": [pid],
            "theme": [0],
            "theme_label": [f"theme {PAYLOAD}"],
        }
    )
    row = {"document_id": [f"a{PAYLOAD}"], "paragraph_id": [pid], "evidence": [PAYLOAD]}
    areas = pd.DataFrame({**row, "area": [PAYLOAD], "holders": [[PAYLOAD]], "speaker": [None]})
    positions = pd.DataFrame(
        {**row, "holders": [[PAYLOAD]], "speaker": [None], "stance": ["support"],
         "target": [PAYLOAD]}
    )  # fmt: skip
    signings = pd.DataFrame(
        {**row, "document": [PAYLOAD], "signatories": [[PAYLOAD]], "parties": [[PAYLOAD]],
         "areas": [[PAYLOAD]]}
    )  # fmt: skip
    return prepare(docs, paras, topics, areas, positions, signings)


def _shown_strings(fig) -> list[str]:
    """Every string of a figure that plotly renders (not the ids in custom_data[0], not our own
    hover templates)."""
    out = [fig.layout.title.text or ""]
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        out += [str(t) for t in axis.ticktext or ()]
    for trace in fig.data:
        for attr in ("x", "y", "text", "hovertext", "name"):
            value = getattr(trace, attr, None)
            out += (
                [value]
                if isinstance(value, str)
                else [v for v in value or () if isinstance(v, str)]
            )
        for row in trace.customdata if trace.customdata is not None else ():
            out += [v for v in list(row)[1:] if isinstance(v, str)]
    return out


@pytest.mark.parametrize("name", sorted(k for k in views.DERIVED if k not in NOT_FIGURES))
def test_components_charts_show_document_text_as_text(payload_frames, name):
    fig = views.DERIVED[name](payload_frames, payload_frames)
    shown = _shown_strings(fig)
    assert any("&lt;" in s for s in shown), "the payload should reach the figure, escaped"
    bare = [s.replace("<br>", " ") for s in shown]  # our line breaks are the only markup
    assert not [s for s in bare if "<" in s or ">" in s]
    ids = [row[0] for t in fig.data if t.customdata is not None for row in t.customdata]
    assert any(PAYLOAD in str(i) for i in ids) or name == "signings_layers"  # ids stay ids


@pytest.mark.parametrize("name", sorted(k for k in views.DERIVED if k not in NOT_FIGURES))
def test_components_charts_figures_validate(frames, payload_frames, name):
    """Charts are built without plotly's validation (for speed): plotly's own check of the
    finished figure must pass, on a corpus, on hostile text and on an empty view."""
    empty = apply_filters(frames, Filters(documents=("nope",)))
    for view, corpus in ((frames, frames), (payload_frames, payload_frames), (empty, frames)):
        fig = views.DERIVED[name](view, corpus)
        assert _as_sent(fig) == _as_sent(go.Figure(fig.to_dict()))  # unchanged by validation


def _plain(value):
    """A figure's JSON with plotly's typed arrays ({dtype, bdata}) decoded to lists."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            return _plain(array.reshape(value.get("shape", [-1])).tolist())
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _as_sent(fig) -> dict:
    """What the browser gets of a figure (without its template)."""
    spec = _plain(json.loads(pio.to_json(fig, validate=False)))
    spec["layout"].pop("template", None)
    return spec


def test_components_charts_validation_catches_bad_and_coerced_properties():
    with pytest.raises(ValueError):  # a property plotly does not know
        go.Figure(chart_base.figure(dict(type="bar", x=[1], colour="red")).to_dict())
    coerced = chart_base.figure(dict(type="bar", x=[1]))
    coerced.update_layout(title="a title plotly.js 3 would not read")
    assert _as_sent(coerced) != _as_sent(go.Figure(coerced.to_dict()))


def test_components_empty_frames_give_placeholder_figures(frames):
    empty = apply_filters(frames, Filters(documents=("nope",)))
    fig = charts.visualize_areas_by_party(empty.areas, empty.names, {})
    assert fig.layout.annotations[0].text.startswith("Nothing")


def test_components_selected_ids_read_events_defensively():
    assert drilldown.selected_ids(None) == []
    assert drilldown.selected_ids({}) == []
    assert drilldown.selected_ids({"selection": {"points": []}}) == []
    event = {
        "selection": {
            "points": [{"customdata": ["a:1|a:2", "x", 2]}, {"customdata": "b:1"}, {"x": 1}]
        }
    }
    assert drilldown.selected_ids(event) == ["a:1", "a:2", "b:1"]


def test_components_highlight_escapes_then_marks():
    text = 'Say <script>alert("x")</script> and <img src=x onerror=alert(1)> on trade & energy.'
    out = drilldown.highlight(text, ["trade & energy", "<img src=x onerror=alert(1)>"])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "<mark>trade &amp; energy</mark>" in out
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;</mark>" in out


def test_components_highlight_handles_case_overlap_and_missing():
    spans = drilldown.spans("China expands Trade with Russia", ["trade", "expands trade", "none"])
    assert spans == [(6, 19)]
    assert drilldown.highlight("a\nb", []) == '<div class="readout-text">a<br>b</div>'


def test_components_briefing_lines_cite_paragraphs(frames):
    lines = briefing.briefing_lines(frames)
    assert lines["areas"][0].citation.startswith("Talks (2023-03-21), ¶ 1")
    assert any("support" in ln.text for ln in lines["positions"])
    assert "trade pact" in lines["signings"][0].text
    note = briefing.briefing_markdown(frames, Filters(parties=("China",)))
    assert "parties: China" in note and "[Talks (2023-03-21), ¶ 1]" in note


def test_components_export_csv_has_ids_and_evidence(frames):
    table = pd.read_csv(__import__("io").BytesIO(briefing.export_csv(frames)))
    assert set(table["kind"]) == {"area", "position", "signing"}
    assert {"paragraph_id", "evidence", "parties"} <= set(table.columns)
    assert "China; Russia" in set(table["parties"])


def test_components_filters_round_trip_through_the_query_string():
    f = Filters(
        parties=("China", "Russia"), themes=(1, 4), topics=(3,), date_from="2023", query="grain"
    )
    params = params_dict(f.to_params())
    assert params["party"] == ["China", "Russia"] and params["topic"] == "3"
    assert params["theme"] == ["1", "4"]

    def get_all(key):
        value = params.get(key, [])
        return value if isinstance(value, list) else [value]

    assert filters_from_params(get_all) == f
    assert filters_from_params(lambda k: ["x"] if k == "topic" else []) == Filters()


def test_components_upload_size_limit_has_a_clear_message():
    from components.corpus import MAX_UPLOAD_MB, too_large

    assert too_large(1024) is None
    message = too_large((MAX_UPLOAD_MB + 1) * 1024 * 1024)
    assert message and f"{MAX_UPLOAD_MB} MB upload limit" in message


def test_components_markdown_in_user_text_is_shown_as_typed():
    text = "Expand *trade* and [click](javascript:alert(1)) with $5 and # hash"
    out = drilldown.highlight(text, ["trade"])
    # an HTML block: Markdown is not parsed inside it, so the characters stay as typed
    assert out.startswith('<div class="readout-text">') and out.endswith("</div>")
    assert "[click](javascript:alert(1))" in out and "*<mark>trade</mark>*" in out
    plain = drilldown.md_plain("A *title* [x](y) <b> $5 #1 a_b (2023-03)")
    assert plain == r"A \*title\* \[x\](y) \<b\> \$5 \#1 a\_b (2023-03)"
    assert drilldown.md_plain("- 1. item") == r"\- 1. item"
    assert drilldown.md_plain("1. item") == r"1\. item"


def test_components_areas_by_party_folds_rare_parties_into_one_counted_group():
    parties = [f"Party {i:02d}" for i in range(20)]
    areas = pd.DataFrame(
        {
            "area": ["trade"] * 20,
            "holders": [(p,) * 1 for p in parties],
            "paragraph_id": [f"d:{i}" for i in range(20)],
        }
    )
    fig = charts.visualize_areas_by_party(areas, load_names(), {})
    names = [t.name for t in fig.data]
    assert len(names) == charts.MAX_PARTY_COLOURS + 1 and "11 other parties" in names
    other = next(t for t in fig.data if t.name == "11 other parties")
    assert list(other.x) == [11] and len(other.customdata[0][0].split("|")) == 11
    assert sum(sum(t.x) for t in fig.data) == 20  # nothing dropped


def _positions(rows: list[tuple]) -> pd.DataFrame:
    """Positions frame rows: (holders, stance, target, paragraph, strength)."""
    return pd.DataFrame(
        [
            {
                "document_id": "d",
                "holders": list(h),
                "speaker": "",
                "stance": s,
                "target": t,
                "paragraph_id": f"d:{p}",
                "evidence": t,
                "strength": w,
            }
            for h, s, t, p, w in rows
        ]
    )


def test_ranking_weighs_repetition_and_strength_over_paragraph_order():
    groups = ranking.position_groups(
        _positions(
            [
                (["A"], "support", "first in the text", 1, 0),
                (["A"], "support", "stated twice", 2, 0),
                (["A"], "support", "stated twice", 3, 0),
                (["A"], "support", "firmly supported", 4, 1),
                (["A"], "support", "plain", 5, 0),
            ]
        )
    )
    assert list(groups["target"])[:2] == ["stated twice", "firmly supported"]
    assert list(groups["target"])[-1] == "plain"  # a tie keeps text order
    assert groups.loc[0, "ids"] == ["d:2", "d:3"]


def test_ranking_fair_targets_give_every_party_and_stance_a_place():
    many = [(["Big"], "commit", f"big target {i}", i, 0) for i in range(20)]
    many += [(["Big"], "commit", "big target 0", 99, 0)]  # the heaviest
    few = [
        (["Small"], "support", "small support", 30, 0),
        (["Small"], "oppose", "small opposition", 31, 0),
        (["Big"], "welcome", "big welcome", 32, 0),
    ]
    groups = ranking.position_groups(_positions(many + few))
    chosen = ranking.fair_targets(groups, 4)
    assert chosen[0] == "big target 0"
    assert {"small support", "small opposition", "big welcome"} <= set(chosen)


def test_components_positions_chart_says_n_of_m_and_keeps_every_party():
    rows = [(["Big"], "commit", f"big target {i}", i, 0) for i in range(50)]
    rows += [(["Small"], "support", "legitimate interests on Taiwan", 60, 1)]
    fig = position_charts.visualize_positions(_positions(rows), load_names(), top=10)
    assert "10 of 51 targets" in fig.layout.title.text
    assert "Small" in fig.layout.xaxis.ticktext
    assert any("Taiwan" in t for t in fig.layout.yaxis.ticktext)


def test_components_positions_chart_wraps_long_targets_without_cutting_them():
    target = "China in upholding its legitimate interests on issues related to Taiwan, Hong Kong"
    fig = position_charts.visualize_positions(
        _positions([(["R"], "support", target, 1, 1)]), load_names()
    )
    label = fig.layout.yaxis.ticktext[0]
    assert "Taiwan" in label and "<br>" in label  # wrapped on lines, not cut
    assert "supports" in fig.data[0].name  # a stance's name, not its id


def test_chart_base_party_colours_are_stable_and_distinct():
    before = chart_base.party_colours(["China", "Russia"])
    after = chart_base.party_colours(["India", "China", "Brazil", "Russia"])  # an upload
    assert before["China"] == after["China"] and before["Russia"] == after["Russia"]
    many = chart_base.party_colours([f"P{i}" for i in range(len(chart_base.PARTY_PALETTE))])
    assert len(set(many.values())) == len(chart_base.PARTY_PALETTE)  # none shares a colour


def test_components_area_matrix_labels_every_row_and_column():
    areas = pd.DataFrame(
        {
            "document_id": [f"doc{i % 7}" for i in range(40)],
            "area": [
                ["trade", "energy", "health", "education", "tourism"][i % 5] for i in range(40)
            ],
            "holders": [["A"]] * 40,
            "paragraph_id": [f"doc{i % 7}:{i}" for i in range(40)],
        }
    )
    titles = {f"doc{i}": f"Statement number {i}" for i in range(7)}
    fig = charts.visualize_area_matrix(areas, titles, load_names(), columns=5)
    assert len(fig.layout.yaxis.ticktext) == 5 and len(fig.layout.xaxis.ticktext) == 5
    assert "5 of 7 documents" in fig.layout.title.text
    assert "Trade" in fig.layout.yaxis.ticktext


def test_components_areas_over_time_offer_every_area_on_a_time_axis(frames):
    fig = charts.visualize_areas_over_time(frames.areas, frames.documents, frames.names, 1)
    assert fig.layout.xaxis.type == "date"
    assert {t.name for t in fig.data} == {"Trade", "climate"}  # "climate": not in taxonomy
    assert [t.visible for t in fig.data].count("legendonly") == 1


def test_components_exports_mark_corrected_records(frames):
    frames.positions["corrected"] = True
    frames.areas["corrected"] = False
    table = pd.read_csv(__import__("io").BytesIO(briefing.export_csv(frames)))
    assert set(table.loc[table["kind"] == "position", "corrected"]) == {True}
    assert set(table.loc[table["kind"] == "area", "corrected"]) == {False}
    lines = briefing.briefing_lines(frames)
    assert all(ln.text.endswith("(corrected)") for ln in lines["positions"])
    assert not any("(corrected)" in ln.text for ln in lines["areas"])
    note = briefing.briefing_markdown(frames, Filters())
    assert "(corrected)" in note


def test_drilldown_names_what_was_clicked():
    rows = _positions([(["Russia"], "support", "China on Taiwan, Hong Kong and Xinjiang", 15, 1)])
    fig = position_charts.visualize_positions(rows, load_names())
    point = {"customdata": list(fig.data[0].customdata[0])}
    what = drilldown.selected_what({"selection": {"points": [point]}})
    assert what == "Russia · supports · China on Taiwan, Hong Kong and Xinjiang"
    assert drilldown.selected_what({"selection": {"points": [point, point]}}) == "2 marks"
    assert drilldown.selected_what({"selection": {"points": [{"customdata": ["a:1"]}]}}) == ""


def test_drilldown_evidence_is_tinted_by_kind_and_escaped():
    out = drilldown.highlight(
        "Both sides <b>signed</b> a trade pact.", [("trade pact", "signing"), ("sides", "area")]
    )
    assert 'title="signing evidence">trade pact</mark>' in out
    assert 'title="area evidence">sides</mark>' in out
    assert "&lt;b&gt;" in out and "<b>" not in out


def test_briefing_csv_reads_as_a_citable_table_without_duplicates(frames):
    frames.areas = pd.concat([frames.areas, frames.areas.iloc[[0]]], ignore_index=True)
    table = pd.read_csv(__import__("io").BytesIO(briefing.export_csv(frames, "the stamp")))
    areas = table[table["kind"] == "area"]
    assert len(areas) == 3  # the area found twice in ¶ a:1 is one row
    row = areas[areas["paragraph_id"] == "a:1"].iloc[0]
    assert row["what"] == "Trade" and row["parties"] == "China; Russia"
    assert row["citation"] == "Talks (2023-03-21), ¶ 1" and row["document_title"] == "Talks"
    assert row["paragraph_text"] == "China and Russia expand trade." and row["paragraph"] == 1
    assert set(table["stamp"]) == {"the stamp"}
    position = table[table["kind"] == "position"].iloc[0]
    assert position["what"] == "supports the plan" and position["stance"] == "support"


def test_chart_base_stamp_goes_under_the_title_escaped():
    fig = chart_base.finish(chart_base.figure(dict(type="bar", x=[1], y=[1])), "Title")
    chart_base.stamped(fig, "Readout 0.1.0 · view: party=<b>x</b>")
    assert fig.layout.title.subtitle.text == "Readout 0.1.0 · view: party=&lt;b&gt;x&lt;/b&gt;"
    assert chart_base.stamped({"not": "a figure"}, "s") == {"not": "a figure"}


def test_components_pure_doc_meta_leaves_missing_values_out_and_names_the_url_host():
    import numpy as np

    from components import doc_meta

    assert doc_meta.host("https://www.mid.ru/en/press/1") == "mid.ru"
    assert doc_meta.host("kremlin.ru/events") == "kremlin.ru"
    assert doc_meta.host(np.nan) == doc_meta.host(None) == doc_meta.host("http://[x") == ""
    row = {"date": np.nan, "source": None, "source_url": "https://www.mid.ru/a", "kind": "nan"}
    assert doc_meta.details(row, "a") == "no date · mid.ru · id a"
    named = {"date": "2024", "source": "TASS", "source_url": "https://www.mid.ru/a"}
    assert doc_meta.details(named, "b") == "2024 · TASS · id b"


def test_briefing_marks_only_the_corrected_area(frames):
    frames.areas["corrected"] = frames.areas["area"].eq("climate")  # b:1; trade is not
    frames.areas = pd.concat(  # b:1 also raises trade, uncorrected
        [frames.areas, frames.areas.iloc[[1]].assign(area="trade", corrected=False)],
        ignore_index=True,
    )
    lines = {ln.text for ln in briefing.briefing_lines(frames)["areas"]}
    assert any(t.startswith("India raises climate") and t.endswith("(corrected)") for t in lines)
    assert any(t.startswith("India raises trade") and "(corrected)" not in t for t in lines)
