"""Import stage, source reader: WARC files; every HTML response record is a candidate.

The record's target URI and WARC-Date are its provenance (source URL, fetch date).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.sources.decode import decode_bytes

__all__ = ["stream"]


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def stream(path: Path, source: BinaryIO, max_bytes: int) -> Iterator[RawRecord]:
    """Every HTML response record, read one at a time from ``source`` (so a WARC of any
    size streams; a record over ``max_bytes`` is one "huge" failure); a truncated or
    malformed record is reported as such (a record with ``error``) and the records
    before it are kept."""
    found, cut = 0, False
    records = iter(ArchiveIterator(source))
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            item = _html_record(path, record, max_bytes)
        except ArchiveLoadFailed as exc:
            message = " ".join(str(exc).split())
            if found:
                yield _broken(path, found, f"not a readable WARC record: {message}")
                return
            raise ImportFailure(str(path), f"not a readable WARC file: {message}") from exc
        except Exception as exc:  # warcio fails on malformed headers this way
            reason = f"malformed WARC record ({type(exc).__name__}: {exc})"
            if found:
                yield _broken(path, found, reason)
                return
            raise ImportFailure(str(path), reason) from exc
        if item is not None:
            found += 1
            cut = cut or bool(item.error)
            yield item
    if not cut and not _gzip_complete(path):
        # warcio stops without a word at a gzip member the file ends inside.
        reason = "truncated gzip: the file ends inside a WARC record"
        if not found:
            raise ImportFailure(str(path), reason)
        yield _broken(path, found, reason)
    if not found:
        raise ImportFailure(str(path), "no HTML response records")


def _gzip_complete(path: Path) -> bool:
    """Every gzip member in the file ends; true of a file that is not gzipped. Read and
    decompressed a megabyte at a time, the output thrown away."""
    with path.open("rb") as stream:
        data = stream.read(1 << 20)
        if data[:2] != b"\x1f\x8b":
            return True
        member, open_member = zlib.decompressobj(16 + zlib.MAX_WBITS), False
        while data or (data := stream.read(1 << 20)):
            open_member = True
            try:
                member.decompress(data, 1 << 20)
            except zlib.error:
                return False
            if member.eof:
                data, open_member = member.unused_data, False
                member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                data = member.unconsumed_tail
        return not open_member


def _broken(path: Path, found: int, reason: str) -> RawRecord:
    return RawRecord(input=f"{path}#record-after-{found}", kind="html", content="", error=reason)


def _html_record(path: Path, record: Any, max_bytes: int) -> RawRecord | None:
    """The article candidate in ``record``, or None for a record that holds none."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    status = record.http_headers.get_statuscode()
    if status and not status.startswith("2"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.length and record.length > max_bytes:
        # Left unread: the iterator skips it.
        return RawRecord(input=f"{path}#{url}", kind="html", content="", url=url,
                         error=f"huge: a record of {record.length} bytes (limit {max_bytes})")  # fmt: skip
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        # The file ends inside the record (a cut download): what is there is a fragment.
        return RawRecord(input=f"{path}#{url}", kind="html", content="", url=url,
                         error=f"truncated WARC record: {missing} of {record.length} bytes missing")  # fmt: skip
    if not body.strip():
        return None
    text, _ = decode_bytes(body, _charset(content_type))
    return RawRecord(
        input=f"{path}#{url}",
        kind="html",
        content=text,
        url=url,
        fetched=record.rec_headers.get_header("WARC-Date"),
    )
