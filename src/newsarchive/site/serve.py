"""Site stage: the local web server behind ``newsarchive serve``.

Python's ``SimpleHTTPRequestHandler`` serving the output folder, except that a missing
file gets the site's own ``404.html`` (status 404), as static hosts serve it, instead of
Python's bare error page. Only when there is no ``404.html`` does Python's page remain.

``404.html`` is written once, at the site's root, and served for a missing path at any
depth; outside publish mode its links are relative to the root (``./theme/...``), so
the served copy has them made root-absolute (``/theme/...``) and still finds the
stylesheet and the links from ``/2021/02/missing.html``. The file itself is unchanged.
"""

from __future__ import annotations

import functools
import http.server
import re
from http import HTTPStatus
from pathlib import Path

__all__ = ["NOT_FOUND_PAGE", "SiteRequestHandler", "make_server", "root_relative"]

NOT_FOUND_PAGE = "404.html"

# A URL attribute relative to the folder of the page: "./x", as Pelican writes
# RELATIVE_URLS links from a page at the site's root.
_DOT_RELATIVE = re.compile(rb"""(\s(?:href|src|action)=)(["'])\./""")


def root_relative(page: bytes) -> bytes:
    """``page`` (a page saved at the site's root) with ``./x`` links made ``/x``."""
    return _DOT_RELATIVE.sub(rb"\1\2/", page)


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a built site; a missing file gets the site's ``404.html`` with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send ``404.html`` for a 404 when the site has one, else Python's error page."""
        body = self._not_found_body() if code == HTTPStatus.NOT_FOUND else None
        if body is None:
            super().send_error(code, message, explain)
            return
        self.log_error("code %d, message %s", code, message or "Not Found")
        self.send_response(code, message)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_body(self) -> bytes | None:
        try:
            return root_relative((Path(self.directory) / NOT_FOUND_PAGE).read_bytes())
        except OSError:
            return None


def make_server(
    directory: Path, port: int = 8000, host: str = "127.0.0.1"
) -> http.server.ThreadingHTTPServer:
    """A threading HTTP server for ``directory`` on ``host:port`` (port 0: any free port)."""
    handler = functools.partial(SiteRequestHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)
