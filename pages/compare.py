"""Compare: two documents, two parties or two filtered sets, side by side and as a difference."""

import streamlit as st

from components import cache, compare_view, layout

ctx = layout.context()
layout.header("Compare", ctx.view, ctx.corpus)
if not layout.seed_offer("compare"):
    left, right, left_label, right_label = compare_view.choose(ctx.corpus)
    if not left or not right:
        st.info("Pick what to compare on each side.")
    else:
        compare_view.render(ctx.corpus, cache.comparison(left, right), left_label, right_label)
