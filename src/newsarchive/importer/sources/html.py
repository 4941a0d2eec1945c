"""Import stage, source reader: one saved HTML page (plain or gzipped) is one record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.sources.decode import decode_bytes

__all__ = ["file_time", "read"]


def read(path: Path, data: bytes) -> Iterator[RawRecord]:
    text, _encoding = decode_bytes(data)
    if "<" not in text[:65536]:
        raise ImportFailure(str(path), "not HTML (no markup found)")
    url = _sidecar_url(path)
    yield RawRecord(input=str(path), kind="html", content=text, url=url, file_time=file_time(path))


def file_time(path: Path) -> str | None:
    """A saved page's modification time: when the crawler fetched it, as far as we know."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sidecar_url(path: Path) -> str | None:
    """Crawlers often save the URL beside the page (``page.html.url``); use it if so."""
    for candidate in (path.with_name(path.name + ".url"), path.with_suffix(".url")):
        if candidate.is_file():
            first = candidate.read_text(encoding="utf-8", errors="replace").strip()
            return first.splitlines()[0] if first else None
    return None
