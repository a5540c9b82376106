"""Read the store into frames with the fixed column names of models.schema."""

from __future__ import annotations

import json

import pandas as pd

from models import corrections
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
    """One row a paragraph with its topic and map position (topic -1 before topics exist); a
    paragraph of a topic merged into another (a correction) is in that other."""
    df = store.frame(
        'SELECT p.id, p.document_id, p.idx AS "index", p.text, '
        "COALESCE(t.topic_id, -1) AS topic_id, t.x, t.y FROM paragraphs p "
        "JOIN documents d ON d.id = p.document_id "
        "LEFT JOIN paragraph_topics t ON t.paragraph_id = p.id ORDER BY d.position, p.idx"
    )[PARAGRAPH_COLUMNS]
    merged = topic_corrections(store)[1]
    if merged:
        df["topic_id"] = df["topic_id"].map(lambda t: merged.get(int(t), t))
    return df


def topics(store: Store) -> pd.DataFrame:
    """One row a topic, by id (themes in order, largest topic first in each), with its
    theme's label; renamed topics carry their new label and merged ones are folded into the
    topic they joined (``corrected`` True on both)."""
    df = store.frame(
        "SELECT t.id, t.label, t.keywords, t.size, t.representative_id, t.theme, "
        "COALESCE(h.label, '') AS theme_label FROM topics t "
        "LEFT JOIN themes h ON h.id = t.theme ORDER BY t.id",
        json_columns=["keywords"],
    )[TOPIC_COLUMNS]
    labels, merged, _ = topic_corrections(store)
    df["corrected"] = df["id"].isin({*labels, *merged.values()})
    if labels:
        df["label"] = [
            labels.get(int(i), lab) for i, lab in zip(df["id"], df["label"], strict=True)
        ]
    if merged:
        sizes = dict(zip(df["id"].astype(int), df["size"].astype(int), strict=True))
        for source, into in merged.items():
            sizes[into] = sizes.get(into, 0) + sizes.pop(source, 0)
        df = df[~df["id"].isin(set(merged))].copy()
        df["size"] = df["id"].map(sizes)
    return df.reset_index(drop=True)


def topic_corrections(
    store: Store, active: list[corrections.Correction] | None = None
) -> tuple[dict[int, str], dict[int, int], set[int]]:
    """The topic corrections applied to the stored topics: (topic id -> new label, topic id
    -> the topic it was merged into, ids of the corrections that found their topics).

    A correction finds its topic by the representative paragraph's text hash; after a refit,
    failing that, by the topic now holding that paragraph if it shares at least half of the
    old keywords. A correction that finds none is orphaned (it stays in the audit).
    """
    if active is None:
        active = corrections.list_corrections(store, include_undone=False)
    active = [c for c in active if c.kind == "topic" and c.active]
    if not active:
        return {}, {}, set()
    rows = store.conn.execute(
        "SELECT t.id, t.keywords, p.text_hash FROM topics t "
        "LEFT JOIN paragraphs p ON p.id = t.representative_id"
    ).fetchall()
    by_rep = {h: tid for tid, _, h in rows if h}
    keywords = {tid: set(json.loads(kw)) for tid, kw, _ in rows}

    def find(text_hash: str, old_keywords: list[str]) -> int | None:
        if text_hash in by_rep:
            return by_rep[text_hash]
        holders = store.conn.execute(
            "SELECT DISTINCT pt.topic_id FROM paragraph_topics pt JOIN paragraphs p "
            "ON p.id = pt.paragraph_id WHERE p.text_hash = ?",
            (text_hash,),
        ).fetchall()
        old = set(old_keywords)
        best = max(
            ((len(old & keywords.get(tid, set())), tid) for (tid,) in holders), default=(0, None)
        )
        return best[1] if old and best[0] >= len(old) / 2 else None

    labels: dict[int, str] = {}
    merged: dict[int, int] = {}
    applied: set[int] = set()
    for c in sorted(active, key=lambda c: c.id or 0):
        topic = find(c.text_hash, c.original.get("keywords") or [])
        if topic is None:
            continue
        if c.action == "rename":
            labels[topic] = c.new["label"]
            applied.add(c.id)
            continue
        into = find(c.new.get("into", ""), c.new.get("keywords") or [])
        seen = {topic}
        while into is not None and into in merged and into not in seen:  # a chain of merges
            seen.add(into)
            into = merged[into]
        if into is not None and into not in seen:
            merged[topic] = into
            applied.add(c.id)
    for source, into in list(merged.items()):  # every merged topic points at a kept one
        seen = {source}
        while into in merged and into not in seen:
            seen.add(into)
            into = merged[into]
        merged[source] = into
    return labels, merged, applied


