"""The briefing summary and exports of a view: cited lines, CSV and a Markdown note (pure)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from components import ranking
from components.chart_base import UNATTRIBUTED, explode_list
from components.frames import Frames, cite, cite_all, paragraph_lookup
from components.state import Filters
from components.text import csv_safe, md_plain
from models.display import Names


@dataclass(frozen=True)
class Line:
    """One briefing statement and the paragraph it rests on."""

    text: str
    paragraph_id: str
    citation: str


def _who(holders: list, names: Names) -> str:
    return " and ".join(holders) if len(holders) else names.unattributed.capitalize()


QUOTE_CHARS = 320
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’']?\s+(?=[“\"‘'(\[]?[A-Z0-9])")


def quote(view: Frames, paragraph_id: str, evidence: str) -> str:
    """The sentence of a paragraph that holds the evidence (the evidence alone when the
    paragraph is not in the view or does not hold it), at most QUOTE_CHARS characters."""
    lookup = paragraph_lookup(view)
    text = str(lookup.loc[paragraph_id, "text"]) if paragraph_id in lookup.index else ""
    found = next((s for s in _SENTENCE_END.split(text) if evidence and evidence in s), evidence)
    found = " ".join(found.split())
    return found if len(found) <= QUOTE_CHARS else found[: QUOTE_CHARS - 1] + "…"


CORRECTED = " (corrected)"


def _fixed(df: pd.DataFrame) -> pd.Series:
    """Whether each record carries an analyst's correction (False without the column)."""
    if "corrected" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["corrected"].map(lambda v: bool(v) if v == v else False)


def briefing_lines(view: Frames, per_party: int = 3, top_parties: int = 5) -> dict[str, list[Line]]:
    """Per party (the most active first): its top areas by paragraphs and its heaviest
    positions (components.ranking), each citing every paragraph behind it; then signings."""
    names = view.names
    out: dict[str, list[Line]] = {"areas": [], "positions": [], "signings": []}
    ar = explode_list(view.areas, "holders", "party", ["area", "paragraph_id"])
    ar = ar[ar["party"] != UNATTRIBUTED]
    for party in ar["party"].value_counts().index[:top_parties]:
        rows = ar[ar["party"] == party]
        counts = rows.groupby("area")["paragraph_id"].nunique().sort_values(ascending=False)
        for area, n in counts.head(per_party).items():
            ids = list(dict.fromkeys(rows.loc[rows["area"] == area, "paragraph_id"]))
            times = f" in {n} paragraphs" if n > 1 else ""
            text = f"{party} raises {names.area(area).lower()}{times}"
            text += CORRECTED * bool(_fixed(view.areas[view.areas["paragraph_id"].isin(ids)]).any())
            out["areas"].append(Line(text, ids[0], cite_all(view, ids)))
    groups = ranking.position_groups(view.positions, joint=True)
    for party in ranking.party_order(groups)[:top_parties]:
        for r in groups[groups["party"] == party].head(per_party).itertuples():
            who = names.unattributed.capitalize() if party == UNATTRIBUTED else party
            firm = " (firmly)" if r.strength > 0 else ""
            times = f", in {r.n} paragraphs" if r.n > 1 else ""
            said = quote(view, r.ids[0], r.evidence)
            verb = names.stance_verb(r.stance, plural=" and " in who)
            text = f"{who} {verb}{firm} {r.target}{times}: “{said}”" + CORRECTED * r.corrected
            out["positions"].append(Line(text, r.ids[0], cite_all(view, r.ids)))
    si = view.signings.head(8)
    for r, fixed in zip(si.itertuples(), _fixed(si), strict=True):
        areas = f" ({', '.join(names.area(a) for a in r.areas)})" if len(r.areas) else ""
        who = _who(list(r.signatories) or list(r.parties), names)
        text = f"{who} signed {r.document}{areas}" + CORRECTED * fixed
        out["signings"].append(Line(text, r.paragraph_id, cite(view, r.paragraph_id)))
    return out


def _csv_frame(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = df[[c for c in columns if c in df.columns]].copy()
    for c in out.columns:
        if out[c].map(lambda v: isinstance(v, list)).any():
            out[c] = out[c].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
    return out


def export_csv(view: Frames) -> bytes:
    """One CSV of the view's areas, positions and signings with paragraph ids and evidence."""
    parts = [
        _csv_frame(
            view.areas, ["document_id", "paragraph_id", "area", "holders", "speaker", "corrected"]
        )
        .rename(columns={"area": "what", "holders": "parties"})
        .assign(kind="area"),
        _csv_frame(
            view.positions,
            ["document_id", "paragraph_id", "stance", "target", "holders", "speaker", "corrected"],
        )
        .assign(what=lambda d: d["stance"] + " " + d["target"])
        .rename(columns={"holders": "parties"})
        .assign(kind="position"),
        _csv_frame(
            view.signings,
            ["document_id", "paragraph_id", "document", "signatories", "areas", "corrected"],
        )
        .rename(columns={"document": "what", "signatories": "parties"})
        .assign(kind="signing"),
    ]
    evidence = [view.areas["evidence"], view.positions["evidence"], view.signings["evidence"]]
    frames = [p.assign(evidence=e.to_numpy()) for p, e in zip(parts, evidence, strict=True)]
    columns = ["kind", "document_id", "paragraph_id", "what", "parties", "evidence"]
    extra = ["speaker", "stance", "target", "areas", "corrected"]
    table = pd.concat(frames, ignore_index=True)
    table = table.reindex(columns=columns + [c for c in extra if c in table.columns])
    buffer = io.StringIO()
    csv_safe(table).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def describe_filters(filters: Filters) -> str:
    """The filters in words ('all documents' when none)."""
    parts = [
        f"{name}: {', '.join(map(str, value))}"
        for name, value in (
            ("documents", filters.documents),
            ("parties", filters.parties),
            ("themes", filters.themes),
            ("topics", filters.topics),
            ("areas", filters.areas),
            ("stances", filters.stances),
        )
        if value
    ]
    if filters.date_from or filters.date_to:
        parts.append(f"dates: {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.query:
        parts.append(f"search: “{filters.query}”")
    return "; ".join(parts) or "all documents"


def briefing_markdown(view: Frames, filters: Filters) -> str:
    """A Markdown briefing note of the view, every line with its citation; text from the
    documents (and the filters, which a link sets) is escaped: no markup, image or link."""
    docs = view.documents
    dated = docs.loc[docs["date"] != "", "date"]
    span = f"{dated.min()} to {dated.max()}" if not dated.empty else "undated"
    lines = [
        "# Readout briefing note",
        "",
        f"View: {md_plain(describe_filters(filters))}.",
        f"Corpus: {len(docs)} document(s), {len(view.paragraphs)} paragraph(s), {md_plain(span)}.",
        "",
    ]
    found = briefing_lines(view)
    for heading, key in (
        ("Areas of cooperation", "areas"),
        ("Key positions", "positions"),
        ("Documents signed", "signings"),
    ):
        lines.append(f"## {heading}")
        lines += [f"- {md_plain(ln.text)} [{md_plain(ln.citation)}]" for ln in found[key]] or [
            "- none in this view"
        ]
        lines.append("")
    return "\n".join(lines)
