"""Read the store into frames with the fixed column names of models.schema."""

from __future__ import annotations

import pandas as pd

from models.schema import (
    AREA_COLUMNS,
    DOCUMENT_COLUMNS,
    PARAGRAPH_COLUMNS,
    POSITION_COLUMNS,
    SIGNING_COLUMNS,
    THEME_COLUMNS,
    TOPIC_COLUMNS,
)
from models.store import Store


def documents(store: Store) -> pd.DataFrame:
    """One row a document, in the order added."""
    cols = ", ".join(DOCUMENT_COLUMNS)
    return store.frame(f"SELECT {cols} FROM documents ORDER BY position")


def paragraphs(store: Store) -> pd.DataFrame:
    """One row a paragraph with its topic and map position (topic -1 before topics exist)."""
    return store.frame(
        'SELECT p.id, p.document_id, p.idx AS "index", p.text, '
        "COALESCE(t.topic_id, -1) AS topic_id, t.x, t.y FROM paragraphs p "
        "JOIN documents d ON d.id = p.document_id "
        "LEFT JOIN paragraph_topics t ON t.paragraph_id = p.id ORDER BY d.position, p.idx"
    )[PARAGRAPH_COLUMNS]


def topics(store: Store) -> pd.DataFrame:
    """One row a topic, by id (themes in order, largest topic first in each), with its
    theme's label."""
    return store.frame(
        "SELECT t.id, t.label, t.keywords, t.size, t.representative_id, t.theme, "
        "COALESCE(h.label, '') AS theme_label FROM topics t "
        "LEFT JOIN themes h ON h.id = t.theme ORDER BY t.id",
        json_columns=["keywords"],
    )[TOPIC_COLUMNS]


def themes(store: Store) -> pd.DataFrame:
    """One row a theme, largest first."""
    cols = ", ".join(THEME_COLUMNS)
    return store.frame(f"SELECT {cols} FROM themes ORDER BY id", json_columns=["keywords"])


def _ordered(store: Store, table: str, columns: list[str], json_columns: list[str]) -> pd.DataFrame:
    cols = ", ".join(f"x.{c}" for c in columns)
    return store.frame(
        f"SELECT x.document_id, {cols} FROM {table} x JOIN documents d ON d.id = x.document_id "
        "JOIN paragraphs p ON p.id = x.paragraph_id ORDER BY d.position, p.idx, x.rowid",
        json_columns=json_columns,
    )


def areas(store: Store) -> pd.DataFrame:
    """Every cooperation area found, with its paragraph and evidence."""
    return _ordered(store, "areas", AREA_COLUMNS, ["holders"])


def positions(store: Store) -> pd.DataFrame:
    """Every stated position found."""
    return _ordered(store, "positions", POSITION_COLUMNS, ["holders"])


def signings(store: Store) -> pd.DataFrame:
    """Every signing found."""
    return _ordered(store, "signings", SIGNING_COLUMNS, ["signatories", "parties", "areas"])


def analysis_json(store: Store, document_ids: set[str] | None = None) -> dict:
    """The analysis in the shape of `python -m models analyze --json`.

    With ``document_ids``, only those documents, their paragraphs and extractions, and the
    topics and themes their paragraphs fall in (rows are narrowed before they become records).
    """
    docs, paras, tops, theme_rows = (
        documents(store),
        paragraphs(store),
        topics(store),
        themes(store),
    )
    found = {"areas": areas(store), "positions": positions(store), "signings": signings(store)}
    if document_ids is not None:
        docs = docs[docs["id"].isin(document_ids)]
        paras = paras[paras["document_id"].isin(document_ids)]
        tops = tops[tops["id"].isin(set(paras["topic_id"]))]
        theme_rows = theme_rows[theme_rows["id"].isin(set(tops["theme"]))]
        found = {k: df[df["paragraph_id"].isin(set(paras["id"]))] for k, df in found.items()}

    def records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
        out = df[columns].astype(object).where(df[columns].notna(), None)
        return out.to_dict(orient="records")

    return {
        "documents": records(docs, ["id", "title", "date", "source", "place", "n_paragraphs"]),
        "paragraphs": records(paras, ["id", "document_id", "index", "text", "topic_id"]),
        "themes": records(theme_rows, ["id", "label", "keywords", "size"]),
        "topics": records(tops, ["id", "label", "keywords", "size", "theme"]),
        "areas": records(found["areas"], AREA_COLUMNS),
        "positions": records(found["positions"], POSITION_COLUMNS),
        "signings": records(found["signings"], SIGNING_COLUMNS),
    }
