"""Import stage, extract: the article's headline, chosen among the page's title sources.

Pure: takes the candidate strings a page offers (``<title>``, ``<h1>``, ``og:title``,
trafilatura's title, the JSON-LD headline) and the site's names.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsarchive.importer.lang import CJK_RE, tokens
from newsarchive.importer.sitesuffix import SPACED_SEP, strip_site_suffix

__all__ = [
    "TitleSources",
    "article_h1",
    "choose_title",
    "h1_names_site",
    "norm_title",
    "tidy_title",
]


class TitleSources(NamedTuple):
    """Where a page states its headline, in the order that breaks a tied vote."""

    html_title: str | None = None
    h1: str | None = None
    og_title: str | None = None
    extractor: str | None = None  # trafilatura's pick: og:title, a lone <h1>, or <title>
    headline: str | None = None  # JSON-LD


def article_h1(h1s: tuple[str, ...], stated: list[str | None]) -> str | None:
    """The page's ``<h1>`` that is the article's: the one sharing most words with the titles
    the page states in its metadata (``stated``); the first on a tie. Pages put a logo or
    a section label ("ニュースリリース", "MENU") in an earlier ``<h1>``."""
    if not h1s:
        return None
    titles = [_words(t) for t in stated if t]

    def overlap(h1: str) -> float:
        words = _words(h1)
        return max((len(words & t) / len(words | t) for t in titles if words | t), default=0.0)

    best = max(h1s, key=overlap)
    return best if overlap(best) > overlap(h1s[0]) else h1s[0]


# The parts of a <title>: spaced separators, and "_", "｜" and "--" without spaces.
_SEGMENT_SEP = re.compile(rf"{SPACED_SEP}|[_｜]|--")


def h1_names_site(h1: str | None, html_title: str | None, others: list[str | None]) -> str | None:
    """``<title>`` without the page's ``<h1>`` when that ``<h1>`` is the site's name, else
    None. A blog or a small site puts its name in the ``<h1>`` and in ``<title>`` beside
    the headline ("好奇心日报" in "这个约会软件…_智能_好奇心日报", "Diary - Headline"):
    the ``<h1>`` is short, one of the segments of ``<title>``, another is twice as long,
    and no other title the page states (``others``: og:title, JSON-LD) holds it."""
    if not h1 or not html_title or len(h1.split()) > 4 or len(h1.strip()) > 40:
        return None
    key = norm_title(h1)
    if not key or any(key in norm_title(o) for o in others if o):
        return None
    parts = [p.strip() for p in _SEGMENT_SEP.split(html_title)]
    if key not in [norm_title(p) for p in parts]:
        return None
    longest = max((p for p in parts if norm_title(p) != key), key=len, default="")
    if len(longest) < 2 * len(h1.strip()):
        return None
    first = (
        _SEGMENT_SEP.match(html_title, len(h1.strip()))
        if html_title.startswith(h1.strip())
        else None
    )
    return html_title[first.end() :].strip() if first else html_title


def choose_title(sources: TitleSources, sites: list[str]) -> str:
    """The headline most of the page's title sources agree on.

    ``<title>``, ``<h1>``, ``og:title``, trafilatura's title and the JSON-LD headline
    each get it wrong on some sites (a site suffix, a section label, a social-media
    variant of the headline); what two or more of them say, after dropping site-name
    suffixes, is the headline. With no agreement ``<title>`` wins. When the visible
    ``<h1>`` and the JSON-LD headline agree, that is the article's headline even if
    ``<title>`` and ``og:title`` carry an SEO variant of it. An ``og:title`` that only
    repeats ``<title>`` is one statement, not two: a CMS fills one from the other, so it
    does not outvote the visible ``<h1>``.
    """
    if _same_title(sources.og_title, sources.html_title, sites):
        sources = sources._replace(og_title=None)
    h1, headline = sources.h1, sources.headline
    if h1 and headline and _vote_key(h1) == _vote_key(headline):
        return " ".join(h1.split())
    extractor = sources.extractor
    names = {s.lower() for s in sites if s}
    stated = [
        strip_site_suffix(t or "", sites) for t in (sources.html_title, sources.og_title, headline)
    ]
    stated = [t for t in stated if t and t.lower() not in names]
    if h1 and stated and not any(_content_words(h1) & _content_words(t) for t in stated):
        # An <h1> that shares no word with any title the page states in its metadata is
        # a logo, a blog's name or a section label ("Allergies Health Center", "MENU"),
        # and so is trafilatura's title when it copied that <h1>.
        if extractor and _vote_key(extractor) == _vote_key(h1):
            extractor = None
        h1 = None
    candidates = [
        " ".join(strip_site_suffix(candidate or "", sites).split())
        for candidate in (sources.html_title, h1, sources.og_title, extractor, headline)
    ]
    candidates = [text for text in candidates if text and norm_title(text)]
    # A title that is the site's name is a logo or a section page's label, unless the
    # page offers nothing else: then its og:site_name was set to the headline.
    cleaned = [text for text in candidates if text.lower() not in names] or candidates
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


def _same_title(a: str | None, b: str | None, sites: list[str]) -> bool:
    """``a`` and ``b`` say the same headline once their site suffixes are dropped."""
    if not a or not b:
        return False
    key = _vote_key(strip_site_suffix(a, sites))
    return bool(key) and key == _vote_key(strip_site_suffix(b, sites))


def _words(text: str) -> set[str]:
    return set(tokens(text))


def _content_words(text: str) -> set[str]:
    """Words that say what a title is about: "and", "the", "di" do not make "Information
    and Resources" share a word with "Superbugs: What They Are and How You Get Them"."""
    return {w for w in _words(text) if len(w) > 3 or CJK_RE.match(w)}


def _one_word(text: str) -> bool:
    """One word of a spaced script ("Lorem"); CJK and Thai headlines have no spaces."""
    return len(text.split()) == 1 and not CJK_RE.search(text)


# A sentence's full stop may come before the separator ("…を発売。｜サンワサプライ").
_TAIL_SEP = re.compile(r"^[。.]?\s*[|｜:：_\-–—·•»/]")


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


# Soft hyphens, zero-width spaces, word joiners and BOMs: hyphenation and line-break hints
# a CMS leaves in headlines ("Helikopter\u00adlandeplatz"); invisible, but they split
# words for search and slugs. ZWJ/ZWNJ are kept: they change how scripts and emoji join.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def tidy_title(text: str) -> str:
    """``text`` as a one-line title: no invisible hints, single spaces."""
    return " ".join(text.translate(_INVISIBLE).split())


def norm_title(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
