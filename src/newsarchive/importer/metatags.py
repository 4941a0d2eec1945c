"""Import stage, extract: a page's ``<meta>`` tags, read once and shared by the readers
of its title, dates and other metadata."""

from __future__ import annotations

from bs4 import BeautifulSoup

__all__ = ["meta_index", "meta_value"]


def meta_index(soup: BeautifulSoup) -> dict[str, str]:
    """``{name: content}`` of every ``<meta>``, first wins, read in one pass."""
    index: dict[str, str] = {}
    for el in soup.find_all("meta"):
        # Some saving tools rewrite ``content`` as ``value``; both state the same.
        content = " ".join(str(el.get("content") or el.get("value") or "").split())
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            # Names are matched without case ("DC.Title"), and an attribute may list
            # several ("x:title dc:title").
            for key in str(el.get(attr) or "").lower().split():
                index.setdefault(f"{attr}:{key}", content)
    return index


def meta_value(index: dict[str, str], *names: str) -> str | None:
    """The first of ``names`` the page states, as ``property``, ``name`` or ``itemprop``."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            value = index.get(f"{attr}:{name}")
            if value:
                return value
    return None
