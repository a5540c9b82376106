"""Pure chart builders: DataFrame -> plotly Figure, paragraph ids in custom_data[0].

Every clickable mark carries ``"|"``-joined paragraph ids (at most MAX_IDS) as its first
custom_data value, and the number of source rows as its last. No streamlit, no I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.colors
import plotly.express as px
import plotly.graph_objects as go

from components import ranking
from components.chart_base import (
    MAX_IDS,
    MAX_MAP_POINTS,
    OTHERS_COLOUR,
    STANCE_COLORS,
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
    wrap,
)
from models.display import Names
from models.schema import STANCES

__all__ = ["MAX_IDS", "MAX_MAP_POINTS", "UNATTRIBUTED", "short"]

BLUES = plotly.colors.make_colorscale(px.colors.sequential.Blues)
MAX_PARTY_COLOURS = 12  # beyond a dozen colours a reader cannot tell parties apart


def visualize_party_activity(
    areas: pd.DataFrame, positions: pd.DataFrame, signings: pd.DataFrame, top: int = 15
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
    keep = rows["party"].value_counts().index[:top]
    data = grouped(rows[rows["party"].isin(keep)], ["party", "kind"])
    fig = stacked_bars(data, "party", "kind")
    fig.update_yaxes(categoryorder="total ascending")
    return finish(fig, "Parties at a glance: what each raises, states and signs")


def fold_rare(rows: pd.DataFrame, column: str, keep: int) -> tuple[pd.DataFrame, str | None]:
    """The ``keep`` most frequent values of a column kept, the rest renamed "N other
    parties" (one group: counted and clickable, not dropped); that name, or None."""
    counts = rows[column].value_counts()
    if len(counts) <= keep:
        return rows, None
    rare = ~rows[column].isin(counts.index[:keep])
    label = f"{len(counts) - keep} other parties"
    return rows.assign(**{column: rows[column].where(~rare, label)}), label


def visualize_areas_by_party(areas: pd.DataFrame, top: int = 25) -> go.Figure:
    """Which party raises which area, how often (stacked horizontal bars)."""
    if areas.empty:
        return empty_figure("Cooperation areas by party")
    rows = explode_list(areas, "holders", "party", ["area", "paragraph_id"])
    keep = rows["area"].value_counts().index[:top]
    rows = rows[rows["area"].isin(keep)]
    rows, others = fold_rare(rows, "party", MAX_PARTY_COLOURS)
    data = grouped(rows, ["area", "party"])
    fig = stacked_bars(data, "area", "party", colors={others: OTHERS_COLOUR} if others else None)
    fig.update_yaxes(categoryorder="total ascending")
    return finish(fig, "Cooperation areas by party", height=max(320, 24 * len(keep) + 100))


def visualize_matrix(
    df: pd.DataFrame, row: str, column: str, title: str, labels: dict | None = None, top: int = 30
) -> go.Figure:
    """A matrix as a grid of markers (size = count) so every cell is clickable."""
    if df.empty:
        return empty_figure(title)
    keep = df[row].value_counts().index[:top]
    data = grouped(df[df[row].isin(keep)], [row, column])
    data[row] = data[row].map(lambda v: (labels or {}).get(v, v)).map(lambda s: str(s)[:60])
    fig = figure(
        dict(
            type="scatter",
            x=data[column].astype(str),
            y=data[row].astype(str),
            mode="markers",
            marker=dict(
                size=marker_sizes(data["n"], 28), color=data["n"], colorscale=BLUES, cmin=0
            ),
            customdata=custom_data(data, column),
            hovertemplate="%{y}<br>%{x}: %{customdata[2]}<extra></extra>",
        )
    )
    fig.update_yaxes(type="category")
    fig.update_xaxes(type="category")
    return finish(fig, title, height=max(320, 26 * data[row].nunique() + 140))


def visualize_areas_over_time(areas: pd.DataFrame, documents: pd.DataFrame) -> go.Figure:
    """Areas raised per month (or year, when some dates are only years)."""
    d = dated(areas, documents)
    if d.empty:
        return empty_figure("Areas over time (no dated documents)")
    keep = d["area"].value_counts().index[:12]
    data = grouped(d[d["area"].isin(keep)], ["period", "area"]).sort_values("period")
    fig = stacked_bars(data, "period", "area", horizontal=False)
    fig.update_xaxes(type="category")
    return finish(fig, "Areas over time")


