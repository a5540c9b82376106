"""The embedded database (SQLite): documents, paragraphs, embeddings, topics, extractions.

SQLite because it ships with Python, keeps everything in one file, and gives atomic
transactions: a write that fails or is killed leaves the file as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from models.schema import Area, Document, Paragraph, Position, Signing, Topic

DEFAULT_STORE = Path(__file__).resolve().parent.parent / "readout.db"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, source TEXT, place TEXT,
    source_url TEXT, kind TEXT, meta TEXT NOT NULL DEFAULT '{}', content_hash TEXT NOT NULL,
    n_paragraphs INTEGER NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS paragraphs (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, text TEXT NOT NULL, text_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_document ON paragraphs(document_id, idx);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash));
CREATE TABLE IF NOT EXISTS topics (
    id INTEGER PRIMARY KEY, label TEXT NOT NULL, keywords TEXT NOT NULL, size INTEGER NOT NULL,
    representative_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paragraph_topics (
    paragraph_id TEXT PRIMARY KEY, topic_id INTEGER NOT NULL, x REAL NOT NULL, y REAL NOT NULL);
CREATE TABLE IF NOT EXISTS areas (
    document_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, area TEXT NOT NULL,
    holders TEXT NOT NULL, speaker TEXT, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS positions (
    document_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, holders TEXT NOT NULL, speaker TEXT,
    stance TEXT NOT NULL, target TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signings (
    document_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, document TEXT NOT NULL,
    signatories TEXT NOT NULL, parties TEXT NOT NULL, areas TEXT NOT NULL, evidence TEXT NOT NULL,
    count INTEGER);
CREATE INDEX IF NOT EXISTS areas_document ON areas(document_id);
CREATE INDEX IF NOT EXISTS positions_document ON positions(document_id);
CREATE INDEX IF NOT EXISTS signings_document ON signings(document_id);
CREATE TABLE IF NOT EXISTS extraction_versions (
    document_id TEXT PRIMARY KEY, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parses (
    parser TEXT NOT NULL, text_hash TEXT NOT NULL, doc BLOB NOT NULL,
    PRIMARY KEY (parser, text_hash));
"""


def store_path(path: str | Path | None = None) -> Path:
    """The store file: the argument, else $READOUT_STORE, else readout.db in the project."""
    return Path(path or os.environ.get("READOUT_STORE") or DEFAULT_STORE)


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


