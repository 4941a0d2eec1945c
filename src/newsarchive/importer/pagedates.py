"""Import stage, extract: the dates an HTML page states about itself.

``page_dates``: the publication and modification dates its markup states (``<meta>``
tags, JSON-LD article objects, schema.org microdata); ``shown_date``: the day it shows
in its header, under the headline. Both as written, for ``dates`` to parse and choose.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsarchive.importer.dates import ParsedDate, parse_date
from newsarchive.importer.jsonld import is_article, ld_objects
from newsarchive.importer.metatags import (
    INVISIBLE,
    classes,
    meta_index,
    meta_value,
    page_root,
    text_of,
    visible_strings,
)  # fmt: skip
from newsarchive.importer.textdays import _BODY_TEXT, _UPDATED_RE, _label

__all__ = ["page_dates", "shown_date"]


# Where pages state their publication and modification dates, most trusted first:
# schema.org JSON-LD of the article; the Open Graph article:* and schema.org <meta>s
# (the first five names); microdata on any element (<time itemprop=datePublished>); then
# the <meta> names CMSs and the analytics and newsletter tools read (Parse.ly, cXense,
# Dublin Core, Sailthru: its date is often the last revision, so late), generic last.
_PUBLISHED_METAS = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "published_time", "published_date",
    "publish_date", "publish-date", "publishdate", "pub_date", "parsely-pub-date",
    "cxenseparse:recs:publishtime", "rnews:datepublished", "originalpublicationdate",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
    "article.published", "published", "citation_publication_date", "citation_date",
    "sailthru.date", "pubdate", "dc.date", "dcterms.date", "date",
)  # fmt: skip
_MODIFIED_METAS = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "modified_time", "dcterms.modified", "dc.date.modified", "last-modified", "modified",
)  # fmt: skip
_EPOCH_MS = 1e11  # larger Unix times are milliseconds (1e11 s is the year 5138)


def _epoch(value: float) -> str | None:
    """A Unix time in seconds or milliseconds (as some JSON-LD writes it), as ISO UTC."""
    seconds = value / 1000 if value > _EPOCH_MS else value
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def _parsely_pub_date(value: str | None) -> str | None:
    """``pub_date`` of Parse.ly's JSON ``parsely-page`` meta."""
    try:
        data = json.loads(value or "")
    except json.JSONDecodeError:
        return None
    return data.get("pub_date") if isinstance(data, dict) else None


def _first_date(candidates: list[Any]) -> str | None:
    """The first candidate that parses as a date (a malformed one does not hide the rest)."""
    for candidate in candidates:
        value = candidate
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = _epoch(value)
        if isinstance(value, str) and parse_date(value):
            return value
    return None


_ITEMPROPS = etree.XPath("//*[@itemprop]")
_LD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")


def page_dates(
    tree: HtmlElement, metas: dict[str, str] | None = None,
    articles: list[dict[str, Any]] | None = None,
) -> tuple[str | None, str | None]:  # fmt: skip
    """The publication and modification dates the markup of ``tree``'s page states, as
    written.

    Reads the ``<meta>`` tags (``metatags.meta_index``: ``content``, or ``value`` where a
    page or the tool that saved it wrote that instead), the JSON-LD article objects and
    the schema.org microdata ``datePublished``/``dateModified`` on any element.
    ``metas`` and ``articles`` are read from ``tree`` when the caller has not already.
    """
    root = page_root(tree)
    if metas is None:
        metas = meta_index(root)
    if articles is None:
        scripts = _LD_SCRIPTS(root)
        articles = [o for o in ld_objects(s.text or "" for s in scripts) if is_article(o)]
    props: dict[str, list[str]] = {"datePublished": [], "dateModified": []}
    for el in _ITEMPROPS(root):
        for prop in str(el.get("itemprop") or "").split():
            if prop in props:
                stated = el.get("content") or el.get("datetime") or el.get("value")
                props[prop].append(str(stated) if stated else text_of(el)[:100])

    def named(names: tuple[str, ...]) -> list[str | None]:
        return [meta_value(metas, name) for name in names]

    published = _first_date(
        [o.get("datePublished") for o in articles]
        + named(_PUBLISHED_METAS[:5])
        + props["datePublished"]
        + named(_PUBLISHED_METAS[5:])
        + [_parsely_pub_date(meta_value(metas, "parsely-page"))]
    )
    modified = _first_date(
        [o.get("dateModified") for o in articles] + named(_MODIFIED_METAS) + props["dateModified"]
    )
    return published, modified


