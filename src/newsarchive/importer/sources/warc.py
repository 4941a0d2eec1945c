"""Import stage, source reader: WARC files; every HTML response record is a candidate.

The record's target URI and WARC-Date are its provenance (source URL, fetch date).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.sources.decode import decode_bytes

__all__ = ["read"]


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def read(path: Path, data: bytes) -> Iterator[RawRecord]:
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            status = record.http_headers.get_statuscode()
            if status and not status.startswith("2"):
                continue
            body = record.content_stream().read()
            if not body.strip():
                continue
            found += 1
            text, _ = decode_bytes(body, _charset(content_type))
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield RawRecord(
                input=f"{path}#{url}",
                kind="html",
                content=text,
                url=url,
                fetched=record.rec_headers.get_header("WARC-Date"),
            )
    except ArchiveLoadFailed as exc:
        raise ImportFailure(str(path), f"not a readable WARC file: {exc}") from exc
    if not found:
        raise ImportFailure(str(path), "no HTML response records")
