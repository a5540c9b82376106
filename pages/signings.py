"""Signings: signatories -> documents -> areas, plus a table."""

import streamlit as st

from components import layout

ctx = layout.context()
layout.header("Signings", ctx.view, ctx.corpus)
if not layout.seed_offer("signings"):
    signings = ctx.view.signings
    layout.chart_with_drilldown(ctx, "signings_layers", primary=True)
    st.subheader("Signings table")
    table = signings.assign(**{c: signings[c].map(", ".join) for c in ("signatories", "areas")})
    st.dataframe(
        table[["document", "signatories", "areas", "evidence", "paragraph_id"]],
        hide_index=True,
        width="stretch",
    )
