"""Site stage: the theme and the ``newsarchive_site`` plugin, end to end and in parts."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import feedparser  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Browser

from conftest import make_site as empty_site
from newsarchive.sanitize import sanitize_html
from newsarchive.site import SiteError
from newsarchive.site.hooks import prepare_content, related_links, shows_picture
from newsarchive.site.sitemap import SitemapEntry, collect_entries, render_sitemap
from newsarchive.site.ui import (
    UI_STRINGS,
    Translator,
    date_iso,
    display_date,
    period_title,
    ui_lang,
    ui_text,
)
from site_fixtures import (
    RELATED_STORIES,
    SITEURL,
    TEASER,
    build,
    built_site,
    hostile_site,
    make_site,
    parse_page,
    related_site,
    related_targets,
)

__all__ = ["built_site", "hostile_site"]  # pytest finds the fixtures through this import

MUSK = "2021/02/musk-invita-putin-su-clubhouse.html"
CLOUD = "2021/02/le-aziende-italiane-e-il-cloud.html"
APPLE = "2020/06/apple-announces-new-chips.html"
WIRED = "2020/01/big-techs-role-in-policing-the-protests.html"
ARTICLES = [MUSK, CLOUD, APPLE, WIRED]
HOSTILE = "2021/03/hostile.html"
Tags = list[tuple[str, list[tuple[str, str | None]]]]


class _Tags(HTMLParser):
    """Every start tag with its attributes, to check markup rather than text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parse_tags(html: str) -> Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


# --- ui: strings and dates -------------------------------------------------------------

D = dt.datetime(2021, 2, 14, 9, 30)


@pytest.mark.parametrize(
    ("precision", "lang", "expected"),
    [
        ("day", "it", "14 febbraio 2021"),
        ("day", "en", "14 February 2021"),
        ("month", "it", "febbraio 2021"),
        ("month", "en", "February 2021"),
        ("year", "it", "2021"),
        ("year", "en", "2021"),
        ("bogus", "en", "14 February 2021"),  # unknown precision: the full date
        ("month", "it-IT", "febbraio 2021"),
        ("month", "de", "February 2021"),  # unsupported language: English
        ("month", None, "February 2021"),
    ],
)
def test_display_date(precision: str, lang: str | None, expected: str) -> None:
    assert display_date(D, precision, lang) == expected


@pytest.mark.parametrize(
    ("precision", "expected"), [("day", "2021-02-14"), ("month", "2021-02"), ("year", "2021")]
)
def test_date_iso(precision: str, expected: str) -> None:
    assert date_iso(D, precision) == expected


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        ((2021,), "en", "2021"),
        ((2021, 2), "it", "febbraio 2021"),
        ((2021, 2, 14), "en", "14 February 2021"),
    ],
)
def test_period_title(period: tuple[int, ...], lang: str, expected: str) -> None:
    assert period_title(period, lang) == expected


@pytest.mark.parametrize(
    ("lang", "default", "expected"),
    [
        ("it", "en", "it"),
        ("IT_it", "en", "it"),
        ("en-GB", "it", "en"),
        ("fr", "it", "it"),
        (None, "en", "en"),
    ],
)
def test_ui_lang(lang: str | None, default: str, expected: str) -> None:
    assert ui_lang(lang, default) == expected


def test_ui_strings_have_the_same_keys_in_every_language() -> None:
    assert set(UI_STRINGS["it"]) == set(UI_STRINGS["en"])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("it", "Leggi su tg24.sky.it"), ("en", "Read at tg24.sky.it"), (None, "Leggi su tg24.sky.it")],
)
def test_translator(lang: str | None, expected: str) -> None:
    # The site default (here Italian) is used when no language is given.
    assert Translator("it")("read_at", lang, site="tg24.sky.it") == expected


def test_unknown_ui_string_is_an_error() -> None:
    with pytest.raises(SiteError, match="no_such_key"):
        ui_text("no_such_key", "en")


