"""Import stage, extract: an HTML page's headline and its site's names.

The headline is the source's title without the site's name, else the source a site rule
names (``siterules``), else the one ``titles.choose_title`` picks among the title sources
the page offers (``<title>``, its article's ``<h1>``, ``og:title``, trafilatura's title,
the JSON-LD headline). The site's names (``og:site_name``, an ``<h1>`` that is the
site's name, trafilatura's guess, the host) are kept for suffixes and bylines. The
headline repeated as the body's first heading is dropped from the body.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement
from trafilatura.settings import Document

from newsarchive.importer.clean import select, tree_text
from newsarchive.importer.model import RawRecord
from newsarchive.importer.pagemeta import PageMeta
from newsarchive.importer.siterules import SiteRule
from newsarchive.importer.sitesuffix import strip_site_suffix
from newsarchive.importer.titles import (
    TitleSources,
    article_h1,
    choose_title,
    h1_names_site,
    norm_title,
)  # fmt: skip

__all__ = ["selected_title"]


def selected_title(tree: HtmlElement, selector: str) -> str | None:
    """The text of the first element ``selector`` (a site rule's ``title_selector``)
    matches, on one line; None when the page has none."""
    found = select(tree, (selector,))
    return (tree_text(found[0]) or None) if found else None


def _page_title(
    record: RawRecord,
    page: PageMeta,
    doc: Document,
    host: str | None,
    *,
    rule: SiteRule | None = None,
    selected: str | None = None,
) -> tuple[str, list[str]]:
    """The headline of an HTML page, and the names of its site (for suffixes and bylines).

    ``doc`` is trafilatura's metadata for the page (its title, site name and host guess);
    ``rule`` the site's rule, which may name the sources that hold its headline, and
    ``selected`` the text of the element its ``title_selector`` names.
    """
    stated = [page.html_title, page.og_title, page.headline, page.meta_title]
    h1 = article_h1(page.h1s, stated)
    html_title, site_h1 = page.html_title, None
    if (rest := h1_names_site(h1, html_title, stated[1:])) is not None:
        # The <h1> is the site's name; <title> holds the headline without a leading name.
        html_title, site_h1, h1 = rest, h1, None
    sources = TitleSources(
        html_title, h1, page.og_title or page.meta_title, doc.title, page.headline,
    )  # fmt: skip
    # trafilatura's site name is a guess, sometimes the headline itself; a name the
    # page states (og:site_name) and the host are kept as they are.
    guessed_name = (
        doc.sitename
        if doc.sitename and not _holds_title(doc.sitename, sources)
        and not _title_part(doc.sitename, page.html_title)
        else None
    )  # fmt: skip
    sites = [s for s in (page.site_name, site_h1, guessed_name, host, doc.hostname) if s]
    if record.title:
        return strip_site_suffix(record.title, sites), sites
    ruled = [selected, *(getattr(sources, name) for name in rule.title_sources)] if rule else []
    for text in ruled:
        if title := _ruled_title(text, sites):
            return title, sites
    return choose_title(sources, sites), sites


def _ruled_title(text: str | None, sites: list[str]) -> str | None:
    """The title a site rule's source states, without the site's name; None when the page
    does not state it there, or states only the site's name."""
    title = " ".join(strip_site_suffix(text or "", sites).split())
    names = {s.lower() for s in sites}
    return title if norm_title(title) and title.lower() not in names else None


def _holds_title(name: str, sources: TitleSources) -> bool:
    """``name`` holds one of the page's titles of three words or more: not a site name."""
    key = name.casefold()
    return any(t and len(t.split()) >= 3 and t.casefold() in key for t in sources)


def _title_part(name: str, html_title: str | None) -> bool:
    """``name`` is a spaced part of ``<title>``: trafilatura took it for a site name only
    because it holds a dot ("Lyrics : PJ Morton (Ft. Stevie Wonder)"); a domain it takes
    from there ("example.com") has no space."""
    return bool(html_title) and " " in name.strip() and name in (html_title or "")


_MD_LINK_RE = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)")


def _heading_key(text: str) -> str:
    """Letters and digits of a Markdown heading or a title: "## *Kicker* Head line" and
    "Kicker: Head line" have the same key."""
    return norm_title(_MD_LINK_RE.sub(r"\1", text).replace("_", " ")).replace(" ", "")


def _drop_title_heading(body_md: str, title: str, others: tuple[str | None, ...] = ()) -> str:
    """The page's headline repeated as the body's first heading is not body text: the
    title, another title the page states in its metadata (``others``: ``og:title``, the
    JSON-LD headline, ``<title>``; not its ``<h1>``s, which may be a section's heading),
    or the title behind a kicker ("## Umbau des Weissen Hauses Trump plant ...")."""
    first, _, rest = body_md.partition("\n")
    if not first.startswith("#"):
        return body_md
    heading = _heading_key(first.lstrip("#"))
    key = _heading_key(title)
    stated = {_heading_key(t) for t in others if t} | {key}
    if heading and (heading in stated or (len(key) >= 12 and heading.endswith(key))):
        return rest.lstrip("\n")
    return body_md
