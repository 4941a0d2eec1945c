"""Site stage: ``sitemap.xml`` for the home page, every article and every page.

Deterministic by construction: one entry per URL, sorted by URL, ``lastmod`` taken from
the content's own dates (``Modified`` if set, else ``Date``), never the build time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from newsarchive.fileio import replace_if_changed

__all__ = ["SitemapEntry", "collect_entries", "render_sitemap", "write_sitemap"]

logger = logging.getLogger(__name__)

SITEMAP_NAME = "sitemap.xml"


@dataclass(frozen=True, order=True)
class SitemapEntry:
    """One ``<url>``: ``loc`` is absolute when SITEURL is set, else site-relative."""

    loc: str
    lastmod: str = ""  # W3C datetime, "" when unknown


def _lastmod(content: Any) -> str:
    value = getattr(content, "modified", None) or getattr(content, "date", None)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


def _loc(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}" if siteurl else url.lstrip("/")


def collect_entries(contents: Iterable[Any], siteurl: str) -> list[SitemapEntry]:
    """Entries for the home page and each published content object, sorted by URL.

    The home page gets the newest ``lastmod`` of all contents; when two contents share
    a URL (a hand-made clash) the newer ``lastmod`` wins, so the file stays unique.
    """
    best: dict[str, SitemapEntry] = {}
    for content in contents:
        url = getattr(content, "url", "")
        if not url or getattr(content, "status", "published") != "published":
            continue
        entry = SitemapEntry(_loc(siteurl, url), _lastmod(content))
        if entry.loc not in best or best[entry.loc].lastmod < entry.lastmod:
            best[entry.loc] = entry
    newest = max((e.lastmod for e in best.values()), default="")
    home = SitemapEntry(_loc(siteurl, "") or "index.html", newest)
    best.setdefault(home.loc, home)
    return sorted(best.values())


def render_sitemap(entries: Iterable[SitemapEntry]) -> str:
    """The sitemaps.org XML for ``entries`` (in the order given), LF line ends."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in entries:
        lastmod = f"<lastmod>{escape(entry.lastmod)}</lastmod>" if entry.lastmod else ""
        lines.append(f"  <url><loc>{escape(entry.loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(output_path: Path, entries: Iterable[SitemapEntry]) -> Path:
    """Write ``sitemap.xml`` into ``output_path`` and return its path."""
    entries = list(entries)
    if entries and not entries[0].loc.startswith(("http://", "https://")):
        logger.info("SITEURL is empty: sitemap.xml lists site-relative URLs")
    target = output_path / SITEMAP_NAME
    replace_if_changed(target, render_sitemap(entries).encode("utf-8"))
    logger.debug("wrote %s (%d URLs)", target, len(entries))
    return target