# --- hooks and sitemap in parts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("Solo titolo |", [{"title": "Solo titolo", "url": None, "internal": None}]),
        ("A | https://a.example/x", [{"title": "A", "url": "https://a.example/x", "internal": None}]),
        (["A | javascript:alert(1)", "B | https://b.example"],
         [{"title": "A", "url": None, "internal": None},
          {"title": "B", "url": "https://b.example", "internal": None}]),
        (["x | https://a.example/\" onmouseover=\"y"], [{"title": "x", "url": None, "internal": None}]),
        # links to this archive's own articles need resolving: title only until then
        ("Other | {filename}../03/other-story.md", [{"title": "Other", "url": None, "internal": None}]),
        ("Other | 2021/02/other-story.html", [{"title": "Other", "url": None, "internal": None}]),
        ("Evil | ../../etc/passwd.html", [{"title": "Evil", "url": None, "internal": None}]),
    ],
)  # fmt: skip
def test_related_links(raw: object, expected: list[dict[str, str | None]]) -> None:
    assert related_links(raw) == expected


def test_related_links_resolved_to_the_url_given() -> None:
    urls = {"{filename}../03/other.md": "other/", "2021/02/old.html": "posts/2021/old/"}
    raw = ["Other | {filename}../03/other.md", "Old | 2021/02/old.html",
           "Gone | {filename}gone.md", "Out | https://a.example/x"]  # fmt: skip
    assert related_links(raw, urls.get) == [
        {"title": "Other", "url": "other/", "internal": "1"},
        {"title": "Old", "url": "posts/2021/old/", "internal": "1"},
        {"title": "Gone", "url": None, "internal": None},
        {"title": "Out", "url": "https://a.example/x", "internal": None},
    ]


class _Content:
    def __init__(self, url: str, date: dt.datetime, status: str = "published") -> None:
        self.url, self.date, self.status = url, date, status


def test_collect_entries_sorted_unique_and_published_only() -> None:
    utc = dt.UTC
    contents = [
        _Content("b.html", dt.datetime(2021, 1, 1, tzinfo=utc)),
        _Content("a.html", dt.datetime(2020, 1, 1, tzinfo=utc)),
        _Content("d.html", dt.datetime(2022, 1, 1, tzinfo=utc), status="draft"),
    ]
    entries = collect_entries(contents, "https://x.example/")
    assert [e.loc for e in entries] == [
        "https://x.example/",
        "https://x.example/a.html",
        "https://x.example/b.html",
    ]
    assert entries[0].lastmod == "2021-01-01T00:00:00+00:00"  # home: the newest content


def test_render_sitemap_escapes() -> None:
    xml = render_sitemap([SitemapEntry("https://x.example/a?b=1&c=2", "2021-01-01")])
    assert "a?b=1&amp;c=2" in xml
    assert ET.fromstring(xml).tag.endswith("urlset")


# --- the built fixture site -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "lang", "texts"),
    [
        (MUSK, "it", ["febbraio 2021", 'datetime="2021-02"', "Leggi su tg24.sky.it"]),
        (MUSK, "it", ["Leggi anche", "Fonte: tg24.sky.it", "Cerca nell&#39;archivio"]),
        (CLOUD, "it", ["10 febbraio 2021", "Leggi su example.it", "Vai al contenuto"]),
        (APPLE, "en", ["22 June 2020", "Read at example.com", "Jane Doe", "John Roe"]),
        (WIRED, "en", [">2020</time>", 'datetime="2020"', "Read at wired.com"]),
    ],
)  # fmt: skip
def test_article_page(built_site: Path, rel: str, lang: str, texts: list[str]) -> None:
    html = read(built_site, rel)
    assert f'<html lang="{lang}">' in html
    for text in texts:
        assert text in html


def test_month_precision_article_never_shows_a_day(built_site: Path) -> None:
    html = read(built_site, MUSK)
    assert "1 febbraio 2021" not in html
    assert "febbraio 2021" in html


