"""Overview: the corpus at a glance, headline counts and a cited briefing summary."""

import streamlit as st

from components import cache, layout
from components.text import md_plain

ctx = layout.context()
layout.header("Overview", ctx.view, ctx.corpus)
if not layout.seed_offer("overview"):
    docs = ctx.view.documents
    dated = docs.loc[docs["date"] != "", "date"]
    parties = cache.derived("party_list", ctx.filters)
    cols = st.columns(6)
    cols[0].metric("Documents", f"{len(docs):,}")
    cols[1].metric("Paragraphs", f"{len(ctx.view.paragraphs):,}")
    cols[2].metric("Parties", f"{len(parties):,}")
    cols[3].metric("Areas raised", f"{len(ctx.view.areas):,}")
    cols[4].metric("Positions", f"{len(ctx.view.positions):,}")
    cols[5].metric("Signings", f"{len(ctx.view.signings):,}")
    span = "undated" if dated.empty else f"{dated.min()} to {dated.max()}"
    st.caption(md_plain(f"Dates: {span} · Parties: {', '.join(parties[:12]) or 'none found'}"))
    layout.chart_with_drilldown(ctx, "party_activity", primary=True)
    st.subheader("Briefing summary")
    lines = cache.derived("briefing_lines", ctx.filters)
    for heading, key in (
        ("Top areas per party", "areas"),
        ("Key positions", "positions"),
        ("Documents signed", "signings"),
    ):
        st.markdown(f"**{heading}**")
        if not lines[key]:
            st.caption("None in this view.")
        for line in lines[key]:
            st.text(f"• {line.text}  [{line.citation}]")
