"""The themes-and-topics table: one row a topic, under its theme, with keywords and the
start of its representative paragraph (pure pandas)."""

from __future__ import annotations

import pandas as pd

from components.chart_base import short
from components.frames import Frames

REPRESENTATIVE_CHARS = 160


def rows(view: Frames) -> pd.DataFrame:
    """Theme, topic, paragraphs in this view, keywords and representative text of each topic,
    themes in order (largest first) and topics largest first within them."""
    tops = view.topics
    if tops.empty:
        return pd.DataFrame(columns=["theme", "topic", "paragraphs", "keywords", "example"])
    counts = view.paragraphs["topic_id"].value_counts()
    text = view.paragraphs.set_index("id")["text"]
    out = pd.DataFrame(
        {
            "theme": tops["theme_label"].where(tops["theme_label"] != "", "(no theme)"),
            "topic": tops["label"],
            "paragraphs": tops["id"].map(counts).fillna(0).astype(int),
            "keywords": tops["keywords"].map(", ".join),
            "example": tops["representative_id"]
            .map(text)
            .fillna("")
            .map(lambda t: short(t, REPRESENTATIVE_CHARS)),
            "theme_id": tops["theme"],
        }
    )
    out = out.sort_values(["theme_id", "paragraphs"], ascending=[True, False], kind="stable")
    return out.drop(columns="theme_id").reset_index(drop=True)