@pytest.mark.parametrize(
    "rel",
    [
        "index.html",
        "archives.html",
        "tags.html",
        "sources.html",
        "authors.html",
        "2021/index.html",
        "404.html",
    ],
)
def test_site_pages_use_default_lang(built_site: Path, rel: str) -> None:
    html = read(built_site, rel)
    assert '<html lang="en">' in html
    assert 'href="./search.html"' in html or 'href="../search.html"' in html


@pytest.mark.parametrize(
    ("rel", "texts"),
    [
        ("index.html", ['<html lang="it">', "Ultimi articoli", "Cerca nell&#39;archivio"]),
        ("tags.html", ["1 articolo", "Tag"]),
        ("2021/02/index.html", ["Archivio: febbraio 2021"]),
        (APPLE, ['<html lang="en">', "Read at example.com"]),  # articles keep their own
    ],
)
def test_site_pages_follow_default_lang_it(tmp_path: Path, rel: str, texts: list[str]) -> None:
    out = build(make_site(tmp_path / "it"), DEFAULT_LANG="it")
    html = read(out, rel)
    for text in texts:
        assert text in html


def test_source_link_is_nofollow(built_site: Path) -> None:
    tags = parse_tags(read(built_site, MUSK))
    links = [dict(a) for t, a in tags if t == "a" and dict(a).get("class") == "source-link"]
    assert links == [
        {
            "class": "source-link",
            "href": "https://tg24.sky.it/tecnologia/2021/02/14/musk-putin-clubhouse",
            "rel": "nofollow noopener noreferrer",
        }
    ]
    # The line reads as words: the two links apart, not "tg24.sky.it·Fonte".
    line = read(built_site, MUSK).split('class="meta source">', 1)[1].split("</p>", 1)[0]
    words = " ".join(re.sub(r"<[^>]+>", "", line).split())
    assert words == "Leggi su tg24.sky.it · Fonte: tg24.sky.it", words


def test_article_without_a_source_address_names_its_source_once(tmp_path: Path) -> None:
    # A dump with no URL (the seed) has no site: its source archive's link alone names it.
    doc = "Title: Senza fonte\nDate: 2021-02-01\nLang: it\nCategory: misc\n\nTesto.\n"
    out = build(make_site(tmp_path / "n", extra_content={"articles/2021/02/n.md": doc}))
    source = read(out, "2021/02/senza-fonte.html").split('class="meta source"', 1)[1]
    source = source.split("</p>", 1)[0]
    assert source.count("Fonte") == 1
    assert 'href="../../source/misc.html"' in source
    assert "source-link" not in source


def test_related_links_rendered(built_site: Path) -> None:
    html = read(built_site, MUSK)
    related = html.split('id="related-heading"', 1)[1].split("</aside>", 1)[0]
    # With a URL: a link; without one: plain text.
    assert 'href="https://tg24.sky.it/tecnologia/zuckerberg-clubhouse"' in related
    assert "<li>App Clubhouse, come funziona il nuovo social dei messaggi vocali</li>" in related


@pytest.mark.parametrize(
    ("rel", "texts"),
    [
        ("tag/elon-musk.html", ["Tag: elon musk", MUSK]),
        ("tag/apple.html", ["Tag: apple", APPLE]),
        ("source/tg24skyit.html", ["Source: tg24.sky.it", MUSK]),
        ("source/wiredcom.html", ["Source: wired.com", WIRED]),
        ("author/maria-rossi.html", ["Articles by Maria Rossi", CLOUD]),
        ("2021/index.html", ["Archives: 2021", "February 2021", "2021/02/index.html", MUSK, CLOUD]),
        ("2021/02/index.html", ["Archives: February 2021", MUSK, CLOUD]),
        ("archives.html", ["2021/index.html", "2020/index.html", *ARTICLES]),
        ("index.html", ARTICLES),
        ("tags.html", ["tag/elon-musk.html", "tag/clubhouse.html"]),
        ("sources.html", ["source/tg24skyit.html", "source/examplecom.html"]),
    ],
)  # fmt: skip
def test_listing_pages(built_site: Path, rel: str, texts: list[str]) -> None:
    html = read(built_site, rel)
    for text in texts:
        assert text in html