def themes(store: Store) -> pd.DataFrame:
    """One row a theme, largest first."""
    cols = ", ".join(THEME_COLUMNS)
    return store.frame(f"SELECT {cols} FROM themes ORDER BY id", json_columns=["keywords"])


def _ordered(
    store: Store, kind: str, table: str, columns: list[str], json_columns: list[str]
) -> pd.DataFrame:
    """The extractions of a table in reading order, with the analysts' corrections applied
    (models.corrections.apply) and a ``corrected`` column."""
    cols = ", ".join(f"x.{c}" for c in columns)
    df = store.frame(
        f"SELECT x.document_id, {cols}, p.text_hash AS _hash, d.position AS _pos, "
        f"p.idx AS _idx FROM {table} x JOIN documents d ON d.id = x.document_id "
        "JOIN paragraphs p ON p.id = x.paragraph_id ORDER BY d.position, p.idx, x.rowid",
        json_columns=json_columns,
    )
    wanted = ["document_id", *columns]
    active = [
        c for c in corrections.list_corrections(store, include_undone=False) if c.kind == kind
    ]
    if not active:
        return df[wanted].assign(corrected=False)
    hashes = sorted({c.text_hash for c in active})
    places: dict[str, list[tuple[str, str]]] = {}
    order: dict[str, tuple[int, int]] = {}
    for start in range(0, len(hashes), 900):
        chunk = hashes[start : start + 900]
        rows = store.conn.execute(
            "SELECT p.text_hash, p.id, p.document_id, d.position, p.idx FROM paragraphs p "
            "JOIN documents d ON d.id = p.document_id "
            f"WHERE p.text_hash IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for text_hash, pid, doc_id, position, idx in rows:
            places.setdefault(text_hash, []).append((pid, doc_id))
            order[pid] = (position, idx)
    touched = df["_hash"].isin(set(hashes))
    fixed = corrections.apply(kind, df.loc[touched, wanted].to_dict("records"), active, places)
    rest = df.loc[~touched].assign(corrected=False)
    if not fixed:
        return rest[[*wanted, "corrected"]].reset_index(drop=True)
    added = pd.DataFrame(fixed, columns=[*wanted, "corrected"])
    added["_pos"] = [order[p][0] for p in added["paragraph_id"]]
    added["_idx"] = [order[p][1] for p in added["paragraph_id"]]
    out = pd.concat([rest, added], ignore_index=True) if len(rest) else added
    out = out.sort_values(["_pos", "_idx"], kind="stable")
    out["corrected"] = out["corrected"].astype(bool)
    return out[[*wanted, "corrected"]].reset_index(drop=True)


def areas(store: Store) -> pd.DataFrame:
    """Every cooperation area found, with its paragraph and evidence, as corrected."""
    return _ordered(store, "area", "areas", AREA_COLUMNS, ["holders"])


def positions(store: Store) -> pd.DataFrame:
    """Every stated position found, as corrected."""
    return _ordered(store, "position", "positions", POSITION_COLUMNS, ["holders"])


def signings(store: Store) -> pd.DataFrame:
    """Every signing found, as corrected."""
    json_columns = ["signatories", "parties", "areas"]
    return _ordered(store, "signing", "signings", SIGNING_COLUMNS, json_columns)


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
        "topics": records(tops, ["id", "label", "keywords", "size", "theme", "corrected"]),
        "areas": records(found["areas"], [*AREA_COLUMNS, "corrected"]),
        "positions": records(found["positions"], [*POSITION_COLUMNS, "corrected"]),
        "signings": records(found["signings"], [*SIGNING_COLUMNS, "corrected"]),
    }
