"""A store of about a million paragraphs for dashboard benchmarks: a real store's documents,
paragraphs, topics, themes and extractions copied COPIES times under new ids (map positions
jittered), written in SQL in one transaction. No vectors: the dashboard does not read them.

Run: .venv/bin/python benchmarks/synth_store.py [--source var/bench-all.db] [--copies 8]
         [--out var/bench-1m.db]
then: .venv/bin/python benchmarks/bench_app.py --big-store var/bench-1m.db --skip-browser
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.store import Store  # noqa: E402

COPY_SQL = {
    "documents": "INSERT INTO documents SELECT id || :tag, title, date, source, place, "
    "source_url, kind, meta, content_hash, n_paragraphs, position + :k * 1000000, source_hash "
    "FROM src.documents",
    "paragraphs": "INSERT INTO paragraphs SELECT id || :tag, document_id || :tag, idx, text, "
    "text_hash FROM src.paragraphs",
    "paragraph_topics": "INSERT INTO paragraph_topics SELECT paragraph_id || :tag, topic_id, "
    "x + (random() % 1000) / 1e5, y + (random() % 1000) / 1e5 FROM src.paragraph_topics",
    "areas": "INSERT INTO areas SELECT document_id || :tag, paragraph_id || :tag, area, "
    "holders, speaker, evidence FROM src.areas",
    "positions": "INSERT INTO positions SELECT document_id || :tag, paragraph_id || :tag, "
    "holders, speaker, stance, target, evidence FROM src.positions",
    "signings": "INSERT INTO signings SELECT document_id || :tag, paragraph_id || :tag, "
    "document, signatories, parties, areas, evidence, count FROM src.signings",
    "extraction_versions": "INSERT INTO extraction_versions SELECT document_id || :tag, "
    "version FROM src.extraction_versions",
}


def main() -> None:
    """Build the store and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "var" / "bench-all.db")
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench-1m.db")
    args = parser.parse_args()
    if not args.source.exists():
        raise SystemExit(f"no source store at {args.source}: see benchmarks/bench_app.py")
    args.out.unlink(missing_ok=True)
    with Store(args.out):  # the schema, as the app makes it
        pass
    start = time.perf_counter()
    conn = sqlite3.connect(args.out, isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS src", (str(args.source),))
    conn.execute("BEGIN")
    for table in ("topics", "themes", "state"):
        conn.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM src.{table}")
    for k in range(args.copies):
        for sql in COPY_SQL.values():
            conn.execute(sql, {"tag": f"~{k}" if k else "", "k": k})
    conn.execute("UPDATE topics SET size = size * ?", (args.copies,))
    conn.execute("UPDATE themes SET size = size * ?", (args.copies,))
    conn.execute("COMMIT")
    n = conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
    conn.close()
    took = time.perf_counter() - start
    print(f"{args.out}: {n:,} paragraphs in {took:.0f} s, {args.out.stat().st_size / 1e9:.1f} GB")


if __name__ == "__main__":
    main()
