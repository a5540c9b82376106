"""The reader's pieces: choose a document, show its paragraphs, list search results."""

from __future__ import annotations

import streamlit as st

from components import doc_meta, drilldown, kwic, state
from components.frames import citation, paragraph_lookup
from components.layout import Context
from components.text import md_plain

MAX_RESULTS = 20


def choose_document(ctx: Context) -> str | None:
    """A document picker (the view's documents); follows the paragraph opened in the reader."""
    docs = ctx.view.documents if not ctx.view.documents.empty else ctx.corpus.documents
    if docs.empty:
        return None
    ids = docs["id"].tolist()
    titles = dict(zip(docs["id"], docs["title"], strict=True))
    reading = state.reading()
    current = reading.rsplit(":", 1)[0] if reading else None
    if current not in titles:
        current = ids[0]
    choice = st.selectbox(
        "Document",
        ids,
        index=ids.index(current),
        format_func=lambda d: titles.get(d, d),
    )
    if choice != current:
        state.set_reading(f"{choice}:1")
        st.rerun()
    return choice


def document_header(ctx: Context, doc_id: str) -> None:
    """Title, date, source and link of a document (as text; what is missing is left out)."""
    docs = ctx.corpus.documents
    row = docs[docs["id"] == doc_id].iloc[0]
    st.markdown(f"### {md_plain(str(row['title']))}")
    st.caption(md_plain(doc_meta.details(row, doc_id)))
    if url := doc_meta.present(row.get("source_url")):  # as text: a document's link is not live
        st.code(url, language=None, wrap_lines=True)


def show_paragraphs(ctx: Context, ids: list[str], max_shown: int = 50) -> None:
    """Paragraph cards with evidence highlighted and tags; the opened one is marked."""
    lookup = paragraph_lookup(ctx.corpus)
    present = [i for i in ids if i in lookup.index][:max_shown]
    evidence = drilldown.evidence_of(ctx.corpus, present)
    tags = drilldown.tags_by_paragraph(ctx.corpus, present)
    focus = state.reading()
    for pid in present:
        row = lookup.loc[pid]
        with st.container(border=True):  # a card each: a ¶ heading never sits on the last line
            if pid == focus:
                st.markdown(":blue-badge[:material/arrow_right: the paragraph you opened]")
            labels = [f"topic: {row['topic']}", *tags.get(pid, [])]
            drilldown.paragraph_card(row, evidence.get(pid, []), labels)


def search_results(ctx: Context) -> None:
    """Paragraphs the search found, best first: the words in context, hits marked, each
    openable in the reader; a search with no strong match says so."""
    ranking = ctx.view.ranking
    query = ctx.filters.query
    if not ranking:
        st.subheader("Search")
        st.info(
            md_plain(
                f"No paragraph holds every word of “{query}”, and none is close in meaning "
                "(a meaning match needs similarity 0.4). Try other words."
            )
        )
        return
    st.subheader(f"Search: {len(ranking)} paragraph(s), best first")
    words = kwic.terms(query)
    lookup = paragraph_lookup(ctx.corpus)
    for pid in [p for p in ranking if p in lookup.index][:MAX_RESULTS]:
        row = lookup.loc[pid]
        with st.container(border=True):
            score = ranking[pid]
            how = "keywords" + (" + meaning" if score > 1 else "") if score >= 1 else "meaning"
            st.text(f"{citation(row)} — {how} ({score:.2f})")
            text = kwic.snippet_html(str(row["text"]), words)
            st.markdown(f'<div class="readout-text">{text}</div>', unsafe_allow_html=True)
            if st.button("Read", key=f"read_{pid}"):
                state.set_reading(pid)
                st.rerun()
