"""Shared helpers of the chart builders: grouping with paragraph ids, layout, escaping (pure)."""

from __future__ import annotations

import html
import zlib

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from components.frames import flat_lists

MAX_IDS = 100
MAX_MAP_POINTS = 20_000
UNATTRIBUTED = "(unattributed)"
PALETTE = px.colors.qualitative.Plotly + px.colors.qualitative.D3  # themes: up to 20
OTHERS_COLOUR = "#b0b0b0"  # a folded group ("N other parties"): grey on every chart
# Colour-blind-safe schemes: Paul Tol's "muted" for parties, Okabe-Ito for stances, Tol's
# "high contrast" for the three kinds of record (https://personal.sron.nl/~pault/).
PARTY_PALETTE = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499",
)  # fmt: skip
STANCE_COLORS = {
    "support": "#009E73",
    "oppose": "#D55E00",
    "commit": "#0072B2",
    "call_for": "#E69F00",
    "welcome": "#56B4E9",
    "concern": "#CC79A7",
}
KIND_COLOURS = {"areas": "#DDAA33", "positions": "#BB5566", "signings": "#004488"}


def party_colours(parties: list[str]) -> dict[str, str]:
    """Party -> colour, the same on every chart and filtered view: the corpus's most active
    parties (``parties``, most active first) each get their own colour, chosen by a hash of
    the name so that a new document rarely changes anyone's; parties beyond the palette get
    their hash's colour, which one of those may share."""
    n, taken, out = len(PARTY_PALETTE), set(), {}
    for i, party in enumerate(parties):
        slot = zlib.crc32(party.encode("utf-8")) % n
        while i < n and slot in taken:
            slot = (slot + 1) % n
        taken.add(slot)
        out[party] = PARTY_PALETTE[slot]
    return out


def explode_list(
    df: pd.DataFrame, column: str, name: str, columns: list[str] | None = None
) -> pd.DataFrame:
    """One row per element of a list column, as column ``name`` (an empty list gives one
    UNATTRIBUTED row), carrying ``columns`` (default: all; fewer is much faster on a big
    corpus, where copying every text column dominated)."""
    rows, flat = flat_lists(df[column], UNATTRIBUTED)
    carried = df if columns is None else df[columns]
    return carried.iloc[rows].assign(**{name: flat})


def dated(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Rows of dated documents only, with a ``period``: the month when every one of them has
    a month, else the year (a bucket that mixes the two would mislead)."""
    dates = documents.set_index("id")["date"]
    d = rows.assign(date=rows["document_id"].map(dates).fillna("").astype(str))
    d = d[d["date"] != ""]
    by_month = (d["date"].str.len() >= 7).all()
    return d.assign(period=d["date"].str.slice(0, 7 if by_month else 4))


def grouped(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows per key combination with their joined paragraph ids (capped), largest first."""
    if df.empty:
        return pd.DataFrame(columns=[*keys, "n", "ids"])
    d = df[[*keys, "paragraph_id"]]
    out = d.groupby(keys, sort=False).size().rename("n").reset_index()
    u = d.drop_duplicates()
    u = u[u.groupby(keys, sort=False).cumcount().to_numpy() < MAX_IDS]
    acc: dict[tuple, list[str]] = {}
    columns = [u[k].to_numpy(object) for k in keys]
    for *key, pid in zip(*columns, u["paragraph_id"].to_numpy(object), strict=True):
        acc.setdefault(tuple(key), []).append(str(pid))
    wanted = zip(*[out[k].to_numpy(object) for k in keys], strict=True)
    out["ids"] = ["|".join(acc.get(tuple(key), ())) for key in wanted]
    return out.sort_values("n", ascending=False, kind="stable")


def figure(traces: list[dict] | dict | None = None) -> go.Figure:
    """A figure of trace dicts (``dict(type="bar", ...)``), built without plotly's
    property-by-property validation: about 5x faster to build, which a filter change feels.
    The tests validate every chart instead (test_charts_figures_validate)."""
    if traces is None:
        return go.Figure(_validate=False)
    return go.Figure([_arrays(t) for t in np.atleast_1d(traces)], _validate=False)


def _arrays(value):
    """A trace dict with pandas columns as numpy arrays (what validation would have made)."""
    if isinstance(value, dict):
        return {k: _arrays(v) for k, v in value.items()}
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy(
            object if value.dtype == object or value.dtype.kind in "OUS" else None
        )
    return value


def empty_figure(title: str) -> go.Figure:
    fig = figure()
    fig.update_layout(
        title=dict(text=title),
        annotations=[dict(text="Nothing to show for this view", showarrow=False)],
        xaxis_visible=False,
        yaxis_visible=False,
        height=260,
    )
    return fig


def finish(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    """Title, size and click mode; every text from a document escaped (:func:`as_text`)."""
    fig.update_layout(
        title=dict(text=title),
        height=height,
        margin=dict(l=10, r=10, t=50, b=10),
        clickmode="event+select",
    )
    return as_text(fig)


def stamped(fig: object, stamp: str) -> object:
    """A figure with its reproducibility stamp in small grey type under its title (so it is
    in every exported image); anything else as it is."""
    if not isinstance(fig, go.Figure):
        return fig
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 50
    return fig.update_layout(
        title=dict(subtitle=dict(text=plot_text(stamp), font=dict(size=9, color="#8a8a8a"))),
        margin=dict(t=top + 16),
    )


def plot_text(value: object) -> object:
    """A string plotly shows as the text it is: plotly renders <b>, <a href>, <br> and more in
    labels, so markup characters are escaped (plotly turns the entities back into characters);
    a newline (what :func:`wrap` puts between lines) becomes a line break."""
    if not isinstance(value, str):
        return value
    return html.escape(value, quote=False).replace("\n", "<br>")


def wrap(text: str, width: int = 36, lines: int = 3) -> str:
    """A label on at most ``lines`` lines of about ``width`` characters, broken between words
    (newlines; :func:`plot_text` makes them line breaks), "…" where it had to stop."""
    words, out, line = " ".join(str(text).split()).split(" "), [], ""
    for i, word in enumerate(words):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
            if len(out) == lines:
                return "\n".join(out[:-1] + [short(out[-1] + " " + " ".join(words[i:]), width)])
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*out, line])


