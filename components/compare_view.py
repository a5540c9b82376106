"""The Compare page's parts: choosing two sides, and showing what differs, with both paragraphs."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import drilldown, state
from components.chart_base import as_text, empty_figure, figure, finish
from components.frames import Frames, paragraph_lookup, parties_of
from components.text import md_plain
from models.compare import Comparison, stance_words
from models.display import Names

MODES = {"documents": "Two documents", "parties": "Two parties", "sets": "Two sets by filter"}
SIDE_NAMES = {"left": "Only left", "right": "Only right", "both": "Both"}
MAX_ROWS = 200


def _k(name: str) -> str:
    return state.session_key(name)


def _source_of(documents: pd.DataFrame) -> pd.Series:
    return documents["source"].fillna("(no source)").astype(str)


def side_ids(corpus: Frames, mode: str, value: list[str], start: str, end: str) -> tuple[str, ...]:
    """Paragraph ids of one side: a document, a party's records, or sources within dates."""
    paras, docs = corpus.paragraphs, corpus.documents
    if mode == "documents":
        keep = paras["document_id"].isin(value)
    elif mode == "parties":
        held = [
            df.loc[df[col].map(lambda h: bool(set(h) & set(value))), "paragraph_id"]
            for df, col in ((corpus.areas, "holders"), (corpus.positions, "holders"),
                            (corpus.signings, "parties"))
        ]  # fmt: skip
        keep = paras["id"].isin(set(pd.concat(held)) if held else set())
    else:
        ok = _source_of(docs).isin(value) if value else pd.Series(True, index=docs.index)
        if start:
            ok &= docs["date_end"].eq("") | (docs["date_end"] >= start)
        if end:
            ok &= docs["date_start"].eq("") | (docs["date_start"] <= end)
        keep = paras["document_id"].isin(set(docs.loc[ok, "id"]))
    return tuple(paras.loc[keep, "id"].astype(str))


def choose(corpus: Frames) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """The two sides the analyst picks (kept in the URL): paragraph ids and a label each."""
    mode = st.radio(
        "Compare", list(MODES), format_func=MODES.get, horizontal=True, key=_k("cmp")
    )  # fmt: skip
    titles = dict(zip(corpus.documents["id"], corpus.documents["title"], strict=True))
    options = {
        "documents": list(titles),
        "parties": parties_of(corpus),
        "sets": sorted(set(_source_of(corpus.documents))),
    }[mode or "documents"]
    out = []
    for side, column in zip(("cl", "cr"), st.columns(2), strict=True):
        with column:
            name = "Left" if side == "cl" else "Right"
            chosen = [v for v in state.session_value(side) or [] if v in options]
            state.set_session_value(side, chosen)
            value = st.multiselect(
                f"{name}: {'sources (empty: all)' if mode == 'sets' else mode}",
                options,
                format_func=lambda v: titles.get(v, v),
                max_selections=None if mode == "sets" else 1,
                key=_k(side),
            )
            start = end = ""
            if mode == "sets":
                start = st.text_input(f"{name}: from (ISO date)", key=_k(f"{side}_from")).strip()
                end = st.text_input(f"{name}: to (ISO date)", key=_k(f"{side}_to")).strip()
            label = ", ".join(titles.get(v, v) for v in value) or "all sources"
            if start or end:
                label += f" ({start or '…'} to {end or '…'})"
            out.append((side_ids(corpus, mode or "documents", value, start, end), label))
    return out[0][0], out[1][0], out[0][1], out[1][1]


SIDE_COLOURS = {"Only left": "#4477AA", "Only right": "#EE6677", "Both": "#BBBBBB"}  # Tol


def visualize_area_sides(areas: pd.DataFrame) -> go.Figure:
    """Bars: per area, how many parties raise it on the left only, the right only, or both
    (every area labelled; colour-blind-safe colours)."""
    if areas.empty:
        return empty_figure("Areas by side")
    counts = areas.groupby(["label", "side"]).size().unstack(fill_value=0)
    order = counts.sum(axis=1).sort_values(kind="stable").index.tolist()  # busiest on top
    counts = counts.reindex(order)
    traces = [
        dict(
            type="bar",
            name=name,
            y=order,
            x=counts[name].tolist(),
            orientation="h",
            marker=dict(color=SIDE_COLOURS[name]),
            hovertemplate="%{y}: %{x} part(ies) " + name.lower() + "<extra></extra>",
        )
        for name in SIDE_NAMES.values()
        if name in counts
    ]
    fig = figure(traces)
    fig.update_layout(barmode="stack", legend_title_text="")
    fig.update_yaxes(type="category", tickmode="array", tickvals=order, ticktext=order)
    fig.update_xaxes(title=dict(text="parties raising it"), dtick=1)
    height = max(300, 22 * len(order) + 120)
    return as_text(finish(fig, "Areas raised by one side or both", height=height))


