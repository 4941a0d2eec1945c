"""Import stage, extract: one ``RawRecord`` in, one clean ``Article`` out (pure).

HTML is parsed once (lxml, as trafilatura parses it): the page's own metadata is read
from that tree, then site rules and related-block harvesting edit it, trafilatura takes
the main text and metadata (kept structured, as HTML), and our teaser and toolbar
cleaning, nh3 sanitizing and markdownify follow. A client-rendered page with no text of
its own is read from the article HTML in its scripts' JSON (``embedded``), with its head
kept for metadata. Flattened text goes through
``textclean``. Metadata the source itself carried (JSON fields, feed entries) wins
over what is guessed from the content.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from bs4 import BeautifulSoup
from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsarchive.importer.authors import (
    choose_authors,
    edge_byline,
    plain_text,
    split_authors,
    without_publishers,
)
from newsarchive.importer.clean import clean_body, harvest_page
from newsarchive.importer.dates import (
    ParsedDate,
    date_from_url,
    html_date,
    htmldate_params,
    parse_date,
    pick_date,
    refines,
    written_day_offsets,
)  # fmt: skip
from newsarchive.importer.dump.boilerplate import Boilerplate
from newsarchive.importer.dump.lineshape import is_listed
from newsarchive.importer.embedded import embedded_article
from newsarchive.importer.lang import (
    CJK_RE,
    detect_language,
    normalize_lang,
    page_language,
    tokens,
)
from newsarchive.importer.markdown import blocks_to_markdown, html_to_markdown
from newsarchive.importer.model import Article, ImportFailure, RawRecord, Related
from newsarchive.importer.pagemeta import PageMeta, read_page_meta
from newsarchive.importer.siterules import rule_for
from newsarchive.importer.sitesuffix import strip_site_suffix
from newsarchive.importer.textclean import clean_dump
from newsarchive.importer.titles import (
    TitleSources,
    article_h1,
    choose_title,
    h1_names_site,
    norm_title,
    tidy_title,
)  # fmt: skip
from newsarchive.importer.urls import site_of
from newsarchive.importer.zones import local_time, site_zone
from newsarchive.sanitize import safe_url, sanitize_html

__all__ = ["ExtractOptions", "extract_record"]


@dataclass(frozen=True, kw_only=True)
class ExtractOptions:
    min_words: int = 40
    default_lang: str = "en"


# The body run: links, emphasis and tables kept as markup. Not images: with
# include_images trafilatura also changes which nodes it takes as the article (it keeps
# more figure/teaser blocks), which cost 0.02 body F1 on newspaper4k's pages (bench).
_BODY_OPTIONS: dict[str, Any] = {
    "include_formatting": True, "include_links": True, "include_tables": True,
}  # fmt: skip
# An image run is kept only when its text is this close to the body run's (token F1).
_SAME_TEXT = 0.99


def _words(text: str) -> int:
    # Two CJK characters count as about one word, so a Chinese article is not "too short".
    found = tokens(text)
    cjk = sum(1 for t in found if len(t) == 1 and CJK_RE.match(t))
    return len(found) - cjk + cjk // 2


def _same_text(a: str, b: str) -> bool:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    total = sum(ta.values()) + sum(tb.values())
    return total > 0 and 2 * common / total >= _SAME_TEXT


def _with_images(tree: HtmlElement, url: str | None, body_html: str) -> str:
    """The body run's HTML, or the image run's when it holds the same text plus images.

    Images are markup, not a main-text decision: the image run is used only where it
    selected the same text as the body run.
    """
    doc = trafilatura.bare_extraction(
        tree, url=url, output_format="python", with_metadata=False, include_images=True,
        **_BODY_OPTIONS,
    )  # fmt: skip
    if not isinstance(doc, Document) or doc.body is None:
        return body_html
    with_images = build_html_output(doc, False)
    if "<img" not in with_images:
        return body_html
    text = BeautifulSoup(body_html, "lxml").get_text(" ")
    if _same_text(BeautifulSoup(with_images, "lxml").get_text(" "), text):
        return with_images
    return body_html


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


# The address of a list of articles: a tag, category, topic, author or section page, a
# page of such a list, or a year's, month's or day's archive ("/2018/12"). Not
# "/archives/<id>": WordPress sites (getnews.jp) put their articles there.
_LISTING_PATH = re.compile(
    r"/(?:tags?|category|categories|topics?|authors?|section|page)/[^/]+/?$"
    r"|^/(?:19|20)\d\d(?:/[01]?\d(?:/[0-3]?\d)?)?/?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？।؟](?=[\"”’')\]]*(?:\s|$))")
# Running prose ends a sentence every 15 to 30 words; a list of headlines and teasers
# hardly ever (tech-articles-sample: articles at such addresses 18-26 words a sentence,
# the listings 59-457).
_LISTING_WORDS_PER_SENTENCE = 50


# A list of teasers at any address: each teaser shows its date (ten days or more, one in
# 60 words or fewer) and there is little running prose (30 words or more a sentence).
# The Guardian's section pages ("/media/buzzfeed") have no listing address, and their
# standfirsts no full stops (tech-articles-sample: its 6 such pages show 20-30 days, one
# in 28-45 words; none of its articles shows more than 9). Days written in words only: a
# table's numeric dates are data (mozilla toc-missing shows 112).
_TEASER_DATES = 10
# ... unless most of its sentences, this many or more, stand between two of its dates.
_ARTICLE_SENTENCES = 4
_WORDS_PER_TEASER_DATE = 60
_TEASER_WORDS_PER_SENTENCE = 30


def _listing(record: RawRecord, url: str | None, text: str) -> None:
    """Refuse a list of headlines scraped as if it were an article: its address names a
    listing, and its text is 150 words or more with almost no sentence in it; or, at any
    address, 150 words or more of dated teasers with few sentences."""
    path = urlsplit(url or "").path
    words = _words(text)
    if words < 150:
        return
    ends = len(_SENTENCE_END.findall(text))
    if _LISTING_PATH.search(path) and words >= _LISTING_WORDS_PER_SENTENCE * max(ends, 1):
        raise ImportFailure(
            record.input,
            f"no article text: a listing page ({path}: {words} words, {ends} sentences)",
        )
    if words >= _TEASER_WORDS_PER_SENTENCE * max(ends, 1):
        offsets = written_day_offsets(text)
        days = len(offsets)
        if (
            days >= _TEASER_DATES
            and words <= _WORDS_PER_TEASER_DATE * days
            and not _has_undated_prose(text, ends, offsets)
        ):
            raise ImportFailure(
                record.input,
                f"no article text: a listing page ({path or 'no address'}: {words} words, "
                f"{days} dated teasers, {ends} sentences)",
            )


# A sentence of running prose: 3 to 80 words, four in ten of them lower case. A menu, a
# headline and a list of names are capitalised; a run of 80 words and more without a
# full stop is a menu ("switch to the UK edition switch to the …") or a list, and a line
# break ends a sentence too.
_PROSE_SENTENCE_WORDS = 3
_MAX_SENTENCE_WORDS = 80
_PROSE_LOWER_SHARE = 0.4
# An article has prose: this many of its words are in sentences, or in the items of a
# written list, code or a table (tech-articles-sample: its articles 64 words or more; its
# day archives, one teaser each, and an event's schedule none; the bench's dumps: a video
# page's related titles 8). No share of the words is asked for: a deals list is mostly
# product names (a Mental Floss page: 131 of its 2,127 words).
_MIN_PROSE_WORDS = 30
# Only where words have case: CJK, Thai and Arabic text has no lower-case words to count.
_CASED_SHARE = 0.5


# The items of a list run into a line ("… with smooth versions + Added Slime Block + …"):
# three bullets or more, items of three words or more (a menu's "News - Sport" has fewer).
_INLINE_BULLET = re.compile(r"(?<=\s)[-+*•◦▪‣–](?=\s)")
_MIN_INLINE_ITEMS = 3
_ITEM_WORDS = 3


def _prose_words(text: str) -> tuple[int, int]:
    """The words of ``text`` in sentences of running prose or in a list's items, code or a
    table's rows (``textclean.is_listed``), and its words in all. A word of a script
    without case (a Japanese sentence in a page of Latin menus) counts as lower case."""
    prose = 0
    for whole in text.split("\n"):
        items = _INLINE_BULLET.split(whole)
        line = whole
        if len(items) > _MIN_INLINE_ITEMS:
            prose += sum(n for item in items[1:] if (n := len(item.split())) >= _ITEM_WORDS)
            line = items[0]
        if is_listed(line):
            prose += len(line.split())
            continue
        start = 0
        for end in [m.end() for m in _SENTENCE_END.finditer(line)]:
            sentence, start = line[start:end], end
            words = sentence.split()
            # Written without spaces, a sentence is counted in characters (``_words``).
            count = _words(sentence) if CJK_RE.search(sentence) else len(words)
            lower = sum(1 for w in words if w[:1].islower() or _uncased(w[:1]))
            sized = _PROSE_SENTENCE_WORDS <= count <= _MAX_SENTENCE_WORDS
            if sized and (lower >= _PROSE_LOWER_SHARE * len(words) or CJK_RE.search(sentence)):
                prose += count
    return prose, len(text.split())


def _uncased(char: str) -> bool:
    return char.isalpha() and char.lower() == char.upper()


def _no_prose(record: RawRecord, text: str) -> None:
    """Refuse a dump with no running prose in it: a day's archive page, a site's menus (a
    small corpus of dumps has not learned them), an event's schedule. Scripts without case
    are not judged. Not applied to HTML pages: there trafilatura has found the main text,
    and a page that is a video or a gallery with a caption is still the publisher's."""
    letters = [c for c in text if c.isalpha()]
    cased = sum(1 for c in letters if not _uncased(c))
    if not letters or cased < _CASED_SHARE * len(letters):
        return
    prose, words = _prose_words(text)
    if prose < _MIN_PROSE_WORDS:
        raise ImportFailure(
            record.input,
            f"no article text: no running prose ({words} words, {prose} in sentences)",
        )


