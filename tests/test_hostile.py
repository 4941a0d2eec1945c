"""Scraped input is hostile: XSS payloads in every field of every format, imported,
built and opened in a real Chromium, must never execute."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import make_site, run_cli

# Each payload calls __pwn(); the page defines nothing of the kind, so the test injects a
# recorder before any script runs. alert() is watched too, through the dialog event.
P = [
    "<script>__pwn('script')</script>",
    '"><img src=x onerror="__pwn(\'img\')">',
    "<svg onload=__pwn('svg')></svg>",
    "javascript:__pwn('url')",
    "<iframe src=\"javascript:__pwn('iframe')\"></iframe>",
    "<a href=\"javascript:__pwn('a')\">x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__pwn('mxss')></style></mglyph></table></mtext></math>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}<script>__pwn('tpl')</script>",
    "<details open ontoggle=__pwn('details')>",
]
ALL = " ".join(P)
WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
]


def text(tag: str) -> str:
    """Body text unique to each input, so no two are (near-)duplicates of each other."""
    return " ".join(f"Paragraph {i} of the {tag} article: {WORDS[(i * 7 + len(tag) * 5) % 12]} "
                    f"{tag}{i} {WORDS[(i + len(tag)) % 12]} chips." for i in range(12))  # fmt: skip


def _html_page(tag: str) -> str:
    return f"""<!doctype html><html lang="en"><head>
<title>{ALL} {tag} page</title><meta property="og:title" content="{ALL.replace('"', "&quot;")} {tag}">
<meta name="author" content="{ALL.replace('"', "&quot;")}"><meta name="keywords" content="{ALL.replace('"', "&quot;")}">
<meta property="og:image" content="javascript:__pwn('og')"><meta name="description" content="{ALL.replace('"', "&quot;")}">
<link rel="canonical" href="https://hostile.example/2024/01/02/{tag}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{tag}","datePublished":"2024-01-02",
"author":{{"name":"<script>__pwn('ld')</script>"}}}}</script></head>
<body><article><h1>{tag} headline</h1><p>{text(tag)}</p>{ALL}<p>{text(tag + "x")}</p>
<p>Read more: <a href="javascript:__pwn('teaser')">{ALL}</a></p>
<form action="javascript:__pwn('form')"><input autofocus onfocus="__pwn('focus')"></form>
<object data="javascript:__pwn('object')"></object><embed src="javascript:__pwn('embed')">
<p style="background:url(javascript:__pwn('css'))">{text(tag + "y")}</p></article></body></html>"""


def _inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "page.html").write_text(_html_page("html"), encoding="utf-8")
    (folder / "page2.html.gz").write_bytes(gzip.compress(_html_page("gz").encode()))
    record = {"url": "https://hostile.example/2024/02/03/jsonl", "title": ALL, "date": "2024-02-03",
              "author": ALL, "tags": P, "summary": ALL, "image": "javascript:__pwn('img')",
              "text": f"{ALL}\n{text('jl')}\nleggi anche {ALL}\n{text('jl2')}"}  # fmt: skip
    html_record = {**record, "url": "https://hostile.example/2024/02/04/jsonl-html", "text": None,
                   "html": _html_page("jsonl-html")}  # fmt: skip
    (folder / "spider.jsonl").write_text(json.dumps(record) + "\n" + json.dumps(html_record) + "\n")
    (folder / "dump.txt").write_text(
        f"date 2024-03 {ALL} Condividi:\n\n{text('d')}\n\n{ALL}\n\n{text('dd')}"
    )
    esc = ALL.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    (folder / "feed.rss").write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>{esc}</title><link>https://hostile.example/</link><item><title>{esc}</title>
<link>https://hostile.example/2024/04/05/feed</link><pubDate>Fri, 05 Apr 2024 10:00:00 GMT</pubDate>
<author>{esc}</author><category>{esc}</category>
<description>{esc} {text("feed")} {esc} {text("feed2")}</description></item></channel></rss>""")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://hostile.example/2024/05/06/warc", "response",
        payload=io.BytesIO(_html_page("warc").encode()), http_headers=headers))  # fmt: skip
    (folder / "crawl.warc.gz").write_bytes(buffer.getvalue())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("hostile") / "site")
    inputs = root.parent / "inputs"
    _inputs(inputs)
    imported = run_cli("import", str(inputs), cwd=root)
    assert "failed 0" in imported.stdout, imported.stderr
    assert "imported 7 new" in imported.stdout, imported.stdout + imported.stderr
    built = run_cli("build", cwd=root)
    assert built.returncode == 0, built.stderr
    return root


def _visit(browser: Browser, url: str) -> list[str]:
    page = browser.new_page()
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(f"dialog:{d.message}"), d.dismiss()))
    page.expose_function("__pwned", lambda what: fired.append(str(what)))
    page.add_init_script("window.__pwn = (w) => window.__pwned(w);")
    page.goto(url)
    page.wait_for_load_state("load")
    # Give handlers (onfocus, ontoggle, onload, lazy results) a moment, and click every link
    # that stays on the page so javascript: URLs would fire.
    page.wait_for_timeout(300)
    for link in page.locator("a[href^='javascript']").all():
        link.click()
    page.wait_for_timeout(100)
    page.close()
    return fired


def test_no_payload_survives_in_markup(hostile_site: Path) -> None:
    for path in (hostile_site / "output").rglob("*.html"):
        html = path.read_text()
        assert "__pwn(" not in html.replace("&#39;", "'").split("<body", 1)[-1] or _only_text(
            html
        ), path


def _only_text(html: str) -> bool:
    """``__pwn(`` may appear as escaped text (``&lt;script&gt;__pwn(...)``) but never live."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            joined = " ".join(value) if isinstance(value, list) else str(value)
            live_url = joined.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            if name.startswith("on") or live_url or name in {"style", "srcdoc", "formaction"}:
                return False
        live = {"script", "iframe", "object", "embed", "svg", "math", "form", "style"}
        if el.name in live and "__pwn" in el.decode():
            return False
    return True


def test_no_script_runs_in_any_page(hostile_site: Path, browser: Browser) -> None:
    out = hostile_site / "output"
    pages = sorted(p for p in out.rglob("*.html") if "theme" not in p.parts)
    assert len(pages) > 10
    fired = {str(p.relative_to(out)): _visit(browser, p.as_uri()) for p in pages}
    assert {k: v for k, v in fired.items() if v} == {}


@pytest.mark.parametrize("query", ["script", "pwn", "onerror", "img", "javascript", "headline"])
def test_search_results_do_not_run_payloads(
    hostile_site: Path, browser: Browser, query: str
) -> None:
    url = (hostile_site / "output" / "search.html").as_uri() + f"?q={query}"
    assert _visit(browser, url) == []
