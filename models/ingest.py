"""Read .txt, .md, .html and .jsonl(.gz) files into raw documents, with their metadata."""

from __future__ import annotations

import gzip
import io
import json
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from models import limits
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


def _check_file(path: Path, name: str) -> None:
    """Refuse anything but a regular file within the size limit (missing, folder, FIFO,
    device), before it is opened."""
    try:
        info = path.stat()  # follows a symlink: a link to /dev/zero is a device
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except OSError as err:
        raise IngestError(name, f"cannot be read ({err.strerror or err})") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(name, f"is not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size > limits.FILE_BYTES:
        raise _over(name, "file is", limits.FILE_BYTES)


def _over(where: str, what: str, limit: int) -> IngestError:
    """The error for something over a size limit: 'x.txt: file is over the 100 MB limit'."""
    return IngestError(where, f"{what} over the {limits.size(limit)} limit")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _read_bytes(path: Path, name: str) -> bytes:
    """A regular file's bytes, never more than the file limit (a file may grow while read)."""
    _check_file(path, name)
    with path.open("rb") as f:
        data = f.read(limits.FILE_BYTES + 1)
    if len(data) > limits.FILE_BYTES:
        raise _over(name, "file is", limits.FILE_BYTES)
    if not data.strip():
        raise IngestError(name, "file is empty")
    return data


def decode_text(data: bytes, where: str) -> str:
    """Decode UTF-8 text (a BOM is allowed); binary or undecodable bytes are errors."""
    if b"\x00" in data[:8192]:
        raise IngestError(where, "binary file, not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(where, f"NUL byte at offset {nul}: not text")
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
    """Split a YAML front-matter block off Markdown text (bounded in size, no aliases)."""
    match = _FRONT_MATTER.match(text[: limits.FRONT_MATTER_BYTES + 16])
    if match is None:  # none, or one longer than the part read
        if _FRONT_MATTER.match(text):
            raise _over(where, "front matter is", limits.FRONT_MATTER_BYTES)
        return {}, text
    block = match.group(1)
    if len(block.encode("utf-8")) > limits.FRONT_MATTER_BYTES:
        raise _over(where, "front matter is", limits.FRONT_MATTER_BYTES)
    try:
        meta = yaml.load(block, Loader=_NoAliasLoader) or {}  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as err:
        problem = str(err).splitlines()[0]
        raise IngestError(where, f"front matter is not valid YAML ({problem})") from None
    if not isinstance(meta, dict):
        raise IngestError(where, "front matter is not a mapping of keys to values")
    return meta, text[match.end() :]


class _NoAliasLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases: "*anchor" could expand a few bytes into gigabytes."""

    def compose_node(self, parent, index):  # noqa: D102
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(f"aliases (*{event.anchor}) are not allowed")
        return super().compose_node(parent, index)


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
    return checked(
        RawDocument(
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
    )


def read_html_file(path: Path, name: str | None = None) -> RawDocument:
    """Read an .html file: main text only, no navigation, scripts or styles."""
    from models.html_text import html_to_document

    name = name or str(path)
    html = decode_text(_read_bytes(path, name), name)
    title, date, text = html_to_document(html)
    if not text.strip():
        raise IngestError(name, "no readable text in the HTML")
    return checked(
        RawDocument(
            id=slugify(path.name.split(".")[0]),
            text=text,
            fmt="txt",
            title=title,
            date=date,
            origin=name,
        )
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
    return checked(
        RawDocument(
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
    )


def checked(raw: RawDocument) -> RawDocument:
    """The document if its text and fields are within the limits and are text (no NUL, no
    lone surrogate a JSON escape can smuggle in); else the one-line error."""
    where = raw.origin or raw.id
    if len(raw.text) > limits.DOCUMENT_CHARS:
        raise IngestError(
            where,
            f"text has {len(raw.text):,} characters (limit {limits.DOCUMENT_CHARS:,} per document)",
        )
    fields = [(k, getattr(raw, k)) for k in ("id", "title", "date", "source", "source_url", "kind")]
    fields += [(k, v) for k, v in raw.meta.items() if isinstance(v, str)]  # pairs: keys may repeat
    for key, value in [("text", raw.text), *fields]:
        if value is None:
            continue
        if key != "text" and len(value) > limits.FIELD_CHARS:  # (the text's limit is above)
            raise IngestError(
                where, f"{key[:40]!r} has {len(value):,} characters (limit {limits.FIELD_CHARS:,})"
            )
        if "\x00" in value:
            raise IngestError(where, f"{key[:40]!r} contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise IngestError(where, f"{key[:40]!r} contains a lone surrogate (not text)") from None
    return raw


def iter_jsonl(path: Path, name: str | None = None) -> Iterator[RawDocument | IngestError]:
    """Yield each record of a JSONL file (gzipped or not), or the error that record has.

    The file is read line by line (a .gz file decompressed as it is read), within the limits
    of :mod:`models.limits`; breaking one stops the file with an error.
    """
    name = name or str(path)
    data = _read_bytes(path, name)
    stream: io.BufferedIOBase = io.BytesIO(data)
    if suffix_of(path).endswith(".gz"):
        stream = gzip.GzipFile(fileobj=stream)
    stem = slugify(path.name.split(".")[0])
    seen = total = 0
    for number, line in enumerate(_lines(stream, name), start=1):
        total += len(line)
        if total > limits.DECOMPRESSED_BYTES:
            raise _over(name, "decompresses to", limits.DECOMPRESSED_BYTES)
        if number == 1 and b"\x00" in line[:8192]:
            raise IngestError(name, "binary file, not text")
        if not line.strip():
            continue
        seen += 1
        where = f"{name}:{number}"
        if seen > limits.JSONL_RECORDS:
            raise IngestError(where, f"more than {limits.JSONL_RECORDS:,} records in one file")
        try:
            record = parse_record(line, where)
            yield record_to_raw(record, where, f"{stem}-{number}")
        except IngestError as err:
            yield err
    if not seen:
        raise IngestError(name, "file is empty")


def _lines(stream, name: str) -> Iterator[bytes]:
    """The lines of a byte stream, each within the line limit; gzip errors are one line."""
    try:
        while True:
            line = stream.readline(limits.LINE_BYTES + 1)
            if not line:
                return
            if len(line) > limits.LINE_BYTES and not line.endswith(b"\n"):
                raise _over(name, "a line is", limits.LINE_BYTES)
            yield line
    except (OSError, EOFError, zlib.error):
        raise IngestError(name, "not a valid gzip file") from None


def parse_record(line: bytes, where: str) -> object:
    """One JSONL line as JSON, its numbers and nesting within the limits."""
    if b"\x00" in line:
        raise IngestError(where, "NUL byte in the line: not text")
    try:
        text = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(where, f"not UTF-8 text (byte 0x{line[err.start]:02x})") from None
    depth = json_depth(text)
    if depth > limits.JSON_DEPTH:
        raise IngestError(where, f"JSON nested deeper than {limits.JSON_DEPTH} levels")
    try:
        return json.loads(
            text, parse_int=_bounded(int), parse_float=_bounded(float), parse_constant=_constant
        )
    except json.JSONDecodeError as err:
        raise IngestError(where, f"line is not JSON ({err.msg})") from None
    except ValueError as err:
        raise IngestError(where, str(err)) from None


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings ignored)."""
    if text.count("[") + text.count("{") <= limits.JSON_DEPTH:
        return 0  # too few brackets to be too deep: skip the scan
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled: linear
_BRACKETS = re.compile(r"[\[\]{}]")


def _bounded(kind):
    def parse(literal: str):
        if len(literal) > limits.JSON_NUMBER_CHARS:
            raise ValueError(
                f"a number of {len(literal):,} characters (limit {limits.JSON_NUMBER_CHARS})"
            )
        return kind(literal)

    return parse


def _constant(literal: str):
    raise ValueError(f"{literal} is not a JSON value")


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
            first = skipped[0].removeprefix(name + ":") if skipped else ""
            raise IngestError(name, "no usable records" + (f" (line {first})" if first else ""))
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
