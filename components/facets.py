"""Facet counts for the sidebar filters: how many paragraphs of the view each option holds
(as datasette shows them), so a reader sees what a choice would leave before making it."""

from __future__ import annotations

import pandas as pd

from components.chart_base import UNATTRIBUTED, explode_list
from components.frames import Frames


def _paragraphs_per(rows: pd.DataFrame, column: str) -> dict:
    """Distinct paragraphs per value of a column."""
    if rows.empty:
        return {}
    return rows.groupby(column, sort=False)["paragraph_id"].nunique().to_dict()


def _merged(*counts: pd.DataFrame, column: str) -> dict:
    rows = pd.concat([c[[column, "paragraph_id"]] for c in counts], ignore_index=True)
    return _paragraphs_per(rows, column)


def facet_counts(view: Frames) -> dict[str, dict]:
    """Filter field -> option -> paragraphs of the view that carry it."""
    paras = view.paragraphs
    holders = [
        explode_list(view.areas, "holders", "party", ["paragraph_id"]),
        explode_list(view.positions, "holders", "party", ["paragraph_id"]),
        explode_list(view.signings, "parties", "party", ["paragraph_id"]),
    ]
    parties = _merged(*holders, column="party")
    parties.pop(UNATTRIBUTED, None)
    signed_areas = explode_list(view.signings, "areas", "area", ["paragraph_id"])
    return {
        "documents": paras["document_id"].value_counts().to_dict(),
        "parties": parties,
        "themes": paras["theme_id"].value_counts().to_dict(),
        "topics": paras["topic_id"].value_counts().to_dict(),
        "areas": _merged(view.areas, signed_areas, column="area"),
        "stances": _paragraphs_per(view.positions, "stance"),
    }


def with_count(label: str, count: int | None) -> str:
    """An option's label with its paragraphs: "China (23)"."""
    return f"{label} ({count or 0:,})"
