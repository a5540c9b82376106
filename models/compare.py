"""Compare two sides of the corpus: what one says that the other does not.

A side is a set of paragraphs (a document, the paragraphs a filter keeps, a party's records)
with the areas, positions and signings found in them. The comparison lists the areas raised on
one side only (per party), positions added, dropped or changed (same holders, matching target,
another stance or strength), signings on one side only, and the paragraphs of each side aligned
one to one by meaning (cosine similarity of their stored embeddings); unaligned paragraphs are
said by one side only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.display import Names, load_names
from models.evaluate import content_tokens

# Cosine similarity (all-MiniLM-L6-v2) from which two paragraphs count as saying the same thing:
# measured by benchmarks/sweep_align.py on hand-aligned real pairs
# (benchmarks/results/align-sweep.txt).
ALIGN_THRESHOLD = 0.65
MIN_WORDS = 8  # a shorter paragraph is a heading or a dateline: neither aligned nor one-sided
TARGET_MATCH = 0.5  # share of content words from which two targets are the same target
SIDES = ("left", "right")


@dataclass(frozen=True)
class Side:
    """The paragraphs of one side, with what was found in them (frames of models.queries)."""

    paragraphs: pd.DataFrame  # id, text (and any other columns)
    areas: pd.DataFrame
    positions: pd.DataFrame
    signings: pd.DataFrame


@dataclass(frozen=True)
class AreaDiff:
    """An area a party raises on the left, the right or both, with the paragraphs."""

    area: str
    party: str  # "" when the area has no holder
    side: str  # left | right | both
    left_ids: tuple[str, ...]
    right_ids: tuple[str, ...]


@dataclass(frozen=True)
class StanceRef:
    """One position as stated on one side."""

    stance: str
    strength: int
    target: str
    paragraph_id: str
    evidence: str


@dataclass(frozen=True)
class PositionDiff:
    """A position added (right only), dropped (left only) or changed between the sides."""

    change: str  # added | dropped | changed
    holders: tuple[str, ...]
    target: str
    left: StanceRef | None
    right: StanceRef | None


@dataclass(frozen=True)
class SigningDiff:
    """A document signed on one side only."""

    side: str  # left | right
    document: str
    parties: tuple[str, ...]
    paragraph_id: str
    evidence: str


@dataclass(frozen=True)
class AlignedPair:
    """Two paragraphs, one a side, that say the same thing (cosine similarity)."""

    left_id: str
    right_id: str
    similarity: float


@dataclass(frozen=True)
class Comparison:
    """What differs between two sides, and what corresponds."""

    areas: tuple[AreaDiff, ...]
    positions: tuple[PositionDiff, ...]
    signings: tuple[SigningDiff, ...]
    aligned: tuple[AlignedPair, ...]
    left_only: tuple[str, ...]  # paragraph ids no paragraph of the right says
    right_only: tuple[str, ...]
    threshold: float = ALIGN_THRESHOLD
    unchanged: int = 0  # positions held the same on both sides
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        """Plain JSON-ready data."""
        from dataclasses import asdict

        return asdict(self)


def side_of(frames, paragraph_ids: Iterable[str]) -> Side:
    """The side made of these paragraphs of frames (anything with paragraphs, areas,
    positions and signings frames, e.g. components.frames.Frames)."""
    wanted = set(paragraph_ids)

    def narrow(df: pd.DataFrame, column: str) -> pd.DataFrame:
        return df[df[column].astype(object).isin(wanted)].reset_index(drop=True)

    return Side(
        narrow(frames.paragraphs, "id"),
        narrow(frames.areas, "paragraph_id"),
        narrow(frames.positions, "paragraph_id"),
        narrow(frames.signings, "paragraph_id"),
    )


def compare(
    left: Side,
    right: Side,
    vectors: Mapping[str, np.ndarray],
    threshold: float = ALIGN_THRESHOLD,
) -> Comparison:
    """Compare two sides; ``vectors`` maps paragraph id -> unit embedding (a paragraph without
    one is aligned with nothing)."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"alignment threshold {threshold} is not between 0 and 1")
    shared = set(left.paragraphs["id"]) & set(right.paragraphs["id"])
    notes = (f"{len(shared)} paragraph(s) are on both sides",) if shared else ()
    positions, unchanged = position_diffs(left.positions, right.positions)
    lids, rids = statements(left.paragraphs), statements(right.paragraphs)
    aligned = align(lids, rids, vectors, threshold)
    matched_left = {p.left_id for p in aligned}
    matched_right = {p.right_id for p in aligned}
    return Comparison(
        areas=area_diffs(left.areas, right.areas),
        positions=positions,
        signings=signing_diffs(left.signings, right.signings),
        aligned=aligned,
        left_only=tuple(i for i in lids if i not in matched_left),
        right_only=tuple(i for i in rids if i not in matched_right),
        threshold=threshold,
        unchanged=unchanged,
        notes=notes,
    )


