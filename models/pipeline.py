"""analyze(): the one place that knows the order of the steps.

Read and clean every input first (bad input stops everything before a write), embed only
texts the store has not seen, fit topics when the corpus changed, extract where the
knowledge files changed, then write it all in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from models.clean import clean_document, content_hash, source_hash
from models.embed import Embedder, by_length, text_hash
from models.errors import IngestError, ParagraphTooLong, ReadoutError
from models.ingest import RawDocument, read_path
from models.schema import Document, Extractions, Paragraph, Theme, Topic, paragraph_id
from models.segment import check_length
from models.store import Store
from models.topics import ALGORITHM_VERSION, StoredTopics, TopicModel
from models.vector_index import EXACT_MAX, index_path, up_to_date_graph

Progress = Callable[[str, int, int], None]

# When new paragraphs join the stored topics and when the topics are fitted again, measured
# by benchmarks/sweep_refit.py on 8,000 real paragraphs: new paragraphs like the corpus fit
# their topics as well as the old at any share up to a half (misfits 4.5-6.5 %, the base rate
# being 5 %); new paragraphs on themes the corpus never had misfit 16-39 % at every share. So
# novelty, not share, calls for a refit: more than MISFIT_SHARE misfits among at least
# MISFIT_MIN new paragraphs, or more than REFIT_SHARE of the corpus new.
REFIT_SHARE = 0.5
MISFIT_SHARE = 0.10
MISFIT_MIN = 20
CHECKPOINT = 4096  # texts embedded (or parsed) between two writes of the cache to the store


@dataclass(frozen=True)
class Loaded:
    """A cleaned document ready to store."""

    document: Document
    paragraphs: tuple[Paragraph, ...]
    content_hash: str
    source_hash: str = ""  # of the text as given: another text under a stored id is a conflict
    origin: str = ""  # where it was read: the file, or "file:line" for a corpus record


@dataclass
class Report:
    """What an analyze run did."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    embedded: int = 0
    topics_refit: bool = False
    topics_assigned: int = 0  # paragraphs that joined the stored topics without a refit
    extracted: int = 0
    parsed: int = 0

    @property
    def changed(self) -> bool:
        """Whether the run wrote anything."""
        return bool(self.added or self.replaced or self.topics_refit or self.extracted)


def to_loaded(raw: RawDocument, *, allow_empty: bool = False) -> Loaded:
    """Clean a raw document and number its paragraphs.

    A file with no content is an error; a corpus record with none (images only, say) is
    kept as an empty document when ``allow_empty``, so the corpus stays complete.
    """
    where = raw.origin or raw.id
    try:
        document, texts = clean_document(raw)
        for number, text in enumerate(texts, start=1):
            check_length(text, number)
    except ParagraphTooLong as err:
        raise IngestError(where, str(err)) from None
    if not texts and not allow_empty:
        raise IngestError(where, "no content paragraphs after cleaning")
    paragraphs = tuple(
        Paragraph(paragraph_id(document.id, i), document.id, i, text)
        for i, text in enumerate(texts, start=1)
    )
    return Loaded(document, paragraphs, content_hash(raw), source_hash(raw), raw.origin or "")


def load_inputs(
    paths: Iterable[str | Path], *, skip_bad: bool = False
) -> tuple[list[Loaded], list[str]]:
    """Read and clean every input; raise on the first bad one unless ``skip_bad``."""
    batches, skipped = read_inputs(paths, skip_bad=skip_bad)
    cleaned = [clean_batch(raws, allow_empty, skip_bad) for raws, allow_empty in batches]
    return merge_cleaned(cleaned, skip_bad, skipped)


def read_inputs(
    paths: Iterable[str | Path], *, skip_bad: bool = False
) -> tuple[list[tuple[list[RawDocument], bool]], list[str]]:
    """The raw documents of each input, with whether an empty one may stay (a corpus record
    with no content is kept as an empty document, so the corpus stays complete; a file with
    none is an error), and the one-line errors of what was skipped: with ``skip_bad`` a bad
    record, and a whole file that cannot be read (it names the file), are skipped."""
    batches, skipped = [], []
    for path in paths:
        try:
            raws, bad = read_path(path, skip_bad=skip_bad)
        except IngestError as err:
            if not skip_bad:
                raise
            skipped.append(str(err))
            continue
        skipped.extend(bad)
        batches.append((raws, len(raws) > 1 or bool(bad)))
    return batches, skipped


