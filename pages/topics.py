"""Topics: themes first, each made of topics; their share over time; the map; a table of
themes and topics with keywords and a representative paragraph. Any mark opens its
paragraphs."""

import streamlit as st

from components import cache, layout

ctx = layout.context()
layout.header("Topics", ctx.view, ctx.corpus)
if not layout.seed_offer("topics"):
    layout.chart_with_drilldown(ctx, "themes", primary=True)
    if (ctx.view.documents["date"] != "").any():
        layout.chart_with_drilldown(ctx, "themes_over_time")
    layout.chart_with_drilldown(ctx, "topic_map")
    layout.chart_with_drilldown(ctx, "topic_sizes")
    st.subheader("Themes and topics")
    st.caption("Pick themes in the sidebar to see only their topics.")
    rows = cache.derived("topic_table", ctx.filters)  # once per view, not every rerun
    st.dataframe(rows, hide_index=True, width="stretch")
