"""Import stage, source reader: JSON lines from a spider, one article per line.

Field mapping (first present wins; names are matched case-insensitively):

| record field | JSON fields |
|---|---|
| url | url, link, canonical_url, source_url, href |
| title | title, headline, name |
| date | date, published, publish_date, published_at, pubdate, date_published, |
|  | datePublished, created_at, year |
| authors | authors, author, byline, creator (string or list) |
| html content | html, raw_html, content_html, body_html |
| text content | text, body, content, article, maintext, article_text |
| tags | tags, keywords, topics, categories (string with commas, or list) |
| lang | lang, language, locale |
| summary | summary, description, excerpt, dek |
| image | image, top_image, image_url, lead_image_url |
| fetched | fetched, crawled_at, crawl_date, scraped_at, retrieved |

A line with an ``html`` field is extracted as a page; otherwise its text is treated as a
flattened dump. A malformed line is one failure; the other lines still import.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsarchive.importer.model import ImportFailure, RawRecord
from newsarchive.importer.sources.decode import decode_bytes
from newsarchive.importer.sources.html import file_time

__all__ = ["FIELD_MAP", "read", "record_from_mapping", "stream"]

FIELD_MAP: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url", "source_url", "href"),
    "title": ("title", "headline", "name"),
    "date": (
        "date",
        "published",
        "publish_date",
        "published_at",
        "pubdate",
        "date_published",
        "datepublished",
        "created_at",
        "year",
    ),  # fmt: skip
    "authors": ("authors", "author", "byline", "creator"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "text": ("text", "body", "content", "article", "maintext", "article_text"),
    "tags": ("tags", "keywords", "topics", "categories"),
    "lang": ("lang", "language", "locale"),
    "summary": ("summary", "description", "excerpt", "dek"),
    "image": ("image", "top_image", "image_url", "lead_image_url"),
    "fetched": ("fetched", "crawled_at", "crawl_date", "scraped_at", "retrieved"),
}


def _first(obj: dict[str, Any], key: str) -> Any:
    lowered = {k.lower(): v for k, v in obj.items()}
    for name in FIELD_MAP[key]:
        value = lowered.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = value.split(";") if ";" in value else value.split(",")
        return tuple(p.strip() for p in parts if p.strip())
    if isinstance(value, list):
        out = []
        for item in value:
            name = (item.get("name") or item.get("title") or "") if isinstance(item, dict) else item
            if str(name).strip():
                out.append(str(name).strip())
        return tuple(out)
    return (str(value),)


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # float() of a big one overflows
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    return str(value).strip() or None


def record_from_mapping(obj: dict[str, Any], input_name: str) -> RawRecord:
    """A record from one JSON object (also used for other mapping-shaped sources)."""
    html = _first(obj, "html")
    text = _first(obj, "text")
    if not isinstance(html, str) and not isinstance(text, str):
        raise ImportFailure(input_name, "no text or html field")
    return RawRecord(
        input=input_name,
        kind="html" if isinstance(html, str) else "text",
        content=html if isinstance(html, str) else text,
        url=_as_str(_first(obj, "url")),
        title=_as_str(_first(obj, "title")),
        date=_as_str(_first(obj, "date")),
        authors=_as_list(_first(obj, "authors")),
        tags=_as_list(_first(obj, "tags")),
        lang=_as_str(_first(obj, "lang")),
        summary=_as_str(_first(obj, "summary")),
        image=_as_str(_first(obj, "image")),
        fetched=_as_str(_first(obj, "fetched")),
    )


def read(path: Path, data: bytes) -> Iterator[RawRecord]:
    """The whole file at once: for a UTF-16 file, whose lines bytes cannot split."""
    text, _ = decode_bytes(data, "utf-8")
    stamp = file_time(path)
    for number, line in enumerate(text.split("\n"), start=1):
        yield from _line_records(path, number, line, stamp)


def stream(path: Path, source: BinaryIO, max_bytes: int) -> Iterator[RawRecord]:
    """One line at a time, however big the file: memory holds one line, and a line over
    ``max_bytes`` is one "huge" failure (skipped unread), not the whole file's."""
    stamp = file_time(path)
    number = 0
    while line := source.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := source.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield _failed(f"{path}#{number}", f"huge: a line over {max_bytes} bytes")
            continue
        text, _ = decode_bytes(line, "utf-8")
        yield from _line_records(path, number, text, stamp)


def _line_records(path: Path, number: int, line: str, stamp: str | None) -> Iterator[RawRecord]:
    """The record on line ``number`` (none for a blank line, a failure for a bad one)."""
    if not line.strip():
        return
    name = f"{path}#{number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield _failed(name, f"malformed JSON: {exc.msg} at column {exc.colno}")
        return
    except RecursionError:
        yield _failed(name, "malformed JSON: nested too deeply")
        return
    except ValueError as exc:  # a number too long to convert
        yield _failed(name, f"malformed JSON: {exc}")
        return
    if not isinstance(obj, dict):
        yield _failed(name, "line is not a JSON object")
        return
    try:
        record = record_from_mapping(obj, name)
    except ImportFailure as exc:
        yield _failed(name, exc.reason)
        return
    # The spider's output file was written when it crawled: the date of last resort.
    yield dataclasses.replace(record, file_time=stamp)


def _failed(name: str, reason: str) -> RawRecord:
    # A per-line failure travels as a record so the rest of the file still imports.
    return RawRecord(input=name, kind="text", content="", error=reason)
