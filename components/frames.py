"""The frames the dashboard works on, prepared once per corpus version (pure pandas)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd

from models.display import Names, load_names
from models.schema import (
    AREA_COLUMNS,
    DOCUMENT_COLUMNS,
    PARAGRAPH_COLUMNS,
    POSITION_COLUMNS,
    SIGNING_COLUMNS,
    TOPIC_COLUMNS,
)


@dataclass
class Frames:
    """Documents, paragraphs, topics and extractions of the corpus (or of a filtered view)."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    topics: pd.DataFrame
    areas: pd.DataFrame
    positions: pd.DataFrame
    signings: pd.DataFrame
    ranking: dict[str, float] = field(default_factory=dict)
    names: Names = field(default_factory=load_names, repr=False, compare=False)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        """Whether there is no document at all."""
        return self.documents.empty


def empty_frames() -> Frames:
    """Frames with the right columns and no rows."""
    return prepare(
        pd.DataFrame(columns=DOCUMENT_COLUMNS),
        pd.DataFrame(columns=PARAGRAPH_COLUMNS),
        pd.DataFrame(columns=TOPIC_COLUMNS),
        pd.DataFrame(columns=["document_id", *AREA_COLUMNS, "corrected"]),
        pd.DataFrame(columns=["document_id", *POSITION_COLUMNS, "corrected"]),
        pd.DataFrame(columns=["document_id", *SIGNING_COLUMNS, "corrected"]),
    )