def as_text(fig: go.Figure) -> go.Figure:
    """The figure with every string of its traces (categories, names, labels, hover data but
    the paragraph ids in custom_data[0]) and its tick labels escaped: no markup from a
    document reaches the browser as markup."""
    for trace in fig.data:
        for attr in ("x", "y", "text", "hovertext", "name", "labels"):
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                trace[attr] = plot_text(value)
            elif value is not None and len(value) and any(isinstance(v, str) for v in value):
                trace[attr] = [plot_text(v) for v in value]
        data = getattr(trace, "customdata", None)
        if data is not None and len(data):
            rows = np.asarray(data, dtype=object)
            if rows.ndim == 2 and rows.shape[1] > 1:
                rows[:, 1:] = np.vectorize(plot_text, otypes=[object])(rows[:, 1:])
                trace.customdata = rows
    for axis in ("xaxis", "yaxis"):
        ticks = fig.layout[axis].ticktext
        if ticks:
            fig.layout[axis].ticktext = [plot_text(t) for t in ticks]
    return fig


def custom_data(part: pd.DataFrame, label: str) -> np.ndarray:
    """custom_data rows: [ids, label, n, what] (ids first; "what" names the mark for the
    drill-down panel: the part's ``what`` column, else the label)."""
    what = part["what"] if "what" in part else part[label]
    return np.stack(
        [
            part["ids"].to_numpy(object),
            part[label].astype(str).to_numpy(object),
            part["n"],
            what.astype(str).to_numpy(object),
        ],
        axis=1,
    )


def stacked_bars(
    data: pd.DataFrame,
    category: str,
    color: str,
    horizontal: bool = True,
    colors: dict | None = None,
) -> go.Figure:
    """Stacked bars, one trace per colour group (plain go traces: much faster than px)."""
    traces = []
    for i, (name, part) in enumerate(data.groupby(color, sort=False)):
        cat, n = part[category].astype(str).to_numpy(object), part["n"].to_numpy()
        traces.append(
            dict(
                type="bar",
                x=n if horizontal else cat,
                y=cat if horizontal else n,
                orientation="h" if horizontal else "v",
                name=str(name),
                marker=dict(color=(colors or {}).get(name, PALETTE[i % len(PALETTE)])),
                customdata=custom_data(part, color),
                hovertemplate=f"%{{{'y' if horizontal else 'x'}}}<br>%{{customdata[1]}}: "
                "%{customdata[2]}<extra></extra>",
            )
        )
    fig = figure(traces)
    fig.update_layout(barmode="stack", legend_title_text=color)
    return fig


def marker_sizes(n: pd.Series, largest: float) -> np.ndarray:
    """Marker diameters whose area grows with the count (largest -> ``largest`` px)."""
    top = max(float(n.max()), 1.0)
    return np.maximum(6.0, largest * np.sqrt(n.to_numpy(dtype=float) / top))


def short(text: str, n: int = 90) -> str:
    """The start of a text for hover labels (escaped with the rest of the figure in finish)."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"
