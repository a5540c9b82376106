"""Positions: who holds which stance on what, with the quotes."""

import streamlit as st

from components import layout

ctx = layout.context()
layout.header("Positions", ctx.view, ctx.corpus)
if not layout.seed_offer("positions"):
    positions = ctx.view.positions
    layout.chart_with_drilldown(ctx, "positions_grid", primary=True)
    st.subheader("Quotes")
    st.dataframe(
        positions.assign(holders=positions["holders"].map(", ".join))[
            ["holders", "stance", "target", "evidence", "paragraph_id"]
        ],
        hide_index=True,
        width="stretch",
    )
