"""Import stage, step 1: source readers, one per format, each yielding ``RawRecord``s.

A reader takes a path and yields records; it raises ``ImportFailure`` (file and reason)
for an input it cannot read at all. The format is chosen from the file name first and
the content second (a gzipped file, a feed saved as ``.html``), so a misnamed file still
gets the right reader. Adding a format is one module and one row in ``READERS``.

A page, a feed or a dump is read whole, up to ``max_bytes``. The container formats
(WARC, JSON lines) are read a record at a time from the file (``STREAMED``): a crawl's
WARC of a gigabyte streams, and ``max_bytes`` limits each record, not the file.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.sources import feed, html, jsonl, textdump, warc

__all__ = [
    "READERS", "STREAMED", "SUFFIXES", "detect_format", "iter_input_files", "iter_records",
    "read_records",
]  # fmt: skip

Reader = Callable[[Path, bytes], Iterator[RawRecord]]
Streamer = Callable[[Path, BinaryIO, int], Iterator[RawRecord]]

READERS: dict[str, Reader] = {
    "html": html.read,
    "jsonl": jsonl.read,  # a UTF-16 file only: bytes cannot be split into its lines
    "text": textdump.read,
    "feed": feed.read,
}
STREAMED: dict[str, Streamer] = {
    "jsonl": jsonl.stream,
    "warc": warc.stream,
}
SUFFIXES: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def detect_format(path: Path) -> str | None:
    """The reader for ``path`` by its name, or None if it is not an input we read."""
    return SUFFIXES.get(_suffix(path))


def iter_input_files(sources: list[Path]) -> Iterator[Path]:
    """Expand folders recursively (sorted, hidden files skipped); files pass through."""
    for source in sources:
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                rel = path.relative_to(source)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if path.is_file() and detect_format(path):
                    yield path
        else:
            yield source


def _load(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailure(name, f"cannot read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise ImportFailure(name, f"huge: {size} bytes (limit {max_bytes})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(name, f"cannot read: {exc.strerror or exc}") from exc
    if data[:2] == b"\x1f\x8b" and _suffix(path) != ".warc":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            # zlib.error: damaged deflate data ("invalid block type"), not an OSError.
            raise ImportFailure(name, f"truncated or corrupt gzip: {exc}") from exc
        if len(data) > max_bytes:
            raise ImportFailure(name, f"huge: {len(data)} bytes uncompressed")
    if not data.strip():
        raise ImportFailure(name, "empty file")
    return data


def read_records(path: Path, *, max_bytes: int = 20_000_000) -> list[RawRecord]:
    """All records in ``path``; ``ImportFailure`` when the file cannot be read at all."""
    return list(iter_records(path, max_bytes=max_bytes))


def iter_records(path: Path, *, max_bytes: int = 20_000_000) -> Iterator[RawRecord]:
    """The records in ``path``, one at a time. ``ImportFailure`` when the file cannot be
    read at all; a file that breaks off after some records ends with a record whose
    ``error`` says why (the records before it stand)."""
    if not path.exists():
        raise ImportFailure(str(path), "no such file or folder")
    fmt = detect_format(path)
    if fmt is None:
        raise ImportFailure(str(path), "unknown format (expected .html, .jsonl, .txt, "
                            ".rss/.atom/.xml, .warc, optionally gzipped)")  # fmt: skip
    if fmt in STREAMED:
        head = _head(path, fmt)
        # A UTF-16 file's lines cannot be split as bytes: it is read whole.
        if not (fmt == "jsonl" and head.startswith((b"\xff\xfe", b"\xfe\xff"))):
            yield from _streamed(path, fmt, max_bytes, head)
            return
    data = _load(path, max_bytes)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailure(str(path), "binary file, not text")
    try:
        records = list(READERS[fmt](path, data))
    except ImportFailure as exc:
        # A misnamed file is read by its content; when that fails too, say it was misnamed.
        if path.suffix.lower() == ".gz" and not _starts_gzip(path):
            reason = f"{exc.reason} (named .gz, but not gzip data)"
            raise ImportFailure(exc.input_name, reason) from None
        raise
    if not records:
        # A file of blanks once decoded (a byte-order mark, no-break spaces): say so, or
        # it would vanish from the report without a word.
        raise ImportFailure(str(path), "empty file (no records in it)")
    yield from records


def _open(path: Path, fmt: str) -> BinaryIO:
    """The file's bytes as a stream, gunzipped on the fly (warcio gunzips a WARC itself)."""
    if fmt != "warc" and _starts_gzip(path):
        return cast(BinaryIO, gzip.open(path, "rb"))
    return path.open("rb")


def _stream_error(exc: Exception) -> str:
    # zlib.error: damaged deflate data ("invalid block type"), not an OSError.
    if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
        return f"truncated or corrupt gzip: {exc}"
    return f"cannot read: {getattr(exc, 'strerror', None) or exc}"


_STREAM_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error, OSError)


def _head(path: Path, fmt: str) -> bytes:
    """The first 4 KB of the file's (gunzipped) bytes."""
    try:
        with _open(path, fmt) as stream:
            return stream.read(4096)
    except _STREAM_ERRORS as exc:
        raise ImportFailure(str(path), _stream_error(exc)) from exc


def _streamed(path: Path, fmt: str, max_bytes: int, head: bytes) -> Iterator[RawRecord]:
    """A container read a record at a time; damage after the first record ends it with
    a failure record, before it fails the file."""
    name, found = str(path), 0
    if not head.strip():
        raise ImportFailure(name, "empty file")
    if fmt != "warc" and b"\x00" in head:
        raise ImportFailure(name, "binary file, not text")
    try:
        with _open(path, fmt) as stream:
            for record in STREAMED[fmt](path, stream, max_bytes):
                found += 1
                yield record
    except _STREAM_ERRORS as exc:
        if not found:
            raise ImportFailure(name, _stream_error(exc)) from exc
        yield RawRecord(input=f"{path}#after-record-{found}", kind="text", content="",
                        error=_stream_error(exc))  # fmt: skip
        return
    if not found:
        raise ImportFailure(name, "empty file (no records in it)")


def _starts_gzip(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(2) == b"\x1f\x8b"
