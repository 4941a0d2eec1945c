"""Import stage, extract: one ``RawRecord`` in, one clean ``Article`` out (pure).

HTML is parsed once (lxml, as trafilatura parses it): the page's own metadata is read
from that tree, then site rules and related-block harvesting edit it, trafilatura takes
the main text and metadata (kept structured, as HTML: ``htmlbody``), and our teaser and
toolbar cleaning, nh3 sanitizing and markdownify follow. A client-rendered page with no
text of its own is read from the article HTML in its scripts' JSON (``embedded``), with
its head kept for metadata. Flattened text goes through ``textclean``. Metadata the
source itself carried (JSON fields, feed entries) wins over what is guessed from the
content. The headline is chosen in ``pagetitle``; listing pages and dumps without prose
are refused in ``listings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsarchive.importer.authors import choose_authors, split_authors, without_publishers
from newsarchive.importer.authors.names import plain_text
from newsarchive.importer.authors.page import edge_byline
from newsarchive.importer.clean import harvest_page
from newsarchive.importer.dates import (
    ParsedDate,
    date_from_url,
    html_date,
    htmldate_params,
    parse_date,
    pick_date,
    refines,
)  # fmt: skip
from newsarchive.importer.dump.boilerplate import Boilerplate
from newsarchive.importer.embedded import embedded_article
from newsarchive.importer.htmlbody import _html_body, _with_body
from newsarchive.importer.lang import detect_language, normalize_lang, page_language, tokens
from newsarchive.importer.listings import _listing, _no_prose, _words
from newsarchive.importer.markdown import blocks_to_markdown, html_to_markdown
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.pagemeta import PageMeta, read_page_meta
from newsarchive.importer.pagetitle import _drop_title_heading, _page_title, selected_title
from newsarchive.importer.siterules import rule_for
from newsarchive.importer.sitesuffix import strip_site_suffix
from newsarchive.importer.textclean import clean_dump
from newsarchive.importer.titles import tidy_title
from newsarchive.importer.urls import site_of
from newsarchive.importer.zones import local_time, site_zone
from newsarchive.sanitize import safe_url

__all__ = ["ExtractOptions", "extract_record"]


@dataclass(frozen=True, kw_only=True)
class ExtractOptions:
    min_words: int = 40
    default_lang: str = "en"


def _clean_tags(*groups: Any) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    # "NBA,LeBron James" in one keywords field is two tags.
    groups = tuple([p for tag in (g or ()) for p in str(tag).split(",")] for g in groups)
    for group in groups:
        for tag in group or ():
            text = plain_text(str(tag)).strip(" #,;")
            if 1 < len(text) <= 40 and text.lower() not in seen:
                seen[text.lower()] = text
    return tuple(seen.values())


def _resolve_date(
    parsed: ParsedDate | None, record: RawRecord, host: str | None
) -> tuple[ParsedDate, list[str]]:
    """The publication date, else the fetch date or the file's time (with a warning);
    a time stated in UTC is moved into the site's zone (``zones``)."""
    zone = site_zone(host)
    if parsed:
        return (local_time(parsed[0], zone), parsed[1]), []
    for value, what in (
        (record.fetched, "fetch date"),
        (record.file_time, "file's modification time"),
    ):
        fallback = parse_date(value)
        if fallback:
            stamp = local_time(fallback[0], zone)
            return (stamp, "day"), [f"no publication date; used the {what}"]
    raise ImportFailure("", "no publication date found")


def extract_record(
    record: RawRecord, *, options: ExtractOptions | None = None,
    boilerplate: Boilerplate | None = None,
) -> Article:  # fmt: skip
    """Extract ``record`` into an ``Article``; ``ImportFailure`` says why it cannot be."""
    options = options or ExtractOptions()
    if record.error:
        raise ImportFailure(record.input, record.error)
    try:
        if record.kind == "html":
            return _from_html(record, options)
        return _from_text(record, options, boilerplate)
    except ImportFailure as exc:
        raise ImportFailure(record.input, exc.reason) from None


