"""search.js in a real Chromium: the built site over http and file://, and ranking
parity with ``newsarchive search`` (the CLI's ``search()``)."""

from __future__ import annotations

import random
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from newsarchive.build import build_site
from newsarchive.search import update_indexes
from newsarchive.search.documents import SearchDoc
from newsarchive.search.query import search

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    shutil.copytree(REPO / "tests" / "fixtures" / "site" / "content", root / "content")
    return build_site(
        root,
        overrides={
            "THEME": str(REPO / "theme"),
            "PLUGIN_PATHS": [str(REPO / "plugins")],
        },
    )


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_search_page_finds_and_links(
    browser: Browser, site: Path, server: str, scheme: str
) -> None:
    base = server + "/" if scheme == "http" else site.as_uri() + "/"
    page = browser.new_page()
    errors = watch_errors(page)
    page.goto(base + "search.html")
    box = page.locator("#ns-q")
    assert page.locator("label[for=ns-q]").count() == 1  # the box is labelled
    assert page.locator("form[role=search] #ns-q").count() == 1
    box.fill("aziende")
    first = page.locator("#ns-results li a").first
    first.wait_for()
    assert first.inner_text() == "Le aziende italiane e il cloud"
    assert page.locator("#ns-results mark").first.inner_text().lower() == "aziende"
    assert "1 result" in page.locator("[data-ns-status]").inner_text()
    first.click()
    page.wait_for_url("**/2021/02/le-aziende-italiane-e-il-cloud.html")
    assert "aziende italiane" in page.locator("h1").first.inner_text().lower()
    assert not errors
    page.close()


def test_permalink_opens_with_results(browser: Browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "/search.html?q=chips&lang=en")
    page.locator("#ns-results li a").first.wait_for()
    assert page.locator("#ns-q").input_value() == "chips"
    assert page.locator("#ns-results li").count() == 1
    # typing updates the results and the shareable URL
    page.locator("#ns-q").fill("musk")
    page.wait_for_url("**q=musk**")
    page.close()


def test_api_result_shape(browser: Browser, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "search.html").as_uri())
    results: list[dict[str, Any]] = page.evaluate("newsarchiveSearch('clubhouse')")
    assert [r["title"] for r in results] == ["Musk invita Putin su Clubhouse"]
    r = results[0]
    assert r["url"] == "./2021/02/musk-invita-putin-su-clubhouse.html"
    assert {"url", "title", "date", "lang", "excerpt", "score"} <= set(r)
    page.close()


# --- ranking parity on a generated bilingual corpus ---------------------------------

EN = [
    "cloud",
    "chips",
    "apple",
    "processor",
    "company",
    "companies",
    "market",
    "police",
    "protest",
    "network",
    "security",
    "privacy",
    "data",
    "server",
    "servers",
    "software",
    "developer",
    "developers",
    "launch",
    "launched",
    "phone",
    "phones",
    "battery",
    "design",
    "designs",
    "google",
    "amazon",
    "musk",
    "tesla",
    "startup",
    "startups",
]
IT = [
    "azienda",
    "aziende",
    "cloud",
    "dati",
    "mercato",
    "polizia",
    "rete",
    "sicurezza",
    "server",
    "sviluppatori",
    "telefono",
    "batteria",
    "progetto",
    "progetti",
    "governo",
    "italiane",
    "italiana",
    "investimenti",
    "crescita",
    "startup",
    "lancio",
    "lanciato",
    "musk",
    "tesla",
]
FILL_EN = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "on",
    "with",
    "is",
    "it",
    "that",
    "this",
]
FILL_IT = [
    "il",
    "la",
    "di",
    "e",
    "che",
    "per",
    "con",
    "un",
    "una",
    "del",
    "della",
    "nel",
]


def corpus() -> list[SearchDoc]:
    rng = random.Random(7)
    docs = []
    for i in range(80):
        lang = "it" if i % 3 == 0 else "en"
        words, fill = (IT, FILL_IT) if lang == "it" else (EN, FILL_EN)

        def text(n: int, words: tuple[str, ...] = tuple(words), fill: list[str] = fill) -> str:
            return " ".join(rng.choice(words if rng.random() < 0.5 else fill) for _ in range(n))

        docs.append(
            SearchDoc(
                url=f"{2019 + i % 3}/{i:03d}.html",
                title=text(rng.randint(3, 8)).capitalize(),
                date=f"{2019 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                lang=lang,
                summary=text(rng.randint(5, 15)),
                body=text(rng.randint(20, 200)),
                tags=tuple(rng.sample(words, 2)),
                authors=("Ann Author",),
                site=rng.choice(["example.com", "example.it", "wired.com"]),
            )
        )
    return docs


PARITY_QUERIES = [
    "cloud",
    "chips processor",
    "companies",
    "aziende",
    "azienda dati",
    "police protest",
    "server",
    "servers",
    "developers",
    "musk tesla",
    "startup",
    "sicurezza rete",
    '"cloud data"',
    "cloud -apple",
    "tag:cloud",
    "site:wired.com server",
    "lang:it musk",
    "date:2020 phone",
    "date:[2019-06 to 2020-06] battery",
    "secrity",
    "batery",
    "devel",
    "sviluppat",
    "il cloud",
    "the market",
    "crescita investimenti italiane",
]


@pytest.fixture(scope="module")
def parity_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parity")
    update_indexes(corpus(), root / "whoosh", root / "out" / "search")
    shutil.copy(REPO / "theme" / "static" / "js" / "search.js", root / "out" / "search.js")
    (root / "out" / "page.html").write_text(
        '<!DOCTYPE html><meta charset="utf-8"><title>parity</title>'
        '<script src="search.js" data-ns-index="search/"></script>\n',
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize("query", PARITY_QUERIES)
def test_browser_and_cli_agree_on_top_10(browser: Browser, parity_site: Path, query: str) -> None:
    expected = search(parity_site / "whoosh", query, limit=10)
    page = browser.new_page()
    page.goto((parity_site / "out" / "page.html").as_uri())
    got = page.evaluate("q => newsarchiveSearch(q, {limit: 10})", query)
    page.close()
    assert [r["url"] for r in got] == [r["url"] for r in expected]
    assert [round(r["score"], 6) for r in got] == pytest.approx([r["score"] for r in expected])
    assert [r["excerpt"] for r in got] == [r["excerpt"] for r in expected]


class _Prefixed(SimpleHTTPRequestHandler):
    """Serves the site only under /archive/, as a host serving it from a sub-path."""

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith("/archive/"):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path(path[len("/archive") :])


def test_search_works_from_a_sub_path(browser: Browser, site: Path) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Prefixed, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/archive/"
    try:
        page = browser.new_page()
        errors = watch_errors(page)
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(base + "search.html?q=aziende")
        first = page.locator("#ns-results li a").first
        first.wait_for()
        assert first.inner_text() == "Le aziende italiane e il cloud"
        first.click()
        page.wait_for_url("**/archive/2021/02/le-aziende-italiane-e-il-cloud.html")
        assert not errors and not failed
        page.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
