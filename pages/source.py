"""Source: the reader, documents and their paragraphs with evidence highlighted and tagged."""

import streamlit as st

from components import layout, reader, state

ctx = layout.context()
layout.header("Source", ctx.view, ctx.corpus)
if not layout.seed_offer("source"):
    if ctx.filters.query:
        reader.search_results(ctx)
    doc_id = reader.choose_document(ctx)
    if doc_id:
        focus = state.reading()
        if focus and focus.startswith(doc_id + ":"):
            st.subheader("Opened paragraph")
            reader.show_paragraphs(ctx, [focus])
        st.subheader("Document")
        reader.document_header(ctx, doc_id)
        ids = ctx.corpus.paragraphs.loc[ctx.corpus.paragraphs["document_id"] == doc_id, "id"]
        reader.show_paragraphs(ctx, list(ids), max_shown=400)
    else:
        st.info("No document in this view.")
