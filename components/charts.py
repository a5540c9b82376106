"""Pure chart builders: DataFrame -> plotly Figure, paragraph ids in custom_data[0].

Every clickable mark carries ``"|"``-joined paragraph ids (at most MAX_IDS) as its first
custom_data value, and the number of source rows as its last. No streamlit, no I/O.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.chart_base import (
    KIND_COLOURS,
    MAX_IDS,
    MAX_MAP_POINTS,
    OTHERS_COLOUR,
    PALETTE,
    PARTY_PALETTE,
    UNATTRIBUTED,
    custom_data,
    dated,
    empty_figure,
    explode_list,
    figure,
    finish,
    grouped,
    marker_sizes,
    short,
    stacked_bars,
)
from models.display import Names

__all__ = ["MAX_IDS", "MAX_MAP_POINTS", "UNATTRIBUTED", "short"]

MAX_PARTY_COLOURS = len(PARTY_PALETTE)  # beyond these a reader cannot tell parties apart
KIND_NAMES = {"areas": "areas raised", "positions": "positions stated", "signings": "signings"}


def _counted(title: str, shown: int, total: int, what: str) -> str:
    """A title that says "N of M <what>" when a chart shows fewer than there are."""
    return f"{title} ({shown} of {total} {what})" if shown < total else title


def visualize_party_activity(
    areas: pd.DataFrame,
    positions: pd.DataFrame,
    signings: pd.DataFrame,
    names: Names,
    top: int = 15,
) -> go.Figure:
    """How often each party raises areas, states positions and signs (stacked bars)."""
    parts = [
        explode_list(areas, "holders", "party", ["paragraph_id"]).assign(kind="areas"),
        explode_list(positions, "holders", "party", ["paragraph_id"]).assign(kind="positions"),
        explode_list(signings, "parties", "party", ["paragraph_id"]).assign(kind="signings"),
    ]
    rows = pd.concat([p[["party", "kind", "paragraph_id"]] for p in parts], ignore_index=True)
    if rows.empty:
        return empty_figure("Parties at a glance")
    rows["party"] = rows["party"].replace(UNATTRIBUTED, names.unattributed)
    counts = rows["party"].value_counts()
    data = grouped(rows[rows["party"].isin(counts.index[:top])], ["party", "kind"])
    data["kind"] = data["kind"].map(KIND_NAMES)
    data["what"] = data["party"].astype(str) + " · " + data["kind"]
    colours = {KIND_NAMES[k]: c for k, c in KIND_COLOURS.items()}
    fig = stacked_bars(data, "party", "kind", colors=colours)
    fig.update_yaxes(categoryorder="total ascending")
    fig.update_layout(legend_title_text="")
    title = "Parties at a glance: what each raises, states and signs"
    return finish(fig, _counted(title, min(top, len(counts)), len(counts), "parties"))


def fold_rare(rows: pd.DataFrame, column: str, keep: int) -> tuple[pd.DataFrame, str | None]:
    """The ``keep`` most frequent values of a column kept, the rest renamed "N other
    parties" (one group: counted and clickable, not dropped); that name, or None."""
    counts = rows[column].value_counts()
    if len(counts) <= keep:
        return rows, None
    rare = ~rows[column].isin(counts.index[:keep])
    label = f"{len(counts) - keep} other parties"
    return rows.assign(**{column: rows[column].where(~rare, label)}), label


def visualize_areas_by_party(
    areas: pd.DataFrame, names: Names, colours: dict[str, str], top: int = 25
) -> go.Figure:
    """Which party raises which area, how often (stacked horizontal bars, a party's colour
    the same on every chart)."""
    if areas.empty:
        return empty_figure("Cooperation areas by party")
    rows = explode_list(areas, "holders", "party", ["area", "paragraph_id"])
    counts = rows["area"].value_counts()
    rows = rows[rows["area"].isin(counts.index[:top])]
    rows["party"] = rows["party"].replace(UNATTRIBUTED, names.unattributed)
    rows, others = fold_rare(rows, "party", MAX_PARTY_COLOURS)
    data = grouped(rows, ["area", "party"])
    data["area"] = data["area"].map(names.area)
    data["what"] = data["party"].astype(str) + " · " + data["area"]
    palette = {**colours, names.unattributed: "#dddddd"} | (
        {others: OTHERS_COLOUR} if others else {}
    )
    fig = stacked_bars(data, "area", "party", colors=palette)
    fig.update_yaxes(categoryorder="total ascending")
    fig.update_layout(legend_title_text="")
    shown = min(top, len(counts))
    title = _counted("Cooperation areas by party", shown, len(counts), "areas")
    return finish(fig, title, height=max(320, 24 * shown + 100))


