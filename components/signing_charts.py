"""The Signings chart: signatories -> documents -> areas (pure, like charts.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from components.chart_base import (
    UNATTRIBUTED,
    empty_figure,
    explode_list,
    figure,
    finish,
    grouped,
    short,
)


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
                customdata=np.stack(
                    [part["ids"], part["label"], part["n"], layer[:-1] + ": " + part["label"]],
                    axis=1,
                ),
                hovertemplate="%{text}<br>%{customdata[2]} signing(s)<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickvals=[0, 1, 2], ticktext=["Signatories", "Documents", "Areas"], range=[-0.9, 2.9]
    )
    fig.update_yaxes(visible=False, range=[-0.15, 1.15])
    fig.update_layout(showlegend=False)
    return finish(fig, "Who signed what", height=max(360, 28 * nodes["layer"].value_counts().max()))