def area_table(result: Comparison, names: Names) -> pd.DataFrame:
    """One row a (area, party): its label, the side raising it and the paragraphs."""
    return pd.DataFrame(
        [
            {
                "label": names.area(a.area),
                "party": a.party or names.unattributed,
                "side": SIDE_NAMES[a.side],
                "left": " ".join(a.left_ids),
                "right": " ".join(a.right_ids),
            }
            for a in result.areas
        ],  # fmt: skip
        columns=["label", "party", "side", "left", "right"],
    )


def position_table(result: Comparison, names: Names) -> pd.DataFrame:
    """One row a position added, dropped or changed: 'supports' -> 'firmly supports'."""
    return pd.DataFrame(
        [
            {
                "change": p.change,
                "holders": ", ".join(p.holders) or "?",
                "left": stance_words(p.left, names) or "—",
                "right": stance_words(p.right, names) or "—",
                "target": p.target,
            }
            for p in result.positions
        ],  # fmt: skip
        columns=["change", "holders", "left", "right", "target"],
    )


def differences(result: Comparison, areas: pd.DataFrame) -> list[tuple[str, str, str, list[str]]]:
    """Every difference as (label, left paragraph id, right paragraph id, evidence)."""
    out = []
    for a, row in zip(result.areas, areas.itertuples(), strict=True):
        if a.side != "both":
            pid = (a.left_ids or a.right_ids)[0]
            left, right = (pid, "") if a.side == "left" else ("", pid)
            out.append((f"Area, {row.side.lower()}: {row.label} ({row.party})", left, right, []))
    for p in result.positions:
        left = p.left.paragraph_id if p.left else ""
        right = p.right.paragraph_id if p.right else ""
        words = f"{stance_words(p.left) or '—'} → {stance_words(p.right) or '—'}"
        evidence = [r.evidence for r in (p.left, p.right) if r is not None]
        out.append((f"Position {p.change}: {'/'.join(p.holders) or '?'} {words} {p.target}"[:160],
                    left, right, evidence))  # fmt: skip
    for s in result.signings:
        left, right = (s.paragraph_id, "") if s.side == "left" else ("", s.paragraph_id)
        out.append((f"Signing, only {s.side}: {s.document}"[:160], left, right, [s.evidence]))
    for pair in result.aligned:
        out.append((f"Aligned ({pair.similarity:.2f}): {pair.left_id} ~ {pair.right_id}",
                    pair.left_id, pair.right_id, []))  # fmt: skip
    for side, ids in (("left", result.left_only), ("right", result.right_only)):
        for pid in ids:
            left, right = (pid, "") if side == "left" else ("", pid)
            out.append((f"Said only on the {side}: {pid}", left, right, []))
    return out


def both_paragraphs(corpus: Frames, left: str, right: str, evidence: list[str]) -> None:
    """The two paragraphs of a difference side by side, evidence marked (escaped first)."""
    lookup = paragraph_lookup(corpus)
    for pid, column, name in zip((left, right), st.columns(2), ("Left", "Right"), strict=True):
        with column, st.container(border=True):
            st.caption(name)
            if pid and pid in lookup.index:
                drilldown.paragraph_card(lookup.loc[pid], evidence, [])
            else:
                st.caption("Not said on this side.")


def render(corpus: Frames, result: Comparison, left_label: str, right_label: str) -> None:
    """The comparison: counts, the area chart, tables, and a drill-down to both paragraphs."""
    st.caption(md_plain(f"Left: {left_label} · Right: {right_label}"))
    a, b, c, d = st.columns(4)
    a.metric("Aligned paragraph pairs", len(result.aligned))
    b.metric("Said only on the left", len(result.left_only))
    c.metric("Said only on the right", len(result.right_only))
    d.metric("Positions added, dropped or changed", len(result.positions))
    areas = area_table(result, corpus.names)
    st.plotly_chart(visualize_area_sides(areas), key="compare_areas", width="stretch")
    tabs = st.tabs(["Areas", "Positions", "Signings", "Paragraphs"])
    tabs[0].dataframe(areas.head(MAX_ROWS), hide_index=True, width="stretch")
    tabs[1].dataframe(
        position_table(result, corpus.names).head(MAX_ROWS), hide_index=True, width="stretch"
    )
    signings = pd.DataFrame([vars(s) for s in result.signings], columns=["side", "document"])
    tabs[2].dataframe(signings[["side", "document"]], hide_index=True, width="stretch")
    pairs = pd.DataFrame([vars(p) for p in result.aligned],
                         columns=["left_id", "right_id", "similarity"])  # fmt: skip
    tabs[3].dataframe(pairs, hide_index=True, width="stretch")
    found = differences(result, areas)
    if not found:
        st.info("The two sides say the same things.")
        return
    labels = [label for label, *_ in found]
    if state.session_value("cmp_pick") not in labels:
        state.set_session_value("cmp_pick", labels[0])
    pick = st.selectbox("Show both paragraphs of", labels, key=_k("cmp_pick"))
    _, left, right, evidence = found[labels.index(pick)]
    both_paragraphs(corpus, left, right, evidence)
