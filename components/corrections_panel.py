"""Correct the machine: delete, change or add a paragraph's areas, positions and signings,
rename or merge topics, and the audit of every correction with undo.

Writes go through cache.write (in a shared deployment a visitor's corrections go to their
private layer); text from documents is shown as text, never as markup.
"""

from __future__ import annotations

import hashlib
import json
import math

import streamlit as st

from components import access, cache, state
from components.frames import Frames
from components.text import md_plain
from models.corrections import Correction, add, undo
from models.display import load_names
from models.embed import text_hash
from models.errors import ReadoutError
from models.schema import STANCES

TABLES = {"area": "areas", "position": "positions", "signing": "signings"}
MARK = "✎ corrected"
AUTHOR_KEY = "correction_author_input"
TOGGLE_KEY = "fix_toggle"
SKIP = {"document_id", "paragraph_id", "corrected", "pidx"}


def author() -> str:
    """The name corrections are recorded under: typed once a session (a session holding the
    editor key of a shared deployment that typed none: 'editor')."""
    name = state.correction_author()
    if not name and access.shared() and state.is_editor():
        return "editor (key holder)"
    return name


def author_box() -> str:
    """Ask for the analyst's name once a session; returns it ('' until typed)."""
    name = author()
    if name:
        st.caption(md_plain(f"Correcting as {name}."))
    else:
        st.text_input(
            "Your name, recorded with your corrections",
            key=AUTHOR_KEY,
            on_change=state.author_callback(AUTHOR_KEY),
        )
    if access.shared() and not access.can_edit():
        st.caption("Your corrections stay in your private layer: nobody else sees them.")
    return name


def describe(kind: str, record: dict) -> str:
    """A record in a few words, names for people (plain text)."""
    names = load_names()
    if kind == "area":
        area = names.area(str(record.get("area", "")))
        return f"area: {area} ({'/'.join(record.get('holders') or []) or '?'})"
    if kind == "position":
        who = "/".join(record.get("holders") or []) or "?"
        verb = names.stance_verb(str(record.get("stance", "")))
        return f"{who} {verb} {record.get('target', '')}"
    return f"signed: {record.get('document', '')} ({'/'.join(record.get('parties') or []) or '?'})"


def _plain(value: object) -> object:
    """A frame cell as JSON: lists as lists, NaN and None as None."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def records_of(corpus: Frames, paragraph_ids: list[str]) -> dict[str, list[tuple[str, dict]]]:
    """Each paragraph's (kind, record) pairs, records as plain dicts."""
    wanted = set(paragraph_ids)
    out: dict[str, list[tuple[str, dict]]] = {}
    for kind, table in TABLES.items():
        df = getattr(corpus, table)
        part = df[df["paragraph_id"].astype(object).isin(wanted)]
        for record in part.to_dict("records"):
            clean = {k: _plain(v) for k, v in record.items() if k not in ("pidx",)}
            out.setdefault(str(record["paragraph_id"]), []).append((kind, clean))
    return out


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.replace(";", ",").split(",") if n.strip()]


def _fields(kind: str, record: dict, key: str) -> dict:
    """Inputs for the fields a correction may set, filled with the record's values."""
    if kind == "area":
        return {
            "area": st.text_input("Area", str(record.get("area") or ""), key=f"{key}_area"),
            "holders": _names(
                st.text_input(
                    "Held by (comma-separated)",
                    ", ".join(record.get("holders") or []),
                    key=f"{key}_holders",
                )
            ),
        }
    if kind == "position":
        stance = record.get("stance") if record.get("stance") in STANCES else STANCES[0]
        return {
            "holders": _names(
                st.text_input(
                    "Held by (comma-separated)",
                    ", ".join(record.get("holders") or []),
                    key=f"{key}_holders",
                )
            ),
            "stance": st.selectbox(
                "Stance", STANCES, index=STANCES.index(stance), key=f"{key}_stance"
            ),
            "target": st.text_input("Target", str(record.get("target") or ""), key=f"{key}_target"),
        }
    return {
        "document": st.text_input(
            "Document signed", str(record.get("document") or ""), key=f"{key}_document"
        ),
        "parties": _names(
            st.text_input(
                "Parties (comma-separated)",
                ", ".join(record.get("parties") or []),
                key=f"{key}_parties",
            )
        ),
    }


def _save(correction: Correction) -> None:
    """Store a correction and rerun; a one-line error when it is refused."""
    try:
        made = cache.write(lambda store: add(store, correction))
    except ReadoutError as err:
        st.error(md_plain(f"Not saved: {err}"))
        return
    state.set_session_value("correction_notice", f"Saved: {made.describe()}")
    st.rerun()


def _differs(old: object, new: object) -> bool:
    if isinstance(new, list):
        return sorted(new) != sorted(old or [])
    return str(new).strip() != str(old or "").strip()


def _key(kind: str, record: dict) -> str:
    """A widget key of a record: the same while the record says the same."""
    ident = json.dumps([kind, record.get("paragraph_id"), describe(kind, record)])
    return "fix_" + hashlib.sha1(ident.encode()).hexdigest()[:12]


