"""End to end: the bundled sample archive imported and built as the README does."""

from __future__ import annotations

import filecmp
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Browser

from conftest import SAMPLE, make_site, run_cli
from newsarchive.frontmatter import read_front_matter


def _seed_file(site: Path) -> Path:
    for path in (site / "content" / "articles").rglob("*.md"):
        if (
            read_front_matter(path.read_text())
            .get("Input", "")
            .endswith("000_3c93d7ff5546ca2d.txt")
        ):
            return path
    raise AssertionError("the seed was not imported")


@pytest.fixture(scope="module")
def seed_url(sample_site: Path) -> str:
    meta = read_front_matter(_seed_file(sample_site).read_text())
    return f"2021/02/{meta['Slug']}.html"


def test_seed_article_page(sample_site: Path, seed_url: str) -> None:
    html = (sample_site / "output" / seed_url).read_text()
    assert '<html lang="it"' in html
    assert "febbraio 2021" in html
    assert "Il tweet di Musk sul profilo del Cremlino</h2>" in html
    assert "Zuckerberg entra a sorpresa su Clubhouse: app in tilt" in html  # related link
    assert "Condividi" not in html


def test_archives_tags_sources_and_sitemap(sample_site: Path, seed_url: str) -> None:
    out = sample_site / "output"
    assert len(list((out / "tag").glob("*.html"))) >= 10
    assert (out / "tags.html").exists() and (out / "sources.html").exists()
    assert seed_url.split("/", 2)[2] in (out / "2021" / "index.html").read_text()
    sitemap = (out / "sitemap.xml").read_text()
    n_articles = len(list((sample_site / "content" / "articles").rglob("*.md")))
    assert sitemap.count("<url>") >= n_articles
    assert seed_url in sitemap


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_feeds_parse(sample_site: Path, feed: str) -> None:
    parsed = feedparser.parse((sample_site / "output" / feed).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) >= 20
    assert all(e.get("title") and e.get("link") for e in parsed.entries)


def test_cli_search_finds_the_seed(sample_site: Path, seed_url: str) -> None:
    result = run_cli("search", "Clubhouse Cremlino", "--json", cwd=sample_site)
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits[0]["url"] == seed_url
    assert hits[0]["lang"] == "it" and hits[0]["date"].startswith("2021-02")


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(sample_site / "output")
    )
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("via", ["http", "file"])
def test_browser_search_finds_the_seed_and_clicks_through(
    browser: Browser, server: str, sample_site: Path, seed_url: str, via: str
) -> None:
    base = server if via == "http" else (sample_site / "output").as_uri() + "/"
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "index.html")
    page.fill("#site-search-q", "Clubhouse")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=Clubhouse*")
    first = page.locator("#ns-results li a").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href", timeout=1000).endswith(seed_url)  # type: ignore[union-attr]
    first.click()
    page.wait_for_url(f"**/{seed_url}")
    assert page.locator("h1").first.inner_text().startswith("Il chief executive di Tesla")
    assert errors == []
    page.close()


def test_build_is_deterministic(sample_site: Path, tmp_path: Path) -> None:
    other = make_site(tmp_path / "again")
    assert run_cli("import", str(SAMPLE), cwd=other).returncode == 0
    assert run_cli("build", cwd=other).returncode == 0
    a, b = sample_site / "output", other / "output"
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(p) for p in files_a], shallow=False)
    assert mismatch == [] and errors == []


def test_no_broken_internal_links(sample_site: Path) -> None:
    from html.parser import HTMLParser
    from urllib.parse import unquote, urlsplit

    out = sample_site / "output"

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if name in {"href", "src"} and value:
                    self.found.append(value)

    broken = []
    pages = [p for p in out.rglob("*.html") if "theme" not in p.relative_to(out).parts]
    for page in pages:
        parser = Links()
        parser.feed(page.read_text())
        for link in parser.found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, or a fragment of this page
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(out)} -> {link}")
    assert broken == []
    assert len(pages) > 50


PARITY_QUERIES = [
    "apple", "chips security", "Clubhouse", "Musk", '"machine learning"', "google -apple",
    "intelligence artificial", "securty", "facebok privacy", "lang:it", "site:wired.com",
    "date:2019 ai", "tag:apple", "governo", "aziende italiane", "micro",
]  # fmt: skip


@pytest.mark.parametrize("query", PARITY_QUERIES)
def test_browser_and_cli_agree_on_the_sample_archive(
    browser: Browser, sample_site: Path, query: str
) -> None:
    cli = run_cli("search", query, "--json", "--limit", "10", cwd=sample_site)
    assert cli.returncode == 0, cli.stderr
    expected = [json.loads(line)["url"] for line in cli.stdout.splitlines()]
    page = browser.new_page()
    page.goto((sample_site / "output" / "search.html").as_uri())
    got = page.evaluate("q => newsarchiveSearch(q, {limit: 10})", query)
    page.close()
    assert [r["url"].removeprefix("./") for r in got] == expected


def test_filters_and_sort_from_a_permalink(
    browser: Browser, server: str, sample_site: Path
) -> None:
    page = browser.new_page()
    page.goto(server + "search.html?q=&lang=it&sort=date")
    page.locator("#ns-results li a").first.wait_for(timeout=10_000)
    items = page.locator("#ns-results li")
    assert items.count() >= 5
    langs = page.evaluate("newsarchiveSearch('lang:it', {limit: 50}).then(r => r.map(x => x.lang))")
    assert set(langs) == {"it"}
    dates = page.evaluate(
        "newsarchiveSearch('', {limit: 50, sort: 'date', lang: 'en'}).then(r => r.map(x => x.date))"
    )
    assert dates == sorted(dates, reverse=True) and len(dates) >= 20
    page.close()
