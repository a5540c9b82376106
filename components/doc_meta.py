"""A document's details as the file gave them: missing values left out (never "nan" or
"None"), and the source named by the file, else the host of its source URL. Pure."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

_ABSENT = {"", "nan", "nat", "none", "null", "<na>"}
TABLE_COLUMNS = ["id", "title", "date", "source", "source_url", "kind", "n_paragraphs"]


def present(value: object) -> str:
    """The value as text, or "" when it is missing (None, NaN, blank, or a stray "nan")."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # a list or the like: not a missing scalar
        pass
    text = str(value).strip()
    return "" if text.lower() in _ABSENT else text


def host(url: object) -> str:
    """The host of a URL ("www." left off), or "" when it has none."""
    url = present(url)
    if not url:
        return ""
    try:
        name = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    return name.removeprefix("www.")


def source_of(row) -> str:
    """The source the file names, else the host of its source URL, else ""."""
    return present(row.get("source")) or host(row.get("source_url"))


def details(row, doc_id: str) -> str:
    """The details line of a document: date (or "no date"), source, place, kind, id."""
    bits = [present(row.get("date")) or "no date", source_of(row)]
    bits += [present(row.get(c)) for c in ("place", "kind")]
    return " · ".join([b for b in bits if b] + [f"id {doc_id}"])


def table(docs: pd.DataFrame) -> pd.DataFrame:
    """The documents for a table: the source as :func:`source_of` gives it, missing cells
    empty."""
    out = docs.reindex(columns=TABLE_COLUMNS).copy()
    out["source"] = [source_of(row) for _, row in docs.reindex(columns=TABLE_COLUMNS).iterrows()]
    for column in ("title", "date", "source_url", "kind"):
        out[column] = out[column].map(present)
    return out
