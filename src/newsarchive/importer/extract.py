"""Import stage, extract: one ``RawRecord`` in, one clean ``Article`` out (pure).

HTML goes through site rules and related-block harvesting on the BeautifulSoup tree,
trafilatura for the main text and metadata (kept structured, as HTML), our teaser and
toolbar cleaning, nh3 sanitizing and markdownify. Flattened text goes through
``textclean``. Metadata the source itself carried (JSON fields, feed entries) wins
over what is guessed from the content.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import trafilatura
from bs4 import BeautifulSoup
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Document

from newsarchive.importer.clean import clean_body, harvest_page
from newsarchive.importer.dates import ParsedDate, date_from_url, parse_date
from newsarchive.importer.lang import detect_language, normalize_lang
from newsarchive.importer.markdown import blocks_to_markdown, html_to_markdown
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.pagemeta import read_page_meta
from newsarchive.importer.siterules import rule_for
from newsarchive.importer.textclean import Boilerplate, clean_dump, strip_site_suffix
from newsarchive.importer.urls import site_of
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
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def _tokens(text: str) -> list[str]:
    """Word runs, each CJK/Thai character one token (those scripts have no spaces)."""
    return _TOKEN_RE.findall(text.lower())


def _words(text: str) -> int:
    # Two CJK characters count as about one word, so a Chinese article is not "too short".
    tokens = _tokens(text)
    cjk = sum(1 for t in tokens if len(t) == 1 and re.match(f"[{_CJK}]", t))
    return len(tokens) - cjk + cjk // 2


def _same_text(a: str, b: str) -> bool:
    ta, tb = Counter(_tokens(a)), Counter(_tokens(b))
    common = sum((ta & tb).values())
    total = sum(ta.values()) + sum(tb.values())
    return total > 0 and 2 * common / total >= _SAME_TEXT


def _with_images(page_html: str, url: str | None, body_html: str) -> str:
    """The body run's HTML, or the image run's when it holds the same text plus images.

    Images are markup, not a main-text decision: the image run is used only where it
    selected the same text as the body run.
    """
    doc = trafilatura.bare_extraction(
        page_html, url=url, output_format="python", with_metadata=False, include_images=True,
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


def _pick_date(*candidates: str | None, url: str | None = None) -> ParsedDate | None:
    for candidate in candidates:
        parsed = parse_date(candidate)
        if parsed:
            return parsed
    return date_from_url(url)


def _html_date(
    record: RawRecord, page_date: str | None, url: str | None, guessed: str | None
) -> ParsedDate | None:
    """Publication date: the source's, the page's markup, a full URL date, then htmldate.

    A day in the URL path (``/2021/02/14/``) is stated by the publisher; htmldate's
    guess from the page text (a "© 2022" footer, a comment's date) is the last resort.
    """
    stated = _pick_date(record.date, page_date)
    if stated:
        return stated
    from_url = date_from_url(url)
    if from_url and from_url[1] == "day":
        return from_url
    return parse_date(guessed) or from_url


def _date_params(record: RawRecord) -> dict[str, Any]:
    # Extensive search stays on: measured, turning it off lost more right dates (pages
    # stating the date only in text) than it saved. The upper bound is the fetch date,
    # never the wall clock, so a re-import gives the same date.
    latest = parse_date(record.fetched) or parse_date(record.file_time)
    return {
        "original_date": True,
        "extensive_search": True,
        "max_date": f"{latest[0]:%Y-%m-%d}" if latest else "2100-01-01",
    }


def _clean_tags(*groups: Any) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    # "NBA,LeBron James" in one keywords field is two tags.
    groups = tuple([p for tag in (g or ()) for p in str(tag).split(",")] for g in groups)
    for group in groups:
        for tag in group or ():
            text = _plain(str(tag)).strip(" #,;")
            if 1 < len(text) <= 40 and text.lower() not in seen:
                seen[text.lower()] = text
    return tuple(seen.values())


def _plain(text: str) -> str:
    """Names and tags are plain text: markup in them is dropped, not kept."""
    if "<" in text or "&" in text:
        text = BeautifulSoup(text, "lxml").get_text(" ")
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def _split_authors(values: Any) -> tuple[str, ...]:
    out: list[str] = []
    for raw in values or ():
        value = _plain(str(raw))
        for part in re.split(r";|\s+and\s+|\s+e\s+|,\s*(?=[A-ZÀ-Ý])", value):
            name = re.sub(r"^(?:by|di|a cura di)\s+", "", part.strip(), flags=re.I).strip()
            if 1 < len(name) <= 60 and not name.startswith("http"):
                out.append(name)
    return tuple(dict.fromkeys(out))


def _choose_title(
    candidates: list[str | None],
    sites: list[str],
    own: tuple[str | None, str | None] = (None, None),
) -> str:
    """The headline most of the page's title sources agree on.

    ``<title>``, ``<h1>``, ``og:title``, trafilatura's title and the JSON-LD headline
    each get it wrong on some sites (a site suffix, a section label, a social-media
    variant of the headline); what two or more of them say, after dropping site-name
    suffixes, is the headline. With no agreement the first in ``candidates`` wins.
    ``own`` are the visible ``<h1>`` and the JSON-LD headline: when those two agree,
    that is the article's headline even if ``<title>`` and ``og:title`` carry an SEO
    variant of it.
    """
    if own[0] and own[1] and _vote_key(own[0]) == _vote_key(own[1]):
        return " ".join(own[0].split())
    names = {s.lower() for s in sites if s}
    cleaned: list[str] = []
    for candidate in candidates:
        text = " ".join(strip_site_suffix(candidate or "", sites).split())
        if text and text.lower() not in names and _norm(text):
            cleaned.append(text)
    if not cleaned:
        return ""
    # A one-word "headline" is a logo, a section label or a placeholder ("WIRED",
    # "Tech", "Lorem"): it gets no vote while any source offers a longer title.
    if any(not _one_word(c) for c in cleaned):
        cleaned = [c for c in cleaned if not _one_word(c)]
    cleaned = [_core_title(c, cleaned) for c in cleaned]
    keys = [_vote_key(c) for c in cleaned]
    votes = [keys.count(k) for k in keys]
    return cleaned[votes.index(max(votes))]


_CJK_RE = re.compile(f"[{_CJK}]")


def _one_word(text: str) -> bool:
    """One word of a spaced script ("Lorem"); CJK and Thai headlines have no spaces."""
    return len(text.split()) == 1 and not _CJK_RE.search(text)


_TAIL_SEP = re.compile(r"^\s*[|｜:：_\-–—·•»/]")


def _core_title(title: str, candidates: list[str]) -> str:
    """``title`` without a tail that another source leaves off after a separator.

    "Headline：朝日新聞デジタル" beside "Headline" from ``og:title`` carries a site name
    that is neither the host nor ``og:site_name``; it votes for "Headline". A leading
    kicker ("Kenia: Nairobi von unten") is not dropped: measured, headlines keep it.
    """
    key = _vote_key(title)
    best = title
    for other in candidates:
        okey = _vote_key(other)
        if okey == key or len(okey) < 8 or len(other) >= len(best):
            continue
        tail = key[len(okey) :]
        # A site name is short next to the headline; a long tail is the headline itself
        # ("Blog Name: The Post's Title" beside an <h1> holding only "Blog Name").
        if key.startswith(okey) and _TAIL_SEP.match(tail) and len(tail) <= len(okey) / 2:
            best = other
    return best


def _vote_key(text: str) -> str:
    # "LTE-Patent : Samsung" and "LTE-Patent: Samsung" are the same headline.
    return re.sub(r"\s+([:;!?])", r"\1", " ".join(text.split())).casefold()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _resolve_date(parsed: ParsedDate | None, record: RawRecord) -> tuple[ParsedDate, list[str]]:
    if parsed:
        return parsed, []
    for value, what in (
        (record.fetched, "fetch date"),
        (record.file_time, "file's modification time"),
    ):
        fallback = parse_date(value)
        if fallback:
            return (fallback[0], "day"), [f"no publication date; used the {what}"]
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
        raise ImportFailure(record.input, f"no article text ({_words(text)} words)")
    parsed = _pick_date(record.date, url=record.url)
    if parsed is None or (parsed[1] == "year" and date_from_url(record.url)):
        parsed = date_from_url(record.url) or parsed
    (date, precision), warnings = _resolve_date(parsed, record)
    lang = normalize_lang(record.lang) or detect_language(
        cleaned.lead + " " + text, options.default_lang
    )
    return Article(
        title=cleaned.title or "Untitled",
        date=date,
        date_precision=precision,
        lang=lang,
        body_markdown=body,
        input=record.input,
        authors=_split_authors(record.authors),
        source_url=safe_url(record.url),
        site=site,
        image=safe_url(record.image),
        tags=_clean_tags(record.tags),
        summary=cleaned.lead,
        related=cleaned.related,
        warnings=(*cleaned.warnings, *warnings),
        fetched=record.fetched,
    )


def _from_html(record: RawRecord, options: ExtractOptions) -> Article:
    soup = BeautifulSoup(record.content, "lxml")
    page = read_page_meta(soup)
    url = record.url or page.canonical
    host = site_of(url)
    harvested = harvest_page(soup, rule_for(host))
    page_html = str(soup)
    doc = trafilatura.bare_extraction(
        page_html, url=url, output_format="python", with_metadata=True, **_BODY_OPTIONS,
        date_extraction_params=_date_params(record),
    )  # fmt: skip
    # With output_format="python" trafilatura returns a Document (a dict only on as_dict).
    if not isinstance(doc, Document) or doc.body is None:
        raise ImportFailure(record.input, "no article text found in the page")
    body_html = _with_images(page_html, url, build_html_output(doc, False))
    body_html, teasers = clean_body(body_html)
    body_html = sanitize_html(body_html)
    body_md = html_to_markdown(body_html)
    plain = BeautifulSoup(body_html, "lxml").get_text(" ")
    if _words(plain) < options.min_words:
        raise ImportFailure(record.input, f"no article text ({_words(plain)} words)")
    url = url or doc.url
    host = host or site_of(url) or (doc.hostname or None)
    sites = [s for s in (page.site_name, doc.sitename, host, doc.hostname) if s]
    if record.title:
        title = strip_site_suffix(record.title, sites)
    else:
        title = _choose_title(
            [page.html_title, page.h1, page.og_title, doc.title, page.headline],
            sites,
            own=(page.h1, page.headline),
        )
    parsed = _html_date(record, page.published, url, doc.date)
    (date, precision), warnings = _resolve_date(parsed, record)
    modified = parse_date(page.modified)
    lang = normalize_lang(record.lang) or normalize_lang(page.lang) or normalize_lang(doc.language)
    lang = lang or detect_language(plain, options.default_lang)
    authors = _split_authors(record.authors or page.authors or ([doc.author] if doc.author else []))
    summary = record.summary or page.description or doc.description or ""
    summary = BeautifulSoup(summary, "lxml").get_text(" ") if "<" in summary else summary
    related = tuple(dict.fromkeys([*harvested.related, *teasers]))
    body_md = _drop_title_heading(body_md, title)
    return Article(
        title=" ".join(title.split()) or "Untitled",
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


def _drop_title_heading(body_md: str, title: str) -> str:
    """The page's headline repeated as the body's first heading is not body text."""
    first, _, rest = body_md.partition("\n")
    if first.startswith("#") and _norm(first.lstrip("# ")) == _norm(title):
        return rest.lstrip("\n")
    return body_md
