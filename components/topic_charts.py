"""Topic charts: themes and their topics, themes over time, the topic map, topic sizes.

Pure builders (DataFrame -> plotly Figure) like components.charts: paragraph ids first in
custom_data, one colour a theme on every one of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.chart_base import (
    MAX_MAP_POINTS,
    OTHERS_COLOUR,
    PALETTE,
    custom_data,
    dated,
    empty_figure,
    figure,
    finish,
    grouped,
    short,
)

MAP_HOVER_CHARS = 80  # the start of a paragraph on the map's hover: a hint; a click opens it


def theme_colours(paragraphs: pd.DataFrame) -> dict[str, str]:
    """Theme label -> colour, fixed by theme id: the same on every chart and in every
    filtered view (grey for paragraphs without a theme)."""
    pairs = paragraphs[["theme_id", "theme"]].drop_duplicates()
    return {
        str(theme): PALETTE[tid % len(PALETTE)] if tid >= 0 else OTHERS_COLOUR
        for tid, theme in zip(pairs["theme_id"], pairs["theme"], strict=True)
    }


def _theme_order(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs sorted by theme id (stable): legends list themes in their order."""
    return paragraphs.sort_values("theme_id", kind="stable")


def visualize_themes(paragraphs: pd.DataFrame) -> go.Figure:
    """Themes as bars (largest first) made of their topics: a segment a topic, coloured by
    theme, the topic's label and size on hover; a click opens the topic's paragraphs."""
    p = paragraphs[paragraphs["topic_id"] >= 0]
    if p.empty:
        return empty_figure("Themes and their topics")
    data = grouped(
        _theme_order(p).rename(columns={"id": "paragraph_id"}), ["theme_id", "theme", "topic"]
    )
    colours = theme_colours(p)
    data["what"] = data["theme"].astype(str) + " · " + data["topic"].astype(str)
    totals = data.groupby("theme")["n"].sum().sort_values()
    traces = [
        dict(
            type="bar",
            x=part["n"],
            y=part["theme"].astype(str),
            orientation="h",
            name=str(theme),
            marker=dict(color=colours[theme], line=dict(color="white", width=1)),
            text=part["topic"].map(short),
            textposition="none",
            customdata=custom_data(part, "topic"),
            hovertemplate="%{text}: %{x} paragraphs<extra>%{y}</extra>",
            showlegend=False,
        )
        for theme, part in data.groupby("theme", sort=False)
    ]
    fig = figure(traces)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=list(totals.index))
    fig.update_xaxes(title="paragraphs")
    return finish(fig, "Themes and their topics", height=max(300, 28 * len(totals) + 90))


def visualize_themes_over_time(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> go.Figure:
    """Each theme's share of the paragraphs of each month (year when only years are known)."""
    d = dated(paragraphs[paragraphs["topic_id"] >= 0], documents)
    if d.empty:
        return empty_figure("Themes over time (no dated documents)")
    data = grouped(_theme_order(d).rename(columns={"id": "paragraph_id"}), ["period", "theme"])
    data = data.assign(
        share=data["n"] / data.groupby("period")["n"].transform("sum"),
        what=data["theme"].astype(str) + " · " + data["period"],
    )
    colours = theme_colours(d)
    traces = [
        dict(
            type="scatter",
            x=part["period"],
            y=part["share"],
            mode="lines+markers",
            stackgroup="themes",  # stacked: each month's themes add up to the whole
            name=str(theme),
            line=dict(color=colours[theme], width=0.5),
            marker=dict(size=4),
            customdata=custom_data(part, "theme"),
            hovertemplate="%{x}: %{y:.0%} (%{customdata[2]} paragraphs)<extra>%{fullData.name}"
            "</extra>",
        )
        for theme, part in data.sort_values("period").groupby("theme", sort=False)
    ]
    fig = figure(traces)
    fig.update_xaxes(type="category", categoryorder="category ascending")
    fig.update_yaxes(tickformat=".0%", range=[0, 1], title="share of the month's paragraphs")
    legend_rows = (len(traces) + 1) // 2
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))
    fig = finish(fig, "Themes over time", height=440 + 22 * legend_rows)
    return fig.update_layout(margin_b=60 + 22 * legend_rows)  # room for the legend


def visualize_topics(
    paragraphs: pd.DataFrame, max_points: int = MAX_MAP_POINTS, seed: int = 0
) -> go.Figure:
    """The topic map: paragraphs as points coloured by theme, topic on hover (sampled above
    max_points)."""
    p = paragraphs.dropna(subset=["x", "y"])
    if p.empty:
        return empty_figure("Topic map")
    sampled = len(p) > max_points
    if sampled:
        p = p.sample(max_points, random_state=seed)
    p = _theme_order(p)
    p = p.assign(
        hover=p["topic"].map(short) + ": " + p["text"].map(lambda t: short(t, MAP_HOVER_CHARS))
    )
    colours = theme_colours(p)
    scatter = "scattergl" if len(p) > 1000 else "scatter"
    traces = [  # per point only what hover and drill-down need: every rerun sends it all
        dict(
            type=scatter,
            x=part["x"].to_numpy(np.float32),
            y=part["y"].to_numpy(np.float32),
            mode="markers",
            name=str(name),
            text=part["hover"],
            marker=dict(color=colours[name], size=6, opacity=0.75),
            customdata=part["id"].astype(str).to_numpy(object)[:, None],
            hovertemplate="%{text}<extra>%{fullData.name}</extra>",
        )
        for name, part in p.groupby("theme", sort=False)
    ]
    fig = figure(traces)
    fig.update_layout(
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0),
        dragmode="lasso",  # draw round a region: its paragraphs open beside the map
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    title = "Topic map" + (f" (sample of {max_points:,} paragraphs)" if sampled else "")
    return finish(fig, title, height=520)


def visualize_topic_sizes(paragraphs: pd.DataFrame, topics: pd.DataFrame) -> go.Figure:
    """Paragraphs per topic in this view, labelled, with keywords on hover."""
    data = grouped(paragraphs.rename(columns={"id": "paragraph_id"}), ["topic_id", "topic"])
    if data.empty:
        return empty_figure("Topic sizes")
    kw = dict(zip(topics["id"], topics["keywords"].map(lambda k: ", ".join(k[:8])), strict=True))
    data = data.assign(keywords=data["topic_id"].map(kw).fillna("").map(short))
    theme_of = paragraphs.drop_duplicates("topic_id").set_index("topic_id")
    data = data.assign(
        theme_id=data["topic_id"].map(theme_of["theme_id"]),
        theme=data["topic_id"].map(theme_of["theme"]).fillna("(no theme)"),
    )
    colours = theme_colours(paragraphs)
    top = data.head(40)
    fig = figure(
        dict(
            type="bar",
            x=top["n"],
            y=top["topic"].astype(str),
            orientation="h",
            text=top["keywords"],
            textposition="none",
            marker=dict(color=top["theme"].map(colours).fillna(OTHERS_COLOUR).tolist()),
            hovertext=top["theme"],
            customdata=custom_data(top, "topic"),
            hovertemplate="%{y}: %{x} paragraphs<br>%{text}<extra>%{hovertext}</extra>",
        )
    )
    fig.update_yaxes(categoryorder="total ascending")
    return finish(fig, "Topic sizes", height=max(300, 22 * min(len(data), 40) + 80))
