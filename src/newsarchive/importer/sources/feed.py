"""Import stage, source reader: RSS 0.9x/1.0/2.0 and Atom feeds carrying full text.

Each entry with content (or a long enough description) is a record whose HTML is the
entry's content; the entry's title, link, dates, authors and categories are its hints.
feedparser cannot read Italian dates (``ven, 28 ago 2026 23:59:00``): the raw string is
kept and parsed by ``importer.dates``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.sources.decode import decode_bytes

__all__ = ["read"]


def _entry_html(entry: Any) -> tuple[str, bool]:
    """The entry's fullest text, and whether that is only its summary (no content)."""
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return (best, False) if best and len(best) >= len(summary) else (summary, True)


def read(path: Path, data: bytes) -> Iterator[RawRecord]:
    text, _ = decode_bytes(data)
    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = "no entries"
        if parsed.get("bozo"):
            reason = f"not a readable feed ({parsed.get('bozo_exception')})"
        raise ImportFailure(str(path), reason)
    feed_lang = parsed.feed.get("language")
    for index, entry in enumerate(parsed.entries, start=1):
        html, summary_only = _entry_html(entry)
        authors = tuple(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))
        if not authors and entry.get("author"):
            authors = (entry["author"],)
        tags = tuple(t.get("term", "") for t in entry.get("tags", []) if t.get("term"))
        image = None
        for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
            if media.get("url"):
                image = media["url"]
                break
        yield RawRecord(
            input=f"{path}#{index}",
            kind="html",
            content=f"<html><body><article>{html}</article></body></html>",
            url=entry.get("link"),
            title=entry.get("title"),
            date=entry.get("published") or entry.get("updated") or entry.get("dc_date"),
            authors=authors,
            tags=tags,
            lang=entry.get("language") or feed_lang,
            summary=None,
            image=image,
            short_because="the feed gives only a summary: import the page at its link"
            if summary_only
            else None,
        )
