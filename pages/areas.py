"""Cooperation areas: by party, by document and over time."""

import streamlit as st

from components import layout

ctx = layout.context()
layout.header("Cooperation areas", ctx.view, ctx.corpus)
if not layout.seed_offer("areas"):
    areas = ctx.view.areas
    n_areas, n_docs = areas["area"].nunique(), areas["document_id"].nunique()
    shown = layout.how_many("Areas on the charts", n_areas, 25, "areas_shown")
    layout.chart_with_drilldown(ctx, "areas_by_party", True, shown)
    docs = layout.how_many("Documents in the matrix", n_docs, 30, "matrix_documents")
    layout.chart_with_drilldown(ctx, "areas_by_document", False, shown, docs)
    if (ctx.view.documents["date"] != "").any():
        layout.chart_with_drilldown(ctx, "areas_over_time")
    else:
        st.caption("No dated documents in this view: no timeline.")
