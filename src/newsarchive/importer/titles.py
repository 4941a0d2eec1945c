"""Import stage, extract: the article's headline, chosen among the page's title sources.

Pure: takes the candidate strings a page offers (``<title>``, ``<h1>``, ``og:title``,
trafilatura's title, the JSON-LD headline) and the site's names.
"""

from __future__ import annotations

import re

from newsarchive.importer.lang import CJK
from newsarchive.importer.textclean import strip_site_suffix

__all__ = ["choose_title", "norm_title"]


def choose_title(
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
        if text and text.lower() not in names and norm_title(text):
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


_CJK_RE = re.compile(f"[{CJK}]")


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


def norm_title(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
