"""The Corpus page's pieces: upload, paste, list and remove documents."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

import streamlit as st

from components import access, cache, doc_meta, private_layer, state
from components.analysis import run_analysis, run_batch
from components.frames import Frames, titles_of
from components.text import md_plain
from models.errors import ReadoutError

MAX_UPLOAD_MB = 50
UPLOAD_TYPES = ["txt", "md", "html", "htm", "jsonl", "gz"]


def too_large(size_bytes: int, limit_mb: int = MAX_UPLOAD_MB) -> str | None:
    """A message when an upload exceeds the limit, else None."""
    if size_bytes > limit_mb * 1024 * 1024:
        return f"{size_bytes / 1e6:.1f} MB is over the {limit_mb} MB upload limit"
    return None


def refit_panel() -> None:
    """Fit the topics again on the whole corpus (an editor's act: added texts otherwise only
    join the topics there are)."""
    if not access.can_edit():
        return
    st.subheader("Topics")
    st.caption(
        "Added texts join the nearest existing topic; the topics themselves are fitted again "
        "when many new paragraphs fit them badly, when more than half the corpus is new, or "
        "on request."
    )
    if st.button("Refit topics on the whole corpus"):
        if run_analysis([], refit_topics=True):
            st.rerun()


REPLACE = "Replace documents with the same id"
REPLACE_HELP = (
    "A document whose id is already stored with other text is replaced only when this is "
    "ticked; otherwise nothing is changed and the ids are named."
)


STOP = "Stop at the first bad file"
STOP_HELP = (
    "Off: the good files are stored and each bad one is listed with what was wrong. On: one "
    "bad file stops the whole batch and nothing is changed."
)
_PENDING = "remove_pending"  # the documents a removal waits to be confirmed for


def upload_form() -> None:
    """Upload files (.txt .md .html .jsonl .jsonl.gz) and analyze them."""
    files = st.file_uploader(
        f"Upload texts (up to {MAX_UPLOAD_MB} MB a file)",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
    )
    replace = st.checkbox(REPLACE, key="replace_uploads", help=REPLACE_HELP)
    stop = st.checkbox(STOP, key="stop_at_first_bad", help=STOP_HELP)
    if files and st.button("Analyze uploads", type="primary"):
        problems = [f"{f.name}: {msg}" for f in files if (msg := too_large(f.size))]
        problems += [
            f"{f.name}: only .jsonl.gz may be compressed"
            for f in files
            if f.name.lower().endswith(".gz") and not f.name.lower().endswith(".jsonl.gz")
        ]
        if problems:
            st.error("Nothing was changed: " + md_plain("; ".join(problems)))
            return
        with _staging() as tmp:
            names = {}
            for f in files:
                path = _unique(Path(tmp) / Path(f.name).name)
                path.write_bytes(f.getvalue())
                names[str(path)] = f.name
            stored = run_batch(names, folder=tmp, replace=replace, stop_at_first=stop)
            _forget([p for p in names if p not in (stored or ())])  # none kept for promotion
            if stored is not None:
                st.rerun()


def paste_form() -> None:
    """Paste a text with a title and a date."""
    with st.form("paste", clear_on_submit=False):
        title = st.text_input("Title")
        date = st.text_input("Date (ISO, may be partial)", placeholder="2023-03-21")
        text = st.text_area("Text", height=200)
        replace = st.checkbox(REPLACE, key="replace_pasted", help=REPLACE_HELP)
        submitted = st.form_submit_button("Add text")
    if submitted:
        if not title.strip() or not text.strip():
            st.error("Give the text a title and some content.")
            return
        if too_large(len(text.encode())):
            st.error(f"Nothing was changed: {too_large(len(text.encode()))}")
            return
        record = {"title": title.strip(), "text": text}
        if date.strip():
            record["date"] = date.strip()
        from models.ingest import slugify

        record["id"] = slugify(title)
        with _staging() as tmp:
            path = _unique(Path(tmp) / "pasted.jsonl")
            path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
            if run_analysis([str(path)], folder=tmp, replace=replace):
                st.rerun()
            _forget([str(path)])


def _staging():
    """Where uploaded files wait while they are analyzed: a temporary folder, or (for a
    visitor's private layer) the session's upload folder, kept so an editor can promote them."""
    if access.can_edit():
        return tempfile.TemporaryDirectory()
    return contextlib.nullcontext(str(private_layer.uploads()))


def _forget(paths: list[str]) -> None:
    """Delete staged files whose analysis failed (a temporary folder goes by itself)."""
    for path in paths:
        Path(path).unlink(missing_ok=True)


def _unique(path: Path) -> Path:
    """A path not taken yet in its folder ('memo.txt', then '1-memo.txt', ...)."""
    n, out = 0, path
    while out.exists():
        n += 1
        out = path.with_name(f"{n}-{path.name}")
    return out


def access_panel() -> None:
    """In a shared deployment: say what a visitor may do, unlock editing with the key, and
    let an editor promote or discard the session's private documents."""
    if not access.shared():
        return
    private = cache.private_document_ids()
    if not access.can_edit():
        st.info(
            "This corpus is shared and read-only. Texts you add stay private to this session: "
            "your charts include them, nobody else sees them, and they go when you leave."
            + (f" You have added {len(private)} private document(s)." if private else "")
        )
        with st.expander("Editor access"):
            with st.form("editor_key", clear_on_submit=True):
                key = st.text_input("Editor key", type="password", key="editor_key_input")
                unlocked = st.form_submit_button("Unlock editing")
            if unlocked:
                if access.key_matches(key):
                    state.set_editor(True)
                    st.rerun()
                st.error("That is not the editor key.")
        return
    st.success("Editing the shared corpus (editor key entered).")
    if private:
        st.warning(f"{len(private)} private document(s) of this session are not shared yet.")
        left, right = st.columns(2)
        if left.button(f"Promote {len(private)} to the shared corpus", type="primary"):
            try:
                report = cache.promote_private(replace=True)
            except ReadoutError as err:
                st.error(f"Nothing was changed: {md_plain(err)}")
                return
            state.set_notice(
                f"Promoted: {len(report.added)} added, {len(report.replaced)} replaced."
            )
            st.rerun()
        if right.button("Discard them"):
            cache.drop_private()
            st.rerun()


def document_table(corpus: Frames) -> None:
    """Stored documents, and removing some of them (in a shared deployment, without the
    editor key, only the session's private ones)."""
    docs = corpus.documents
    st.dataframe(
        doc_meta.table(docs),
        hide_index=True,
        width="stretch",
        column_config={"source_url": st.column_config.TextColumn("source URL")},
    )
    titles = titles_of(corpus)
    removable = list(titles) if access.can_edit() else cache.private_document_ids()
    if not removable:
        return
    label = "Remove documents" if access.can_edit() else "Remove your private documents"
    chosen = st.multiselect(label, removable, format_func=lambda d: titles.get(d, d))
    if state.session_value(_PENDING) != chosen:  # a confirmation is for this choice only
        state.set_session_value(_PENDING, None)
    if not chosen:
        return
    if not state.session_value(_PENDING):
        if st.button(f"Remove {len(chosen)} document(s)…"):
            state.set_session_value(_PENDING, chosen)
            st.rerun()
        return
    st.warning(
        f"Remove {len(chosen)} document(s)? Their paragraphs and extractions go with them; "
        "to have them back, upload them again."
    )
    for doc_id in chosen:
        st.text(f"• {titles.get(doc_id, doc_id)} (id {doc_id})")
    confirm, cancel = st.columns(2)
    if cancel.button("Cancel", key="remove_cancel"):
        state.set_session_value(_PENDING, None)
        st.rerun()
    if confirm.button(f"Confirm: remove {len(chosen)}", type="primary", key="remove_confirm"):
        state.set_session_value(_PENDING, None)
        if run_analysis([], remove=chosen):
            st.rerun()
