"""Shared page scaffolding: the page list, the per-page context, empty state and exports."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import streamlit as st

from components import briefing, cache, drilldown, filters, state
from components.frames import Frames
from components.state import Filters
from components.text import md_plain
from models.errors import ReadoutError

SIDEBAR_DELAY_S = 0.4  # $READOUT_SIDEBAR_DELAY overrides (the tests use 0)
PAGES = [
    ("pages/overview.py", "Overview", ":material/dashboard:"),
    ("pages/topics.py", "Topics", ":material/bubble_chart:"),
    ("pages/areas.py", "Cooperation areas", ":material/handshake:"),
    ("pages/positions.py", "Positions", ":material/record_voice_over:"),
    ("pages/signings.py", "Signings", ":material/draw:"),
    ("pages/compare.py", "Compare", ":material/compare_arrows:"),
    ("pages/source.py", "Source", ":material/menu_book:"),
    ("pages/corpus.py", "Corpus", ":material/library_books:"),
]


@dataclass
class Context:
    """What a page draws from: the whole corpus, the filtered view and the filters."""

    corpus: Frames
    view: Frames
    filters: Filters


def pages() -> list:
    """The st.Page objects of the app, Overview first (default)."""
    return [
        st.Page(path, title=title, icon=icon, default=(i == 0))
        for i, (path, title, icon) in enumerate(PAGES)
    ]


def ensure_entrypoint() -> None:
    """Rerun through app.py when Streamlit ran a page file alone.

    With a pages/ folder, a session whose first request is a page URL (a shared link) runs
    in the legacy multipage mode, which executes the page without app.py (no sidebar, no
    URL sync). Streamlit leaves that mode for good once st.navigation runs; a rerun does it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context() -> Context:
    """The corpus, the filtered view and the filters of this run."""
    ensure_entrypoint()
    chosen = state.current_filters()
    return Context(corpus(), cache.view(chosen), chosen)


def corpus() -> Frames:
    """The stored corpus; a store that cannot be opened stops the page with its one line."""
    try:
        return cache.frames()
    except ReadoutError as err:
        st.error(md_plain(f"Cannot open the store: {err}"))
        st.stop()


def seed_offer(key: str = "seed") -> bool:
    """When the corpus is empty, offer to analyze the bundled seed article; True if empty."""
    if not cache.frames().empty:
        return False
    st.info("The corpus is empty. Add texts on the Corpus page, or start with the seed article.")
    if st.button("Analyze the bundled seed article", key=f"{key}_button", type="primary"):
        with st.spinner("Analyzing the seed article…"):
            try:
                cache.analyze([str(cache.SEED)])
            except ReadoutError as err:
                st.error(f"Could not analyze the seed: {md_plain(err)}")
                return True
        st.rerun()
    return True


def header(title: str, view: Frames, corpus: Frames) -> None:
    """Page title with how much of the corpus the view holds."""
    st.title(title)
    if not corpus.empty:
        st.caption(
            f"{len(view.documents):,} of {len(corpus.documents):,} documents · "
            f"{len(view.paragraphs):,} paragraphs in view"
        )


def chart_with_drilldown(ctx: Context, name: str, primary: bool = False, *args) -> None:
    """A clickable chart (a components.views name) with its selected paragraphs beside it.

    The selection shows beside the chart it was made on; one restored from a link beside
    the page's primary chart.
    """
    left, right = st.columns([3, 2])
    with left:
        drilldown.chart(cache.derived(name, ctx.filters, *args), name)
    source = state.selection_chart()
    with right:
        if source == name or (source is None and primary):
            what = state.selection_what()
            drilldown.render(ctx.view, ctx.corpus, state.selection(), ctx.filters, what)
        else:
            drilldown.render(ctx.view, ctx.corpus, (), ctx.filters)


def how_many(label: str, total: int, default: int, key: str) -> int:
    """How many rows a capped chart shows: ``default``, or what the reader picks when there
    are more (a chart says "N of M" and this offers the rest)."""
    if total <= default:
        return default
    steps = sorted({s for s in (10, 20, 40, 80, 160) if s < total} | {default, total})
    return st.select_slider(label, options=steps, value=default, key=key)


def sidebar(corpus: Frames) -> None:
    """The shared sidebar: filters, then exports.

    A session's first run leaves it out and reruns after SIDEBAR_DELAY_S: the browser, one
    thread, then renders the page's first chart before it builds a dozen widgets
    (benchmarks/bench_app.py: about 0.5 s sooner; the sidebar follows).
    """
    if state.first_paint():
        time.sleep(_sidebar_delay())
        st.rerun()
    ctx = context()
    filters.sidebar(corpus, cache.derived("facets", ctx.filters))
    sidebar_exports(ctx)


def _sidebar_delay() -> float:
    """$READOUT_SIDEBAR_DELAY in seconds (0 to 5), else SIDEBAR_DELAY_S."""
    try:
        return min(max(float(os.environ.get("READOUT_SIDEBAR_DELAY", SIDEBAR_DELAY_S)), 0.0), 5.0)
    except ValueError:
        return SIDEBAR_DELAY_S


def sidebar_exports(ctx: Context) -> None:
    """Download buttons for the current view (data built only when clicked)."""
    with st.sidebar:
        st.divider()
        st.caption("Export this view")
        st.download_button(
            "CSV: areas, positions, signings",
            data=lambda: briefing.export_csv(ctx.view, cache.stamp_line(ctx.filters)),
            file_name="readout-view.csv",
            mime="text/csv",
            width="stretch",
            on_click="ignore",
        )
        st.download_button(
            "Markdown briefing note",
            data=lambda: briefing.briefing_markdown(
                ctx.view, ctx.filters, cache.stamp_line(ctx.filters)
            ),
            file_name="readout-briefing.md",
            mime="text/markdown",
            width="stretch",
            on_click="ignore",
        )
