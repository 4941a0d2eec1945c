"""Index stage: the one document type both search indexes are derived from.

A ``SearchDoc`` is built once per article (from Pelican's article objects at build time)
and fed to the Whoosh index and, from it, to the static browser index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["SearchDoc", "doc_from_article"]


@dataclass(frozen=True)
class SearchDoc:
    """What search knows of one article. ``url`` is site-relative (``2021/02/x.html``)."""

    url: str
    title: str
    date: str  # ISO 8601 date, "" when unknown
    lang: str  # "it" or "en" (anything else is indexed with the English analyzer)
    summary: str
    body: str  # plain text
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    site: str = ""


def _iso_date(value: Any, precision: str) -> str:
    if value is None or not hasattr(value, "strftime"):
        return ""
    # A date known only to the year or month is not pretended to be more exact.
    fmt = {"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d")
    return str(value.strftime(fmt))


def doc_from_article(article: Any) -> SearchDoc:
    """The ``SearchDoc`` of a Pelican article (its HTML content turned into plain text)."""
    from newsarchive.search.text import html_to_text

    meta = getattr(article, "metadata", {}) or {}
    summary = meta.get("summary") or ""
    category = getattr(article, "category", None)
    return SearchDoc(
        url=str(article.url),
        title=html_to_text(str(getattr(article, "title", "") or "")),
        date=_iso_date(getattr(article, "date", None), str(meta.get("date_precision", ""))),
        lang=str(getattr(article, "lang", "") or meta.get("lang") or "en"),
        summary=html_to_text(str(summary)),
        body=html_to_text(str(getattr(article, "content", "") or "")),
        tags=tuple(str(t) for t in getattr(article, "tags", None) or ()),
        authors=tuple(str(a) for a in getattr(article, "authors", None) or ()),
        site=str(meta.get("site") or category or ""),
    )