def statements(paragraphs: pd.DataFrame) -> list[str]:
    """Ids of the paragraphs that say something (headings and datelines left out)."""
    words = paragraphs["text"].astype(str).str.split().str.len()
    return [str(i) for i, n in zip(paragraphs["id"], words, strict=True) if n >= MIN_WORDS]


def _holders(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(sorted(str(v) for v in (value if value is not None else ()) if v))


def area_diffs(left: pd.DataFrame, right: pd.DataFrame) -> tuple[AreaDiff, ...]:
    """Each (area, party) with the paragraphs raising it on each side; per party where the
    areas have holders."""
    found: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for k, df in enumerate((left, right)):
        for area, holders, pid in zip(df["area"], df["holders"], df["paragraph_id"], strict=True):
            for party in _holders(holders) or ("",):
                ids = found.setdefault((str(area), party), ([], []))[k]
                if pid not in ids:
                    ids.append(str(pid))
    out = []
    for (area, party), (lids, rids) in sorted(found.items()):
        side = "both" if lids and rids else "left" if lids else "right"
        out.append(AreaDiff(area, party, side, tuple(lids), tuple(rids)))
    return tuple(out)


def _refs(df: pd.DataFrame) -> list[tuple[tuple[str, ...], StanceRef]]:
    strength = df["strength"] if "strength" in df else pd.Series(0, index=df.index)
    return [
        (_holders(h), StanceRef(str(s), int(g), str(t), str(p), str(e)))
        for h, s, g, t, p, e in zip(
            df["holders"],
            df["stance"],
            strength,
            df["target"],
            df["paragraph_id"],
            df["evidence"],
            strict=True,
        )  # fmt: skip
    ]


def same_target(a: str, b: str) -> float:
    """How much two targets are the same: the shared share of their content words (lower-cased,
    stemmed, articles and other stop words left out) over the longer one's, 0..1."""
    ta, tb = content_tokens(a), content_tokens(b)
    if not ta or not tb:
        return 1.0 if a.strip().lower() == b.strip().lower() else 0.0
    return len(ta & tb) / max(len(ta), len(tb))


def position_diffs(left: pd.DataFrame, right: pd.DataFrame) -> tuple[tuple[PositionDiff, ...], int]:
    """Positions dropped, added and changed between the sides, and how many stayed the same.

    Positions of the same holders pair one to one, best target match first (the same stance
    preferred); a pair with another stance or strength is a change.
    """
    lrefs, rrefs = _refs(left), _refs(right)
    pairs = []
    for i, (lh, lr) in enumerate(lrefs):
        for j, (rh, rr) in enumerate(rrefs):
            if lh != rh:
                continue
            score = same_target(lr.target, rr.target)
            if score >= TARGET_MATCH:
                same = (lr.stance == rr.stance) + (lr.strength == rr.strength)
                pairs.append((score + 0.01 * same, i, j))
    used_l, used_r, out, unchanged = set(), set(), [], 0
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        (holders, lr), (_, rr) = lrefs[i], rrefs[j]
        if (lr.stance, lr.strength) == (rr.stance, rr.strength):
            unchanged += 1
        else:
            out.append(PositionDiff("changed", holders, rr.target, lr, rr))
    out += [PositionDiff("dropped", h, r.target, r, None)
            for i, (h, r) in enumerate(lrefs) if i not in used_l]  # fmt: skip
    out += [PositionDiff("added", h, r.target, None, r)
            for j, (h, r) in enumerate(rrefs) if j not in used_r]  # fmt: skip
    return tuple(out), unchanged


def _signing_key(document: str, parties: tuple[str, ...]) -> tuple[frozenset[str], tuple]:
    return frozenset(content_tokens(document)), parties


def signing_diffs(left: pd.DataFrame, right: pd.DataFrame) -> tuple[SigningDiff, ...]:
    """Signings whose document (by its content words) and parties appear on one side only."""
    rows = []
    for side, df in zip(SIDES, (left, right), strict=True):
        for doc, parties, pid, ev in zip(
            df["document"], df["parties"], df["paragraph_id"], df["evidence"], strict=True
        ):
            rows.append(SigningDiff(side, str(doc), _holders(parties), str(pid), str(ev)))
    keys = {side: {_signing_key(r.document, r.parties) for r in rows if r.side == side}
            for side in SIDES}  # fmt: skip
    other = {"left": "right", "right": "left"}
    return tuple(r for r in rows if _signing_key(r.document, r.parties) not in keys[other[r.side]])


def align(
    left_ids: list[str],
    right_ids: list[str],
    vectors: Mapping[str, np.ndarray],
    threshold: float = ALIGN_THRESHOLD,
) -> tuple[AlignedPair, ...]:
    """Pair paragraphs one to one, most similar first (greedy), down to the threshold; in
    left reading order."""
    lids = [i for i in left_ids if i in vectors]
    rids = [i for i in right_ids if i in vectors]
    if not lids or not rids:
        return ()
    sims = similarities(lids, rids, vectors)
    order = np.dstack(np.unravel_index(np.argsort(-sims, axis=None), sims.shape))[0]
    used_l, used_r, out = set(), set(), []
    for i, j in order:
        sim = float(sims[i, j])
        if sim < threshold:
            break
        if i in used_l or j in used_r or lids[i] == rids[j]:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append(AlignedPair(lids[i], rids[j], round(sim, 4)))
    position = {pid: k for k, pid in enumerate(left_ids)}
    return tuple(sorted(out, key=lambda p: position[p.left_id]))


def similarities(
    left_ids: list[str], right_ids: list[str], vectors: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Cosine similarity of every left paragraph with every right one (rows: left)."""
    a = _unit(np.stack([vectors[i] for i in left_ids]))
    b = _unit(np.stack([vectors[i] for i in right_ids]))
    return a @ b.T


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)


def compare_documents(
    store, left: str, right: str, embedder, threshold: float = ALIGN_THRESHOLD
) -> Comparison:
    """Compare two stored documents by id: their records as stored (corrections applied),
    their paragraphs aligned by the embedder's stored vectors (embedding any missing one)."""
    from types import SimpleNamespace

    from models import queries

    paras = queries.paragraphs(store)
    frames = SimpleNamespace(
        paragraphs=paras,
        areas=queries.areas(store),
        positions=queries.positions(store),
        signings=queries.signings(store),
    )
    sides = [side_of(frames, paras.loc[paras["document_id"] == d, "id"]) for d in (left, right)]
    both = paras[paras["document_id"].isin({left, right})]
    vectors = stored_vectors(store, embedder.name, both, embedder)
    return compare(*sides, vectors, threshold)


def stored_vectors(store, model: str, paragraphs: pd.DataFrame, embedder=None) -> dict:
    """Paragraph id -> stored embedding (by text hash); with an embedder, paragraphs without
    a stored vector are embedded now (not stored)."""
    from models.embed import text_hash

    hashes = {
        pid: text_hash(str(t)) for pid, t in zip(paragraphs["id"], paragraphs["text"], strict=True)
    }
    found = store.get_embeddings(model, hashes.values())
    out = {pid: found[h] for pid, h in hashes.items() if h in found}
    missing = [pid for pid in hashes if pid not in out]
    if missing and embedder is not None:
        texts = paragraphs.set_index("id").loc[missing, "text"].astype(str).tolist()
        out.update(zip(missing, embedder.embed(texts), strict=True))
    return out


def stance_words(ref: StanceRef | None, names: Names | None = None) -> str:
    """ "firmly supports"-style words for a stance and its strength ("" for none), from
    data/display.yaml."""
    if ref is None:
        return ""
    return (names or load_names()).stance_words(ref.stance, ref.strength)


def summary(result: Comparison) -> list[str]:
    """Lines for a terminal: counts, then each difference with its paragraph ids."""
    lines = [
        f"aligned paragraphs: {len(result.aligned)} (threshold {result.threshold}); "
        f"left only: {len(result.left_only)}; right only: {len(result.right_only)}",
    ]
    for a in result.areas:
        if a.side != "both":
            ids = a.left_ids if a.side == "left" else a.right_ids
            lines.append(f"area {a.side} only: {a.area} ({a.party or 'no holder'}) {' '.join(ids)}")
    for p in result.positions:
        who = "/".join(p.holders) or "?"
        change = f"{stance_words(p.left) or '-'} -> {stance_words(p.right) or '-'}"
        ids = " ".join(r.paragraph_id for r in (p.left, p.right) if r is not None)
        lines.append(f"position {p.change}: {who} {change} {p.target} {ids}")
    for s in result.signings:
        lines.append(f"signing {s.side} only: {s.document} {s.paragraph_id}")
    for pair in result.aligned:
        lines.append(f"aligned {pair.similarity:.2f}: {pair.left_id} ~ {pair.right_id}")
    return lines
