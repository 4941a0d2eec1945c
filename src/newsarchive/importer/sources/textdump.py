"""Import stage, source reader: a flattened text dump (``.txt``) is one article.

Dumps may open with header lines a scraper wrote before the text: ``date 2021-02``,
``url https://...``, ``title ...`` (also ``key: value``). The seed's dump starts with
`` date 2021-02 <lead...>`` on the same line as the text: the header word and its value
are split off there too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsarchive.importer.model import RawRecord
from newsarchive.importer.sources.decode import decode_bytes
from newsarchive.importer.sources.html import file_time

__all__ = ["read", "split_header"]

_HEADER_RE = re.compile(
    r"^\s*(?P<key>date|data|url|link|title|titolo|author|autore|lang)\s*:?\s+"
    r"(?P<value>\S+)",
    re.I,
)
_DATE_VALUE_RE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_KEYS = {"data": "date", "link": "url", "titolo": "title", "autore": "author"}


def split_header(text: str) -> tuple[dict[str, str], str]:
    """``({"date": "2021-02", ...}, rest_of_text)``: header fields the dump starts with."""
    fields: dict[str, str] = {}
    rest = text.lstrip("\ufeff")
    while True:
        match = _HEADER_RE.match(rest)
        if not match:
            break
        key = _KEYS.get(match.group("key").lower(), match.group("key").lower())
        if key in {"title", "author"}:
            # These run to the end of their line.
            line, _, after = rest.lstrip().partition("\n")
            fields[key] = re.sub(r"^\S+\s*:?\s*", "", line).strip()
            rest = after
            continue
        value = match.group("value")
        if key == "date" and not _DATE_VALUE_RE.match(value):
            break
        fields[key] = value
        rest = rest[match.end() :]
    return fields, rest.strip()


def read(path: Path, data: bytes) -> Iterator[RawRecord]:
    text, _ = decode_bytes(data, "utf-8")
    fields, body = split_header(text)
    yield RawRecord(
        input=str(path),
        kind="text",
        content=body,
        url=fields.get("url"),
        title=fields.get("title"),
        date=fields.get("date"),
        authors=(fields["author"],) if fields.get("author") else (),
        lang=fields.get("lang"),
        file_time=file_time(path),
    )