def _has_undated_prose(text: str, ends: int, offsets: list[int]) -> bool:
    """``text`` holds an article's prose between two of the days it shows (at
    ``offsets``): most of its ``ends`` sentences, ``_ARTICLE_SENTENCES`` or more, in one
    stretch. A list of teasers has a sentence or two between dates; an article with
    dated teasers run into it (a page flattened with its sidebars on the same lines) has
    its text in one stretch."""
    cuts = [0, *offsets, len(text)]
    most = max(len(_SENTENCE_END.findall(text[a:b])) for a, b in itertools.pairwise(cuts))
    return most >= max(_ARTICLE_SENTENCES, ends / 2)


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


def _html_body(
    tree: HtmlElement, url: str | None, dates: dict[str, Any]
) -> tuple[Document, str, str, tuple[Related, ...]] | None:
    """trafilatura's metadata and main text for the page, the text cleaned of teasers
    and sanitized: the document, the body HTML, its plain text and the teasers taken out
    of it; None when trafilatura finds no main text."""
    doc = trafilatura.bare_extraction(
        deepcopy(tree), url=url, output_format="python", with_metadata=True, **_BODY_OPTIONS,
        date_extraction_params=dates,
    )  # fmt: skip
    # With output_format="python" trafilatura returns a Document (a dict only on as_dict).
    if not isinstance(doc, Document) or doc.body is None:
        return None
    body_html = _with_images(tree, url, build_html_output(doc, False))
    body_html, teasers = clean_body(body_html)
    body_html = sanitize_html(body_html)
    return doc, body_html, BeautifulSoup(body_html, "lxml").get_text(" "), teasers


def _with_body(tree: HtmlElement, article: str | None) -> HtmlElement | None:
    """A copy of the page whose ``<body>`` is ``article`` alone (its head, and with it the
    page's metadata, kept); None without an article or a body."""
    if article is None:
        return None
    shell = deepcopy(tree)
    body = shell.find("body")
    if body is None:
        return None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.append(fragment_fromstring(article))
    return shell


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
    harvested = harvest_page(tree, rule_for(host))
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
    title, sites = _page_title(record, page, doc, host)
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


def _page_title(
    record: RawRecord, page: PageMeta, doc: Document, host: str | None
) -> tuple[str, list[str]]:
    """The headline of an HTML page, and the names of its site (for suffixes and bylines).

    ``doc`` is trafilatura's metadata for the page (its title, site name and host guess).
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
    title = strip_site_suffix(record.title, sites) if record.title else choose_title(sources, sites)
    return title, sites


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