class Store:
    """One SQLite file; every write method runs inside :meth:`transaction`."""

    def __init__(self, path: str | Path | None = None):
        self.path = store_path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring a store written by an earlier release up to this schema (in one transaction)."""
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(signings)")}
        if "count" not in columns:
            with self.transaction():
                self.conn.execute("ALTER TABLE signings ADD COLUMN count INTEGER")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        """All or nothing: commit at the end, roll back on any exception (or a kill)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- state -----------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        """A value of the key/value state table."""
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        """Set a state value (call inside a transaction)."""
        self.conn.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    # -- documents and paragraphs -------------------------------------------------
    def content_hashes(self) -> dict[str, str]:
        """Document id -> content hash of every stored document."""
        return dict(self.conn.execute("SELECT id, content_hash FROM documents"))

    def put_document(
        self, doc: Document, paragraphs: Sequence[Paragraph], content_hash: str
    ) -> None:
        """Insert or replace a document with its paragraphs (inside a transaction)."""
        self.delete_document(doc.id)
        position = self.conn.execute(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM documents"
        ).fetchone()[0]
        self.conn.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.title,
                doc.date,
                doc.source,
                doc.place,
                doc.source_url,
                doc.kind,
                json.dumps(doc.meta, ensure_ascii=False),
                content_hash,
                len(paragraphs),
                position,
            ),
        )
        from models.embed import text_hash

        self.conn.executemany(
            "INSERT INTO paragraphs VALUES (?,?,?,?,?)",
            [(p.id, p.document_id, p.index, p.text, text_hash(p.text)) for p in paragraphs],
        )

    def delete_document(self, document_id: str) -> None:
        """Remove a document, its paragraphs and extractions (inside a transaction)."""
        for table in ("areas", "positions", "signings", "extraction_versions"):
            self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        self.conn.execute(
            "DELETE FROM paragraph_topics WHERE paragraph_id IN "
            "(SELECT id FROM paragraphs WHERE document_id = ?)",
            (document_id,),
        )
        self.conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def set_meta(self, document_id: str, meta: dict) -> None:
        """Replace a document's metadata (inside a transaction)."""
        self.conn.execute(
            "UPDATE documents SET meta = ? WHERE id = ?",
            (json.dumps(meta, ensure_ascii=False), document_id),
        )

    def load_documents(self, document_id: str | None = None) -> list[Document]:
        """Every stored document (or the one with this id), in the order added."""
        sql = "SELECT id, title, date, source, place, source_url, kind, meta FROM documents"
        args: tuple = ()
        if document_id is not None:
            sql += " WHERE id = ?"
            args = (document_id,)
        rows = self.conn.execute(sql + " ORDER BY position", args)
        return [
            Document(
                id=r[0],
                title=r[1],
                text="",
                date=r[2],
                source=r[3],
                place=r[4],
                source_url=r[5],
                kind=r[6],
                meta=json.loads(r[7]),
            )
            for r in rows
        ]

    def load_paragraphs(self, document_id: str | None = None) -> list[Paragraph]:
        """Stored paragraphs (of one document, or all) in reading order."""
        sql = (
            "SELECT p.id, p.document_id, p.idx, p.text FROM paragraphs p "
            "JOIN documents d ON d.id = p.document_id"
        )
        args: tuple = ()
        if document_id is not None:
            sql += " WHERE p.document_id = ?"
            args = (document_id,)
        rows = self.conn.execute(sql + " ORDER BY d.position, p.idx", args)
        return [Paragraph(id=r[0], document_id=r[1], index=r[2], text=r[3]) for r in rows]

    # -- embeddings -----------------------------------------------------------------
    def get_embeddings(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the given text hashes (those that exist)."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT text_hash, vector FROM embeddings "
                f"WHERE model = ? AND text_hash IN ({marks})",
                (model, *chunk),
            )
            found.update((h, np.frombuffer(v, dtype=np.float32)) for h, v in rows)
        return found

    def put_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store vectors by text hash (inside a transaction)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO embeddings VALUES (?,?,?)",
            [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
        )

    # -- parses ---------------------------------------------------------------------
    def get_parses(self, parser: str, hashes: Iterable[str]) -> dict[str, bytes]:
        """Stored parses of the given text hashes (those that exist)."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT text_hash, doc FROM parses WHERE parser = ? AND text_hash IN ({marks})",
                (parser, *chunk),
            )
            found.update((h, bytes(d)) for h, d in rows)
        return found

    def put_parses(self, parser: str, parses: dict[str, bytes]) -> None:
        """Store parses by text hash (inside a transaction)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO parses VALUES (?,?,?)",
            [(parser, h, d) for h, d in parses.items()],
        )

    def count(self, table: str) -> int:
        """Rows in a table."""
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    # -- topics -----------------------------------------------------------------------
    def put_topics(
        self, topics: Sequence[Topic], assignments: Sequence[tuple[str, int, float, float]]
    ) -> None:
        """Replace all topics and paragraph assignments (inside a transaction)."""
        self.conn.execute("DELETE FROM topics")
        self.conn.execute("DELETE FROM paragraph_topics")
        self.conn.executemany(
            "INSERT INTO topics VALUES (?,?,?,?,?)",
            [(t.id, t.label, _json(t.keywords), t.size, t.representative_id) for t in topics],
        )
        self.conn.executemany("INSERT INTO paragraph_topics VALUES (?,?,?,?)", assignments)

    # -- extractions ----------------------------------------------------------------
    def extraction_versions(self) -> dict[str, str]:
        """Document id -> knowledge version its extractions were made with."""
        return dict(self.conn.execute("SELECT document_id, version FROM extraction_versions"))

    def put_extractions(
        self,
        document_id: str,
        version: str,
        areas: Sequence[Area],
        positions: Sequence[Position],
        signings: Sequence[Signing],
    ) -> None:
        """Replace one document's extractions (inside a transaction)."""
        for table in ("areas", "positions", "signings"):
            self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        self.conn.executemany(
            "INSERT INTO areas VALUES (?,?,?,?,?,?)",
            [
                (document_id, a.paragraph_id, a.area, _json(a.holders), a.speaker, a.evidence)
                for a in areas
            ],
        )
        self.conn.executemany(
            "INSERT INTO positions VALUES (?,?,?,?,?,?,?)",
            [
                (
                    document_id,
                    p.paragraph_id,
                    _json(p.holders),
                    p.speaker,
                    p.stance,
                    p.target,
                    p.evidence,
                )
                for p in positions
            ],
        )
        self.conn.executemany(
            "INSERT INTO signings VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    document_id,
                    s.paragraph_id,
                    s.document,
                    _json(s.signatories),
                    _json(s.parties),
                    _json(s.areas),
                    s.evidence,
                    s.count,
                )
                for s in signings
            ],
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO extraction_versions VALUES (?, ?)", (document_id, version)
        )

    # -- frames for the dashboard and the JSON export -----------------------------------
    def frame(
        self, sql: str, params: Sequence = (), json_columns: Sequence[str] = ()
    ) -> pd.DataFrame:
        """Run a query into a DataFrame, decoding JSON list columns into lists."""
        df = pd.read_sql_query(sql, self.conn, params=list(params))
        for column in json_columns:
            df[column] = df[column].map(json.loads)
        return df