def _from_text(
    record: RawRecord, options: ExtractOptions, boilerplate: Boilerplate | None
) -> Article:
    site = site_of(record.url)
    title = strip_site_suffix(record.title, [site or ""]) if record.title else None
    cleaned = clean_dump(record.content, title=title, site=site, boilerplate=boilerplate)
    body = blocks_to_markdown(cleaned.blocks)
    text = " ".join(b.text for b in cleaned.blocks)
    if _words(text) < options.min_words:
        raise _no_text(record, f"no article text ({_words(text)} words)")
    # A listing is told by the whole page's text, with the headlines after its intro.
    _listing(record, record.url, f"{text}\n{cleaned.trailing}")
    _no_prose(record, "\n".join(b.text for b in cleaned.blocks))
    parsed = pick_date(record.date, url=record.url)
    if parsed is None or (parsed[1] == "year" and date_from_url(record.url)):
        parsed = date_from_url(record.url) or parsed
    # The day the text shows under its headline refines a stated year or month; it never
    # overrides what the record or the URL states.
    if refines(shown := parse_date(cleaned.date), parsed):
        parsed = shown
    (date, precision), warnings = _resolve_date(parsed, record, site_of(record.url))
    lang = normalize_lang(record.lang) or detect_language(
        cleaned.lead + " " + text, options.default_lang
    )
    return Article(
        title=tidy_title(cleaned.title) or "Untitled",
        date=date,
        date_precision=precision,
        lang=lang,
        body_markdown=body,
        input=record.input,
        authors=split_authors(record.authors) or without_publishers(cleaned.authors, [site]),
        source_url=safe_url(record.url),
        site=site,
        image=safe_url(record.image),
        tags=_clean_tags(record.tags),
        summary=cleaned.lead,
        related=cleaned.related,
        warnings=(*cleaned.warnings, *warnings),
        fetched=record.fetched,
    )


def _no_text(record: RawRecord, reason: str) -> ImportFailure:
    """The failure of a record too short to be an article, saying why when the source
    knows ("the feed gives only a summary")."""
    return ImportFailure(
        record.input, f"{reason}; {record.short_because}" if record.short_because else reason
    )


def _states_day(record: RawRecord, page: PageMeta) -> bool:
    """The source or the page's markup states the publication day: ``html_date`` takes it
    and never looks at htmldate's guess, so htmldate need not search the page's text."""
    stated = pick_date(record.date, page.published)
    return stated is not None and stated[1] == "day"


# Where a page marks its article's body: schema.org's microdata, a lone <article>, the
# body classes of the common CMSs and themes (WordPress, Newspaper, news sites).
_MARKED_BODY = etree.XPath(
    "//*[@itemprop='articleBody'] | //article"
    " | //*[contains(@class, 'content') or contains(@class, 'body')]"
)
_BODY_CLASS = re.compile(
    r"(?:^|\s)(?:entry-content|post-content|article-body|article__body|story-body|"
    r"td-post-content)(?:\s|$)"
)
MARKED_BODY_SHARE = 0.5


def _marked_body(tree: HtmlElement, plain: str, options: ExtractOptions) -> HtmlElement | None:
    """A copy of the page with only its marked article body (``_MARKED_BODY``), when
    the page marks exactly one, of an article's length, and the text trafilatura
    picked (``plain``) holds at most half of its words, or is at most half its words
    (a longer block beside it won: goose3's test_articlebody_* pages, TechRadar's
    buying guide); None otherwise, and for the usual page, whose pick is its marked
    body with a heading or a lead more. Words are compared as a set of word forms."""
    marked = [
        el for el in _MARKED_BODY(tree)
        if el.tag == "article" or el.get("itemprop") == "articleBody"
        or _BODY_CLASS.search(el.get("class") or "")
    ]  # fmt: skip
    outer = [el for el in marked if not any(o in el.iterancestors() for o in marked)]
    if len(outer) != 1:
        return None
    words = tokens(outer[0].text_content())
    if len(words) < options.min_words:
        return None
    picked = tokens(plain)
    held, marked_words = set(picked), set(words)
    holds_it = sum(w in held for w in words) > MARKED_BODY_SHARE * len(words)
    mostly_it = sum(w in marked_words for w in picked) > MARKED_BODY_SHARE * len(picked)
    if holds_it and mostly_it:
        return None
    return _with_body(tree, etree.tostring(outer[0], encoding="unicode", with_tail=False))


