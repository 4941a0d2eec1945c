"""Import stage, extract: metadata a page states about itself, read from its markup.

Complements trafilatura's metadata: ``<html lang>``, canonical URL, Open Graph and
``article:*`` properties, JSON-LD ``NewsArticle`` fields and the visible ``<h1>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsarchive.importer.authors.page import byline_authors, meta_authors
from newsarchive.importer.jsonld import is_article, ld_objects
from newsarchive.importer.metatags import (
    meta_index,
    meta_value,
    page_root,
    text_of,
    visible_text,
)  # fmt: skip
from newsarchive.importer.pagedates import page_dates, shown_date

__all__ = ["PageMeta", "read_page_meta"]


@dataclass(frozen=True)
class PageMeta:
    lang: str | None = None
    canonical: str | None = None
    og_title: str | None = None
    headline: str | None = None
    h1: str | None = None
    h1s: tuple[str, ...] = ()  # the page's first <h1>s: a logo or section label may come first
    meta_title: str | None = None  # Dublin Core, Parse.ly, Sailthru title
    html_title: str | None = None
    site_name: str | None = None
    published: str | None = None
    modified: str | None = None
    # The date shown under the headline (a weaker source than the metadata and the URL).
    shown_date: str | None = None
    authors: tuple[str, ...] = ()
    # Other statements of the authors, for ``authors.choose_authors``: the author <meta>
    # tags as (key, values) and the visible byline's texts.
    meta_authors: tuple[tuple[str, tuple[str, ...]], ...] = ()
    byline_authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    section: str | None = None
    image: str | None = None
    description: str | None = None


_META_TITLES = ("dc.title", "dc:title", "dcterms.title", "dcterms:title", "parsely-title",
                "sailthru.title")  # fmt: skip


_LD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")
_CANONICAL = etree.XPath("//link[@rel]")
_TAGS = etree.XPath("//meta[@property='article:tag']")


def _ld_objects(root: HtmlElement) -> list[dict[str, Any]]:
    return ld_objects(s.text or "" for s in _LD_SCRIPTS(root))


def _names(value: Any, by_id: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names in a JSON-LD ``author``; a ``{"@id": ...}`` reference (Yoast's graph) is
    looked up in ``by_id``."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if not value.get("name") and isinstance(value.get("@id"), str) and by_id:
            value = by_id.get(value["@id"], value)
        return [str(value["name"])] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v, by_id)]
    return []


def _ld_authors(article: dict[str, Any], objects: list[dict[str, Any]]) -> tuple[str, ...]:
    by_id = {str(o["@id"]): o for o in objects if isinstance(o.get("@id"), str) and o.get("name")}
    names = (" ".join(n.split()) for n in _names(article.get("author"), by_id))
    return tuple(dict.fromkeys(n for n in names if n))


_INLINE = frozenset(
    "a abbr b bdi bdo cite code em font i kbd mark q s small span strong sub sup time u".split()
)


def _heading_text(el: HtmlElement) -> str:
    """Visible text of a heading: a space at ``<br>`` and block edges, none between inline
    elements, so ``<span>Kicker</span>: Headline`` reads "Kicker: Headline", not "Kicker :"."""
    return visible_text(el, before=lambda child: "" if child.tag in _INLINE else " ", joiner="")


def read_page_meta(tree: HtmlElement) -> PageMeta:
    """What the markup of ``tree``'s page states about it (``None``/empty where it is
    silent). ``tree`` is the page as ``trafilatura.utils.load_html`` parses it (any
    element of it: the whole page is read); it is not changed."""
    root = page_root(tree)
    metas = meta_index(root)
    html = root if root.tag == "html" else next(root.iter("html"), None)
    lang = str(html.get("lang") or html.get("xml:lang") or "") if html is not None else ""
    lang = lang or meta_value(metas, "og:locale", "language", "content-language") or ""
    canonical = None
    link = next((el for el in _CANONICAL(root) if "canonical" in el.get("rel").split()), None)
    if link is not None and link.get("href"):
        canonical = str(link.get("href")).strip()
    h1_els = list(islice(root.iter("h1"), 6))
    title_el = next(root.iter("title"), None)
    objects = _ld_objects(root)
    ld = [o for o in objects if is_article(o)]
    published, modified = page_dates(root, metas, ld)
    article = ld[0] if ld else {}
    keywords: list[str] = []
    for el in _TAGS(root):
        if el.get("content"):
            keywords.append(str(el.get("content")))
    raw_kw = article.get("keywords") or meta_value(metas, "keywords", "news_keywords")
    if isinstance(raw_kw, str):
        keywords.extend(k.strip() for k in raw_kw.split(","))
    elif isinstance(raw_kw, list):
        keywords.extend(str(k).strip() for k in raw_kw)
    image = article.get("image")
    if isinstance(image, dict):
        image = image.get("url")
    elif isinstance(image, list):
        image = (
            image[0].get("url")
            if image and isinstance(image[0], dict)
            else (image[0] if image else None)
        )
    return PageMeta(
        lang=lang or None,
        canonical=canonical or meta_value(metas, "og:url"),
        og_title=meta_value(metas, "og:title", "twitter:title"),
        meta_title=meta_value(metas, *_META_TITLES),
        headline=" ".join(str(article.get("headline") or "").split()) or None,
        h1=_heading_text(h1_els[0]) or None if h1_els else None,
        h1s=tuple(t for t in (_heading_text(el) for el in h1_els) if t),
        html_title=" ".join(text_of(title_el).split()) if title_el is not None else None,
        site_name=meta_value(metas, "og:site_name", "application-name"),
        published=published,
        modified=modified,
        shown_date=shown_date(root),
        authors=_ld_authors(article, objects),
        meta_authors=meta_authors(root),
        byline_authors=byline_authors(root),
        keywords=tuple(dict.fromkeys(k for k in keywords if k)),
        section=meta_value(metas, "article:section"),
        image=str(image)
        if isinstance(image, str)
        else meta_value(metas, "og:image", "twitter:image"),
        description=meta_value(metas, "description", "og:description"),
    )