def visualize_positions(
    positions: pd.DataFrame, names: Names, top: int = 40, parties: int = 12
) -> go.Figure:
    """Targets (rows) against parties (columns), one marker per stance (size = statements).

    Shows the ``top`` heaviest targets chosen fairly (components.ranking: each party's and
    each stance's heaviest first) and says "N of M" when it shows fewer than there are."""
    groups = ranking.position_groups(positions)
    if groups.empty:
        return empty_figure("Positions")
    order = ranking.party_order(groups)
    shown_parties = order[:parties]
    targets = ranking.fair_targets(groups, top, shown_parties)
    data = groups[groups["party"].isin(shown_parties) & groups["target"].isin(targets)]
    data = data.assign(ids=data["ids"].map(lambda v: "|".join(v[:MAX_IDS])))
    rows = targets[::-1]  # the heaviest at the top
    offset = {s: (i - (len(STANCES) - 1) / 2) * 0.1 for i, s in enumerate(STANCES)}
    data = data.assign(
        px=data["party"].map({p: i for i, p in enumerate(shown_parties)})
        + data["stance"].map(offset).fillna(0),
        ty=data["target"].map({t: i for i, t in enumerate(rows)}),
        label=data["stance"].map(names.stance_verb),
    )
    sizes = pd.Series(marker_sizes(data["n"], 18), index=data.index)
    traces = [
        dict(
            type="scatter",
            x=part["px"],
            y=part["ty"],
            mode="markers",
            name=names.stance_verb(stance),
            marker=dict(size=sizes[part.index], color=STANCE_COLORS.get(stance, "#888")),
            text=part["party"] + " " + part["label"] + ": " + part["target"].map(short),
            customdata=custom_data(part, "label"),
            hovertemplate="%{text}<br>%{customdata[2]} statement(s)<extra></extra>",
        )
        for stance, part in data.groupby("stance", sort=False)
    ]
    fig = figure(traces)
    fig.update_xaxes(tickvals=list(range(len(shown_parties))), ticktext=shown_parties, side="top")
    lines = [wrap(t) for t in rows]
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=lines, automargin=True)
    n_targets, n_parties = groups["target"].nunique(), len(order)
    counts = [f"{len(targets)} of {n_targets} targets"] if len(targets) < n_targets else []
    counts += [f"{len(shown_parties)} of {n_parties} parties"] if n_parties > parties else []
    title = "Who holds which stance on what" + (f" ({', '.join(counts)})" if counts else "")
    height = sum(18 + 13 * t.count("\n") for t in lines) + 160
    return finish(fig, title, height=max(320, height))


def signing_layers(signings: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Nodes of the signatories -> documents -> areas view: layer, label, n, ids, y."""
    if signings.empty:
        return pd.DataFrame(columns=["layer", "label", "n", "ids", "y"])
    layers = [
        ("signatories", explode_list(signings, "signatories", "label")),
        ("documents", signings.assign(label=signings["document"].str.slice(0, 60))),
        ("areas", explode_list(signings, "areas", "label")),
    ]
    nodes = []
    for x, (name, rows) in enumerate(layers):
        g = grouped(rows, ["label"]).head(top).reset_index(drop=True)
        nodes.append(g.assign(layer=name, x=x, y=np.linspace(1, 0, len(g)) if len(g) > 1 else 0.5))
    return pd.concat(nodes, ignore_index=True)


def visualize_signings(signings: pd.DataFrame) -> go.Figure:
    """Signatories -> documents -> areas as a layered, clickable scatter with links."""
    nodes = signing_layers(signings)
    if nodes.empty:
        return empty_figure("Signings")
    where = {(r.layer, r.label): (r.x, r.y) for r in nodes.itertuples()}
    xs: list = []
    ys: list = []
    for r in signings.itertuples():
        doc = ("documents", str(r.document)[:60])
        for s in r.signatories or [UNATTRIBUTED]:
            for a, b in ((("signatories", s), doc),):
                if a in where and b in where:
                    xs += [where[a][0], where[b][0], None]
                    ys += [where[a][1], where[b][1], None]
        for area in r.areas or [UNATTRIBUTED]:
            if doc in where and ("areas", area) in where:
                xs += [where[doc][0], where[("areas", area)][0], None]
                ys += [where[doc][1], where[("areas", area)][1], None]
    fig = figure(
        dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color="#bbb", width=1),
            hoverinfo="skip",
        )
    )
    layers = ["signatories", "documents", "areas"]
    for layer, color in zip(layers, px.colors.qualitative.Set2[:3], strict=True):
        part = nodes[nodes["layer"] == layer]
        fig.add_trace(
            dict(
                type="scatter",
                x=part["x"],
                y=part["y"],
                mode="markers+text",
                name=layer,
                text=part["label"].map(lambda s: short(s, 34)),
                textposition={"signatories": "middle left", "documents": "top center"}.get(
                    layer, "middle right"
                ),
                marker=dict(size=10 + 3 * np.sqrt(part["n"]), color=color),
                customdata=np.stack([part["ids"], part["label"], part["n"]], axis=1),
                hovertemplate="%{text}<br>%{customdata[2]} signing(s)<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickvals=[0, 1, 2], ticktext=["Signatories", "Documents", "Areas"], range=[-0.9, 2.9]
    )
    fig.update_yaxes(visible=False, range=[-0.15, 1.15])
    fig.update_layout(showlegend=False)
    return finish(fig, "Who signed what", height=max(360, 28 * nodes["layer"].value_counts().max()))
