"""The embedded database (SQLite): documents, paragraphs, embeddings, topics, extractions.

SQLite because it ships with Python, keeps everything in one file, and gives atomic
transactions: a write that fails or is killed leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from models.errors import StoreBusy, StoreError
from models.schema import Area, Document, Paragraph, Position, Signing, Theme, Topic

DEFAULT_STORE = Path(__file__).resolve().parent.parent / "readout.db"
APPLICATION_ID = 0x52454144  # "READ" in the SQLite header: this file is a Readout store
SCHEMA_VERSION = 4  # PRAGMA user_version; 0 is a store of the first release (migrated on open)
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_MS = 5000  # how long a write waits for another session's write before "busy"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, source TEXT, place TEXT,
    source_url TEXT, kind TEXT, meta TEXT NOT NULL DEFAULT '{}', content_hash TEXT NOT NULL,
    n_paragraphs INTEGER NOT NULL, position INTEGER NOT NULL, source_hash TEXT);
CREATE TABLE IF NOT EXISTS paragraphs (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, text TEXT NOT NULL, text_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_document ON paragraphs(document_id, idx);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash));
CREATE TABLE IF NOT EXISTS topics (
    id INTEGER PRIMARY KEY, label TEXT NOT NULL, keywords TEXT NOT NULL, size INTEGER NOT NULL,
    representative_id TEXT NOT NULL, theme INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS themes (
    id INTEGER PRIMARY KEY, label TEXT NOT NULL, keywords TEXT NOT NULL, size INTEGER NOT NULL,
    representative_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paragraph_topics (
    paragraph_id TEXT PRIMARY KEY, topic_id INTEGER NOT NULL, x REAL NOT NULL, y REAL NOT NULL);
CREATE TABLE IF NOT EXISTS areas (
    document_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, area TEXT NOT NULL,
    holders TEXT NOT NULL, speaker TEXT, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS positions (
    document_id TEXT NOT NULL, paragraph_id TEXT NOT NULL, holders TEXT NOT NULL, speaker TEXT,
    stance TEXT NOT NULL, target TEXT NOT NULL, evidence TEXT NOT NULL,
    strength INTEGER NOT NULL DEFAULT 0);
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
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, action TEXT NOT NULL,
    text_hash TEXT NOT NULL, original TEXT NOT NULL, new TEXT NOT NULL, author TEXT NOT NULL,
    created_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', undone_at TEXT, undone_by TEXT);
CREATE INDEX IF NOT EXISTS corrections_hash ON corrections(text_hash);
CREATE INDEX IF NOT EXISTS paragraphs_text_hash ON paragraphs(text_hash);
"""
# Tables a store of an earlier release may lack when it is opened read-only (and so cannot be
# migrated): reading them gives no rows.
_LATER_TABLES = {"corrections"}


_BUMP_REVISION = """INSERT INTO state VALUES ('revision', '1')
ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"""


def _columns(schema: str) -> dict[str, set[str]]:
    """Table -> column names of the schema script (what this release reads)."""
    out = {}
    for table, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\);", schema, re.S):
        words = (c.split()[0] for c in body.split(",") if c.strip())
        out[table] = {w for w in words if re.fullmatch(r"\w+", w) and w != "PRIMARY"}
    return out


_COLUMNS = _columns(_SCHEMA)


def store_path(path: str | Path | None = None) -> Path:
    """The store file: the argument, else $READOUT_STORE, else readout.db in the project."""
    return Path(path or os.environ.get("READOUT_STORE") or DEFAULT_STORE)


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


