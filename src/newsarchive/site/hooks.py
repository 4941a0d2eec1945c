"""Site stage: the logic behind the ``newsarchive_site`` plugin's Pelican receivers.

* ``prepare_content``: every article and page is sanitized again (raw HTML in Markdown
  or a hand edit must not run) and gets the attributes the theme shows: ``date_display``,
  ``date_iso``, ``ui_lang``, ``source_link``, ``related_links`` and a safe ``image``.
* ``resolve_related``: once every article and page is read, links to this archive's own
  articles in ``Related`` get the URL Pelican gave each target.
* ``install_jinja_helpers``: the ``t`` translation global and date helpers.
* ``sitemap_for``: ``sitemap.xml`` from the generators' shared context.

Receivers get everything from their arguments: nothing is kept between runs.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from newsarchive.frontmatter import FILENAME_LINK, filename_target, parse_related
from newsarchive.sanitize import safe_url, sanitize_html
from newsarchive.site.sitemap import collect_entries, write_sitemap
from newsarchive.site.ui import Translator, date_iso, display_date, period_title, ui_lang

__all__ = [
    "install_jinja_helpers",
    "order_articles",
    "prepare_content",
    "related_links",
    "resolve_related",
    "sitemap_for",
]

logger = logging.getLogger(__name__)


# Links written by enrich before it stored ``{filename}`` links: the old fixed URL
# pattern. Only a key to look the article up by; the URL is still Pelican's.
_LEGACY_INTERNAL = re.compile(r"^\d{4}/\d{2}/[A-Za-z0-9._-]+\.html$")

Resolver = Callable[[str], str | None]


def _is_internal(url: str) -> bool:
    return url.startswith(FILENAME_LINK) or bool(_LEGACY_INTERNAL.match(url))


def related_links(raw: object, resolve: Resolver | None = None) -> list[dict[str, str | None]]:
    """``Related`` metadata as ``[{"title", "url", "internal"}]``; unsafe URLs become None.

    A link to an article of this archive (``{filename}../03/slug.md`` as enrich writes
    it, or the older ``2021/03/slug.html``) becomes the site-relative URL ``resolve``
    returns for it, marked ``internal`` for the theme to prefix with SITEURL; with no
    ``resolve``, or no such article, it is title only. Any other URL must be an absolute
    http(s) URL.
    """
    if not isinstance(raw, (str, list, tuple)):
        return []
    lines = [raw] if isinstance(raw, str) else [str(v) for v in raw]
    out: list[dict[str, str | None]] = []
    for item in parse_related(lines):
        if not item.title:
            continue
        if item.url and _is_internal(item.url):
            url = resolve(item.url) if resolve else None
            out.append({"title": item.title, "url": url, "internal": "1" if url else None})
        else:
            out.append({"title": item.title, "url": safe_url(item.url), "internal": None})
    return out


def _legacy_key(content: Any) -> str | None:
    date, slug = getattr(content, "date", None), getattr(content, "slug", None)
    return f"{date:%Y}/{date:%m}/{slug}.html" if date and slug else None


def resolve_related(generators: Iterable[Any]) -> None:
    """Give every article and page's internal related links their targets' URLs.

    Runs once all generators have read their content (Pelican's
    ``all_generators_finalized``), so every target is known: a ``{filename}`` link is
    looked up exactly as Pelican looks up ``{filename}`` links in a body, and the URL is
    the target's own ``url`` (``ARTICLE_URL``/``ARTICLE_LANG_URL`` formatted by
    Pelican), so it is right for any URL scheme and for relative or absolute SITEURL.
    A link to a file that does not exist is dropped to its title, with a warning.
    """
    generated: Mapping[str, Any] = {}
    for generator in generators:
        context = getattr(generator, "context", None)
        if isinstance(context, dict) and "generated_content" in context:
            generated = context["generated_content"]
            break
    by_path = {path: generated[path] for path in sorted(generated) if generated[path]}
    legacy: dict[str, Any] = {}
    for content in by_path.values():
        key = _legacy_key(content)
        if key:
            legacy.setdefault(key, content)
    for path, content in by_path.items():
        raw = getattr(content, "related", None)
        if raw is None:
            continue

        def resolve(ref: str, content: Any = content, path: str = path) -> str | None:
            if ref.startswith(FILENAME_LINK):
                target = by_path.get(filename_target(ref, content.relative_dir) or "")
            else:
                target = legacy.get(ref)
            url = getattr(target, "url", None)
            if not url:
                logger.warning("%s: related link %s: no such article", path, ref)
            return url or None

        content.related_links = related_links(raw, resolve)


def order_articles(generator: Any) -> None:
    """Newest first, ties by source path: the same order on every machine.

    Pelican sorts by date only, so articles sharing a date (month- or year-precision
    dates share the first of the period) kept the file system's walk order.
    """
    generator.articles.sort(key=lambda a: str(a.source_path))
    generator.articles.sort(key=lambda a: a.date, reverse=True)


def _sanitized(html: str) -> str:
    """``html`` sanitized; the very same string when that changes nothing (import has
    sanitized it already). Pelican's content cache holds the string it read: a copy
    equal to it would be a second copy of every article for the whole build."""
    clean = sanitize_html(html)
    return html if clean == html else clean


def prepare_content(content: Any) -> None:
    """Sanitize one article or page in place and attach the theme's attributes."""
    if getattr(content, "_content", None) is None:  # static files: nothing to render
        return
    content._content = _sanitized(content._content)
    metadata: dict[str, Any] = content.metadata
    if isinstance(metadata.get("summary"), str):
        metadata["summary"] = _sanitized(metadata["summary"])
        content._summary = metadata["summary"]

    default_lang = content.settings.get("DEFAULT_LANG", "en")
    content.ui_lang = ui_lang(getattr(content, "lang", None), ui_lang(default_lang))
    precision = getattr(content, "date_precision", "day")
    date = getattr(content, "date", None)
    content.date_display = display_date(date, precision, content.ui_lang)
    content.date_iso = date_iso(date, precision)
    content.source_link = safe_url(getattr(content, "source_url", None))
    content.related_links = related_links(getattr(content, "related", None))

    image = safe_url(getattr(content, "image", None))
    if image:
        content.image = image
        content.image_in_body = shows_picture(content._content, image)
    elif hasattr(content, "image"):
        logger.warning("%s: dropping unsafe image URL", content.source_path)
        del content.image
        metadata.pop("image", None)


