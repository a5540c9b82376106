"""Hard limits on what one input may make Readout read, hold or parse.

Every limit is checked while reading (a file is streamed, never read whole past its limit), and
breaking one is a one-line error naming the file (and line) and the limit; nothing is stored.
The README's "Limits" section lists the same figures.
"""

from __future__ import annotations

MB = 1_000_000

FILE_BYTES = 100 * MB  # bytes read from one file (compressed size for .gz)
DECOMPRESSED_BYTES = 400 * MB  # bytes a .gz file may decompress to, all members together
JSONL_RECORDS = 100_000  # records per JSONL file
LINE_BYTES = 8 * MB  # bytes of one JSONL line (one record)
DOCUMENT_CHARS = 2_000_000  # characters of one document's text
PARAGRAPH_CHARS = 50_000  # characters of one cleaned paragraph
FRONT_MATTER_BYTES = 64_000  # bytes of a Markdown file's YAML front matter (no aliases)
JSON_DEPTH = 32  # nesting of arrays and objects in one JSONL record
JSON_NUMBER_CHARS = 100  # characters of one number in a JSONL record
FIELD_CHARS = 2_000  # characters of a metadata field (title, id, date, source, ...)


def size(n: int) -> str:
    """A byte count for messages: '100 MB', '64 kB', '512 bytes'."""
    if n >= MB:
        return f"{n / MB:g} MB"
    if n >= 1000:
        return f"{n / 1000:g} kB"
    return f"{n} bytes"