Cleaned = list[tuple[str, "Loaded | str"]]  # (origin, document or its one-line error)


def clean_batch(raws: Sequence[RawDocument], allow_empty: bool, skip_bad: bool) -> Cleaned:
    """Each raw document cleaned, or its one-line error when ``skip_bad`` (else it raises),
    with where it came from."""
    out: Cleaned = []
    for raw in raws:
        try:
            out.append((raw.origin, to_loaded(raw, allow_empty=allow_empty)))
        except IngestError as err:
            if not skip_bad:
                raise
            out.append((raw.origin, str(err)))
    return out


def merge_cleaned(
    batches: Iterable[Cleaned], skip_bad: bool, skipped: list[str]
) -> tuple[list[Loaded], list[str]]:
    """Cleaned documents in input order, one per id: an id seen again with other text is an
    error (skipped with ``skip_bad``). Returns (documents, skipped)."""
    loaded: dict[str, Loaded] = {}
    for batch in batches:
        for origin, item in batch:
            if isinstance(item, str):
                skipped.append(item)
                continue
            previous = loaded.get(item.document.id)
            if previous and previous.content_hash != item.content_hash:
                err = IngestError(
                    origin, f"duplicate document id '{item.document.id}' with other text"
                )
                if not skip_bad:
                    raise err
                skipped.append(str(err))
                continue
            loaded[item.document.id] = item
    return list(loaded.values()), skipped


def load_documents(
    path: str | Path, *, ids: Iterable[str] | None = None
) -> list[tuple[Document, list[Paragraph]]]:
    """Cleaned documents of one file (optionally only the records with the given ids)."""
    wanted = set(ids) if ids is not None else None
    raws, _ = read_path(path, skip_bad=wanted is not None)
    out = []
    for raw in raws:
        if wanted is None or raw.id in wanted:
            item = to_loaded(raw)
            out.append((item.document, list(item.paragraphs)))
    return out


def default_extractor():
    """The parser-based extractor of models.extract (imported when first needed)."""
    from models import extract

    return extract


def model_key(model: str, topic_model: TopicModel) -> str:
    """A hash of how topics are made: embedding model, algorithm version, parameters."""
    params = {k: v for k, v in vars(topic_model).items() if not k.endswith("_")}
    text = f"{model}\x1f{ALGORITHM_VERSION}\x1f{json.dumps(params, sort_keys=True)}"
    return hashlib.sha1(text.encode()).hexdigest()


def corpus_key(
    model: str, paragraphs: Sequence[Paragraph], hashes: Sequence[str], topic_model: TopicModel
) -> str:
    """A hash of what topics depend on: model, paragraph ids and text hashes, parameters."""
    h = hashlib.sha1(model_key(model, topic_model).encode())
    for p, text_key in zip(paragraphs, hashes, strict=True):
        h.update(f"{p.id}\x1f{text_key}\x1e".encode())
    return h.hexdigest()


