"""Cooperation areas: by party, by document and over time."""

import streamlit as st

from components import layout

ctx = layout.context()
layout.header("Cooperation areas", ctx.view, ctx.corpus)
if not layout.seed_offer("areas"):
    layout.chart_with_drilldown(ctx, "areas_by_party", primary=True)
    layout.chart_with_drilldown(ctx, "areas_by_document")
    if (ctx.view.documents["date"] != "").any():
        layout.chart_with_drilldown(ctx, "areas_over_time")
    else:
        st.caption("No dated documents in this view: no timeline.")