def test_index_lists_newest_first(built_site: Path) -> None:
    html = read(built_site, "index.html")
    positions = [html.index(rel) for rel in [CLOUD, MUSK, APPLE, WIRED]]
    assert positions == sorted(positions)


def test_pagination_links_with_rel(tmp_path: Path) -> None:
    out = build(make_site(tmp_path / "paged"), DEFAULT_PAGINATION=2)
    # Four articles, two a page: the home page and page 1, the oldest two.
    first = [dict(a) for t, a in parse_tags(read(out, "index.html")) if t == "a"]
    oldest = [dict(a) for t, a in parse_tags(read(out, "page/1/index.html")) if t == "a"]
    assert {"rel": "next", "href": "./page/1/index.html"} in first
    assert {"rel": "prev", "href": "../../index.html"} in oldest
    assert "Articles from 2020 to 22 June 2020" in read(out, "page/1/index.html")
    # The home page's two articles are Italian: the label's dates are in the page's
    # language, not in each article's ("febbraio").
    assert "Articles from February 2021 to 10 February 2021" in read(out, "index.html")


def _story(root: Path, n: int) -> None:
    path = root / "content" / "articles" / f"story-{n:02d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: Story {n}\nDate: 2021-01-{n + 1:02d} 10:00\nTags: common\n\nStory {n}.\n"
    )


def test_list_pages_keep_their_articles_when_newer_ones_arrive(tmp_path: Path) -> None:
    """Pages are numbered from the oldest, so a new article changes the newest page of
    its lists and no other (Pelican's numbering moved every article down every page)."""
    root = empty_site(tmp_path / "grow")
    for n in range(7):
        _story(root, n)

    def pages() -> dict[str, bytes]:
        out = root / "output"
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("page/*/*"))}

    out = build(root, DEFAULT_PAGINATION=2)
    seven = pages()
    # 7 articles: the home page holds the newest three, page 2 the next two, page 1 the oldest.
    lists = ("", "source/articles/", "tag/common/")  # home, the folder's source, the tag
    assert sorted(seven) == [f"{base}page/{n}/index.html" for base in lists for n in (1, 2)]
    home, oldest = read(out, "index.html"), seven["page/1/index.html"].decode()
    assert [home.index(f"Story {n}<") for n in (6, 5, 4)] == sorted(
        home.index(f"Story {n}<") for n in (6, 5, 4)
    )
    assert "Story 0<" in oldest and "Story 1<" in oldest
    assert "Story 4<" not in read(out, "page/2/index.html")
    _story(root, 7)  # an eighth article seals page 3; pages 1 and 2 keep their articles
    build(root, DEFAULT_PAGINATION=2)
    eight = pages()
    assert eight["page/1/index.html"] == seven["page/1/index.html"]
    assert "Story 4<" in eight["page/3/index.html"].decode()
    _story(root, 8)  # a ninth only joins the home page: no other page changes
    build(root, DEFAULT_PAGINATION=2)
    assert pages() == eight
    assert "Story 8<" in read(out, "index.html")


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_feeds_parse(built_site: Path, feed: str) -> None:
    parsed = feedparser.parse(str(built_site / feed))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert sorted(e.link for e in parsed.entries) == sorted(f"{SITEURL}/{a}" for a in ARTICLES)


def test_base_links_feeds_and_stylesheet(built_site: Path) -> None:
    tags = parse_tags(read(built_site, "index.html"))
    links = [dict(a) for t, a in tags if t == "link"]
    types = {link.get("type"): link.get("href") for link in links if link.get("rel") == "alternate"}
    # Relative, like every link in a page: works from file:// and from a sub-path.
    assert types == {
        "application/atom+xml": "./feeds/all.atom.xml",
        "application/rss+xml": "./feeds/all.rss.xml",
    }
    assert {"rel": "stylesheet", "href": "./theme/css/style.css"} in links
    assert (built_site / "theme/css/style.css").is_file()
    forms = [dict(a) for t, a in tags if t == "form"]
    assert forms[0]["action"] == "./search.html" and forms[0]["method"] == "get"


