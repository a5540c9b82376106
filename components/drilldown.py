"""Chart selection -> source paragraphs with the evidence highlighted (always escaped)."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components import corrections_panel, state
from components.charts import MAX_IDS
from components.frames import Frames, citation, corrected_flags, paragraph_lookup
from components.text import md_plain

MAX_SHOWN = 20
READER = "pages/source.py"


EVIDENCE_COLOURS = {  # pale tints of chart_base.KIND_COLOURS, so marked text stays readable
    "area": "#f5e3b3",
    "position": "#ecc9cf",
    "signing": "#b8cce0",
}


def selected_what(event: object) -> str:
    """What the selected marks stand for (custom_data[3], e.g. "Russia · supports · Taiwan"):
    the mark's own words for one mark, "N marks" for several, "" when none says."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    said = []
    for point in points:
        custom = (point or {}).get("customdata")
        if isinstance(custom, (list, tuple)) and len(custom) > 3 and isinstance(custom[3], str):
            said.append(custom[3])
    if len(points) > 1:
        return f"{len(points)} marks"
    return said[0] if said else ""


def selected_ids(event: object) -> list[str]:
    """Paragraph ids behind the selected chart marks (custom_data[0], '|'-joined)."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    ids: list[str] = []
    for point in points:
        custom = (point or {}).get("customdata")
        if isinstance(custom, (list, tuple)):
            custom = custom[0] if custom else None
        if isinstance(custom, str) and custom:
            ids.extend(i for i in custom.split("|") if i)
    return list(dict.fromkeys(ids))


Evidence = str | tuple[str, str]  # a quote, or (quote, kind: area / position / signing)


def _quote_kind(item: Evidence) -> tuple[str, str]:
    return (item, "") if isinstance(item, str) else (item[0], item[1])


def spans(text: str, evidence: list[Evidence]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) ranges of the evidence strings found in the text."""
    return [(s, e) for s, e, _ in kinded_spans(text, evidence)]


def kinded_spans(text: str, evidence: list[Evidence]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) of the evidence found in the text, longest first."""
    found: list[tuple[int, int, str]] = []
    lower = text.lower()
    quotes: dict[str, str] = {}
    for item in evidence:
        quote, kind = _quote_kind(item)
        if quote and quote.strip():
            quotes.setdefault(quote.strip(), kind)
    for quote in sorted(quotes, key=len, reverse=True):
        at = text.find(quote)
        if at < 0:
            at = lower.find(quote.lower())
        if at < 0:
            continue
        end = at + len(quote)
        if all(end <= s or at >= e for s, e, _ in found):
            found.append((at, end, quotes[quote]))
    return sorted(found)


def highlight(text: str, evidence: list[Evidence]) -> str:
    """HTML of the text, escaped, with every evidence span wrapped in <mark>, tinted by the
    kind of record it is evidence of (area, position, signing)."""
    out: list[str] = []
    pos = 0
    for start, end, kind in kinded_spans(text, evidence):
        out.append(html.escape(text[pos:start]))
        colour = EVIDENCE_COLOURS.get(kind)
        style = f' style="background:{colour}" title="{kind} evidence"' if colour else ""
        out.append(f"<mark{style}>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    # An HTML block: Markdown does not parse inside it, so '*' or '[x](y)' stay as typed.
    return '<div class="readout-text">' + "".join(out).replace("\n", "<br>") + "</div>"


def _rows(df: pd.DataFrame, wanted: set[str]) -> pd.DataFrame:
    return df[df["paragraph_id"].astype(object).isin(wanted)]


def evidence_of(view: Frames, paragraph_ids: list[str]) -> dict[str, list[Evidence]]:
    """(quote, kind) of the view's areas, positions and signings per paragraph."""
    wanted = set(paragraph_ids)
    out: dict[str, list[Evidence]] = {}
    for df, kind in (
        (view.areas, "area"),
        (view.positions, "position"),
        (view.signings, "signing"),
    ):
        part = _rows(df, wanted)
        for pid, ev in zip(part["paragraph_id"], part["evidence"], strict=True):
            out.setdefault(str(pid), []).append((str(ev), kind))
    return out


