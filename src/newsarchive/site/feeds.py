"""Site stage: make Pelican's Atom and RSS feeds valid before they are written.

Pelican builds every feed with feedgenerator and sends it on the ``feed_generated``
signal before writing it; ``finish_feed`` corrects the feed object in place there:

* the RSS channel's ``<description>`` (required, non-empty) and the Atom ``<subtitle>``
  are the site's description: ``SITESUBTITLE`` when set, else the interface's
  ``footer_note`` in ``DEFAULT_LANG`` (what the theme shows as the site's description);
* each feed's ``<id>`` is its own URL, and a tag, source or author feed's
  ``rel="alternate"`` link is that tag's, source's or author's page, not the home page;
* an Atom feed has a feed-level ``<author>`` (the site name), so an entry without a
  byline has an author as RFC 4287 requires, and such an entry gets no empty
  ``<author><name/></author>`` of its own;
* RSS ``<guid>`` values stay Pelican's stable ``tag:`` URIs, marked
  ``isPermaLink="false"`` because they are not URLs.

Everything comes from the feed and the generators' context: the output is the same
bytes for the same input.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from posixpath import join as posix_join
from typing import Any
from urllib.parse import urljoin

from feedgenerator import Atom1Feed, Rss201rev2Feed

from newsarchive.site.ui import ui_text

__all__ = ["feed_pages", "finish_feed", "site_description"]

_CACHE_KEY = "newsarchive_feed_pages"
# Pelican's per-taxonomy feed settings and the context key holding that taxonomy.
_TAXONOMY_FEEDS: tuple[tuple[str, str], ...] = (
    ("CATEGORY_FEED_ATOM", "categories"),
    ("CATEGORY_FEED_RSS", "categories"),
    ("TAG_FEED_ATOM", "tags"),
    ("TAG_FEED_RSS", "tags"),
    ("AUTHOR_FEED_ATOM", "authors"),
    ("AUTHOR_FEED_RSS", "authors"),
)


def site_description(settings: Mapping[str, Any]) -> str:
    """``SITESUBTITLE`` if set, else the theme's footer note in the site's language."""
    subtitle = settings.get("SITESUBTITLE")
    if isinstance(subtitle, str) and subtitle.strip():
        return subtitle.strip()
    return ui_text("footer_note", settings.get("DEFAULT_LANG"))


def _join(settings: Mapping[str, Any], base: object, url: object) -> str:
    """Join ``base`` and ``url`` exactly as Pelican's ``Writer`` does for feeds."""
    base, url = str(base or ""), str(url)
    if settings.get("RELATIVE_URLS"):
        return posix_join(base, url)
    return urljoin(base if base.endswith("/") else base + "/", url)


def _taxonomy(context: Mapping[str, Any], key: str) -> Iterator[Any]:
    """The tag, category or author objects of ``context[key]`` (pairs or a mapping)."""
    value = context.get(key) or ()
    items = value.items() if isinstance(value, Mapping) else value
    for item in items:
        yield item[0] if isinstance(item, tuple) else item


def feed_pages(context: Mapping[str, Any]) -> dict[str, str]:
    """``{feed URL: URL of the page it follows}`` for every tag, source and author feed.

    Feed URLs are built as Pelican builds them (``*_FEED_*_URL`` or the save-as pattern,
    joined to ``FEED_DOMAIN``), page URLs from the taxonomy object's own ``url``.
    """
    pages: dict[str, str] = {}
    siteurl = context.get("SITEURL", "")
    for setting, key in _TAXONOMY_FEEDS:
        pattern = context.get(setting)
        if not pattern:
            continue
        url_pattern = str(context.get(f"{setting}_URL") or pattern)
        for obj in _taxonomy(context, key):
            slug, url = getattr(obj, "slug", None), getattr(obj, "url", None)
            if slug is None or url is None:
                continue
            feed_url = _join(context, context.get("FEED_DOMAIN"), url_pattern.format(slug=slug))
            pages.setdefault(feed_url, _join(context, siteurl, url))
    return pages


def _cached_feed_pages(context: Mapping[str, Any]) -> Mapping[str, str]:
    """``feed_pages(context)``, computed once per build: it is kept in the build's own
    context (every feed is written after the taxonomies are final), not between runs."""
    if not isinstance(context, dict):
        return feed_pages(context)
    cached = context.get(_CACHE_KEY)
    if not isinstance(cached, dict):
        cached = context[_CACHE_KEY] = feed_pages(context)
    return cached


def finish_feed(context: Mapping[str, Any], feed: Any) -> None:
    """Correct one feedgenerator feed in place before Pelican writes it (see the module)."""
    meta: dict[str, Any] = feed.feed
    if not meta.get("description"):
        meta["description"] = site_description(context)
    feed_url = meta.get("feed_url")
    if feed_url:
        meta["id"] = feed_url
        page = _cached_feed_pages(context).get(feed_url)
        if page:
            meta["link"] = page
    if isinstance(feed, Atom1Feed):
        if not meta.get("author_name"):
            meta["author_name"] = str(context.get("SITENAME") or "") or None
        for item in feed.items:
            if not item.get("author_name"):
                item["author_name"] = None
    elif isinstance(feed, Rss201rev2Feed):
        for item in feed.items:
            unique_id = item.get("unique_id")
            if unique_id and unique_id != item.get("link"):
                item["unique_id_is_permalink"] = False