def test_sitemap_lists_every_article(built_site: Path) -> None:
    root = ET.parse(built_site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text or "" for el in root.findall("s:url/s:loc", ns)]
    assert locs == sorted(locs)
    assert set(locs) == {f"{SITEURL}/", *(f"{SITEURL}/{a}" for a in ARTICLES)}
    lastmods = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in root.findall("s:url", ns)
    }
    assert lastmods[f"{SITEURL}/{MUSK}"] == "2021-02-01T00:00:00+00:00"


# --- hostile content ---------------------------------------------------------------------

DANGEROUS_TAGS = {"script", "iframe", "svg", "object", "embed", "style", "math"}
# The only form is our own search form (action search.html at any depth, one "q" input).
SEARCH_INPUT_ATTRS = {"id", "type", "name", "placeholder"}
SEARCH_ACTION = re.compile(r"^(\.|\.\.(/\.\.)*)/search\.html$")


def _script_text(html: str, tags: Tags) -> list[str]:
    return ["<script"] if "<script" in html.lower() else []


def _dangerous_tags(html: str, tags: Tags) -> list[str]:
    bad = [f"<{t}>" for t, _ in tags if t in DANGEROUS_TAGS]
    forms = [dict(a).get("action") or "" for t, a in tags if t == "form"]
    inputs = [dict(a) for t, a in tags if t == "input"]
    return (
        bad
        + [f"<form action={f}>" for f in forms if not SEARCH_ACTION.match(f)]
        + [f"<input {i}>" for i in inputs if set(i) != SEARCH_INPUT_ATTRS]
    )


def _event_handlers(html: str, tags: Tags) -> list[str]:
    return [f"<{t} {name}>" for t, attrs in tags for name, _ in attrs if name.startswith("on")]


def _javascript_urls(html: str, tags: Tags) -> list[str]:
    return re.findall(r".{0,40}javascript\s*:.{0,40}", html, re.IGNORECASE)


def _style_attrs(html: str, tags: Tags) -> list[str]:
    return [f"<{t} style>" for t, attrs in tags for name, _ in attrs if name == "style"]


def test_hostile_page_is_sanitized_and_in_its_language(hostile_site: Path) -> None:
    # pages/about.html, or about-it.html while pelicanconf has no PAGE_LANG_SAVE_AS.
    [page] = hostile_site.glob("pages/about*.html")
    html = page.read_text(encoding="utf-8")
    assert '<html lang="it">' in html
    assert "Vai al contenuto" in html
    assert "Una pagina <b>con</b> HTML grezzo." in html