def date_bounds(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest full ISO day a partial date ("2023", "2023-03") may stand for."""
    d = dates.fillna("").astype(str).str.strip().str.slice(0, 10)
    n = d.str.len()
    start = d.where(n != 4, d + "-01-01").where(n != 7, d + "-01")
    end = d.where(n != 4, d + "-12-31").where(n != 7, d + "-31")
    return start.where(d != "", ""), end.where(d != "", "")


def period(dates: pd.Series) -> pd.Series:
    """A bucket for time charts: the month when known, else the year ("" when undated)."""
    d = dates.fillna("").astype(str).str.strip()
    return d.str.slice(0, 7).where(d.str.len() >= 7, d.str.slice(0, 4))


def _with_text_columns(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    df = df.copy()
    for c in columns:
        df[c] = df[c].astype(object).where(df[c].notna(), "").astype(str)
    return df


def _party_lists(df: pd.DataFrame, column: str) -> pd.DataFrame:
    df = df.copy()
    df[column] = df[column].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    return df


def prepare(
    documents: pd.DataFrame,
    paragraphs: pd.DataFrame,
    topics: pd.DataFrame,
    areas: pd.DataFrame,
    positions: pd.DataFrame,
    signings: pd.DataFrame,
) -> Frames:
    """Add the derived columns filters and charts need (dates, titles, topic labels)."""
    docs = documents.copy().reset_index(drop=True)
    docs["title"] = docs["title"].astype(object).where(docs["title"].notna(), docs["id"])
    docs["date"] = docs["date"].astype(object).where(docs["date"].notna(), "").astype(str)
    docs["date_start"], docs["date_end"] = date_bounds(docs["date"])
    docs["period"] = period(docs["date"])
    paras = paragraphs.copy().reset_index(drop=True)
    paras["index"] = paras["index"].astype(int)
    paras["topic_id"] = paras["topic_id"].fillna(-1).astype(int)
    tops = topics.copy().reset_index(drop=True)
    tops["id"] = tops["id"].astype(int)
    tops["keywords"] = tops["keywords"].map(lambda v: list(v) if isinstance(v, list) else [])
    tops["theme"] = tops["theme"].fillna(-1).astype(int)
    # A store analyzed before themes existed has none until its topics are refitted.
    tops["theme_label"] = tops["theme_label"].fillna("").astype(str).replace("", "(no theme yet)")
    labels = dict(zip(tops["id"], tops["label"].astype(str), strict=True))
    paras["topic"] = paras["topic_id"].map(labels).fillna("(no topic)").astype(str)
    theme_of = dict(zip(tops["id"], tops["theme"], strict=True))
    theme_labels = dict(zip(tops["theme"], tops["theme_label"], strict=False))
    paras["theme_id"] = paras["topic_id"].map(theme_of).fillna(-1).astype(int)
    paras["theme"] = paras["theme_id"].map(theme_labels).fillna("(no theme)").astype(str)
    ar = _with_text_columns(_party_lists(areas, "holders"), ["speaker", "evidence", "area"])
    ar = ar.reset_index(drop=True)
    po = _with_text_columns(
        _party_lists(positions, "holders"), ["speaker", "evidence", "stance", "target"]
    ).reset_index(drop=True)
    # A frame built before strengths existed has none: every position plain.
    strength = po["strength"] if "strength" in po else pd.Series(0, index=po.index)
    po["strength"] = pd.to_numeric(strength, errors="coerce").fillna(0).astype(int)
    si = signings.copy().reset_index(drop=True)
    for c in ("signatories", "parties", "areas"):
        si = _party_lists(si, c)
    si = _with_text_columns(si, ["document", "evidence"]).reset_index(drop=True)
    # Integer codes: numpy isin on ints is fast where isin on arrow strings is not.
    docs["didx"] = np.arange(len(docs))
    paras["pidx"] = np.arange(len(paras))
    doc_codes = pd.Index(docs["id"].astype(object))
    paras["didx"] = doc_codes.get_indexer(paras["document_id"].astype(object))
    para_codes = pd.Index(paras["id"].astype(object))
    for df in (ar, po, si):
        df["pidx"] = para_codes.get_indexer(df["paragraph_id"].astype(object))
    ar, po, si = (df[df["pidx"] >= 0].reset_index(drop=True) for df in (ar, po, si))
    return Frames(docs, paras, tops, ar, po, si)


def flat_lists(lists: pd.Series, empty: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A list column flattened in C loops: (row number of each element, the elements). An
    empty list gives one ``empty`` element, or none when ``empty`` is None."""
    values = lists.to_numpy(object)
    if empty is not None:
        values = [v if len(v) else (empty,) for v in values]
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    flat = np.fromiter(chain.from_iterable(values), dtype=object, count=int(lengths.sum()))
    return np.repeat(np.arange(len(values)), lengths), flat


def list_codes(frames: Frames, table: str, column: str) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """A list column of one of the frames (e.g. "areas", "holders") flattened once and
    factorized: (row of each element, its code, the distinct values); memoized, so a filter
    compares integers instead of flattening every list again."""
    key = ("codes", table, column)
    if key not in frames.memo:
        rows, flat = flat_lists(getattr(frames, table)[column])
        codes, uniques = pd.factorize(flat) if len(flat) else (np.zeros(0, int), [])
        frames.memo[key] = (rows, codes, pd.Index(uniques, dtype=object))
    return frames.memo[key]


def column_codes(frames: Frames, table: str, column: str) -> tuple[np.ndarray, pd.Index]:
    """A text column of one of the frames factorized: (code of each row, distinct values);
    memoized like :func:`list_codes`."""
    key = ("codes", table, column)
    if key not in frames.memo:
        codes, uniques = pd.factorize(getattr(frames, table)[column].to_numpy(object))
        frames.memo[key] = (codes, pd.Index(uniques, dtype=object))
    return frames.memo[key]


def titles_of(frames: Frames) -> dict[str, str]:
    """Document id -> title (memoized on the cached Frames)."""
    if "titles" not in frames.memo:
        docs = frames.documents
        frames.memo["titles"] = dict(zip(docs["id"], docs["title"], strict=True))
    return frames.memo["titles"]


def parties_of(frames: Frames) -> list[str]:
    """Every party named as a holder or signing party, most frequent first."""
    lists = pd.concat(
        [
            frames.areas["holders"],
            frames.positions["holders"],
            frames.signings["parties"],
        ],
        ignore_index=True,
    )
    exploded = lists.explode().dropna()
    return exploded.value_counts().index.astype(str).tolist()


def paragraph_lookup(frames: Frames) -> pd.DataFrame:
    """Paragraphs indexed by id with their document title and date (for citations); memoized."""
    if "lookup" in frames.memo:
        return frames.memo["lookup"]
    docs = frames.documents.set_index("id")[["title", "date"]]
    p = frames.paragraphs.set_index(frames.paragraphs["id"].astype(object))
    frames.memo["lookup"] = p.join(docs, on="document_id")
    return frames.memo["lookup"]


def corrected_flags(records: pd.DataFrame) -> pd.Series:
    """Whether each record carries an analyst's correction (False without the column, or
    where it is missing)."""
    if "corrected" not in records.columns:
        return pd.Series(False, index=records.index)
    return records["corrected"].map(lambda v: bool(v) if v == v else False)


def _titled(row: pd.Series) -> str:
    """ "Title (date)" of a paragraph row joined with its document."""
    return f"{row['title']} ({row['date']})" if row.get("date") else str(row["title"])


def citation(row: pd.Series) -> str:
    """'Title (date), ¶ n' for a paragraph row joined with its document."""
    return f"{_titled(row)}, ¶ {int(row['index'])}"


def cite(view: Frames, paragraph_id: str) -> str:
    """A readable citation of a paragraph: "Title (date), ¶ 3" (its id if it is not here)."""
    lookup = paragraph_lookup(view)
    if paragraph_id not in lookup.index:
        return paragraph_id
    return citation(lookup.loc[paragraph_id])


def cite_all(view: Frames, paragraph_ids: list[str]) -> str:
    """Citations of several paragraphs, one per document: "Title (date), ¶ 3, 5; Other, ¶ 1"."""
    return cite_each(view, [paragraph_ids])[0]


def cite_each(view: Frames, id_lists) -> list[str]:
    """:func:`cite_all` of each list of paragraph ids, looking every paragraph up once."""
    lookup = paragraph_lookup(view)
    wanted = pd.Index(dict.fromkeys(pid for ids in id_lists for pid in ids), dtype=object)
    rows = lookup.reindex(wanted)
    known = wanted.isin(lookup.index)
    dated = rows["date"].fillna("").astype(str)
    titled = (
        rows["title"].astype(str).where(dated == "", rows["title"].astype(str) + " (" + dated + ")")
    )
    where = {
        pid: (doc, str(int(n))) if ok else (pid, None)
        for pid, doc, n, ok in zip(wanted, titled, rows["index"].fillna(0), known, strict=True)
    }
    out = []
    for ids in id_lists:
        by_doc: dict[str, list[str]] = {}
        for pid in dict.fromkeys(ids):
            doc, number = where[pid]
            by_doc.setdefault(doc, [])
            if number is not None:
                by_doc[doc].append(number)
        out.append("; ".join(f"{d}, ¶ {', '.join(n)}" if n else d for d, n in by_doc.items()))
    return out