def visualize_area_matrix(
    areas: pd.DataFrame, titles: dict[str, str], names: Names, rows: int = 30, columns: int = 30
) -> go.Figure:
    """Areas (rows) against documents (columns): a marker where a document raises an area,
    its size the paragraphs; every row and column labelled, counts and titles on hover."""
    if areas.empty:
        return empty_figure("Areas by document")
    area_counts = areas["area"].value_counts()
    doc_counts = areas["document_id"].value_counts()
    kept_areas, docs = list(area_counts.index[:rows]), list(doc_counts.index[:columns])
    d = areas[areas["document_id"].isin(docs) & areas["area"].isin(kept_areas)]
    data = grouped(d, ["area", "document_id"]).assign(
        document=lambda g: g["document_id"].map(lambda v: titles.get(v, v)),
        label=lambda g: g["area"].map(names.area),
    )
    data["what"] = data["label"] + " · " + data["document"].map(lambda t: short(t, 60))
    row_of = {area: i for i, area in enumerate(kept_areas[::-1])}  # the most raised on top
    col_of = {doc: i for i, doc in enumerate(docs)}
    fig = figure(
        dict(
            type="scatter",
            x=data["document_id"].map(col_of),
            y=data["area"].map(row_of),
            mode="markers",
            marker=dict(size=marker_sizes(data["n"], 22), color="#4477AA", opacity=0.8),
            text=data["label"] + "\n" + data["document"].map(short),
            customdata=custom_data(data, "label"),
            hovertemplate="%{text}<br>%{customdata[2]} paragraph(s)<extra></extra>",
        )
    )
    fig.update_yaxes(
        tickvals=list(row_of.values()),
        ticktext=[names.area(a) for a in row_of],
        range=[-0.7, len(kept_areas) - 0.3],
    )
    fig.update_xaxes(
        tickvals=list(col_of.values()),
        ticktext=[short(titles.get(doc, doc), 32) for doc in docs],
        tickangle=-50,
        range=[-0.7, len(docs) - 0.3],
    )
    counts = [f"{len(kept_areas)} of {len(area_counts)} areas"] if rows < len(area_counts) else []
    counts += [f"{len(docs)} of {len(doc_counts)} documents"] if columns < len(doc_counts) else []
    title = "Areas by document" + (f" ({', '.join(counts)})" if counts else "")
    return finish(fig, title, height=max(340, 24 * len(kept_areas) + 260))


def visualize_areas_over_time(
    areas: pd.DataFrame, documents: pd.DataFrame, names: Names, visible: int = 8
) -> go.Figure:
    """Areas raised per month (year when some dates are only years) on a time axis: every
    area is in the legend (a click shows or hides it), the ``visible`` busiest shown."""
    d = dated(areas, documents)
    if d.empty:
        return empty_figure("Areas over time (no dated documents)")
    order = list(d["area"].value_counts().index)
    data = grouped(d, ["period", "area"]).sort_values("period")
    by_month = data["period"].str.len().eq(7).all()
    data = data.assign(
        when=data["period"] + ("-15" if by_month else "-07-01"),
        label=data["area"].map(names.area),
    )
    data["what"] = data["label"] + " · " + data["period"]
    traces = [
        dict(
            type="bar",
            x=part["when"],
            y=part["n"],
            name=names.area(area),
            visible=True if i < visible else "legendonly",
            marker=dict(color=PALETTE[i % len(PALETTE)]),
            customdata=custom_data(part, "label"),
            hovertemplate="%{customdata[1]}: %{y} in %{x|"
            + ("%b %Y" if by_month else "%Y")
            + "}<extra></extra>",
        )
        for i, area in enumerate(order)
        for part in [data[data["area"] == area]]
    ]
    fig = figure(traces)
    fig.update_layout(barmode="stack", legend_title_text="Areas (click to show or hide)")
    fig.update_xaxes(
        type="date", dtick="M1" if by_month and data["period"].nunique() < 14 else None
    )
    title = "Areas over time"
    if len(order) > visible:
        title += f" ({visible} of {len(order)} areas shown; the legend shows the rest)"
    return finish(fig, title, height=460)
