"""Corpus: add texts (upload or paste), see and remove documents, set a speech's voice."""

import streamlit as st

from components import analysis, corpus, corrections_panel, layout, state, voice
from components.text import md_plain

ctx = layout.context()
layout.header("Corpus", ctx.view, ctx.corpus)
message = state.notice()
if message:
    st.success(md_plain(message))
analysis.show_report()
corpus.access_panel()
upload, paste = st.tabs(["Upload files", "Paste a text"])
with upload:
    corpus.upload_form()
with paste:
    corpus.paste_form()
st.subheader("Documents")
if ctx.corpus.empty:
    layout.seed_offer("corpus")
else:
    corpus.document_table(ctx.corpus)
    corpus.refit_panel()
    st.subheader("Speaking party")
    voice.voice_form(ctx.corpus)
    st.subheader("Corrections (audit)")
    st.caption(
        "What analysts corrected in the extraction and the topics, newest first; a correction "
        "holds across re-analysis and is undone here."
    )
    corrections_panel.audit()
    with st.expander("Rename or merge a topic"):
        corrections_panel.topic_form(ctx.corpus)