def tags_by_paragraph(view: Frames, paragraph_ids: list[str]) -> dict[str, list[str]]:
    """Short labels of what each paragraph carries: areas, stances, signings."""
    wanted = set(paragraph_ids)
    out: dict[str, list[str]] = {}
    ar = _rows(view.areas, wanted)
    for pid, area, fixed in zip(ar["paragraph_id"], ar["area"], corrected_flags(ar), strict=True):
        tag = f"area: {view.names.area(area)}" + MARK * fixed
        if tag not in out.setdefault(str(pid), []):
            out[str(pid)].append(tag)
    po = _rows(view.positions, wanted)
    for pid, h, s, t, fixed in zip(
        po["paragraph_id"],
        po["holders"],
        po["stance"],
        po["target"],
        corrected_flags(po),
        strict=True,
    ):
        who = " and ".join(h) or view.names.unattributed
        verb = view.names.stance_verb(s, plural=len(h) > 1)
        out.setdefault(str(pid), []).append(f"{who} {verb} {t}" + MARK * fixed)
    si = _rows(view.signings, wanted)
    for pid, d, fixed in zip(si["paragraph_id"], si["document"], corrected_flags(si), strict=True):
        out.setdefault(str(pid), []).append(f"signed: {d}" + MARK * fixed)
    return out


MARK = f" {corrections_panel.MARK}"


def tags_of(view: Frames, paragraph_id: str, topic: str) -> list[str]:
    """Short labels of one paragraph: its topic, areas, stances and signings."""
    return [f"topic: {topic}", *tags_by_paragraph(view, [paragraph_id]).get(paragraph_id, [])]


def paragraph_card(row: pd.Series, evidence: list[str], tags: list[str]) -> None:
    """One paragraph: citation, tags, highlighted text (escaped before marking)."""
    st.markdown(f"**{md_plain(citation(row))}**")
    if tags:
        st.caption(md_plain(" · ".join(tags)))
    st.markdown(highlight(str(row["text"]), evidence), unsafe_allow_html=True)


def render(
    view: Frames, corpus: Frames, ids: list[str] | tuple[str, ...], filters, what: str = ""
) -> None:
    """Show the selected paragraphs beside a chart, each with a link into the reader, under
    a heading naming what was clicked ("Russia · supports · Taiwan — 1 paragraph")."""
    if not ids:
        st.info("Click a bar, point or marker to see its source paragraphs here.")
        return
    lookup = paragraph_lookup(corpus)
    present = [i for i in ids if i in lookup.index]
    count = f"{len(present)} paragraph{'s' * (len(present) != 1)}"
    st.markdown(f"**{md_plain(what)} — {count}**" if what else f"**{count}**")
    if st.button("Clear selection", key="clear_selection"):
        state.set_selection(())
        st.rerun()
    evidence = evidence_of(view, present[:MAX_SHOWN])
    tags = tags_by_paragraph(view, present[:MAX_SHOWN])
    fixing = corrections_panel.correcting()
    records = corrections_panel.records_of(corpus, present[:MAX_SHOWN]) if fixing else {}
    for pid in present[:MAX_SHOWN]:
        row = lookup.loc[pid]
        with st.container(border=True):
            paragraph_card(
                row, evidence.get(pid, []), [f"topic: {row['topic']}", *tags.get(pid, [])]
            )
            st.page_link(
                READER,
                label="Open in reader",
                icon=":material/menu_book:",
                query_params=state.link_params(filters, read=pid),
            )
            if fixing:
                corrections_panel.paragraph_controls(records.get(pid, []), pid, str(row["text"]))
    if len(present) > MAX_SHOWN:
        st.caption(f"…and {len(present) - MAX_SHOWN} more.")
    if len(ids) >= MAX_IDS:
        st.caption(f"A mark lists its first {MAX_IDS} paragraphs; filter to see others.")


def chart(fig, key: str) -> None:
    """Draw a clickable chart whose selection becomes the drill-down selection."""
    st.plotly_chart(
        fig,
        key=key,
        on_select=state.chart_callback(key, selected_ids, selected_what),
        selection_mode=("points", "box", "lasso"),
        width="stretch",
    )