_IMG_SRC_RE = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)""", re.I)
# A CMS serves one picture in several sizes: "hero5-640x215.jpg", "hero5-980x713.jpg".
_SIZE_SUFFIX_RE = re.compile(r"[-_]\d{2,5}x\d{2,5}(?=\.\w+$)")


def picture_key(url: str) -> str:
    """The picture a URL names whatever size or crop it asks for: its file name without
    query, size suffix or case."""
    path = _SIZE_SUFFIX_RE.sub("", unquote(urlsplit(html.unescape(url)).path)).casefold()
    name = path.rsplit("/", 1)[-1]
    # "image.jpg", "1200.jpg": a CDN's name for every picture; then the path tells.
    return name if len(name.rsplit(".", 1)[0]) >= 8 else path


def shows_picture(body_html: str, image: str) -> bool:
    """Whether ``body_html`` already shows the lead ``image`` (in any size): the theme
    then leaves out the lead figure, which would show the picture twice."""
    key = picture_key(image)
    return bool(key) and any(picture_key(src) == key for src in _IMG_SRC_RE.findall(body_html))


def install_jinja_helpers(generator: Any) -> None:
    """Add the theme's globals and filters to one generator's Jinja environment."""
    env = generator.env
    env.globals["t"] = Translator(generator.settings.get("DEFAULT_LANG", "en"))
    env.globals["period_title"] = period_title
    env.globals["ui_lang"] = ui_lang
    env.filters["display_date"] = display_date


def sitemap_for(generator: Any) -> Path:
    """Write ``sitemap.xml`` for the articles and pages in ``generator``'s context."""
    context = generator.context
    contents = [*context.get("articles", []), *context.get("pages", [])]
    entries = collect_entries(contents, str(generator.settings.get("SITEURL", "")))
    return write_sitemap(Path(generator.output_path), entries)
