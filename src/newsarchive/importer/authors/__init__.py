"""Import stage, extract: author names as pages and feeds state them, one name each.

A page states its authors in several places: JSON-LD, ``<meta>`` tags, the visible
byline, and trafilatura makes one more guess. ``choose_authors`` cleans each source into
a list of names and lets the sources vote, the way ``titles`` votes for a title.
Names stay plain text: markup in a source is dropped, never kept.

The vote and the entry points are here; the parts are modules of their own: ``names``
(what a name is: cleaning, and the site's, a newsroom's or an agency's name told from a
person's), ``page`` (the sources in a page's markup), ``textbyline`` (a text dump's "By"
byline) and ``dateline`` (a text dump's byline beside its day, with no "By").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any
from urllib.parse import urlsplit

from newsarchive.importer.authors.names import (
    _COMPANY,
    _MONTHS,
    _ROLE_NOUN,
    _dedupe,
    _is_org,
    _is_site,
    _key,
    _site_keys,
    _without_sites,
    names_of,
)
from newsarchive.importer.authors.page import _YOAST
from newsarchive.importer.authors.textbyline import _PARTICLE, _UPPER

__all__ = ["choose_authors", "split_authors", "without_publishers"]


def split_authors(values: Any) -> tuple[str, ...]:
    """The names ``values`` (strings as a feed or record states them) hold, cleaned."""
    return tuple(names_of([str(v) for v in values or ()]))


def without_publishers(names: Iterable[str], sites: Iterable[str | None]) -> tuple[str, ...]:
    """``names`` without the site's, a desk's or a newspaper's name after each
    (a dump's byline "Kelli Miller WebMD Health" on webmd.com is "Kelli Miller")."""
    return tuple(_without_sites(names, _site_keys(sites)))


def _same(a: str, b: str) -> bool:
    """``a`` and ``b`` name the same person: equal, or one is the other (two words or
    more) plus trailing words, a role or a date word, that the other source left out."""
    ka, kb = _key(a).split(), _key(b).split()
    short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return bool(short) and long[: len(short)] == short and (len(short) > 1 or short == long)


def _slug_name(url: str) -> str | None:
    """The name an author page's URL spells (``/by/marc-santora`` is "marc santora")."""
    if not re.match(r"https?://", url):
        return None
    path = [p for p in urlsplit(url).path.split("/") if p]
    words = re.sub(r"^\d+[-_]", "", path[-1]).split("-") if path else []
    return " ".join(words) if len(words) >= 2 and all(w.isalpha() for w in words) else None


# The folders of author pages ("/editors/jon-fingas", "/autore/mario-rossi").
_AUTHOR_FOLDER = re.compile(
    r"^(?:authors?|autor(?:e|en|i|in)?|auteurs?|by|editors?|people|profiles?|staff|"
    r"journalists?|writers?|contributors?|redakteur(?:e|in)?|firm[ae])$",
    re.I,
)


def _author_page_name(url: str) -> str | None:
    """The name an author page's URL spells, in title case, when the page is filed as
    an author's (``https://www.engadget.com/editors/jon-fingas``: "Jon Fingas")."""
    name = _slug_name(url)
    path = [p for p in urlsplit(url).path.split("/") if p]
    if not name or len(path) < 2 or not _AUTHOR_FOLDER.match(path[-2]):
        return None
    return " ".join(w if re.fullmatch(_PARTICLE, w) else w.capitalize() for w in name.split())


# --- the choice ----------------------------------------------------------------------


def _beside_site(values: Sequence[str], site_keys: AbstractSet[str]) -> Sequence[str]:
    """The values of one ``<meta>`` key without a tag that names only the site, when
    others name someone (``<meta name="author" content="한국일보">`` beside the
    reporter's): the publisher's tag, not a co-author."""
    kept = [v for v in values if not _is_site(v, site_keys)]
    return kept if kept and len(kept) < len(values) else values


# What a co-author's name looks like when only one source names them: two to four
# words in mixed case, maybe with particles, no job title.
_PERSON = re.compile(
    rf"(?!(?i:.*\b{_ROLE_NOUN}\b))[{_UPPER}][a-zß-ÿ'’.\-]+(?:[ ](?:{_PARTICLE}[ ])*"
    rf"[{_UPPER}][a-zß-ÿ'’.\-]+){{1,3}}"
)


def choose_authors(
    record: Sequence[str] | None = None,
    *,
    ld: Sequence[str] = (),
    meta: Sequence[tuple[str, Sequence[str]]] = (),
    byline: Sequence[str] = (),
    extracted: str | None = None,
    edge: Sequence[str] = (),
    sites: Iterable[str | None] = (),
) -> tuple[str, ...]:
    """The page's authors, voted between the sources that state them.

    ``record`` (what the feed or scraper stated) wins outright. Otherwise each source,
    in order of trust (JSON-LD, each ``<meta>`` key, the visible byline, trafilatura's
    guess, the bold name the body opens or closes with), is cleaned into a list of
    names. Each name is backed when another source names the same person (author page URLs vote too). A list naming a person beats a
    list of site, newsroom or company names; then the larger share of backed names
    wins; then trust. Trafilatura's guess does not run when a more trusted list holds
    all its names (it often catches only the first of several authors)."""
    if record:
        return tuple(names_of(record))
    site_keys = _site_keys(sites)
    traf = names_of([extracted] if extracted else [], site_keys)
    # trafilatura drops the digits of a byline's date, leaving its month behind.
    traf = [re.sub(rf"\s+(?:{_MONTHS}|updated)$", "", n, flags=re.I) for n in traf]
    cands: list[tuple[int, list[str]]] = [(0, names_of(ld, site_keys))]
    cands += [
        (1, names_of(_beside_site(values, site_keys), site_keys))
        for key, values in meta if key != _YOAST
    ]  # fmt: skip
    cands += [(2, names_of(byline, site_keys)), (3, traf)]
    # Yoast SEO's "Written by" names the account that posted: the visible byline may
    # credit someone else, so it comes last.
    cands += [(5, names_of(values, site_keys)) for key, values in meta if key == _YOAST]
    # The bold name a body opens or closes with (``edge_byline``): last, so it counts
    # only where no other source names a person (the CMS credits the site).
    cands.append((6, names_of(edge, site_keys)))
    # The name an author page's address spells, where the page links only that (the
    # Open Graph ``article:author`` is such an address): last of all.
    cands.append((4, _dedupe(n for _, vs in meta for v in vs if (n := _author_page_name(v)))))
    cands = [(fam, _without_sites(names, site_keys)) for fam, names in cands if names]
    if not cands:
        return ()
    slugs = [s for _, values in meta for v in values if (s := _slug_name(v))]
    voters = [*cands, (4, slugs)]

    def score(item: tuple[int, tuple[int, list[str]]]) -> tuple[bool, float, int]:
        rank, (fam, names) = item
        # A list that starts with the site's name is the publisher ("Site, City").
        people = (
            []
            if _key(names[0]) in site_keys and len(names) > 1
            else [n for n in names if not _is_org(n, site_keys)]
        )
        backed = [
            n for n in people
            if any(f != fam and any(_same(n, o) for o in other) for f, other in voters)
        ]  # fmt: skip
        # Votes for a site or newsroom name say nothing: among those, trust decides.
        return (bool(people), len(backed) / len(people) if people else 0.0, -rank)

    runners = [
        (i, (fam, names)) for i, (fam, names) in enumerate(cands)
        if fam != 3 or not any(all(any(_same(n, o) for o in other) for n in names)
                               for _, other in cands[:i])
    ]  # fmt: skip
    _, (_, best) = max(runners, key=score)
    # The visible byline naming everyone the winner names and more: the metadata left
    # out a co-author (Dagbladet's JSON-LD names one of its two reporters).
    held = {_key(n) for n in best}
    wider = [
        names for fam, names in cands
        if fam == 2 and len(names) > len(best) and held <= {_key(n) for n in names}
        and all(_key(n) in held or _PERSON.fullmatch(n) for n in names)
        and not any(_is_org(n, site_keys) for n in names)
    ]  # fmt: skip
    best = wider[0] if wider else best
    people = [n for n in best if not _COMPANY.search(n)]
    return tuple(people or best)