def embed_missing(
    store: Store,
    embedder: Embedder,
    texts: Sequence[str],
    hashes: Sequence[str],
    progress: Progress | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Vectors for texts (keyed by their hashes): stored ones, plus new ones embedded once.

    New vectors are stored as they are made, CHECKPOINT texts at a time (longest texts last),
    each batch in its own transaction: they are a cache keyed by text, invisible until a
    document uses them, so a run killed or failed later keeps them and the next embeds
    nothing twice. Returns (all, new).
    """
    vectors = store.get_embeddings(embedder.name, hashes)
    missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in vectors}
    new: dict[str, np.ndarray] = {}
    keys, todo = list(missing), list(missing.values())
    order = by_length(todo)  # the embedder sorts each call; sorting all first pads least
    for start in range(0, len(order), CHECKPOINT):
        rows = order[start : start + CHECKPOINT]

        def report(done: int, _total: int, start: int = start) -> None:
            if progress:
                progress("embedding", start + done, len(todo))

        matrix = embedder.embed([todo[i] for i in rows], progress=report)
        batch = {keys[i]: vector for i, vector in zip(rows, matrix, strict=True)}
        with store.transaction():
            store.put_embeddings(embedder.name, batch)
        new.update(batch)
    vectors.update(new)
    return vectors, new


def parse_missing(
    store: Store, extractor, paragraphs: Sequence[Paragraph], progress: Progress | None = None
) -> tuple[dict | None, dict[str, bytes]]:
    """Parses of the paragraphs' texts (keyed by text hash): stored ones, plus new ones parsed
    once and stored CHECKPOINT at a time, like embeddings (a cache a failed run keeps).
    Returns (all, new), as serialized bytes (a Doc object per paragraph of a whole corpus
    would not fit in memory); (None, {}) for an extractor that parses nothing.
    """
    if not hasattr(extractor, "parse_bodies"):
        return None, {}
    from models.extract import nlp

    texts = {text_hash(p.text): p.text for p in paragraphs}
    parses = store.get_parses(extractor.parser_name(), texts)
    missing = [h for h in texts if h not in parses]
    new: dict[str, bytes] = {}
    batch: dict[str, bytes] = {}
    for n, (h, doc) in enumerate(
        zip(missing, extractor.parse_bodies([texts[h] for h in missing]), strict=True), start=1
    ):
        new[h] = parses[h] = batch[h] = nlp.to_bytes(doc)
        if len(batch) >= CHECKPOINT or n == len(missing):
            with store.transaction():
                store.put_parses(extractor.parser_name(), batch)
            batch = {}
        if progress and (n % 200 == 0 or n == len(missing)):
            progress("parsing", n, len(missing))
    return parses, new


def extract_one(
    extractor, document: Document, paragraphs: Sequence[Paragraph], parses: dict | None
) -> Extractions:
    """One document's extractions, on the cached parses when the extractor parses."""
    if parses is None:
        return extractor.extract(document, paragraphs)
    from models.extract import nlp

    docs = [nlp.from_bytes(parses[text_hash(p.text)]) for p in paragraphs]
    return extractor.extract(document, paragraphs, docs=docs)


def analyze(
    paths: Iterable[str | Path],
    *,
    store: Store,
    embedder: Embedder,
    topic_model: TopicModel | None = None,
    extractor=None,
    skip_bad: bool = False,
    remove: Iterable[str] = (),
    progress: Progress | None = None,
    loaded: tuple[list[Loaded], list[str]] | None = None,
    replace: bool = False,
    refit_topics: bool = False,
    extracted: dict[str, Extractions] | None = None,
) -> Report:
    """Ingest the paths (and remove the given document ids), then bring the analysis up to date.

    ``loaded`` is what :func:`load_inputs` gave for the paths, when the caller read them first.
    A document whose id is stored with other text is replaced only with ``replace``; without
    it the run stops before anything is written. New paragraphs join the stored topics
    (:func:`place_new`) unless ``refit_topics``, or they are many and new in kind, or more than
    REFIT_SHARE of the corpus.
    ``extracted`` holds extractions made elsewhere (by Dask workers, models.distributed) of
    documents as given, with this extractor.
    """
    topic_model = topic_model or TopicModel()
    extractor = extractor or default_extractor()
    report = Report()
    inputs, report.skipped = loaded if loaded is not None else load_inputs(paths, skip_bad=skip_bad)
    stored = store.content_hashes()
    removed = [doc_id for doc_id in remove if doc_id in stored]
    unknown = [doc_id for doc_id in remove if doc_id not in stored]
    if unknown:
        raise ReadoutError(f"no such document: {', '.join(unknown)}")
    conflicts = _conflicts(store, inputs) if not replace else []
    if conflicts:
        shown = ", ".join(f"'{c}'" for c in conflicts[:5]) + (" …" if len(conflicts) > 5 else "")
        raise ReadoutError(
            f"{len(conflicts)} document id(s) already stored with other text: {shown} "
            '(nothing was changed; use --replace, or tick "Replace documents with the same id" '
            "on the Corpus page, to replace them)"
        )
    new_items = []
    for item in inputs:
        old = stored.get(item.document.id)
        if old == item.content_hash:
            report.unchanged.append(item.document.id)
        else:
            (report.replaced if old else report.added).append(item.document.id)
            new_items.append(item)
    new_ids = {i.document.id for i in new_items} | set(removed)
    corpus = [p for p in store.load_paragraphs() if p.document_id not in new_ids]
    corpus += [p for item in new_items for p in item.paragraphs]
    hashes = [text_hash(p.text) for p in corpus]
    vectors, new_vectors = embed_missing(
        store, embedder, [p.text for p in corpus], hashes, progress
    )
    report.embedded = len(new_vectors)

    key = corpus_key(embedder.name, corpus, hashes, topic_model)
    how = model_key(embedder.name, topic_model)
    topics = assignments = None
    if refit_topics or key != store.get_state("topics_key"):
        if progress:
            progress("topics", 0, 1)
        matrix = np.vstack([vectors[h] for h in hashes]) if corpus else np.zeros((0, 1))
        placed = None
        if not refit_topics and store.get_state("topics_model") == how:
            placed = place_new(store, corpus, matrix, new_ids)
        if placed is not None:
            topics, assignments, report.topics_assigned = placed
        else:
            topics, assignments = fit_topics(topic_model, corpus, matrix)
            report.topics_refit = True

    version = extractor.knowledge_version()
    versions = store.extraction_versions()
    documents = {d.id: d for d in store.load_documents()}
    documents.update({i.document.id: i.document for i in new_items})
    to_extract = [i.document.id for i in new_items]
    to_extract += [d for d in documents if d not in new_ids and versions.get(d) != version]
    by_doc: dict[str, list[Paragraph]] = {}
    for p in corpus:
        by_doc.setdefault(p.document_id, []).append(p)
    done = extracted or {}
    wanted = [p for doc_id in to_extract if doc_id not in done for p in by_doc.get(doc_id, [])]
    parses, new_parses = parse_missing(store, extractor, wanted, progress)
    report.parsed = len(new_parses)
    extractions: dict[str, Extractions] = {}
    for n, doc_id in enumerate(to_extract, start=1):
        if doc_id in done:
            extractions[doc_id] = done[doc_id]
        else:
            paragraphs = by_doc.get(doc_id, [])
            extractions[doc_id] = extract_one(extractor, documents[doc_id], paragraphs, parses)
        if progress:
            progress("extracting", n, len(to_extract))
    report.extracted = len(extractions)

    if not (new_items or removed or topics is not None or extractions):
        return report
    with store.transaction():
        for doc_id in removed:
            store.delete_document(doc_id)
        for item in new_items:
            store.put_document(item.document, item.paragraphs, item.content_hash, item.source_hash)
        if topics is not None:
            store.put_topics(topics.topics, assignments, topics.themes)
            store.set_state("topics_key", key)
            store.set_state("topics_model", how)
        for doc_id, found in extractions.items():
            store.put_extractions(doc_id, version, found.areas, found.positions, found.signings)
    if len(corpus) > EXACT_MAX:  # the search graph of this revision, ready before any search
        path = index_path(store.path, embedder.name, store.revision())
        up_to_date_graph(hashes, lambda wanted: np.vstack([vectors[h] for h in wanted]), path)
    return report


@dataclass(frozen=True)
class TopicTables:
    """Topics and the themes that group them, as stored."""

    topics: list[Topic]
    themes: list[Theme]


def fit_topics(
    topic_model: TopicModel, corpus: Sequence[Paragraph], matrix: np.ndarray
) -> tuple[TopicTables, list[tuple[str, int, float, float]]]:
    """Fit topics on the whole corpus: topics and themes, and each paragraph's (id, topic,
    x, y)."""
    topic_model.fit([p.text for p in corpus], matrix)
    ids = [p.id for p in corpus]
    assignments = [
        (pid, int(label), float(xy[0]), float(xy[1]))
        for pid, label, xy in zip(ids, topic_model.labels_, topic_model.coords_, strict=True)
    ]
    return TopicTables(topic_model.to_topics(ids), topic_model.to_themes(ids)), assignments


def place_new(
    store: Store, corpus: Sequence[Paragraph], matrix: np.ndarray, changed: set[str]
) -> tuple[TopicTables, list[tuple[str, int, float, float]], int] | None:
    """Keep the stored topics, themes and map: paragraphs of the ``changed`` documents and
    others not yet placed join the nearest topic (:func:`assign_new`); topics and themes left
    empty go. None when a refit is due: no stored topics, or new paragraphs above
    REFIT_SHARE of the corpus, or at least MISFIT_MIN of them with more than MISFIT_SHARE
    misfits (content the topics were not made for)."""
    stored, old_topics = store.topic_assignments(), store.load_topics()
    kept = [i for i, p in enumerate(corpus) if p.id in stored and p.document_id not in changed]
    placed_before = set(kept)
    new = [i for i in range(len(corpus)) if i not in placed_before]
    if not old_topics or not kept or len(new) > REFIT_SHARE * len(corpus):
        return None
    labels = np.array([stored[corpus[i].id][0] for i in kept])
    coords = np.array([stored[corpus[i].id][1:] for i in kept], dtype=float)
    placed = dict(zip(kept, zip(labels, coords, strict=True), strict=True))
    if new:
        stored_topics = StoredTopics(matrix[kept], labels)  # centroids made once for both
        new_labels, new_coords = stored_topics.assign(coords, matrix[new])
        novel = stored_topics.misfit_share(matrix[new], new_labels)
        if len(new) >= MISFIT_MIN and novel > MISFIT_SHARE:
            return None
        placed.update(zip(new, zip(new_labels, new_coords, strict=True), strict=True))
    assignments = [
        (corpus[i].id, int(placed[i][0]), float(placed[i][1][0]), float(placed[i][1][1]))
        for i in range(len(corpus))
    ]
    all_labels = np.array([a[1] for a in assignments])
    label_of = {pid: label for pid, label, _, _ in assignments}
    topics = []
    for topic in old_topics:
        members = np.flatnonzero(all_labels == topic.id)
        if not len(members):
            continue
        representative = topic.representative_id
        if label_of.get(representative) != topic.id:  # removed, or its text changed topic
            centroid = matrix[members].mean(axis=0)
            representative = corpus[members[int(np.argmax(matrix[members] @ centroid))]].id
        topics.append(replace(topic, size=len(members), representative_id=representative))
    return (
        TopicTables(topics, _regrouped(store.load_themes(), topics, label_of)),
        assignments,
        len(new),
    )


def _regrouped(themes: Sequence[Theme], topics: Sequence[Topic], label_of: dict) -> list[Theme]:
    """Stored themes resized to their topics' new sizes; a theme left without topics goes, and
    one whose representative moved away cites its largest topic's instead."""
    out = []
    for theme in themes:
        members = [t for t in topics if t.theme == theme.id]
        if not members:
            continue
        representative = theme.representative_id
        topic_ids = {t.id for t in members}
        if label_of.get(representative) not in topic_ids:
            representative = max(members, key=lambda t: t.size).representative_id
        size = sum(t.size for t in members)
        out.append(replace(theme, size=size, representative_id=representative))
    return out


def _conflicts(store: Store, inputs: Sequence[Loaded]) -> list[str]:
    """Ids of inputs stored before with other text as given (a re-clean is no conflict)."""
    stored = store.source_hashes()
    return [
        i.document.id
        for i in inputs
        if i.document.id in stored and stored[i.document.id] != i.source_hash
    ]


def set_voice(
    store: Store,
    document_id: str,
    *,
    country_iso3: str | None,
    speaker: str | None = None,
    extractor=None,
) -> Extractions:
    """Set a document's speaking party (a code or a party name; None removes the voice) and
    speaker, and re-extract that document at once; meta and extractions in one transaction."""
    from models.voice import with_voice

    extractor = extractor or default_extractor()
    stored = store.load_documents(document_id)
    if not stored:
        raise ReadoutError(f"no such document: {document_id}")
    document = replace(stored[0], meta=with_voice(stored[0].meta, country_iso3, speaker))
    paragraphs = store.load_paragraphs(document_id)
    parses, _ = parse_missing(store, extractor, paragraphs)
    found = extract_one(extractor, document, paragraphs, parses)
    with store.transaction():
        store.set_meta(document_id, document.meta)
        version = extractor.knowledge_version()
        store.put_extractions(document_id, version, found.areas, found.positions, found.signings)
    return found
