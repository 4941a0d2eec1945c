"""``newsarchive serve``: the site's own 404 page, and the favicon every page links.

The server runs in a thread on a free port (and once as the real command, in a
subprocess); every request has a timeout, and every server is shut down.
"""

from __future__ import annotations

import functools
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser

from newsarchive.site.serve import SiteRequestHandler, root_relative
from site_fixtures import built_site

__all__ = ["built_site"]  # pytest finds the fixture through this import

TIMEOUT = 10


class _Recording(SiteRequestHandler):
    """Records ``(path, status)`` of every request, quietly."""

    log: list[tuple[str, int]]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.log.append((self.path, int(code)))

    def log_message(self, format: str, *args: object) -> None:
        pass


class Served:
    def __init__(self, root: Path) -> None:
        self.log: list[tuple[str, int]] = []
        handler = type("Handler", (_Recording,), {"log": self.log})
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(TIMEOUT)


@pytest.fixture
def served(built_site: Path) -> Iterator[Served]:
    server = Served(built_site)
    yield server
    server.close()


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of ``url``, errors included."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read()


class _Links(HTMLParser):
    """``href``/``src`` of every link, stylesheet, icon and script."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.icons: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "icon":
            self.icons.append(values)
        for name in ("href", "src"):
            if values.get(name):
                self.urls.append(str(values[name]))


def parse_links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


# --- 404 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/no-such-page.html", "/2021/02/missing.html", "/a/b/c/"])
def test_missing_path_gets_the_sites_404_page(built_site: Path, served: Served, path: str) -> None:
    status, headers, body = fetch(served.url + path)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert body == root_relative((built_site / "404.html").read_bytes())
    assert b"<h1>Page not found</h1>" in body
    assert b"Error response" not in body  # not Python's own page


def test_head_of_missing_path_has_no_body(served: Served) -> None:
    status, headers, body = fetch(served.url + "/missing.html", method="HEAD")
    assert status == 404 and body == b""
    assert int(headers["Content-Length"]) > 0


def test_existing_files_are_still_served(built_site: Path, served: Served) -> None:
    status, _headers, body = fetch(served.url + "/")
    assert status == 200 and body == (built_site / "index.html").read_bytes()


def test_404_page_links_work_at_any_depth(built_site: Path, served: Served) -> None:
    """Served for a deep path, 404.html's links open what they open from the root."""

    def local(base: str, html: str) -> list[str]:
        urls = parse_links(html).urls
        return [urljoin(base, u) for u in urls if not urlsplit(u).scheme and u[:1] != "#"]

    at_root = local(served.url + "/404.html", (built_site / "404.html").read_text("utf-8"))
    page = served.url + "/2021/02/deep/missing.html"
    assert local(page, fetch(page)[2].decode("utf-8")) == at_root
    assert served.url + "/theme/css/style.css" in at_root
    for url in at_root:
        if not url.endswith("/search.html"):  # the site fixture has no search page
            assert fetch(url)[0] == 200, url


def test_root_relative() -> None:
    html = b'<a href="./x.html"> <link href=\'./theme/a.css\'> <img src="./i.png"> <a href="#m">'
    assert root_relative(html) == (
        b'<a href="/x.html"> <link href=\'/theme/a.css\'> <img src="/i.png"> <a href="#m">'
    )
    absolute = b'<a href="https://archive.example/x.html"><a href="../x.html">'
    assert root_relative(absolute) == absolute


def test_without_a_404_page_python_answers(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    server = Served(tmp_path)
    try:
        status, _headers, body = fetch(server.url + "/missing.html")
    finally:
        server.close()
    assert status == 404 and b"Error response" in body


def test_serve_command(built_site: Path) -> None:
    """The real command: a free port, the 404 page, and a clean stop on Ctrl-C."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "serve", "--site", str(built_site.parent),
         "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "serve printed nothing"
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        status, _headers, body = fetch(f"http://127.0.0.1:{match.group(1)}/missing.html")
        assert status == 404 and b"<h1>Page not found</h1>" in body
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=TIMEOUT)


# --- favicon ------------------------------------------------------------------------------


def test_every_page_links_an_existing_icon(built_site: Path) -> None:
    icon = built_site / "theme" / "favicon.svg"
    root = ET.parse(icon).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        icons = parse_links(page.read_text(encoding="utf-8")).icons
        assert len(icons) == 1, page
        assert icons[0]["type"] == "image/svg+xml"
        href = str(icons[0]["href"])
        assert not urlsplit(href).scheme, href  # relative: works from file:// too
        assert (page.parent / href).resolve() == icon.resolve(), (page, href)


@pytest.mark.parametrize("path", ["/index.html", "/2021/02/le-aziende-italiane-e-il-cloud.html"])
def test_page_load_requests_nothing_missing(browser: Browser, served: Served, path: str) -> None:
    page = browser.new_page()
    try:
        page.goto(served.url + path)
        deadline = time.monotonic() + TIMEOUT
        # Chromium asks for the icon after the load: wait for any icon request.
        while time.monotonic() < deadline and not any(
            p.endswith(("favicon.svg", "favicon.ico")) for p, _ in served.log
        ):
            page.wait_for_timeout(50)
    finally:
        page.close()
    assert ("/theme/favicon.svg", 200) in served.log
    assert [entry for entry in served.log if entry[1] >= 400] == []