@pytest.mark.parametrize(
    "check", [_script_text, _dangerous_tags, _event_handlers, _javascript_urls, _style_attrs]
)
def test_hostile_content_cannot_run(
    hostile_site: Path, check: Callable[[str, Tags], list[str]]
) -> None:
    problems: list[str] = []
    for path in sorted(hostile_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(hostile_site).as_posix()
        problems += [f"{rel}: {p}" for p in check(html, parse_tags(html))]
    assert problems == []


# --- related links follow ARTICLE_URL --------------------------------------------------------

# Articles not in DEFAULT_LANG (en) use ARTICLE_LANG_URL: "category" leaves it at
# pelicanconf.py's, so one site mixes two URL schemes.
URL_SCHEMES: dict[str, dict[str, str]] = {
    "default": {},
    "slug-folders": {"ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html",
                     "ARTICLE_LANG_URL": "{slug}/", "ARTICLE_LANG_SAVE_AS": "{slug}/index.html"},
    "category": {"ARTICLE_URL": "{category}/{slug}.html",
                 "ARTICLE_SAVE_AS": "{category}/{slug}.html"},
    "posts-by-year": {
        "ARTICLE_URL": "posts/{date:%Y}/{slug}/",
        "ARTICLE_SAVE_AS": "posts/{date:%Y}/{slug}/index.html",
        "ARTICLE_LANG_URL": "{lang}/posts/{date:%Y}/{slug}/",
        "ARTICLE_LANG_SAVE_AS": "{lang}/posts/{date:%Y}/{slug}/index.html",
    },
}  # fmt: skip


def _pages_by_title(out: Path) -> dict[str, tuple[str, list[tuple[str | None, str]]]]:
    pages = {}
    for page in sorted(out.rglob("*.html")):
        h1, links = parse_page(page.read_text(encoding="utf-8"))
        pages.setdefault(h1, (page.relative_to(out).as_posix(), links))
    return pages


@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
@pytest.mark.parametrize("scheme", sorted(URL_SCHEMES))
def test_related_links_open_the_related_articles(
    tmp_path: Path, scheme: str, relative: bool
) -> None:
    """Every internal related link on every article page opens the article it names,
    whatever ARTICLE_URL is, with relative URLs (as from file://) or an absolute SITEURL."""
    out = build(related_site(tmp_path / "site"), RELATIVE_URLS=relative, **URL_SCHEMES[scheme])
    found = related_targets(out, SITEURL)
    wrong = [
        (page, title, href)
        for page, links in found.items()
        for title, href, target in links
        if target is None or parse_page(target.read_text(encoding="utf-8"))[0] != title
    ]
    assert wrong == []
    hrefs = [href for links in found.values() for _title, href, _target in links]
    assert all(href.startswith(SITEURL + "/") != relative for href in hrefs)
    pages = _pages_by_title(out)
    for title, *_ in RELATED_STORIES.values():  # enrich related every story to its pair
        assert pages[title][0] in found, title
    # Pelican's absolute {filename} form and enrich's old fixed URLs resolve too; a link
    # to no article (or out of content/) is its title alone.
    hand_page, hand_links = pages["Hand written links"]
    assert [title for title, *_ in found[hand_page]] == [
        "Sycamore claims quantum supremacy", "Raspberry Pi Pico is a four dollar microcontroller"
    ]  # fmt: skip
    assert hand_links[2:] == [(None, "Gone for good"), (None, "Outside the content")]
    # The importer's external teasers stay external links.
    assert (TEASER[1], TEASER[0]) in pages["New rules for delivery drones"][1]


def test_related_links_click_through_from_file_urls(browser: Browser, tmp_path: Path) -> None:
    out = build(related_site(tmp_path / "site"), **URL_SCHEMES["category"])
    found = related_targets(out, SITEURL)
    assert len(found) > len(RELATED_STORIES)
    page = browser.new_page()
    clicked = 0
    for rel, links in found.items():
        for index, (title, _href, _target) in enumerate(links):
            page.goto((out / rel).as_uri())
            page.locator("aside.related a[href]:not([rel])").nth(index).click()
            page.wait_for_load_state()
            assert page.url.startswith("file://")
            assert page.locator("h1").first.inner_text() == title
            clicked += 1
    page.close()
    assert clicked >= len(RELATED_STORIES)


def test_related_site_builds_are_byte_identical(tmp_path: Path) -> None:
    scheme = URL_SCHEMES["posts-by-year"]
    first = _snapshot(build(related_site(tmp_path / "one"), **scheme))
    second = _snapshot(build(related_site(tmp_path / "two"), **scheme))
    assert first == second


# --- determinism --------------------------------------------------------------------------


def _snapshot(out: Path) -> dict[str, bytes]:
    files = sorted(p for p in out.rglob("*") if p.is_file())
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in files}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = _snapshot(build(make_site(tmp_path / "one")))
    second = _snapshot(build(make_site(tmp_path / "two")))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "sitemap.xml" in first and "feeds/all.atom.xml" in first


REPEATED_LEAD = """\
Category: example.com
Date: 2020-06-23 09:00
Lang: en
Slug: repeated-lead
Summary: The council voted on the new budget after a long debate. It passed by two votes.
Title: Council passes the budget

The council voted on the new budget after a long debate. It passed by two votes.

The mayor said the vote was a relief.
"""


