"""Sanitize stage (used at import and again at build): nothing scraped may execute.

One allow-list policy, applied with nh3 (ammonia): structural and text tags only, no
scripts, styles, iframes, forms, SVG or MathML, no event handlers, and only http(s),
mailto and relative URLs. The importer sanitizes the extracted HTML before converting it
to Markdown; the site plugin sanitizes the HTML Pelican renders from the Markdown again,
because a hand edit or raw HTML in Markdown could smuggle markup back in.
"""

from __future__ import annotations

import nh3

__all__ = ["ALLOWED_TAGS", "safe_url", "sanitize_html"]

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "*": {"lang", "dir"},
}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed or escaped."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL without control characters, else None."""
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 32 or c in "<>\"'` " for c in url):
        return None
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")) and len(url) > len("https://"):
        return url
    return None