def record_controls(kind: str, record: dict, text: str, name: str) -> None:
    """One record of a paragraph: what it says, and a popover to delete or change it."""
    key = _key(kind, record)
    label = describe(kind, record) + (f" · {MARK}" if record.get("corrected") else "")
    left, right = st.columns([4, 1])
    left.caption(md_plain(label))
    original = {k: v for k, v in record.items() if k not in SKIP}
    with right.popover("Correct", width="stretch", key=f"{key}_popover"):
        if st.button("Delete it", key=f"{key}_delete"):
            _save(Correction(kind, "delete", text_hash(text), original, {}, name))
        with st.form(f"{key}_form"):
            values = _fields(kind, record, key)
            note = st.text_input("Note (optional)", key=f"{key}_note")
            if st.form_submit_button("Save change"):
                changed = {k: v for k, v in values.items() if _differs(record.get(k), v)}
                _save(Correction(kind, "change", text_hash(text), original, changed, name, note))


def add_controls(paragraph_id: str, text: str, name: str) -> None:
    """A popover to add an area, position or signing the extraction missed, with its
    evidence typed from the paragraph (it must occur there)."""
    key = "fix_add_" + hashlib.sha1(paragraph_id.encode()).hexdigest()[:12]
    with st.popover("Add a missing area, position or signing", key=f"{key}_popover"):
        kind = st.radio("What", list(TABLES), horizontal=True, key=f"{key}_kind")
        with st.form(f"{key}_{kind}_form"):
            values = _fields(kind, {}, f"{key}_{kind}")
            evidence = st.text_input(
                "Evidence: the words of the paragraph that say it", key=f"{key}_{kind}_evidence"
            )
            note = st.text_input("Note (optional)", key=f"{key}_{kind}_note")
            if st.form_submit_button("Add"):
                if evidence.strip().lower() not in text.lower():
                    st.error("Not saved: the evidence must be words of this paragraph.")
                    return
                new = {k: v for k, v in values.items() if v} | {"evidence": evidence}
                _save(Correction(kind, "add", text_hash(text), {}, new, name, note))


def paragraph_controls(records: list[tuple[str, dict]], paragraph_id: str, text: str) -> None:
    """Under a drill-down paragraph: a Correct popover for each record, and Add."""
    name = author()
    if not name:
        return
    shown: set[str] = set()
    for kind, record in records:  # one control for records that say the same
        if _key(kind, record) not in shown:
            shown.add(_key(kind, record))
            record_controls(kind, record, text, name)
    add_controls(paragraph_id, text, name)


def correcting() -> bool:
    """A toggle above the drill-down: show the correction controls (and ask for a name)."""
    on = st.toggle("Correct the extraction", key=TOGGLE_KEY)
    message = state.session_value("correction_notice")
    if message:
        st.success(md_plain(message))
        state.set_session_value("correction_notice", None)
    if on:
        author_box()
    return on


def audit() -> None:
    """Every correction of the store this session reads, newest first, with undo."""
    from models import corrections

    store = cache.store()
    found = corrections.list(store)
    orphans = corrections.orphaned(store, found)
    name = author_box()
    if not found:
        st.caption("No corrections yet: select paragraphs on a chart and correct them there.")
        return
    for c in reversed(found):
        status = (
            f"undone {c.undone_at} by {c.undone_by}"
            if not c.active
            else "orphaned: its paragraph or topic is gone"
            if c.id in orphans
            else "applied"
        )
        left, right = st.columns([6, 1])
        left.text(f"#{c.id} {c.created_at} · {c.author} · {c.describe()} · {status}")
        if c.note:
            left.text(f"note: {c.note}")
        if c.active and name and right.button("Undo", key=f"undo_correction_{c.id}"):
            try:
                cache.write(lambda s, cid=c.id: undo(s, cid, name))
            except ReadoutError as err:
                st.error(md_plain(f"Not undone: {err}"))
            else:
                st.rerun()


def topic_form(corpus: Frames) -> None:
    """Rename a topic, or merge it into another (keyed by its representative paragraph)."""
    tops, paras = corpus.topics, corpus.paragraphs
    texts = dict(zip(paras["id"], paras["text"], strict=True))
    tops = tops[tops["representative_id"].isin(set(texts))]
    name = author()
    if tops.empty or not name:
        st.caption("Type your name above to rename or merge topics." if not name else "No topics.")
        return
    labels = dict(zip(tops["id"].astype(int), tops["label"].astype(str), strict=True))
    ids = list(labels)
    chosen = st.selectbox("Topic", ids, format_func=lambda i: labels[i], key="fix_topic")
    row = tops[tops["id"] == chosen].iloc[0]
    original = {"label": row["label"], "keywords": list(row["keywords"])}
    key = text_hash(texts[row["representative_id"]])
    new_label = st.text_input("New label", key="fix_topic_label")
    if st.button("Rename topic", key="fix_topic_rename"):
        _save(Correction("topic", "rename", key, original, {"label": new_label}, name))
    others = [i for i in ids if i != chosen]
    if others:
        into = st.selectbox("Merge it into", others, format_func=lambda i: labels[i])
        target = tops[tops["id"] == into].iloc[0]
        new = {
            "into": text_hash(texts[target["representative_id"]]),
            "label": str(target["label"]),
            "keywords": list(target["keywords"]),
        }
        if st.button("Merge topics", key="fix_topic_merge"):
            _save(Correction("topic", "merge", key, original, new, name))