def test_lead_is_not_shown_twice(tmp_path: Path) -> None:
    # A dump's summary is its first sentences and a page's description is often its first
    # paragraph: shown above the body too, the reader read it twice.
    out = build(make_site(tmp_path, extra_content={"articles/2020/06/r.md": REPEATED_LEAD}))
    html = read(out, "2020/06/repeated-lead.html")
    assert html.count("after a long debate") == 2  # the description <meta> and the body
    assert 'class="lead"' not in html
    # A summary the body does not open with is the lead.
    apple = read(out, APPLE)
    assert '<div class="lead"><p>Apple is moving the Mac to its own processors.</p></div>' in apple


@pytest.mark.parametrize(
    ("body", "image", "shown"),
    [
        # WordPress sizes, Drupal styles, thumbor crops of one picture.
        ('<img src="https://c.net/up/2016/07/hero5-980x713.jpg">', "https://c.net/up/2016/07/hero5-640x215.jpg", True),
        ('<img src="https://i.it/styles/xl/foto/1738-318d.jpeg?_=1">', "https://i.it/styles/social/foto/1738-318d.jpeg?_=1", True),
        ('<img src="https://v.com/t/AA=/0x0:1024x607/vrg_attarmy_1024.jpeg">', "https://v.com/t/BB=/1600x900/vrg_attarmy_1024.jpeg", True),
        # Another picture; a CDN's generic file name in another folder.
        ('<img src="https://c.net/a/chart-2024.png">', "https://c.net/a/portrait-2024.png", False),
        ('<img src="https://cdn.x/abc/image.jpg">', "https://cdn.x/def/image.jpg", False),
        ("<p>No picture.</p>", "https://c.net/a/portrait-2024.png", False),
    ],
)  # fmt: skip
def test_lead_image_already_in_the_body(body: str, image: str, shown: bool) -> None:
    assert shows_picture(body, image) is shown


LEAD_IMAGE_IN_BODY = """\
Category: example.com
Date: 2020-06-24 09:00
Image: https://example.com/up/2020/06/council-hall-640x360.jpg
Lang: en
Slug: picture-twice
Title: Council hall reopens

![The council hall](https://example.com/up/2020/06/council-hall-1200x675.jpg)

The council hall reopened on Monday after two years of works.
"""


def test_lead_image_is_not_shown_twice(tmp_path: Path) -> None:
    # The lead figure and the body's first picture were the same photo in two sizes.
    other = LEAD_IMAGE_IN_BODY.replace("council-hall-640x360", "mayor-portrait").replace(
        "picture-twice", "picture-once"
    )
    content = {"articles/2020/06/p.md": LEAD_IMAGE_IN_BODY, "articles/2020/06/q.md": other}
    out = build(make_site(tmp_path, extra_content=content))
    html = read(out, "2020/06/picture-twice.html")
    assert 'class="lead-image"' not in html and "council-hall-1200x675.jpg" in html
    assert 'class="lead-image"' in read(out, "2020/06/picture-once.html")


def test_clean_content_is_kept_not_copied() -> None:
    """Import sanitizes bodies already; sanitizing again at build time must not leave a
    second, equal copy of every article beside the one Pelican's content cache holds
    (60 MB for 3,772 articles). Dirty content is still replaced by its clean form."""
    clean = sanitize_html(
        '<p>Ciao <a href="https://example.org/a">mondo</a> &amp; <em>tutti</em></p>'
    )
    dirty = '<p onclick="x()">Ciao<script>alert(1)</script></p>'
    for html in (clean, dirty):
        content = SimpleNamespace(_content=html, metadata={"summary": html}, settings={},
                                  source_path="a.md")  # fmt: skip
        prepare_content(content)
        assert content._content == sanitize_html(html)
        assert (content._content is html) == (html is clean)
        assert (content.metadata["summary"] is html) == (html is clean)
