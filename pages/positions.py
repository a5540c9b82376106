"""Positions: who holds which stance on what, heaviest first, with every quote."""

import streamlit as st

from components import cache, layout

ctx = layout.context()
layout.header("Positions", ctx.view, ctx.corpus)
if not layout.seed_offer("positions"):
    table = cache.derived("position_table", ctx.filters)
    shown = layout.how_many(
        "Targets on the chart (each party's and each stance's heaviest come first)",
        table["target"].nunique(),
        40,
        "positions_shown",
    )
    layout.chart_with_drilldown(ctx, "positions_grid", True, shown)
    st.subheader(f"All {len(table):,} positions, heaviest first")
    st.caption(
        "Weight: how many paragraphs state it, plus one when stated firmly. "
        "Every paragraph behind a position is cited."
    )
    st.dataframe(table, hide_index=True, width="stretch")
