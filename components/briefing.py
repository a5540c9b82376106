"""The briefing summary and exports of a view: cited lines, CSV and a Markdown note (pure)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from components.frames import Frames, paragraph_lookup
from components.state import Filters
from components.text import csv_safe, md_plain


@dataclass(frozen=True)
class Line:
    """One briefing statement and the paragraph it rests on."""

    text: str
    paragraph_id: str
    citation: str


def _cite(view: Frames, paragraph_id: str) -> str:
    lookup = paragraph_lookup(view)
    if paragraph_id not in lookup.index:
        return paragraph_id
    row = lookup.loc[paragraph_id]
    date = f" ({row['date']})" if row["date"] else ""
    return f"{row['title']}{date}, ¶ {int(row['index'])}"


def _who(holders: list) -> str:
    return " and ".join(holders) if len(holders) else "Unattributed"


CORRECTED = " (corrected)"


def _fixed(df: pd.DataFrame) -> pd.Series:
    """Whether each record carries an analyst's correction (False without the column)."""
    if "corrected" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["corrected"].map(lambda v: bool(v) if v == v else False)


def briefing_lines(view: Frames, per_party: int = 3, top_parties: int = 5) -> dict[str, list[Line]]:
    """Top areas per party, key positions and documents signed, each with a citation."""
    out: dict[str, list[Line]] = {"areas": [], "positions": [], "signings": []}
    ar = view.areas.assign(party=view.areas["holders"].map(lambda h: list(h) or ["?"]))
    ar = ar.explode("party")
    for party in ar["party"].value_counts().index[:top_parties]:
        rows = ar[ar["party"] == party]
        for area, n in rows["area"].value_counts().head(per_party).items():
            pid = rows.loc[rows["area"] == area, "paragraph_id"].iloc[0]
            text = f"{party} raises {area} ({n}×)"
            text += CORRECTED * bool(_fixed(rows[rows["area"] == area]).any())
            out["areas"].append(Line(text, pid, _cite(view, pid)))
    po = view.positions.drop_duplicates(["stance", "target"]).head(8)
    for r, fixed in zip(po.itertuples(), _fixed(po), strict=True):
        text = f"{_who(r.holders)}: {r.stance.replace('_', ' ')} {r.target} — “{r.evidence}”"
        text += CORRECTED * fixed
        out["positions"].append(Line(text, r.paragraph_id, _cite(view, r.paragraph_id)))
    si = view.signings.head(8)
    for r, fixed in zip(si.itertuples(), _fixed(si), strict=True):
        areas = f" ({', '.join(r.areas)})" if len(r.areas) else ""
        text = f"{_who(r.signatories)} signed {r.document}{areas}" + CORRECTED * fixed
        out["signings"].append(Line(text, r.paragraph_id, _cite(view, r.paragraph_id)))
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
