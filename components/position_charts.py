"""The Positions chart: targets against parties, a marker per stance (pure, like charts.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import ranking
from components.chart_base import (
    MAX_IDS,
    STANCE_COLORS,
    custom_data,
    empty_figure,
    figure,
    finish,
    marker_sizes,
    short,
    wrap,
)
from models.display import Names
from models.schema import STANCES


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
    lines = [wrap(t) for t in rows]
    # A row is as tall as its label's lines, so wrapped labels never run into each other.
    tall = np.array([1 + t.count("\n") for t in lines], dtype=float)
    centre = np.cumsum(tall) - tall / 2
    offset = {s: (i - (len(STANCES) - 1) / 2) * 0.1 for i, s in enumerate(STANCES)}
    data = data.assign(
        px=data["party"].map({p: i for i, p in enumerate(shown_parties)})
        + data["stance"].map(offset).fillna(0),
        ty=data["target"].map(dict(zip(rows, centre, strict=True))),
        label=data["stance"].map(names.stance_verb),
    )
    data["what"] = data["party"] + " · " + data["label"] + " · " + data["target"].map(short)
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
    fig.update_yaxes(
        tickvals=list(centre), ticktext=lines, range=[0, float(tall.sum())], automargin=True
    )
    n_targets, n_parties = groups["target"].nunique(), len(order)
    counts = [f"{len(targets)} of {n_targets} targets"] if len(targets) < n_targets else []
    counts += [f"{len(shown_parties)} of {n_parties} parties"] if n_parties > parties else []
    title = "Who holds which stance on what" + (f" ({', '.join(counts)})" if counts else "")
    return finish(fig, title, height=max(320, int(15 * tall.sum()) + 170))
