"""Import stage, clean: scrape artefacts out of HTML, teasers turned into related links.

Two passes. ``harvest_page`` works on the whole page's lxml tree before
extraction: it drops toolbars and related-story blocks named by site rules (collecting
their links as related articles) and reads the page's tag links. ``clean_body`` works on
the extracted main text (BeautifulSoup): teaser paragraphs ("Leggi anche: ...", "Read more: ...",
all-caps link-only interlinks), related-story lists under an "Altre notizie"-style
heading, share-toolbar leftovers and "Riproduzione riservata" footers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from newsarchive.importer.markers import (
    CREDIT_ONLY_RE,
    EMBED_NOTICE_RE,
    EMBED_NOTICE_WORDS,
    FOOTER_RE,
    SHARE_RE,
    TEASER_BLOCK_HEADINGS,
    UI_LABEL_RE,
    teaser_prefix,
)
from newsarchive.importer.metatags import text_of
from newsarchive.importer.model import Related
from newsarchive.importer.siterules import GENERIC, SiteRule
from newsarchive.sanitize import safe_url

__all__ = ["Harvested", "clean_body", "harvest_page", "select", "tree_text"]

_BLOCKS = ["p", "div", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol"]
_SHARE_ONLY = re.compile(
    r"^\s*(?:condividi|share|tweet|facebook|twitter|x|linkedin|whatsapp|telegram|email|"
    r"e-mail|pinterest|copia link|copy link|stampa|print|\W)+\s*:?\s*$",
    re.I,
)


@dataclass(frozen=True)
class Harvested:
    related: tuple[Related, ...]
    tags: tuple[str, ...]


def _text(el: Tag) -> str:
    return " ".join(el.get_text(" ").split())


def _links(el: Tag) -> list[Related]:
    out = []
    for a in el.find_all("a"):
        title = _text(a)
        url = safe_url(str(a.get("href") or ""))
        if len(title.split()) >= 3:
            out.append(Related(title=title, url=url))
    return out


@lru_cache(maxsize=64)
def _compiled(selectors: tuple[str, ...]) -> CSSSelector:
    # One compiled selector list, translated to XPath and run by lxml in C: soupsieve on
    # the BeautifulSoup tree took about a third of the whole import time.
    return CSSSelector(", ".join(selectors), translator="html")


def select(root: HtmlElement, selectors: tuple[str, ...]) -> list[HtmlElement]:
    return list(_compiled(selectors)(root)) if selectors else []


def tree_text(el: HtmlElement) -> str:
    """Visible text on one line, as ``get_text(" ")`` reads it."""
    return " ".join(text_of(el).split())


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    """``el`` is still in ``root``'s tree (not inside a block dropped before it)."""
    parent = el.getparent()
    while parent is not None:
        if parent is root:
            return True
        parent = parent.getparent()
    return el is root


def _tree_links(el: HtmlElement) -> list[Related]:
    out = []
    for a in el.iter("a"):
        title = tree_text(a)
        if len(title.split()) >= 3:
            out.append(Related(title=title, url=safe_url(str(a.get("href") or ""))))
    return out


def harvest_page(tree: HtmlElement, rule: SiteRule | None) -> Harvested:
    """Drop toolbars and related blocks from ``tree`` in place; return what they held.

    ``tree`` is the page as trafilatura parses it (``trafilatura.utils.load_html``). A
    block is only dropped while it is small next to the page's text, so a broad
    selector can never take the article itself with it.
    """
    found = tree.find("body")
    body = found if found is not None else tree
    root = tree.getroottree().getroot()
    total = max(len(tree_text(body)), 1)
    rules = [GENERIC, *([rule] if rule else [])]
    tags: list[str] = []
    for a in select(body, tuple(s for r in rules for s in r.tag_links)):
        text = tree_text(a)
        if 1 < len(text) <= 40:
            tags.append(text)
    related: list[Related] = []
    for el in select(body, tuple(s for r in rules for s in r.related_blocks)):
        if not _attached(el, root) or len(tree_text(el)) > 0.3 * total:
            continue
        related.extend(_tree_links(el))
        el.drop_tree()
    for el in select(body, tuple(s for r in rules for s in r.drop)):
        if _attached(el, root) and len(tree_text(el)) <= 0.2 * total:
            el.drop_tree()
    return Harvested(related=tuple(dict.fromkeys(related)), tags=tuple(dict.fromkeys(tags)))


def _link_only(el: Tag) -> bool:
    links = el.find_all("a")
    if not links:
        return False
    linked = sum(len(_text(a)) for a in links)
    return linked >= 0.9 * len(_text(el))


