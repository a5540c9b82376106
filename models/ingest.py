"""Read .txt, .md, .html and .jsonl(.gz) files into raw documents, with their metadata."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from models.errors import IngestError

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"}
SUPPORTED = sorted([*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES])
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")
_UNGDC_NAME = re.compile(r"^([A-Z]{3})_(\d{1,3})_((?:19|20)\d{2})$")  # RUS_69_2014.txt


@dataclass
class RawDocument:
    """A document as read from its file, before cleaning."""

    id: str
    text: str
    fmt: str  # "txt", "md" or "html"; corpora records are Markdown
    title: str | None = None
    date: str | None = None
    source: str | None = None
    source_url: str | None = None
    kind: str | None = None
    origin: str = ""  # file (and line) it came from, for messages
    meta: dict = field(default_factory=dict)


def slugify(text: str, max_len: int = 80) -> str:
    """Lower-case ascii words joined by dashes: a safe document id."""
    slug = _SLUG_STRIP.sub("-", text.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "document"


def suffix_of(path: Path) -> str:
    """The file type suffix, keeping a compression suffix: '.jsonl.gz'."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def _read_bytes(path: Path, name: str) -> bytes:
    if not path.exists():
        raise IngestError(name, "no such file")
    if path.is_dir():
        raise IngestError(name, "is a folder, not a file")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(name, "file is empty")
    return data


def decode_text(data: bytes, where: str) -> str:
    """Decode UTF-8 text (a BOM is allowed); binary or undecodable bytes are errors."""
    if b"\x00" in data[:8192]:
        raise IngestError(where, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise IngestError(
            where, f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    if not text.strip():
        raise IngestError(where, "file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, where: str) -> tuple[dict, str]:
    """Split a YAML front-matter block off Markdown text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as err:
        problem = str(err).splitlines()[0]
        raise IngestError(where, f"front matter is not valid YAML ({problem})") from None
    if not isinstance(meta, dict):
        raise IngestError(where, "front matter is not a mapping of keys to values")
    return meta, text[match.end() :]


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def country_code(value: object) -> str | None:
    """The ISO3 code of a country named or coded ('RUS', 'Russia', 'Viet Nam'), if it is one."""
    import pycountry

    text = str(value or "").strip()
    if len(text) < 2:
        return None
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return None
    names = [getattr(found[0], k, "") or "" for k in ("name", "common_name", "official_name")]
    if len(found) == 1 or any(n.lower().startswith(text.lower()) for n in names):
        return found[0].alpha_3
    return None


def voice_meta(meta: dict, file_name: str) -> dict:
    """The speaking party's metadata: front matter 'party:'/'speaker:' or a UNGDC file name.

    'party' (a country name or ISO3 code) gives 'country_iso3' when it is a country;
    'RUS_69_2014.txt' gives country_iso3 'RUS', session 69 and year 2014.
    """
    out = {k: v for k, v in meta.items() if isinstance(v, str | int | float)}
    for key in ("party", "speaker"):
        if isinstance(out.get(key), str):
            out[key] = out[key].strip()
    if out.get("party") and not out.get("country_iso3"):
        code = country_code(out["party"])
        if code:
            out["country_iso3"] = code
    ungdc = _UNGDC_NAME.match(Path(file_name).name.split(".")[0])
    if ungdc:
        out.setdefault("country_iso3", ungdc[1])
        out.setdefault("session", int(ungdc[2]))
        out.setdefault("year", ungdc[3])  # the date when the text states none
    if isinstance(out.get("country_iso3"), str):
        out["country_iso3"] = out["country_iso3"].strip().upper()
    return out


def read_text_file(path: Path, name: str | None = None) -> RawDocument:
    """Read a .txt or .md file; Markdown front matter gives title, date, source_url and voice."""
    name = name or str(path)
    text = decode_text(_read_bytes(path, name), name)
    fmt = TEXT_SUFFIXES.get(suffix_of(path), "txt")
    meta: dict = {}
    if fmt == "md":
        meta, text = split_front_matter(text, name)
    if not text.strip():
        raise IngestError(name, "no text after the front matter")
    return RawDocument(
        id=slugify(_str_or_none(meta.get("id")) or path.name.split(".")[0]),
        text=text,
        fmt=fmt,
        title=_str_or_none(meta.get("title")),
        date=_str_or_none(meta.get("date")),
        source=_str_or_none(meta.get("source")),
        source_url=_str_or_none(meta.get("source_url") or meta.get("url")),
        kind=_str_or_none(meta.get("kind")),
        origin=name,
        meta=voice_meta(meta, path.name),
    )


def read_html_file(path: Path, name: str | None = None) -> RawDocument:
    """Read an .html file: main text only, no navigation, scripts or styles."""
    from models.html_text import html_to_document

    name = name or str(path)
    html = decode_text(_read_bytes(path, name), name)
    title, date, text = html_to_document(html)
    if not text.strip():
        raise IngestError(name, "no readable text in the HTML")
    return RawDocument(
        id=slugify(path.name.split(".")[0]),
        text=text,
        fmt="txt",
        title=title,
        date=date,
        origin=name,
    )


def record_to_raw(record: object, where: str, fallback_id: str) -> RawDocument:
    """Validate one JSONL record {id, title, date, source_url, text} into a raw document."""
    if not isinstance(record, dict):
        raise IngestError(where, "record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, "record has no text")
    known = {"id", "title", "date", "source_url", "text", "kind", "source"}
    extra = voice_meta({k: v for k, v in record.items() if k not in known}, "")
    return RawDocument(
        id=_str_or_none(record.get("id")) or fallback_id,
        text=text.replace("\r\n", "\n"),
        fmt="md",
        title=_str_or_none(record.get("title")),
        date=_str_or_none(record.get("date")),
        source=_str_or_none(record.get("source")),
        source_url=_str_or_none(record.get("source_url")),
        kind=_str_or_none(record.get("kind")),
        origin=where,
        meta=extra,
    )


def iter_jsonl(path: Path, name: str | None = None) -> Iterator[RawDocument | IngestError]:
    """Yield each record of a JSONL file (gzipped or not), or the error that record has."""
    name = name or str(path)
    data = _read_bytes(path, name)
    if suffix_of(path).endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            raise IngestError(name, "not a valid gzip file") from None
    text = decode_text(data, name)
    stem = slugify(path.name.split(".")[0])
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen += 1
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield IngestError(where, f"line is not JSON ({err.msg})")
            continue
        try:
            yield record_to_raw(record, where, f"{stem}-{number}")
        except IngestError as err:
            yield err
    if not seen:
        raise IngestError(name, "file is empty")


def read_path(path: Path | str, *, skip_bad: bool = False) -> tuple[list[RawDocument], list[str]]:
    """Read any supported file; return its documents and the bad records skipped.

    Without ``skip_bad`` the first bad record raises :class:`IngestError`.
    """
    path = Path(path)
    name = str(path)
    suffix = suffix_of(path)
    if suffix in JSONL_SUFFIXES:
        docs, skipped = [], []
        for item in iter_jsonl(path, name):
            if isinstance(item, IngestError):
                if not skip_bad:
                    raise item
                skipped.append(str(item))
            else:
                docs.append(item)
        if not docs:
            raise IngestError(name, "no usable records")
        return docs, skipped
    if suffix in TEXT_SUFFIXES:
        return [read_text_file(path, name)], []
    if suffix in HTML_SUFFIXES:
        return [read_html_file(path, name)], []
    if not path.exists():
        raise IngestError(name, "no such file")
    raise IngestError(
        name, f"unsupported file type '{suffix or path.name}' (use {', '.join(SUPPORTED)})"
    )
