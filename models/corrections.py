"""An analyst's corrections of what extraction (or topic fitting) got wrong.

A correction is keyed to the paragraph's text hash (``paragraphs.text_hash``) and to the
record's identity (its kind and defining fields: an area's name; a position's holders, stance
and target; a signing's document), never to a row id. It is applied when the store is read
(:func:`apply`, used by models.queries), so it holds across re-analysis and knowledge-file
edits: a deleted record stays deleted if extracted again, a changed one stays changed (and is
shown even if the extractor no longer finds the original), an added one stays added. A
correction whose paragraph no longer exists is kept and reported as orphaned.

Topics are keyed by their representative paragraph's text hash: a rename or merge follows a
topic across a refit when the new topic has the same representative text, or holds that
paragraph and shares at least half of the old keywords; otherwise it is orphaned.

Undoing a correction marks it undone (when, by whom); nothing is ever deleted.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from models.errors import ReadoutError
from models.schema import STANCES
from models.store import Store

KINDS = ("area", "position", "signing", "topic")
ACTIONS: dict[str, tuple[str, ...]] = {
    "area": ("delete", "change", "add"),
    "position": ("delete", "change", "add"),
    "signing": ("delete", "change", "add"),
    "topic": ("rename", "merge"),
}
# The fields that say which record a correction is about.
IDENTITY: dict[str, tuple[str, ...]] = {
    "area": ("area",),
    "position": ("holders", "stance", "target"),
    "signing": ("document",),
    "topic": ("label", "keywords"),
}
# The fields a change or an addition may set (lists of parties, or text).
EDITABLE: dict[str, dict[str, type]] = {
    "area": {"area": str, "holders": builtins.list},
    "position": {"holders": builtins.list, "stance": str, "target": str},
    "signing": {"document": str, "parties": builtins.list, "areas": builtins.list},
}
LIST_FIELDS = {"holders", "parties", "signatories", "areas", "keywords"}
MAX_FIELD = 500  # characters in one corrected value
MAX_ITEMS = 30  # parties (or areas) in one corrected list
_HASH = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Correction:
    """One correction: what it is about, what it sets, who made it and when."""

    kind: str  # area, position, signing or topic
    action: str  # delete, change, add (records); rename, merge (topics)
    text_hash: str  # the paragraph's text hash; a topic's: its representative paragraph's
    original: dict = field(default_factory=dict)  # the record as found (its identity at least)
    new: dict = field(default_factory=dict)  # the values it sets
    author: str = ""
    note: str = ""
    id: int | None = None
    created_at: str = ""
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def active(self) -> bool:
        """Whether the correction applies (it was not undone)."""
        return self.undone_at is None

    def describe(self) -> str:
        """One line in words: 'delete area trade', 'change position China support X → …'."""
        before = _summary(self.kind, self.original)
        if self.action == "delete":
            return f"delete {self.kind} {before}"
        if self.action == "add":
            return f"add {self.kind} {_summary(self.kind, self.new)}"
        if self.action == "rename":
            return f"rename topic '{self.original.get('label', '')}' → '{self.new.get('label')}'"
        if self.action == "merge":
            return (
                f"merge topic '{self.original.get('label', '')}' into '{self.new.get('label', '')}'"
            )
        return f"change {self.kind} {before} → {_summary(self.kind, {**self.original, **self.new})}"

    def to_dict(self) -> dict:
        """The correction as a JSON-ready dict."""
        return {
            "id": self.id,
            "kind": self.kind,
            "action": self.action,
            "text_hash": self.text_hash,
            "original": self.original,
            "new": self.new,
            "author": self.author,
            "created_at": self.created_at,
            "note": self.note,
            "undone_at": self.undone_at,
            "undone_by": self.undone_by,
        }


def _summary(kind: str, record: Mapping) -> str:
    if kind == "area":
        return f"{record.get('area', '')} ({'/'.join(record.get('holders') or []) or '?'})"
    if kind == "position":
        who = "/".join(record.get("holders") or []) or "?"
        return f"{who} {record.get('stance', '')} {record.get('target', '')}"
    if kind == "signing":
        return f"{record.get('document', '')} ({'/'.join(record.get('parties') or []) or '?'})"
    return str(record.get("label", ""))


def now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def identity(kind: str, record: Mapping) -> tuple:
    """What makes a record the one a correction is about (lists compared as sorted sets,
    text without surrounding space)."""
    out = []
    for name in IDENTITY[kind]:
        value = record.get(name)
        if name in LIST_FIELDS:
            out.append(tuple(sorted({str(v).strip() for v in (value or ())})))
        else:
            out.append(str(value if value is not None else "").strip())
    return tuple(out)


# -- checking and writing -----------------------------------------------------------------
def _clean_value(kind: str, name: str, value: object) -> object:
    """A corrected value, checked: text (not empty) or a list of texts."""
    if name in LIST_FIELDS:
        if isinstance(value, str):
            value = [v for v in re.split(r"[;,]", value)]
        if not isinstance(value, (builtins.list, tuple)):
            raise ReadoutError(f"{kind} {name}: a list of names is expected")
        items = builtins.list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        if len(items) > MAX_ITEMS:
            raise ReadoutError(f"{kind} {name}: at most {MAX_ITEMS} entries")
        if any(len(v) > MAX_FIELD for v in items):
            raise ReadoutError(f"{kind} {name}: an entry is over {MAX_FIELD} characters")
        return items
    text = str(value if value is not None else "").strip()
    if not text:
        raise ReadoutError(f"{kind} {name}: must not be empty")
    if len(text) > MAX_FIELD:
        raise ReadoutError(f"{kind} {name}: over {MAX_FIELD} characters")
    if name == "stance" and text not in STANCES:
        raise ReadoutError(f"position stance: '{text}' is not one of {', '.join(STANCES)}")
    return text


def _paragraph_text(store: Store, text_hash: str) -> str | None:
    row = store.conn.execute(
        "SELECT text FROM paragraphs WHERE text_hash = ? LIMIT 1", (text_hash,)
    ).fetchone()
    return row[0] if row else None


def check(store: Store, correction: Correction) -> Correction:
    """The correction with its values cleaned, or a one-line ReadoutError naming what is
    wrong: unknown kind or action, no author, no such paragraph or topic, an empty or bad
    value, evidence that is not in the paragraph, a change that changes nothing."""
    c = correction
    if c.kind not in KINDS:
        raise ReadoutError(f"unknown correction kind '{c.kind}' (use {', '.join(KINDS)})")
    if c.action not in ACTIONS[c.kind]:
        allowed = ", ".join(ACTIONS[c.kind])
        raise ReadoutError(f"a {c.kind} correction cannot '{c.action}' (use {allowed})")
    author = " ".join(str(c.author or "").split())
    if not author:
        raise ReadoutError("a correction needs an author (type your name once)")
    if len(author) > 200:
        raise ReadoutError("author: over 200 characters")
    note = str(c.note or "").strip()
    if len(note) > 2000:
        raise ReadoutError("note: over 2000 characters")
    if not _HASH.fullmatch(c.text_hash or ""):
        raise ReadoutError(f"'{c.text_hash}' is not a paragraph text hash")
    text = _paragraph_text(store, c.text_hash)
    if text is None:
        raise ReadoutError(f"no paragraph with text hash {c.text_hash[:12]}… in the store")
    if c.kind == "topic":
        return _check_topic(replace(c, author=author, note=note))
    original = dict(c.original or {})
    new = {}
    if c.action in ("delete", "change"):
        for name in IDENTITY[c.kind]:
            if name not in original:
                raise ReadoutError(f"{c.kind} {c.action}: the original record lacks '{name}'")
    if c.action in ("change", "add"):
        editable = EDITABLE[c.kind]
        unknown = sorted(set(c.new or {}) - {*editable, "evidence"})
        if unknown:
            raise ReadoutError(f"{c.kind}: '{unknown[0]}' cannot be corrected")
        new = {k: _clean_value(c.kind, k, v) for k, v in (c.new or {}).items() if k != "evidence"}
        if c.action == "add":
            missing = [k for k in editable if k not in new and k not in ("areas",)]
            if c.kind == "area" and "holders" in missing:
                missing.remove("holders")
            if missing:
                raise ReadoutError(f"a new {c.kind} needs '{missing[0]}'")
            evidence = str((c.new or {}).get("evidence") or "").strip()
            if not evidence:
                raise ReadoutError(f"a new {c.kind} needs its evidence from the paragraph")
            if evidence.lower() not in text.lower():
                raise ReadoutError(f"evidence '{evidence[:60]}' does not occur in the paragraph")
            new["evidence"] = evidence
        elif all(_same(original.get(k), v) for k, v in new.items()):
            raise ReadoutError(f"{c.kind} change: nothing differs from the record as found")
    return replace(c, original=original, new=new, author=author, note=note)


def _same(a: object, b: object) -> bool:
    if isinstance(a, (builtins.list, tuple)) or isinstance(b, (builtins.list, tuple)):
        return sorted(map(str, a or ())) == sorted(map(str, b or ()))
    return str(a or "").strip() == str(b or "").strip()


def _check_topic(c: Correction) -> Correction:
    original = {
        "label": str(c.original.get("label", "")),
        "keywords": [str(k) for k in c.original.get("keywords") or ()],
    }
    if c.action == "rename":
        label = _clean_value("topic", "label", (c.new or {}).get("label"))
        return replace(c, original=original, new={"label": label})
    into = str((c.new or {}).get("into") or "")
    if not _HASH.fullmatch(into):
        raise ReadoutError("topic merge: name the topic to merge into")
    if into == c.text_hash:
        raise ReadoutError("topic merge: a topic cannot be merged into itself")
    new = {
        "into": into,
        "label": str(c.new.get("label", "")),
        "keywords": [str(k) for k in c.new.get("keywords") or ()],
    }
    return replace(c, original=original, new=new)


def add(store: Store, correction: Correction) -> Correction:
    """Check and store a correction (one transaction, raising the store's revision); returns
    it with its id and time. Bad input is a one-line ReadoutError and nothing is written."""
    c = replace(check(store, correction), created_at=now(), undone_at=None, undone_by=None)
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO corrections (kind, action, text_hash, original, new, author, "
            "created_at, note) VALUES (?,?,?,?,?,?,?,?)",
            (
                c.kind,
                c.action,
                c.text_hash,
                json.dumps(c.original, ensure_ascii=False, sort_keys=True),
                json.dumps(c.new, ensure_ascii=False, sort_keys=True),
                c.author,
                c.created_at,
                c.note,
            ),
        )
        c = replace(c, id=cursor.lastrowid)
    return c


def list_corrections(store: Store, *, include_undone: bool = True) -> builtins.list[Correction]:
    """Every stored correction, oldest first (undone ones too, unless told otherwise)."""
    if not store.has_table("corrections"):
        return []
    sql = (
        "SELECT id, kind, action, text_hash, original, new, author, created_at, note, "
        "undone_at, undone_by FROM corrections"
    )
    if not include_undone:
        sql += " WHERE undone_at IS NULL"
    rows = store.conn.execute(sql + " ORDER BY id")
    return [
        Correction(
            kind=kind,
            action=action,
            text_hash=key,
            original=json.loads(original),
            new=json.loads(new),
            author=author,
            note=note,
            id=cid,
            created_at=created,
            undone_at=undone_at,
            undone_by=undone_by,
        )
        for cid, kind, action, key, original, new, author, created, note, undone_at, undone_by
        in rows
    ]  # fmt: skip


list = list_corrections  # the module's verb: corrections.list(store)


def undo(store: Store, correction_id: int, author: str) -> Correction:
    """Mark a correction undone (when, by whom): it no longer applies, and stays in the
    audit. An unknown or already undone id is a one-line ReadoutError."""
    author = " ".join(str(author or "").split())
    if not author:
        raise ReadoutError("undoing a correction needs an author (type your name once)")
    found = {c.id: c for c in list_corrections(store)}
    if correction_id not in found:
        raise ReadoutError(f"no correction with id {correction_id}")
    if not found[correction_id].active:
        raise ReadoutError(f"correction {correction_id} was already undone")
    when = now()
    with store.transaction() as conn:
        conn.execute(
            "UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?",
            (when, author, correction_id),
        )
    return replace(found[correction_id], undone_at=when, undone_by=author)


def orphaned(store: Store, corrections: Iterable[Correction] | None = None) -> set[int]:
    """Ids of active corrections whose paragraph (or topic) is no longer in the store."""
    items = builtins.list(corrections if corrections is not None else list_corrections(store))
    wanted = sorted({c.text_hash for c in items if c.active})
    hashes = set()
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        select = "SELECT DISTINCT text_hash FROM paragraphs WHERE text_hash IN"
        hashes |= {
            h for (h,) in store.conn.execute(f"{select} ({','.join('?' * len(chunk))})", chunk)
        }
    out = {c.id for c in items if c.active and c.text_hash not in hashes}
    topical = [c for c in items if c.active and c.kind == "topic" and c.id not in out]
    if topical:
        from models.queries import topic_corrections

        matched = topic_corrections(store, topical)[2]
        out |= {c.id for c in topical if c.id not in matched}
    return {i for i in out if i is not None}


# -- applying -------------------------------------------------------------------------------
Places = Mapping[str, Sequence[tuple[str, str]]]  # text hash -> [(paragraph id, document id)]


def _new_record(kind: str, values: Mapping, paragraph_id: str, document_id: str) -> dict:
    record = {
        "document_id": document_id,
        "paragraph_id": paragraph_id,
        "speaker": values.get("speaker"),
        "evidence": str(values.get("evidence") or ""),
        "corrected": True,
    }
    if kind == "area":
        record |= {"area": values.get("area", ""), "holders": _as_list(values.get("holders"))}
    elif kind == "position":
        record |= {
            "holders": _as_list(values.get("holders")),
            "stance": values.get("stance", ""),
            "target": values.get("target", ""),
        }
    else:
        parties = _as_list(values.get("parties"))
        signatories = values.get("signatories")
        record |= {
            "document": values.get("document", ""),
            "parties": parties,
            "signatories": _as_list(signatories) if signatories is not None else parties,
            "areas": _as_list(values.get("areas")),
            "count": values.get("count"),
        }
    return record


def _as_list(value: object) -> builtins.list:
    return builtins.list(value) if isinstance(value, (builtins.list, tuple)) else []


def _changed(kind: str, record: dict, new: Mapping) -> dict:
    out = {**record, "corrected": True}
    for name, value in new.items():
        if name == "evidence":
            continue
        out[name] = builtins.list(value) if name in LIST_FIELDS else value
    if kind == "signing" and "parties" in new and "signatories" not in new:
        out["signatories"] = builtins.list(new["parties"])
    return out


def _apply_one(kind: str, records: builtins.list[dict], c: Correction, place: tuple[str, str]):
    """One correction on the records of one paragraph (in place)."""
    target = identity(kind, c.original) if c.action != "add" else None
    if c.action == "delete":
        records[:] = [r for r in records if identity(kind, r) != target]
        return
    if c.action == "change":
        hits = [i for i, r in enumerate(records) if identity(kind, r) == target]
        for i in hits:
            records[i] = _changed(kind, records[i], c.new)
        if not hits:  # the extractor no longer finds it: the analyst's record stands
            values = _changed(kind, {**c.original}, c.new)
            records.append(_new_record(kind, values, *place))
    else:
        values = {**c.new}
        wanted = identity(kind, values)
        hits = [i for i, r in enumerate(records) if identity(kind, r) == wanted]
        for i in hits:  # found by the extractor too: the analyst's values win
            records[i] = _changed(kind, records[i], c.new)
        if not hits:
            records.append(_new_record(kind, values, *place))
    seen: set[tuple] = set()  # one record per identity once corrected
    kept = []
    for r in records:
        key = identity(kind, r)
        if r.get("corrected") and key in seen:
            continue
        seen.add(key)
        kept.append(r)
    records[:] = kept


def apply(
    kind: str,
    records: Iterable[Mapping],
    corrections: Iterable[Correction],
    places: Places,
) -> builtins.list[dict]:
    """Extraction records of one kind with the active corrections applied, in paragraph order.

    ``records`` are dicts with ``paragraph_id`` and ``document_id`` (the columns of
    models.queries); ``places`` gives the paragraphs (id, document id) of each text hash a
    correction names. Deleted records go, changed and
    added ones carry ``corrected`` True (others False); corrections apply oldest first.
    """
    todo: dict[str, builtins.list[Correction]] = {}
    for c in sorted(corrections, key=lambda c: c.id or 0):
        if c.kind == kind and c.active:
            todo.setdefault(c.text_hash, []).append(c)
    by_paragraph: dict[str, builtins.list[dict]] = {}
    order: builtins.list[str] = []
    for r in records:
        pid = r["paragraph_id"]
        if pid not in by_paragraph:
            by_paragraph[pid] = []
            order.append(pid)
        by_paragraph[pid].append({**r, "corrected": bool(r.get("corrected", False))})
    for text_hash, items in todo.items():
        for pid, doc_id in places.get(text_hash, ()):
            if pid not in by_paragraph:
                by_paragraph[pid] = []
                order.append(pid)
            for c in items:
                _apply_one(kind, by_paragraph[pid], c, (pid, doc_id))
    return [r for pid in order for r in by_paragraph[pid]]
