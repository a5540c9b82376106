"""Topics: the topic map and topic sizes; selecting points or a topic shows its paragraphs."""

import streamlit as st

from components import layout

ctx = layout.context()
layout.header("Topics", ctx.view, ctx.corpus)
if not layout.seed_offer("topics"):
    layout.chart_with_drilldown(ctx, "topic_map", primary=True)
    layout.chart_with_drilldown(ctx, "topic_sizes")
    st.subheader("Topics and keywords")
    st.dataframe(
        ctx.view.topics.assign(keywords=ctx.view.topics["keywords"].map(", ".join))[
            ["id", "label", "size", "keywords"]
        ],
        hide_index=True,
        width="stretch",
    )
