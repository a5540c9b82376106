"""The Corpus page's voice editor: the party a speech speaks for, read from the file or set."""

from __future__ import annotations

import streamlit as st

from components import cache, state
from components.frames import Frames, titles_of
from components.text import md_plain
from models.errors import ReadoutError
from models.voice import country_choices, describe, voice_of

CAPTION = (
    "A speech in one country's own voice: 'we' and 'our country' are that country. Set it "
    "when neither the file nor its name says who speaks; saving re-extracts the document."
)
NONE = ""  # the option for no voice: the document is read as a report between parties


def voice_form(corpus: Frames) -> None:
    """Choose a document, see its speaking party, and set or remove it."""
    st.caption(CAPTION)
    titles = titles_of(corpus)
    doc_id = st.selectbox(
        "Document", list(titles), format_func=lambda d: titles.get(d, d), key=state.voice_key("doc")
    )
    stored = cache.store().load_documents(doc_id) if doc_id else []
    if not stored:
        return
    voice = voice_of(stored[0].meta)
    origin = "set on this page" if voice.set_by == "user" else "read from the file"
    st.text(f"Speaking party: {describe(voice)} ({origin})")
    labels = {NONE: "none", **dict(country_choices())}
    current = voice.code or voice.party or NONE
    options = list(labels) if current in labels else [NONE, current, *list(labels)[1:]]
    with st.form(state.voice_key("form", doc_id)):
        party = st.selectbox(
            "Speaking party",
            options,
            index=options.index(current),
            format_func=lambda c: labels.get(c, c),
            key=state.voice_key("party", doc_id),
        )
        speaker = st.text_input(
            "Speaker (optional)", value=voice.speaker or "", key=state.voice_key("speaker", doc_id)
        )
        saved = st.form_submit_button("Save voice")
    if saved:
        try:
            found = cache.set_voice(doc_id, party or None, speaker.strip() or None)
        except ReadoutError as err:
            st.error(f"Nothing was changed: {md_plain(err)}")
            return
        state.set_notice(
            f"Speaking party saved: {labels.get(party, party)}. Re-extracted "
            f"{len(found.areas)} areas, {len(found.positions)} positions, "
            f"{len(found.signings)} signings."
        )
        st.rerun()
