"""Import stage: URL normalization, used for identity, duplicates and the site name."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["normalize_url", "site_of"]

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ref|ref_src|refsrc|cmpid|xtor|"
    r"ocid|igshid|_ga|soc_src|soc_trk|smid|sr_share|rss|at_medium|at_campaign)$",
    re.I,
)


def normalize_url(url: str | None) -> str | None:
    """Canonical form: https, lower-case host without ``www.``/``amp.``, no tracking
    parameters, no fragment, no ``/amp`` suffix or trailing slash."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.hostname or ""
    for prefix in ("www.", "amp.", "m."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    path = re.sub(r"/+", "/", parts.path)
    path = re.sub(r"(/amp|\.amp|/amp\.html)/?$", "", path) or "/"
    if path != "/":
        path = path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = sorted((k, v) for k, v in query if not _TRACKING.match(k) and k.lower() != "amp")
    return urlunsplit(("https", host, path, urlencode(query), ""))


def site_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host without ``www.`` (``tg24.sky.it``)."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None