class Store:
    """One SQLite file; every write method runs inside :meth:`transaction`.

    Opening checks the file before anything is written: a folder, a missing folder, a file
    that is not SQLite, another application's SQLite file, a store of a newer release or a
    damaged one is a :class:`StoreError` naming the file; a store on a read-only path opens
    read-only. Each thread gets its own connection, so sessions never share a transaction and
    readers never see rows a writer has not committed.
    """

    def __init__(self, path: str | Path | None = None, *, create: bool = True):
        self.path = store_path(path)
        self.readonly = False
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        created = self._check_file(create)
        try:
            self._prepare(created)
        except sqlite3.DatabaseError as err:
            self.close()
            raise StoreError(self.path, f"damaged or not a store ({err})") from None

    def _check_file(self, create: bool) -> bool:
        """Check the path before SQLite touches it; True when a new store will be created."""
        path = self.path
        if path.is_dir():
            raise StoreError(path, "is a folder, not a store file")
        if not path.parent.is_dir():
            raise StoreError(path, f"folder {path.parent} does not exist")
        if not path.exists() or path.stat().st_size == 0:
            if not create:
                raise StoreError(path, "no store here (analyze a file into it first)")
            if not os.access(path.parent, os.W_OK):
                raise StoreError(path, "cannot be created: the folder is read-only")
            return True
        if not path.is_file():
            raise StoreError(path, "is not a regular file")
        with path.open("rb") as f:
            header = f.read(100)
        if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
            raise StoreError(path, "not a Readout store (not an SQLite database)")
        app_id = int.from_bytes(header[68:72], "big")
        version = int.from_bytes(header[60:64], "big")
        if app_id not in (0, APPLICATION_ID):
            raise StoreError(path, "not a Readout store (another application's SQLite file)")
        if app_id == APPLICATION_ID and version > SCHEMA_VERSION:
            raise StoreError(
                path,
                f"written by a newer Readout (schema {version}; this one reads up to "
                f"{SCHEMA_VERSION})",
            )
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        self.readonly = not writable
        return False

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:  # immutable: nothing may write, not even the WAL index
            uri = f"file:{quote(str(self.path))}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:  # a server runs each script run on a new thread: close the dead's
                for thread in [t for t in self._connections if not t.is_alive()]:
                    self._connections.pop(thread).close()
                self._connections[threading.current_thread()] = conn
        return conn

    def _prepare(self, created: bool) -> None:
        """Create a new store, migrate an older one, and check the tables are Readout's."""
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if not created and app_id == 0 and not {"documents", "paragraphs", "state"} <= tables:
            raise StoreError(self.path, "not a Readout store (an SQLite file without its tables)")
        if self.readonly:
            self._check_columns()
            return
        if created:
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if created or version < SCHEMA_VERSION:
            with self.transaction():
                for statement in _SCHEMA.split(";"):  # executescript would commit first
                    if statement.strip():
                        self.conn.execute(statement)
                self._migrate()
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._check_columns()

    def _migrate(self) -> None:
        """Bring a store written by an earlier release up to this schema (inside the opening
        transaction): the first release had no signing counts and no source hashes, the
        second no themes, the third no position strengths nor corrections (a new table, made
        by the schema script)."""
        added = (
            ("signings", "count", "INTEGER"),
            ("documents", "source_hash", "TEXT"),
            ("topics", "theme", "INTEGER NOT NULL DEFAULT 0"),
            ("positions", "strength", "INTEGER NOT NULL DEFAULT 0"),
        )
        for table, column, kind in added:
            columns = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if column not in columns:
                self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def _check_columns(self) -> None:
        """Every table has the columns this release reads (else the store is damaged); a
        read-only store of an earlier release may lack the tables added since."""
        for table, wanted in _COLUMNS.items():
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if not have and self.readonly and table in _LATER_TABLES:
                continue
            missing = sorted(wanted - have)
            if missing:
                raise StoreError(
                    self.path, f"damaged or unknown store: table {table} lacks {', '.join(missing)}"
                )

    def close(self) -> None:
        """Close every thread's connection, folding the write-ahead log into the file first
        (a store copied or committed alone then holds every row, even opened read-only)."""
        with self._lock:
            for conn in self._connections.values():
                if not self.readonly:
                    with contextlib.suppress(sqlite3.Error):  # busy elsewhere: SQLite keeps it
                        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        """All or nothing: commit at the end, roll back on any exception (or a kill).

        A read-only store refuses; a write that waits more than BUSY_MS for another session's
        write is a :class:`StoreBusy` (nothing written, try again).
        """
        if self.readonly:
            raise StoreError(self.path, "is read-only here: nothing can be changed")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreBusy(self.path) from None
            raise
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute(_BUMP_REVISION)
            self.conn.execute("COMMIT")

    def has_table(self, table: str) -> bool:
        """Whether the store holds this table (a read-only older store may not)."""
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        return row is not None

    def revision(self) -> int:
        """A number every committed write raises (by any process): what a cache keys on."""
        return int(self.get_state("revision") or 0)

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

    def source_hashes(self) -> dict[str, str]:
        """Document id -> hash of the text its user gave (unknown for the first release's)."""
        rows = self.conn.execute("SELECT id, source_hash FROM documents WHERE source_hash NOT NULL")
        return dict(rows)

    def put_document(
        self,
        doc: Document,
        paragraphs: Sequence[Paragraph],
        content_hash: str,
        source_hash: str | None = None,
    ) -> None:
        """Insert or replace a document with its paragraphs (inside a transaction)."""
        self.delete_document(doc.id)
        position = self.conn.execute(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM documents"
        ).fetchone()[0]
        self.conn.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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
                source_hash,
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
    def _by_hash(self, select: str, key: str, hashes: Iterable[str]) -> Iterator[tuple]:
        """Rows of ``select`` (a query ending in "text_hash IN") for the distinct hashes, 900
        bound parameters at a time (SQLite's limit)."""
        wanted = list(dict.fromkeys(hashes))
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            yield from self.conn.execute(f"{select} ({','.join('?' * len(chunk))})", (key, *chunk))

    def get_embeddings(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the given text hashes (those that exist)."""
        select = "SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN"
        rows = self._by_hash(select, model, hashes)
        return {h: np.frombuffer(v, dtype=np.float32) for h, v in rows}

    def put_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store vectors by text hash (inside a transaction)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO embeddings VALUES (?,?,?)",
            [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
        )

    def embedded_hashes(self, model: str, hashes: Iterable[str]) -> set[str]:
        """Which of the given text hashes have a stored vector (without reading vectors)."""
        select = "SELECT text_hash FROM embeddings WHERE model = ? AND text_hash IN"
        return {h for (h,) in self._by_hash(select, model, hashes)}

    # -- parses ---------------------------------------------------------------------
    def parse_hashes(self, parser: str, hashes: Iterable[str]) -> set[str]:
        """Which of the given text hashes have a stored parse (without reading the parses)."""
        select = "SELECT text_hash FROM parses WHERE parser = ? AND text_hash IN"
        return {h for (h,) in self._by_hash(select, parser, hashes)}

    def get_parses(self, parser: str, hashes: Iterable[str]) -> dict[str, bytes]:
        """Stored parses of the given text hashes (those that exist)."""
        select = "SELECT text_hash, doc FROM parses WHERE parser = ? AND text_hash IN"
        return {h: bytes(d) for h, d in self._by_hash(select, parser, hashes)}

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
        self,
        topics: Sequence[Topic],
        assignments: Sequence[tuple[str, int, float, float]],
        themes: Sequence[Theme] = (),
    ) -> None:
        """Replace all themes, topics and paragraph assignments (inside a transaction)."""
        for table in ("themes", "topics", "paragraph_topics"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.executemany(
            "INSERT INTO themes VALUES (?,?,?,?,?)",
            [(t.id, t.label, _json(t.keywords), t.size, t.representative_id) for t in themes],
        )
        self.conn.executemany(
            "INSERT INTO topics VALUES (?,?,?,?,?,?)",
            [
                (t.id, t.label, _json(t.keywords), t.size, t.representative_id, t.theme)
                for t in topics
            ],  # fmt: skip
        )
        self.conn.executemany("INSERT INTO paragraph_topics VALUES (?,?,?,?)", assignments)

    def load_topics(self) -> list[Topic]:
        """The stored topics, by id."""
        rows = self.conn.execute(
            "SELECT id, label, keywords, size, representative_id, theme FROM topics ORDER BY id"
        )
        return [Topic(i, label, tuple(json.loads(kw)), size, rep, theme)
                for i, label, kw, size, rep, theme in rows]  # fmt: skip

    def load_themes(self) -> list[Theme]:
        """The stored themes, by id."""
        rows = self.conn.execute(
            "SELECT id, label, keywords, size, representative_id FROM themes ORDER BY id"
        )
        return [Theme(i, label, tuple(json.loads(kw)), size, rep) for i, label, kw, size, rep
                in rows]  # fmt: skip

    def topic_assignments(self) -> dict[str, tuple[int, float, float]]:
        """Paragraph id -> (topic id, x, y) of every paragraph placed on the topic map."""
        rows = self.conn.execute("SELECT paragraph_id, topic_id, x, y FROM paragraph_topics")
        return {pid: (topic, x, y) for pid, topic, x, y in rows}

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
            "INSERT INTO positions VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    document_id,
                    p.paragraph_id,
                    _json(p.holders),
                    p.speaker,
                    p.stance,
                    p.target,
                    p.evidence,
                    p.strength,
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
