"""Sidebar filter widgets -> Filters, and the pure, vectorized apply_filters."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import streamlit as st

from components import state
from components.facets import with_count
from components.frames import Frames, column_codes, list_codes, parties_of, titles_of
from components.state import Filters
from models.schema import STANCES

PARTY_LISTS = (("areas", "holders"), ("positions", "holders"), ("signings", "parties"))
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def valid_date(value: str) -> bool:
    """Whether a string is an ISO date, possibly partial ("2023", "2023-03", "2023-03-21")."""
    return bool(_DATE.match(value))


def _start(value: str) -> str:
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def _end(value: str) -> str:
    return {4: value + "-12-31", 7: value + "-31"}.get(len(value), value)


def _any_in(frames: Frames, table: str, column: str, wanted: tuple[str, ...]) -> np.ndarray:
    """Rows of a table whose list column shares a value with ``wanted``."""
    rows, codes, uniques = list_codes(frames, table, column)
    found = uniques.get_indexer(list(wanted))
    out = np.zeros(len(getattr(frames, table)), dtype=bool)
    out[rows[np.isin(codes, found[found >= 0])]] = True
    return out


def _isin(frames: Frames, table: str, column: str, wanted) -> np.ndarray:
    """Rows of a table whose text column is one of ``wanted``."""
    codes, uniques = column_codes(frames, table, column)
    found = uniques.get_indexer(list(wanted))
    return np.isin(codes, found[found >= 0])


def _marked(n: int, pidx: pd.Series, mask: np.ndarray | None) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[pidx.to_numpy()[mask] if mask is not None else pidx.to_numpy()] = True
    return out


def apply_filters(
    frames: Frames, filters: Filters, matches: dict[str, float] | None = None
) -> Frames:
    """The frames narrowed to the filters; ``matches`` (paragraph id -> score) is the search."""
    f = filters
    docs, paras = frames.documents, frames.paragraphs
    ar, po, si = frames.areas, frames.positions, frames.signings
    n = len(paras)
    dmask = np.ones(len(docs), dtype=bool)
    if f.documents:
        dmask &= _isin(frames, "documents", "id", f.documents)
    if f.date_from and valid_date(f.date_from):
        end = docs["date_end"].to_numpy(dtype=object)
        dmask &= (end != "") & (end >= _start(f.date_from))
    if f.date_to and valid_date(f.date_to):
        begin = docs["date_start"].to_numpy(dtype=object)
        dmask &= (begin != "") & (begin <= _end(f.date_to))
    restricted = not dmask.all()
    pmask = dmask[paras["didx"].to_numpy()] if restricted else np.ones(n, dtype=bool)
    if f.themes:
        pmask &= paras["theme_id"].isin(f.themes).to_numpy()
        restricted = True
    if f.topics:
        pmask &= paras["topic_id"].isin(f.topics).to_numpy()
        restricted = True
    if matches is not None:
        found = pd.Index(paras["id"].astype(object)).get_indexer(list(matches))
        pmask &= _marked(n, pd.Series(found[found >= 0]), None)
        restricted = True

    amask = _isin(frames, "areas", "area", f.areas) if f.areas else None
    smask = _isin(frames, "positions", "stance", f.stances) if f.stances else None
    gmask = _any_in(frames, "signings", "areas", f.areas) if f.areas else None
    if f.parties:
        held = {t: _any_in(frames, t, c, f.parties) for t, c in PARTY_LISTS}
        amask = held["areas"] & (True if amask is None else amask)
        smask = held["positions"] & (True if smask is None else smask)
        gmask = held["signings"] & (True if gmask is None else gmask)
    if f.areas:
        pmask &= _marked(n, ar["pidx"], amask) | _marked(n, si["pidx"], gmask)
    if f.stances:
        pmask &= _marked(n, po["pidx"], smask)
    if f.parties:
        pmask &= (
            _marked(n, ar["pidx"], amask)
            | _marked(n, po["pidx"], smask)
            | _marked(n, si["pidx"], gmask)
        )
    restricted = restricted or bool(f.areas or f.stances or f.parties)
    if not restricted:
        return Frames(docs, paras, frames.topics, ar, po, si, ranking={}, names=frames.names)

    def rows(df: pd.DataFrame, own: np.ndarray | None) -> pd.DataFrame:
        keep = pmask[df["pidx"].to_numpy()] if len(df) else np.zeros(0, dtype=bool)
        return df[keep & (True if own is None else own)]

    kept_paras = paras[pmask]
    doc_keep = np.zeros(len(docs), dtype=bool)
    doc_keep[kept_paras["didx"].to_numpy()] = True
    tops = frames.topics
    tops = tops[tops["id"].isin(np.unique(kept_paras["topic_id"].to_numpy()))]
    return Frames(
        docs[doc_keep],
        kept_paras,
        tops,
        rows(ar, amask),
        rows(po, smask),
        rows(si, gmask),
        ranking=dict(matches or {}),
        names=frames.names,
    )


def _clean_multiselect(name: str, options: list) -> None:
    """Drop values (e.g. from an old link) that are not options any more."""
    value = state.widget_value(name) or []
    allowed = set(options)
    kept = [v for v in value if v in allowed]
    if kept != list(value):
        state.set_widget_value(name, kept)


def _options(frames: Frames) -> dict[str, list]:
    """Filter choices of a corpus (memoized on its cached Frames)."""
    if "options" in frames.memo:
        return frames.memo["options"]
    topic_labels = dict(zip(frames.topics["id"], frames.topics["label"], strict=True))
    frames.memo["options"] = {
        "documents": frames.documents["id"].tolist(),
        "parties": parties_of(frames),
        "themes": sorted(set(frames.topics["theme"].tolist()) - {-1}),
        "topics": list(topic_labels),
        "areas": sorted(frames.areas["area"].unique().tolist()),
        "stances": list(STANCES),
    }
    return frames.memo["options"]


def clean(frames: Frames) -> Filters:
    """Drop filter values the corpus no longer offers (e.g. from an old link); the Filters."""
    for name, opts in _options(frames).items():
        _clean_multiselect(name, opts)
    return state.current_filters()


def sidebar(frames: Frames, counts: dict[str, dict]) -> Filters:
    """Draw the shared filter widgets in the sidebar, each option with the paragraphs of the
    view it holds (``counts``, components.facets), and return the Filters they set."""
    titles = titles_of(frames)
    names = frames.names
    topic_labels = dict(zip(frames.topics["id"], frames.topics["label"], strict=True))
    theme_labels = dict(zip(frames.topics["theme"], frames.topics["theme_label"], strict=False))
    options = _options(frames)
    for name, opts in options.items():
        _clean_multiselect(name, opts)

    def counted(field: str, label):
        return lambda v: with_count(label(v), counts.get(field, {}).get(v))

    with st.sidebar:
        st.text_input(
            "Search paragraphs",
            key=state.widget_key("query"),
            placeholder="keywords or a question",
            help="Finds paragraphs by keywords and by meaning, best first.",
        )
        st.caption("Paragraphs of this view in brackets.")
        for field, label, format_func, help_text in (
            ("documents", "Documents", lambda d: titles.get(d, d), None),
            ("parties", "Parties", str, None),
            (
                "themes",
                "Themes",
                lambda t: f"{t}: {theme_labels.get(t, '')}",
                "Broad themes; each groups a few topics.",
            ),
            ("topics", "Topics", lambda t: f"{t}: {topic_labels.get(t, '')}", None),
            ("areas", "Areas", names.area, None),
            ("stances", "Stances", names.stance_noun, None),
        ):
            st.multiselect(
                label,
                options[field],
                key=state.widget_key(field),
                format_func=counted(field, format_func),
                help=help_text,
            )
        left, right = st.columns(2)
        left.text_input("From", key=state.widget_key("date_from"), placeholder="YYYY-MM")
        right.text_input("To", key=state.widget_key("date_to"), placeholder="YYYY-MM-DD")
        filters = state.current_filters()
        for label, value in (("From", filters.date_from), ("To", filters.date_to)):
            if value and not valid_date(value):
                st.warning(f"{label}: use an ISO date such as 2023, 2023-03 or 2023-03-21.")
        st.button("Clear filters", on_click=state.reset_filters, width="stretch")
    return filters