# The date a page shows under its headline: a <time>, an element whose class or id
# names a date, or a line of text that is a date with at most a short label ("公開日：",
# "Published"). Looked for only in the header zone after the first headline: before it
# sit "today is ..." bars, further down related-article lists with their own dates.
_DATE_CLASS_RE = re.compile(r"date|time|publish|posted|dateline", re.I)
_SKIP = frozenset({"a", "nav", "aside", "footer", "figcaption", "script", "style", "noscript"})
_HEADER_ZONE = 1500  # characters of text after the headline
_LABEL_CHARS = 12


def _named(el: HtmlElement) -> bool:
    names = [*classes(el), el.get("id") or ""]
    return el.tag == "time" or any(_DATE_CLASS_RE.search(str(n)) for n in names)


_TEXT_BEFORE = etree.XPath("preceding::text()[1]", smart_strings=False)


def _shown_candidate(el: HtmlElement, text: str | None) -> tuple[ParsedDate, bool] | None:
    """(day, labelled as an update) when the element ``el`` (``text`` None) or the text
    node ``text`` in ``el`` shows a day; None when it does not."""
    if text is None:
        if el.tag == "time" and el.get("datetime"):
            parsed = parse_date(str(el.get("datetime")))
        elif _named(el) and el.find(".//time") is None:  # a wrapper leaves it to its <time>s
            shown = " ".join(text_of(el).split())
            parsed = parse_date(shown) if len(shown) <= 80 else None
        else:
            return None
    else:
        shown = " ".join(text.split())
        if not shown or len(shown) > 60 or len(_label(shown)) > _LABEL_CHARS:
            return None
        parsed = parse_date(shown)
    if not parsed or parsed[1] != "day":
        return None
    before = _TEXT_BEFORE(el)  # a label outside the element: "Updated <time>"
    label = f"{text_of(el)[:80]} {' '.join(classes(el))} {(before[0] if before else '')[-40:]}"
    return parsed, bool(_UPDATED_RE.search(label))


def _walk(el: HtmlElement, hidden: bool) -> Iterator[tuple[HtmlElement, str | None]]:
    """``el`` and its content in document order: ``(el, None)`` at an element's start,
    ``(parent, text)`` for a text node; not the inside of ``_SKIP`` elements nor text
    ``hidden`` (in ``INVISIBLE`` elements)."""
    yield el, None
    hidden = hidden or el.tag in INVISIBLE
    if el.text and not hidden:
        yield el, el.text
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP:  # not comments
            yield from _walk(child, hidden)
        if child.tail and not hidden:
            yield el, child.tail


def _following(start: HtmlElement) -> Iterator[tuple[HtmlElement, str | None]]:
    """``start`` and all that follows it in the page, in document order (BeautifulSoup's
    ``next_elements``), as ``_walk`` gives it, outside the elements ``_SKIP`` names."""
    chain = [start, *start.iterancestors()]
    skipped: list[bool] = []
    hidden: list[bool] = []
    skip = hide = False
    for el in reversed(chain):  # from the root down: whether el is in a skipped element
        skip, hide = skip or el.tag in _SKIP, hide or el.tag in INVISIBLE
        skipped.append(skip)
        hidden.append(hide)
    skipped.reverse()
    hidden.reverse()
    if not skipped[0]:
        yield from _walk(start, len(chain) > 1 and hidden[1])
    for i, node in enumerate(chain[:-1]):
        parent = chain[i + 1]
        if skipped[i + 1]:
            continue
        if node.tail and not hidden[i + 1]:
            yield parent, node.tail
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in _SKIP:
                yield from _walk(sibling, hidden[i + 1])
            if sibling.tail and not hidden[i + 1]:
                yield parent, sibling.tail


def shown_date(tree: HtmlElement) -> str | None:
    """The publication date the page of ``tree`` shows in its header, as an ISO string,
    or None.

    A date labelled as an update is taken only when the header shows no other.
    """
    headline = next(
        (h for h in page_root(tree).iter("h1") if any(s.strip() for s in visible_strings(h))),
        None,
    )
    if headline is None:
        return None
    seen = 0
    updated: ParsedDate | None = None
    for el, text in _following(headline):
        if text is not None:
            seen += len(text.strip())
            # Past the zone, or into the body (a long run of text) with an update date found.
            if seen > _HEADER_ZONE or (updated and len(text.strip()) > _BODY_TEXT):
                break
        found = _shown_candidate(el, text)
        if found and not found[1]:
            return found[0][0].isoformat()
        if found and updated is None:
            updated = found[0]
    return updated[0].isoformat() if updated else None
