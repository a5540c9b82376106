"""The only module touching st.session_state and st.query_params: URL <-> Filters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields

import streamlit as st

from components.filter_params import Filters, filters_from_params, params_dict

__all__ = ["Filters", "filters_from_params", "params_dict"]  # re-exported: pages import them here

MAX_URL_SELECTION = 25

_WIDGET = "f_"  # widget keys are f_<field>
# The Compare page's choices, in the URL under these names (readout_<name> in the session).
COMPARE_KEYS = ("cmp", "cl", "cr", "cl_from", "cl_to", "cr_from", "cr_to", "cmp_pick")
_SELECTION = "readout_selection"
_READ = "readout_read"
_PAGE = "readout_page"
_INIT = "readout_url_loaded"
_NOTICE = "readout_notice"
_EDITOR = "readout_editor"
_PRIVATE = "readout_private_store"
_SESSION = "readout_session_id"
_PAINTED = "readout_page_painted"
_AUTHOR = "readout_correction_author"


def _url_get_all(key: str) -> list[str]:
    return list(st.query_params.get_all(key))


def init_from_url() -> None:
    """On a session's first run, load filters, selection and reader position from the URL."""
    ss = st.session_state
    if ss.get(_INIT):
        _adopt_read_param()
        return
    ss[_INIT] = True
    loaded = filters_from_params(_url_get_all)
    for f in fields(Filters):
        if f"{_WIDGET}{f.name}" not in ss:
            value = getattr(loaded, f.name)
            ss[f"{_WIDGET}{f.name}"] = list(value) if isinstance(value, tuple) else value
    for key in COMPARE_KEYS:
        if (values := [v for v in _url_get_all(key) if v]) and session_key(key) not in ss:
            ss[session_key(key)] = values if key in ("cl", "cr") else values[-1]
    if _SELECTION not in ss:
        ss[_SELECTION] = tuple(v for v in _url_get_all("sel") if v)
        chart = _url_get_all("chart")
        ss[_SELECTION + "_chart"] = chart[-1] if chart and ss[_SELECTION] else None
    _adopt_read_param()


def first_paint() -> bool:
    """True once, on a session's first run: the run that draws the page before the sidebar."""
    if st.session_state.get(_PAINTED):
        return False
    st.session_state[_PAINTED] = True
    return True


def _adopt_read_param() -> None:
    read = _url_get_all("read")
    if read and read[-1] and read[-1] != st.session_state.get(_READ + "_url"):
        st.session_state[_READ] = read[-1]
        st.session_state[_READ + "_url"] = read[-1]


def widget_key(name: str) -> str:
    """The session key of the sidebar widget for a Filters field."""
    return f"{_WIDGET}{name}"


def widget_value(name: str, default=None):
    """The current value of a sidebar widget (its session key)."""
    return st.session_state.get(widget_key(name), default)


def set_widget_value(name: str, value) -> None:
    """Set a sidebar widget's value before it is drawn (e.g. to drop stale options)."""
    st.session_state[widget_key(name)] = value


def current_filters() -> Filters:
    """The Filters of the sidebar widgets."""
    ss = st.session_state
    values = {}
    for f in fields(Filters):
        value = ss.get(widget_key(f.name))
        if f.name in ("date_from", "date_to", "query"):
            values[f.name] = str(value or "").strip()
        else:
            values[f.name] = tuple(value or ())
    return Filters(**values)


def reset_filters() -> None:
    """Clear every filter (a sidebar button callback)."""
    for f in fields(Filters):
        default = getattr(Filters(), f.name)
        st.session_state[widget_key(f.name)] = list(default) if isinstance(default, tuple) else ""
    st.session_state[_SELECTION] = ()


def selection() -> tuple[str, ...]:
    """Paragraph ids of the current chart selection."""
    return tuple(st.session_state.get(_SELECTION, ()))


def set_selection(ids: Iterable[str], chart: str | None = None) -> None:
    """Replace the current chart selection (and remember which chart made it)."""
    st.session_state[_SELECTION] = tuple(ids)
    st.session_state[_SELECTION + "_chart"] = chart
    st.session_state[_SELECTION + "_what"] = ""


def selection_chart() -> str | None:
    """The chart the current selection was made on (None: from a link or a test)."""
    return st.session_state.get(_SELECTION + "_chart")