def _from_html(record: RawRecord, options: ExtractOptions) -> Article:
    # The page is parsed once, the way trafilatura parses it: its metadata is read from
    # that tree before site rules edit it, and each trafilatura run gets its own copy
    # (it prunes the tree it is given).
    tree = load_html(record.content)
    if tree is None:
        raise ImportFailure(record.input, "not an HTML page")
    page = read_page_meta(tree)
    url = record.url or page.canonical
    host = site_of(url)
    rule = rule_for(host)
    selected = selected_title(tree, rule.title_selector) if rule and rule.title_selector else None
    harvested = harvest_page(tree, rule)
    dates = htmldate_params(record, search_text=not _states_day(record, page))
    found = _html_body(tree, url, dates)
    words = _words(found[2]) if found else 0
    if words < options.min_words:
        # A client-rendered page: the article only in a script's JSON (embedded.py).
        scripts = tree.xpath("//script[not(@src)]/text()")
        shell = _with_body(tree, embedded_article(scripts))
        alt = _html_body(shell, url, dates) if shell is not None else None
        if alt is not None and _words(alt[2]) > words:
            found = alt
    if found is not None and (marked := _marked_body(tree, found[2], options)) is not None:
        # The page marks its article's body, and the generic pick missed most of it.
        alt = _html_body(marked, url, dates)
        if alt is not None and _words(alt[2]) >= options.min_words:
            found = alt
    if found is None:
        raise _no_text(record, "no article text found in the page")
    doc, body_html, plain, teasers = found
    if _words(plain) < options.min_words:
        raise _no_text(record, f"no article text ({_words(plain)} words)")
    edge, body_html = edge_byline(body_html)
    body_md = html_to_markdown(body_html)
    url = url or doc.url
    _listing(record, url, plain)
    host = host or site_of(url) or (doc.hostname or None)
    title, sites = _page_title(record, page, doc, host, rule=rule, selected=selected)
    parsed = html_date(record, page.published, url, doc.date, page.shown_date)
    (date, precision), warnings = _resolve_date(parsed, record, host)
    modified = parse_date(page.modified)
    stated = normalize_lang(page.lang) or normalize_lang(doc.language)
    lang = normalize_lang(record.lang) or page_language(stated, plain, options.default_lang)
    authors = choose_authors(
        record.authors, ld=page.authors, meta=page.meta_authors, byline=page.byline_authors,
        extracted=doc.author, edge=edge, sites=sites,
    )  # fmt: skip
    summary = record.summary or page.description or doc.description or ""
    summary = BeautifulSoup(summary, "lxml").get_text(" ") if "<" in summary else summary
    related = tuple(dict.fromkeys([*harvested.related, *teasers]))
    body_md = _drop_title_heading(body_md, title, (page.og_title, page.headline, page.html_title))
    return Article(
        title=tidy_title(title) or "Untitled",
        date=date,
        date_precision=precision,
        lang=lang,
        body_markdown=body_md,
        input=record.input,
        authors=authors,
        source_url=safe_url(url),
        site=host,
        image=safe_url(record.image or page.image or doc.image),
        tags=_clean_tags(record.tags, page.keywords, doc.tags, doc.categories, harvested.tags),
        summary=" ".join(summary.split()),
        related=tuple(r for r in related if r.url != url),
        warnings=tuple(warnings),
        fetched=record.fetched,
        modified=modified[0] if modified else None,
    )
