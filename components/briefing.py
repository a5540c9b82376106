"""The briefing summary and exports of a view: cited lines, CSV and a Markdown note (pure)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from components import ranking
from components.chart_base import UNATTRIBUTED, explode_list
from components.frames import Frames, cite, cite_all, corrected_flags, paragraph_lookup
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
            held = view.areas[(view.areas["area"] == area) & view.areas["paragraph_id"].isin(ids)]
            text += CORRECTED * bool(corrected_flags(held).any())
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
    for r, fixed in zip(si.itertuples(), corrected_flags(si), strict=True):
        areas = f" ({', '.join(names.area(a) for a in r.areas)})" if len(r.areas) else ""
        who = _who(list(r.signatories) or list(r.parties), names)
        text = f"{who} signed {r.document}{areas}" + CORRECTED * fixed
        out["signings"].append(Line(text, r.paragraph_id, cite(view, r.paragraph_id)))
    return out


CSV_COLUMNS = [
    "kind", "what", "parties", "stance", "target", "areas", "evidence", "citation",
    "document_title", "document_date", "source_url", "paragraph", "paragraph_text",
    "document_id", "paragraph_id", "speaker", "corrected", "stamp",
]  # fmt: skip


def _joined(value: object) -> object:
    return "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value


def _records(view: Frames) -> pd.DataFrame:
    """Areas, positions and signings as rows in words: kind, what, parties, evidence."""
    names = view.names
    ar, po, si = view.areas, view.positions, view.signings
    parts = [
        pd.DataFrame(
            {
                "kind": "area",
                "what": ar["area"].map(names.area),
                "parties": ar["holders"],
                "evidence": ar["evidence"],
                "paragraph_id": ar["paragraph_id"],
                "speaker": ar["speaker"],
                "corrected": ar.get("corrected", False),
            }
        ),
        pd.DataFrame(
            {
                "kind": "position",
                "what": po["stance"].map(names.stance_verb) + " " + po["target"],
                "parties": po["holders"],
                "stance": po["stance"].map(names.stance_noun),
                "target": po["target"],
                "evidence": po["evidence"],
                "paragraph_id": po["paragraph_id"],
                "speaker": po["speaker"],
                "corrected": po.get("corrected", False),
            }
        ),
        pd.DataFrame(
            {
                "kind": "signing",
                "what": si["document"],
                "parties": [
                    list(s) or list(p)
                    for s, p in zip(si["signatories"], si["parties"], strict=True)
                ],
                "areas": si["areas"].map(lambda a: [names.area(x) for x in a]),
                "evidence": si["evidence"],
                "paragraph_id": si["paragraph_id"],
                "corrected": si.get("corrected", False),
            }
        ),
    ]
    return pd.concat([p for p in parts if len(p)], ignore_index=True)


def export_csv(view: Frames, stamp: str = "") -> bytes:
    """One CSV of the view's areas, positions and signings in words, each row with its
    document (title, date, source URL), paragraph (number, text), a readable citation and
    the view's reproducibility stamp; a record found twice in a paragraph is one row."""
    table = _records(view).reindex(columns=CSV_COLUMNS)
    for column in ("parties", "areas"):
        table[column] = table[column].map(_joined)
    table["corrected"] = table["corrected"].fillna(False).astype(bool)
    table = table.drop_duplicates(["kind", "what", "parties", "paragraph_id"], ignore_index=True)
    lookup = paragraph_lookup(view)
    docs = view.documents.set_index("id")
    pids = table["paragraph_id"].astype(str)
    known = pids.isin(lookup.index)
    row = lookup.reindex(pids)
    table["document_id"] = row["document_id"].to_numpy()
    table["document_title"] = row["title"].to_numpy()
    table["document_date"] = row["date"].to_numpy()
    table["source_url"] = table["document_id"].map(docs["source_url"]).fillna("")
    table["paragraph"] = row["index"].astype("Int64").to_numpy()
    table["paragraph_text"] = row["text"].to_numpy()
    table["citation"] = [cite(view, p) if k else p for p, k in zip(pids, known, strict=True)]
    table["stamp"] = stamp
    buffer = io.StringIO()
    csv_safe(table.fillna("")).to_csv(buffer, index=False)
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


def briefing_markdown(view: Frames, filters: Filters, stamp: str = "") -> str:
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
    if stamp:
        lines += ["---", f"Stamp: {md_plain(stamp)}"]
    return "\n".join(lines)
