"""A reproducibility stamp: enough to rebuild a view (corpus content, versions, models)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from models.store import Store

READOUT_VERSION = "0.1.0"  # pyproject.toml's version


@dataclass(frozen=True)
class Stamp:
    """What a chart or an export was made from."""

    corpus: str  # a hash of every document's id and content
    documents: int
    extraction: str  # the extraction version (code + knowledge files) of the stored records
    embedder: str
    parser: str
    readout: str = READOUT_VERSION

    def line(self, view: str = "") -> str:
        """One line: "Readout 0.1.0 · corpus 3f2a9c1b0d4e (1 document) · … · view: …"."""
        docs = f"{self.documents} document{'s' * (self.documents != 1)}"
        parts = [
            f"Readout {self.readout}",
            f"corpus {self.corpus} ({docs})",
            f"extraction {self.extraction}",
            f"embedder {self.embedder}",
            f"parser {self.parser}",
        ]
        return " · ".join(parts + [f"view: {view or 'all documents'}"])


def store_stamp(store: Store, embedder: str) -> Stamp:
    """The stamp of a store's current content, analyzed with the named embedder."""
    from models.extract.nlp import parser_name  # no spaCy load: a name and a version

    pairs = sorted(store.content_hashes().items())
    corpus = hashlib.sha256("\n".join(f"{i}:{h}" for i, h in pairs).encode()).hexdigest()
    versions = sorted(
        v for (v,) in store.conn.execute("SELECT DISTINCT version FROM extraction_versions")
    )
    extraction = versions[0][:12] if len(versions) == 1 else f"{len(versions)} versions"
    return Stamp(corpus[:12], len(pairs), extraction or "none", embedder, parser_name())