def _is_interlink(el: Tag) -> bool:
    """Sky's interlinks: a paragraph that is one all-caps link to another article."""
    text = _text(el)
    letters = [c for c in text if c.isalpha()]
    return (
        _link_only(el)
        and len(text.split()) >= 3
        and bool(letters)
        and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    )


def _is_headline_list(el: Tag) -> bool:
    """A list of other articles' headlines ("Mehr zum Thema", a "Related" box with no
    heading): two or more items, each one link of three words or more to another page,
    at most behind a short bold label ("**US-Politik:** Alle Entwicklungen im Newsblog").

    A table of contents links to ``#anchors`` and a glossary's terms are short: both stay.
    """
    items = el.find_all("li", recursive=False)
    if len(items) < 2 or len(items) != len([c for c in el.children if isinstance(c, Tag)]):
        return False
    for li in items:
        links = li.find_all("a")
        if len(links) != 1 or str(links[0].get("href") or "#").startswith("#"):
            return False
        linked = _text(links[0])
        label = " ".join(_text(b) for b in li.find_all(["b", "strong"]) if not b.find("a"))
        rest = len(_text(li)) - len(linked) - len(label)
        if len(linked.split()) < 3 or len(label) > 40 or rest > 0.1 * len(linked) + 3:
            return False
    return True


def _in_page_link(href: str) -> bool:
    """``href`` points into the page itself (``#embed-2-after``; made absolute, the
    site's address and a fragment)."""
    parts = urlsplit(href)
    return bool(parts.fragment) and parts.path in {"", "/"} and not parts.query


def _notice(el: Tag, text: str) -> bool:
    """``el`` is what stands in for an embed the page did not load ("Externer Inhalt
    nicht verfügbar"), or a link skipping over it or to the page's navigation ("Jump to
    navigation", "Continue reading the main story"): a paragraph that is one link, of a
    few words, into the page itself."""
    if len(text.split()) > EMBED_NOTICE_WORDS:
        return False
    if EMBED_NOTICE_RE.search(text):
        return True
    links = el.find_all("a")
    return (
        el.name in {"p", "div"}  # a heading linking to itself is the section's permalink
        and len(links) == 1
        and _text(links[0]) == text
        and len(text.split()) >= 2
        and _in_page_link(str(links[0].get("href") or ""))
    )


def clean_body(html: str) -> tuple[str, tuple[Related, ...]]:
    """Remove artefacts from extracted main-text HTML; return it and the teasers found."""
    soup = BeautifulSoup(html, "lxml")
    related: list[Related] = []
    for el in list(soup.find_all(["ul", "ol"])):
        if not el.decomposed and _is_headline_list(el):
            related.extend(_links(el))
            el.decompose()
    for el in list(soup.find_all(_BLOCKS)):
        if el.decomposed or el.find(_BLOCKS):
            continue  # handle innermost blocks only
        text = _text(el)
        if not text:
            if not el.find("img"):
                el.decompose()
            continue
        if FOOTER_RE.match(text) or _SHARE_ONLY.match(text) or SHARE_RE.fullmatch(text):
            el.decompose()
            continue
        if not el.find("img") and (
            CREDIT_ONLY_RE.fullmatch(text) or UI_LABEL_RE.fullmatch(text) or _notice(el, text)
        ):
            el.decompose()  # a photo credit, a label, an embed's placeholder, a skip link
            continue
        if (
            el.name in {"h2", "h3", "h4", "h5", "h6", "p"}
            and text.lower().strip(" :") in TEASER_BLOCK_HEADINGS
        ):
            # A related-stories heading: it and the link-only blocks after it go.
            sibling = el.find_next_sibling()
            while isinstance(sibling, Tag) and _link_only(sibling):
                nxt = sibling.find_next_sibling()
                related.extend(_links(sibling))
                sibling.decompose()
                sibling = nxt
            el.decompose()
            continue
        prefix = teaser_prefix(text)
        if prefix and (len(text.split()) <= 30 or _link_only(el)):
            links = _links(el)
            title = text[len(prefix) :].strip(" .:-–—»")
            related.extend(links or ([Related(title=title)] if title else []))
            el.decompose()
            continue
        if _is_interlink(el):
            related.extend(_links(el))
            el.decompose()
            continue
        # Trailing "Condividi:" run into the end of a paragraph.
        share = SHARE_RE.search(text)
        if share and el.string is not None:
            el.string = text[: share.start()].rstrip()
    body = soup.body
    out = "".join(str(c) for c in body.contents) if body else str(soup)
    return out, tuple(dict.fromkeys(related))
