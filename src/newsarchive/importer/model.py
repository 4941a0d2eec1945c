"""Import stage: the records passed between the importer's steps.

``RawRecord`` is what a source reader yields (one scraped item, unparsed);
``Article`` is what extraction and cleaning make of it, and what ``write`` serialises.
Both are frozen: stages return new records instead of mutating shared ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from newsarchive import NewsarchiveError

__all__ = ["Article", "DatePrecision", "ImportFailure", "RawRecord", "Related"]

DatePrecision = Literal["day", "month", "year"]
RecordKind = Literal["html", "text"]


class ImportFailure(NewsarchiveError):
    """One input could not be turned into an article; ``reason`` says why."""

    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason

    def __reduce__(self) -> tuple[type[ImportFailure], tuple[str, str]]:
        # Failures cross process boundaries (worker pools): pickle both arguments.
        return (type(self), (self.input_name, self.reason))


@dataclass(frozen=True)
class RawRecord:
    """One scraped item as a source reader found it.

    ``kind`` says whether ``content`` is an HTML document or flattened text. The other
    fields are hints the source itself carried (JSON fields, feed entry, WARC headers);
    extraction prefers them to what it guesses from the content.
    """

    input: str
    kind: RecordKind
    content: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lang: str | None = None
    summary: str | None = None
    image: str | None = None
    fetched: str | None = None
    # The input file's modification time: the date of last resort (with a warning).
    file_time: str | None = None
    # Set by a reader when this one record of a multi-record file is unreadable: the
    # pipeline reports it as a failure and goes on with the file's other records.
    error: str | None = None
    # Why the text may be too short to be an article, for the failure's reason (a feed
    # entry that carries only a summary).
    short_because: str | None = None


@dataclass(frozen=True)
class Related:
    """A related article: a teaser removed from the body, or one found by ``enrich``."""

    title: str
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """A clean article, ready to be written as Markdown with Pelican metadata."""

    title: str
    date: dt.datetime | None
    date_precision: DatePrecision
    lang: str
    body_markdown: str
    input: str
    authors: tuple[str, ...] = ()
    source_url: str | None = None
    site: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    related: tuple[Related, ...] = ()
    warnings: tuple[str, ...] = ()
    fetched: str | None = None
    modified: dt.datetime | None = None

    def _iso_date(self) -> str | None:
        """ISO 8601 at the precision the source gave: ``2021-02`` is not ``2021-02-01``."""
        if self.date is None:
            return None
        if self.date_precision == "year":
            return f"{self.date:%Y}"
        if self.date_precision == "month":
            return f"{self.date:%Y-%m}"
        return self.date.isoformat()

    def to_json(self) -> dict[str, Any]:
        """The ``newsarchive extract --json`` view: exactly what ``import`` writes."""
        return {
            "title": self.title,
            "date": self._iso_date(),
            "date_precision": self.date_precision,
            "authors": list(self.authors),
            "lang": self.lang,
            "source_url": self.source_url,
            "site": self.site,
            "image": self.image,
            "tags": list(self.tags),
            "summary": self.summary,
            "body_markdown": self.body_markdown,
            "related": [{"title": r.title, "url": r.url} for r in self.related],
            "warnings": list(self.warnings),
            "input": self.input,
        }