def chart_callback(
    chart_key: str,
    parse: Callable[[object], list[str]],
    describe: Callable[[object], str] = lambda event: "",
) -> Callable[[], None]:
    """An on_select callback: store the paragraph ids the chart selection points to, and
    the words for what was selected."""

    def callback() -> None:
        event = st.session_state.get(chart_key)
        set_selection(parse(event), chart_key)
        st.session_state[_SELECTION + "_what"] = describe(event)

    return callback


def selection_what() -> str:
    """What the current selection stands for ("" when unknown, e.g. from a link)."""
    return st.session_state.get(_SELECTION + "_what") or ""


def reading() -> str | None:
    """The paragraph id open in the reader."""
    return st.session_state.get(_READ)


def set_reading(paragraph_id: str | None) -> None:
    """Open a paragraph in the reader."""
    st.session_state[_READ] = paragraph_id


def enter_page(name: str) -> None:
    """Drop the chart selection when the analyst moves to another page."""
    ss = st.session_state
    previous = ss.get(_PAGE)
    if previous is not None and previous != name:
        ss[_SELECTION] = ()
    ss[_PAGE] = name


def write_url(filters: Filters) -> None:
    """Mirror filters, selection and reader position into the URL (only when changed)."""
    pairs = filters.to_params()
    pairs += [("sel", pid) for pid in selection()[:MAX_URL_SELECTION]]
    if selection() and selection_chart():
        pairs.append(("chart", selection_chart() or ""))
    pairs += compare_params()
    if reading():
        pairs.append(("read", reading()))
        st.session_state[_READ + "_url"] = reading()
    wanted = params_dict(pairs)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)


def link_params(filters: Filters, **extra: str) -> dict[str, str | list[str]]:
    """Query parameters for a page link that keeps the filters (plus extra keys)."""
    return params_dict(filters.to_params() + [(k, v) for k, v in extra.items() if v])


def notice() -> str | None:
    """Pop the one-shot message left by the last action (e.g. an upload)."""
    return st.session_state.pop(_NOTICE, None)


def set_notice(message: str) -> None:
    """Leave a message to show on the next run."""
    st.session_state[_NOTICE] = message


def voice_key(field: str, document_id: str = "") -> str:
    """The session key of a Corpus-page voice widget (per document when one is given)."""
    return f"readout_voice_{field}" + (f"_{document_id}" if document_id else "")


def session_key(key: str) -> str:
    """The session key of a page-private value or widget (namespaced)."""
    return f"readout_{key}"


def session_value(key: str, default=None):
    """A page-private session value (namespaced)."""
    return st.session_state.get(session_key(key), default)


def set_session_value(key: str, value) -> None:
    """Set a page-private session value (namespaced)."""
    st.session_state[f"readout_{key}"] = value


def pop_session_value(key: str, default=None):
    """Take a page-private session value away (e.g. a report shown once)."""
    return st.session_state.pop(session_key(key), default)


def compare_params() -> list[tuple[str, str]]:
    """The query-string pairs of the Compare page's choices (none until it is used)."""
    values = {k: st.session_state.get(session_key(k)) for k in COMPARE_KEYS}
    return [(k, str(v)) for k, vs in values.items() if vs
            for v in (vs if isinstance(vs, (list, tuple)) else [vs])]  # fmt: skip


def is_editor() -> bool:
    """Whether this session entered the editor key."""
    return bool(st.session_state.get(_EDITOR))


def set_editor(value: bool) -> None:
    """Mark this session as an editor's (or not)."""
    st.session_state[_EDITOR] = value


def private_store() -> str | None:
    """The path of this session's private layer, if it has one."""
    return st.session_state.get(_PRIVATE)


def set_private_store(path: str | None) -> None:
    """Use (or, with None, drop) a private layer for this session."""
    st.session_state[_PRIVATE] = path


def session_id() -> str:
    """A random id of this browser session (names its private layer)."""
    if _SESSION not in st.session_state:
        import secrets

        st.session_state[_SESSION] = secrets.token_hex(12)
    return st.session_state[_SESSION]


def correction_author() -> str:
    """The name this session's corrections are recorded under ('' until typed)."""
    return str(st.session_state.get(_AUTHOR, ""))


def author_callback(widget: str) -> Callable[[], None]:
    """An on_change callback: keep the name typed in a widget as this session's author."""

    def callback() -> None:
        st.session_state[_AUTHOR] = " ".join(str(st.session_state.get(widget) or "").split())

    return callback
