"""Import stage, extract: author names as pages and feeds state them, one name each.

A page states its authors in several places: JSON-LD, ``<meta>`` tags, the visible
byline, and trafilatura makes one more guess. ``choose_authors`` cleans each source into
a list of names and lets the sources vote, the way ``titles`` votes for a title.
Names stay plain text: markup in a source is dropped, never kept.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from newsarchive.importer.dates import WEEKDAYS
from newsarchive.importer.markers import CREDIT_LINE_RE
from newsarchive.importer.metatags import classes, page_root, text_of, visible_text

__all__ = [
    "CREDIT_TAIL_RE",
    "byline_authors",
    "choose_authors",
    "clean_name",
    "edge_byline",
    "meta_authors",
    "name_after_day",
    "name_before_day",
    "names_beside",
    "names_of",
    "plain_text",
    "split_authors",
    "text_byline",
    "without_publishers",
]


def plain_text(text: str) -> str:
    """Names and tags are plain text: markup in them is dropped, not kept."""
    if "<" in text:
        text = BeautifulSoup(text, "lxml").get_text(" ")
    elif "&" in text:
        text = html.unescape(text)  # an entity, no markup (URLs need no parser)
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def split_authors(values: Any) -> tuple[str, ...]:
    """The names ``values`` (strings as a feed or record states them) hold, cleaned."""
    return tuple(names_of([str(v) for v in values or ()]))


# --- sources: <meta> -----------------------------------------------------------------

# <meta> keys naming the article's author, normalised (lower case, "." read as ":").
_META_KEYS = (
    "author",
    "article:author",
    "article:author_name",
    "og:article:author",
    "og:author",
    "parsely-author",
    "sailthru:author",
    "cxenseparse:author",
    "byl",
    "article:byline",
    "dc:creator",
    "dcterms:creator",
    "citation_author",
    "twitter:written-by",
)
_YOAST = "twitter:written-by"
_WRITTEN_BY = re.compile(
    r"written by|geschrieben von|verfasst von|écrit par|escrito por|scritto da|geschreven door",
    re.I,
)
# Keys whose values are library style "Family, Given" names, one name a tag.
_INVERTED_KEYS = frozenset({"dc:creator", "dcterms:creator", "citation_author"})


def meta_authors(tree: HtmlElement) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The values of the author ``<meta>`` tags of ``tree``'s page: ``(key, values)`` pairs in
    ``_META_KEYS`` order (URLs included: their paths vote, see ``choose_authors``).

    A tag without ``content`` is read from ``value`` (pages saved by the Postlight/Mercury
    parser carry their meta values there). Library-style ``Family, Given`` creator tags
    become ``Given Family``."""
    found: dict[str, list[str]] = {}
    labels: dict[str, str] = {}  # Yoast SEO: twitter:labelN "Written by", twitter:dataN
    for el in page_root(tree).iter("meta"):
        content = el.get("content")
        text = plain_text(str(el.get("value") if content is None else content or ""))
        keys = {
            k.strip().lower().replace(".", ":")
            for attr in ("name", "property")
            for k in (*str(el.get(attr) or "").split(), str(el.get(attr) or ""))
        }
        for key in set(keys):
            if m := re.fullmatch(r"twitter:(label|data)(\d)", key):
                if m[1] == "label":
                    labels[m[2]] = text
                elif _WRITTEN_BY.fullmatch(labels.get(m[2], "")):
                    keys = keys | {_YOAST}
            elif _WRITTEN_BY.fullmatch(key.removeprefix("twitter:misc:")):
                keys = keys | {_YOAST}
        for key in keys.intersection(_META_KEYS) if text else ():
            if key in _INVERTED_KEYS and text.count(",") == 1 and not _URLISH.search(text):
                family, given = (p.strip() for p in text.split(","))
                text = f"{given} {family}" if family and given else text
            found.setdefault(key, []).append(text)
    return tuple((key, tuple(dict.fromkeys(found[key]))) for key in _META_KEYS if key in found)


# --- sources: the visible byline -----------------------------------------------------

_BYLINE_CLASS = re.compile(r"byline|author(?!it)", re.I)
# Class words of what sits in or beside a byline but is not the name: photos, bios,
# roles, dates, labels, share and follow buttons, comments, image credits, teasers.
_NOT_BYLINE_CLASS = re.compile(
    r"comment|avatar|photo|image|img|pic|thumb|bio|desc|about|quote|caption|credit|"
    r"social|follow|share|twitter|mail|more|related|teaser|recirc|card|"
    r"date|time|title|label|prefix|role|job|position|count|icon|flyout|modal|tooltip|"
    r"brand|logo|badge",
    re.I,
)
_SKIP_PARENTS = ("nav", "footer", "aside", "form", "figcaption", "figure", "noscript")
# A byline block holds names, a date, a role: not more text than this.
_BLOCK_CHARS = 300


def _is_byline(el: HtmlElement) -> bool:
    names = classes(el)
    return any(_BYLINE_CLASS.search(c) for c in names) and not any(
        _NOT_BYLINE_CLASS.search(c) for c in names
    )


def _text(el: HtmlElement) -> str:
    return " ".join(text_of(el).split())


def _name_text(el: HtmlElement) -> str:
    """``el``'s text less its parts whose class says photo, role, date, label..."""
    return visible_text(
        el,
        hide=lambda child: (
            child.tag == "time" or any(_NOT_BYLINE_CLASS.search(c) for c in classes(child))
        ),
    )


def _in(el: HtmlElement, names: tuple[str, ...]) -> bool:
    """``el`` is inside an element ``names`` names."""
    return any(a.tag in names for a in el.iterancestors())


def _skipped_link(el: HtmlElement) -> bool:
    """A ``rel=author`` link in a part of the page that is not the article's: a menu, a
    footer, a form, a figure, a sidebar. An ``<aside>`` inside the ``<article>`` or
    ``<main>`` is the article's margin, where The Guardian puts its byline and date."""
    return any(
        a.tag in _SKIP_PARENTS and not (a.tag == "aside" and _in(a, ("article", "main")))
        for a in el.iterancestors()
    )


def _of_article(el: HtmlElement) -> bool:
    """``el`` is not a comment's, image's or review's author (its microdata scope)."""
    scope = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
    kind = str(scope.get("itemtype") or "") if scope is not None else ""
    return not kind or bool(re.search(r"Article|Posting|WebPage|Report", kind))


def _one_block(els: list[HtmlElement]) -> list[HtmlElement]:
    """The first element and those in the same byline block: the first one's widest
    ancestor with no more than a byline's worth of text. Author links elsewhere on
    the page (teasers, "more from") are other articles' bylines."""
    block = els[0]
    for parent in els[0].iterancestors():
        if len(_text(parent)) > _BLOCK_CHARS:
            break
        block = parent
    return [e for e in els if e is block or any(p is block for p in e.iterancestors())]


_ITEMPROPS = etree.XPath("//*[@itemprop]")
_REL_LINKS = etree.XPath("//a[@rel]")
_CLASSED = etree.XPath("//*[@class]")
_DESC_CLASSED = etree.XPath(".//*[@class]")
_NAME_PROP = etree.XPath(".//*[@itemprop='name']")
_AUTHOR_PROP = re.compile(r"\bauthor\b", re.I)


def byline_authors(tree: HtmlElement) -> tuple[str, ...]:
    """The texts of the visible byline of ``tree``'s page, from its first byline block.

    ``itemprop=author`` elements of the article (their ``itemprop=name`` where nested),
    else ``rel=author`` links, else the first element whose class says byline or
    author (its innermost such elements, one name each), else the names after the
    first "By" label (``_by_label_names``)."""
    root = page_root(tree)
    found = [
        el for el in _ITEMPROPS(root)
        if _AUTHOR_PROP.search(el.get("itemprop")) and el.tag not in ("meta", "link")
        and _of_article(el) and not _in(el, _SKIP_PARENTS)
    ]  # fmt: skip
    out: list[str] = []
    for el in _one_block(found) if found else ():
        names = _NAME_PROP(el)
        named = names[0] if names else el
        out.append(str(named.get("content") or "") if named.tag == "meta" else _name_text(named))
    if not any(out):
        links = [
            el for el in _REL_LINKS(root)
            if "author" in el.get("rel").split() and _text(el) and not _skipped_link(el)
        ]  # fmt: skip
        out = [_text(el) for el in _one_block(links)] if links else []
    if not any(out):
        for el in _CLASSED(root):
            if not _is_byline(el) or _in(el, _SKIP_PARENTS) or not _text(el):
                continue
            inner = [
                d for d in _DESC_CLASSED(el)
                if _is_byline(d) and _text(d) and not any(_is_byline(x) for x in _DESC_CLASSED(d))
            ]  # fmt: skip
            out = [_name_text(d) for d in inner] or [_name_text(el)]
            break
    if not any(out):
        out = list(_by_label_names(root))
    return tuple(dict.fromkeys(t for t in out if t))


# --- cleaning ------------------------------------------------------------------------

_URLISH = re.compile(r"https?:|www\.|//|@|\.(?:com|org|net)\b", re.I)
_PREFIX = re.compile(
    r"^(?:(?:written\s+)?by|von|par|por|di|a\s+cura\s+di|door|av|"
    r"autor(?:in)?|author|text|texto|testo|reporter|quelle|source|fonte|fuente)\b\s*:?\s*",
    re.I,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
# Where a byline's date or update note starts: the rest is not the name.
_DATE_START = re.compile(
    rf"\s*(?:\b(?:{_MONTHS})\.?\s+\d|\b\d{{1,2}}\.?\s+(?:{_MONTHS})\b|"
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d\d|"
    r"\b(?:last\s+)?(?:updated|published|posted|aktualisiert|stand)\b).*$",
    re.I,
)
# Links to the author's page that bylines carry after the name.
_PROFILE_LINK = (
    r"see\s+full\s+bio|view\s+(?:author|full|profile)(?:\s+(?:profile|bio))?|get\s+author|"
    r"archive\s+page|author\s+page|follow\b"
)
# Button and link texts that bylines carry after the name, and the editor's credit
# ("Written by Rob Ewaschuk Edited by Betsy Beyer": the editor is not an author).
_UI_TAIL = re.compile(
    rf"\s+(?:link\s+copied|{_PROFILE_LINK}|more\s+(?:stories|articles|from)|read\s+more|"
    r"email\b|contact\b|edited\s+by\b).*$",
    re.I,
)
# What may follow a name in a byline and is not part of it: "in Valencia", a dangling
# "on", a Korean or Japanese "reporter" (and "and N others").
_TAIL = re.compile(
    r"(?:\s+in\s+\S.*|\s+(?:on|at|am|le|il|el)|"
    r"\s*(?:기자|記者|특파원|特派員)(?:\s*외\s*\d+\s*명)?)$"
)
_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|phd|ph\.d|md|ma|mba|rn)\.?$", re.I)
_SPLIT = re.compile(
    r"\s*;\s*|\s+(?:and|und|og|och|e|&)\s+|\s*,\s*(?:and\s+)?(?=[^\W\d_])|\s+[|·•/–—-]\s+"
)
_ROLE_NOUN = (
    r"(?:journalist(?:in)?|reporter(?:in)?|editor|writer|correspondent|columnist|contributor|"
    r"technologist|photographer|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|"
    r"fotograf(?:in)?|giornalista|journaliste|periodista|redactor(?:a)?)"
)
# A job title standing where a name should ("Mathias Hagen / Journalist").
_ROLE_QUALIFIER = r"senior|chief|staff|contributing|freelance|managing|deputy"
_ROLE = re.compile(rf"^(?:(?:{_ROLE_QUALIFIER})\s+)?{_ROLE_NOUN}$", re.I)
# What may qualify a job title after a name: its rank or its desk ("Political editor").
_ROLE_DESK = (
    rf"{_ROLE_QUALIFIER}|political|parliamentary|foreign|business|sports?|science|health|legal|"
    r"investigative|web|digital|online|social|video|data|opinion|technology|tech|economics|"
    r"education|environment|travel|photo|graphics|copy|assistant|associate|executive|"
    r"regional|international|culture|arts|music|food|fashion|style|politics|national|news"
)
_ROLE_QUALIFIER_WORD = re.compile(rf"^(?:{_ROLE_DESK})$", re.I)
# A job title closing a name ("Parliamentary editor", "Senior Politics Editor").
_TRAILING_ROLE = re.compile(rf"\s+(?:(?:{_ROLE_DESK})\s+){{0,2}}{_ROLE_NOUN}$", re.I)
# Not a name: a bare date word, a reading time, a credit line ("X at Agency"), prose.
_NOT_NAME = re.compile(
    rf"^(?:{_MONTHS}|{_DAYS})\.?$|^\d|\s(?:at|for|using|via)\s|[?!*]|\.\.|^(?:see|view|read|"
    r"follow|share|subscribe|more|get|link)\b",
    re.I,
)


def clean_name(raw: str) -> str:
    """One name as it is shown: plain text, single spaces, no "By " prefix, no date,
    update note or button text after it, no trailing ``(alias)``."""
    name = _UI_TAIL.sub("", _DATE_START.sub("", plain_text(raw)))
    if re.search(r"\(\s*[\d.,]+\s*\)$", name):
        return ""  # "Comments (42)": a counter, not a name
    name = re.sub(r"\s*\([^()]*\)$", "", name)
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        name = " ".join(words[:half])  # "Jane Doe Jane Doe": a name and its link
    elif len(name) % 2 == 0 and " " in name and name[: len(name) // 2] == name[len(name) // 2 :]:
        name = name[: len(name) // 2]  # "Andrea WongAndrea Wong": the two run together
    tail = _TAIL.sub("", name)
    if tail != name and (len(tail.split()) >= 2 or not tail.isascii()):
        name = tail
    bare = _TRAILING_ROLE.sub("", name)
    if bare != name and len(bare.split()) >= 2:
        name = bare  # "Sam Stein Senior Politics Editor": the job title is no part of it
    while True:
        stripped = _PREFIX.sub("", name).strip(" ,;:|/·•-–—")
        if stripped == name:
            return name
        name = stripped


def _is_name(name: str) -> bool:
    return (
        1 < len(name) <= 60
        and len(name.split()) <= 6
        and not _URLISH.search(name)
        and not _NOT_NAME.search(name)
        and bool(re.search(r"[^\W\d_]", name))
    )


def names_of(
    values: Iterable[str] | str | None, site_keys: AbstractSet[str] = frozenset()
) -> list[str]:
    """The names ``values`` state: split at "and" (en, de, da/no, sv, it/pt), "&", ";",
    commas and "|", each cleaned; non-names (URLs, e-mail addresses, handles, dates,
    bare job titles, button texts) dropped; one of each. The site's name closing a
    byline after a person's ("X, Y and Z, CNN") is the publisher, not an author."""
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for raw in values or ():
        text = _UI_TAIL.sub("", _DATE_START.sub("", plain_text(str(raw))))
        if len(text) > _BLOCK_CHARS:
            continue  # prose, not a byline
        inverted = re.fullmatch(r"([A-ZÀ-Ý][^\W\d_]+), ([A-ZÀ-Ý][^\W\d_]+)", text)
        if inverted and not text.isupper():
            text = f"{inverted[2]} {inverted[1]}"  # "Family, Given", as libraries write
        parts = _SPLIT.split(text)
        names: list[str] = []
        for part in parts:
            name = clean_name(part)
            if names and len(parts) > 1 and _SUFFIX.match(name):
                names[-1] = f"{names[-1]}, {name}"  # "Name, Jr." is one name
            elif _is_name(name):
                names.append(name)
        while len(names) > 1 and _is_site(names[-1], site_keys):
            names.pop()
        out += names
    people = [n for n in out if not _ROLE.match(n)]
    return _dedupe(people or out)


# --- bylines in flattened text -------------------------------------------------------

# A flattened page (a text dump) keeps its byline as text: "By Jay Peters and Alex Heath",
# "Von Felix Schröder und Jörg Soldwisch", "Par Martin Untersinger". A name is two to
# four capitalised words (with particles such as "van", "de"), on one line.
_UPPER = "A-ZÀ-ÖØ-ÝĀ-Ž"
_NAME_WORD = rf"[{_UPPER}][\w'’.\-]*"
_PARTICLE = r"(?:de|van|von|da|di|del|der|den|la|le|du|dos|das|bin|al|ten|ter)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}){{1,3}}"
# Between two names; a word joins only as a whole word ("et", not the "e" of "et"), also
# after a comma ("Chien-Ming Wang, and Tom Watkins").
_JOIN = r"[ \t]*(?:,(?:[ \t]+(?:and|&)(?=[ \t]))?|[ \t](?:and|und|e|y|et|og|och|&)(?=[ \t]))[ \t]*"
_NAMES = rf"{_NAME}(?:{_JOIN}{_NAME}){{0,4}}"
_BY = r"(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or|[Dd]i|DI|[Aa]v|[Dd]oor|[Tt]ext:|[Aa]utor(?:in)?:)"
# Also "By" glued to the name as a page's inline blocks flatten ("bySauli Giliard").
_BYLINE_RE = re.compile(
    rf"(?:{_BY}:?\s+|\b[Bb]y(?=[A-ZÀ-Ý][a-zß-ÿ]))({_NAMES})(?=[ \t]*(?:$|[,(|·•]|[ \t]+\S))", re.M
)
# The author's credit closing a text, maybe behind a toggle's label (MIT Technology
# Review's dumps: "… keep exploring.” hide by Tom Simonite").
CREDIT_TAIL_RE = re.compile(rf"\s*(?:[a-z]+\s+)?{_BY}\s+{_NAMES}\s*$")
# A day's label in other languages ("Publié le", "Aktualisiert am"): no part of a name.
_DAY_LABELS = "publié|publicado|pubblicato|aggiornato|veröffentlicht|aktualisiert"
# The day named in words: no part of a name ("Sarah Lazare Today 5:22 AM").
_TODAY = "today|yesterday|heute|gestern|oggi|ieri|hoy|ayer|aujourd'hui|hier"
# Capitalised words that follow a name on a flattened line and are not part of it.
_NOT_NAME_WORD = re.compile(
    rf"^(?:{_MONTHS}|{_DAYS}|in|on|at|the|for|with|photo(?:graph)?s?|illustrations?|video|"
    r"updated|published|posted|share|follow|twitter|archive|senior|staff|news|reporter|editor|"
    rf"{_TODAY}|{_DAY_LABELS})\.?$",
    re.I,
)
# A part of a byline holding one of these is a job title ("Senior Staff Technologist").
_ROLE_WORD = re.compile(rf"^{_ROLE_NOUN}$", re.I)
# A link to the author's page right after the byline ("By James Temple archive page").
_PROFILE_LINK_RE = re.compile(rf"[ \t,|·•–—-]*(?:{_PROFILE_LINK})", re.I)
# A name glued to the role or date after it by the flattening ("Ulrich ExnerKorrespondent",
# "Rachel Brazil0").
_GLUED = re.compile(r"(?<=[a-zß-ÿ]{4})(?=[A-ZÀ-Ý][a-zß-ÿ]{2})\S*|(?<=[^\W\d_])\d+\b")


BYLINE_ZONE = 1500  # characters after the headline where a dump's byline stands
_BYLINE_INLINE = 300  # within this, a capitalised "By" may follow the headline on its line
# A day, or a label of one, right after a byline run into a line: "By Matthew Cappucci
# April 26, 2024 at 11:24 a.m.", "by Steven Musil January 18, 2017", "Von Ralf Euler
# -Aktualisiert am 28.04.2023", "Par David Mouriquand Publié le 06/01/2026".
_DAY_AHEAD = re.compile(
    rf"(?:(?:{_MONTHS})\.?\s+\d|\d{{1,2}}\.?\s+(?:{_MONTHS})\b|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}|"
    rf"(?:last\s+)?(?:updated|published|posted|erstellt|stand|{_DAY_LABELS})\b)",
    re.I,
)
# A month or a label the names' run took in ("Steven Musil January", "CNN Updated").
_DAY_WORD = re.compile(rf"\b(?:{_MONTHS}|updated|published|posted|last|{_DAY_LABELS})(?!\w)", re.I)
_BEFORE_DAY = re.compile(r"[\s,|·•–—-]*")  # between the names and their day


def text_byline(text: str) -> tuple[tuple[str, ...], int, int]:
    """The authors of the byline near the start of flattened text ("By Jane Doe",
    "Von\nFelix Schröder und Jörg Soldwisch"), with the byline's start and end in
    ``text`` (past a link to the author's page); ``((), 0, 0)`` when there is none. A
    byline opens a line, or follows the headline on its line with a capital "By", or
    stands anywhere in a line with its day right after it (a dump whose blocks run
    together); "by" inside a sentence is prose."""
    head = text[:BYLINE_ZONE]
    for match in _BYLINE_RE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        opens = not head[line_start : match.start()].strip() or (
            match.group(0)[0].isupper() and match.start() < _BYLINE_INLINE
        )
        if not opens and not _day_follows(head, match):
            continue
        run = match.group(1)
        # A link to the author's page the names' pattern took in ("Oli Coleman View
        # author archive") ends the names.
        if link := _PROFILE_IN.search(head, match.start(1), match.end(1) + _PROFILE_CHARS):
            run = run[: max(0, link.start() - match.start(1))]
        names, with_post = _byline_names(run)
        if not names:
            continue
        if not _closed(head, match.start(1) + len(run)):
            names = (*names[:-1], _first_two(names[-1]))
        # The byline ends after the last name kept (with what the flattening glued to
        # it, and a link to the author's page), not after a month or a role the
        # pattern took for more of the name; or after the post or credentials closing
        # the names ("Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech").
        last = names[-1].split()[-1]
        end = head.rfind(last, match.start(), match.end()) + len(last)
        if with_post and not _DAY_WORD.search(run):
            end = match.start(1) + len(run)
        while end < len(head) and not head[end].isspace():
            end += 1
        if link := _PROFILE_LINK_RE.match(head, end):
            end = link.end()
        return names, match.start(), end
    return (), 0, 0


_PROFILE_IN = re.compile(rf"[ \t]+(?:{_PROFILE_LINK})", re.I)
_PROFILE_CHARS = 30  # how far past the names a link to the author's page may reach
# What closes a byline's names: the line's end, punctuation, a figure ("By Jane Doe\n",
# "By Daniel Kahn Gillmor, Senior …", "By Eleanor Ainge Roy (reporting)").
_CLOSES_NAMES = re.compile(r"[ \t]*(?:$|[^\w\s]|\d)", re.M)


def _closed(text: str, end: int) -> bool:
    """Whether the names that end at ``end`` in ``text`` are closed there, rather than
    run into the capitalised words of the text after them, as when a dump runs the
    byline and the article's first sentence together ("By Alyssa Newcomb If it's …",
    "By Gopal Sharma Fire is seen …", "von Oliver Kring Große Aufregung …")."""
    if _CLOSES_NAMES.match(text, end) or _DAY_AHEAD.match(text, end + 1):
        return True
    if _PROFILE_LINK_RE.match(text, end):
        return True  # "By Robert D. Hof archive page"
    after = text[end:].split(maxsplit=1)
    if not after or after[0] == "may":
        return False  # the verb, not the month ("by Juli Clover Apple may be planning")
    return bool(_FURNITURE.fullmatch(after[0]) or _NOT_NAME_WORD.match(after[0]))


def _first_two(name: str) -> str:
    """A name cut to its first two words (and the particles and initials between them): where a
    byline runs into the text, a third capitalised word is more often the text's first
    ("Gopal Sharma Fire", "Kaveh Waddell New York") than the name's."""
    words = name.split()
    kept: list[str] = []
    for word in words:
        kept.append(word)
        if sum(not re.fullmatch(rf"{_PARTICLE}|\w\.", w) for w in kept) == 2:
            break
    return " ".join(kept)


def _day_follows(head: str, match: re.Match[str]) -> bool:
    """A day follows the byline ``match`` in ``head`` right after its names, past a comma
    or a dash ("Von Ralf Euler -Aktualisiert am …"). The names' pattern may have taken
    the month or the label in ("Steven Musil January 18", "Stephen Collinson, CNN
    Updated 11:22"): the day is looked for from each such word in them on too."""
    for word in _DAY_WORD.finditer(match.group(1)):
        if _DAY_AHEAD.match(head, match.start(1) + word.start()):
            return True
    gap = _BEFORE_DAY.match(head, match.end())
    return gap is not None and bool(_DAY_AHEAD.match(head, gap.end()))


# After a job title in a byline, another name opens with "and" ("…, Staff Writer, and
# John Roe"); otherwise what follows the title is the author's employer.
_AND_NEXT = re.compile(r"[\s,]*(?:and|und|e|y|et|og|och|&)\s", re.I)


# A surname in capitals, after the given name ("Bill MCCARTHY"); not an initial ("D.").
_CAPS_SURNAME = re.compile(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,}")


def _byline_names(run: str) -> tuple[tuple[str, ...], bool]:
    """The names in a byline's run, and whether the run ends with the authors' post or
    credentials (all of it byline, none of it a name)."""
    pieces = re.split(f"({_JOIN})", run)
    names: list[str] = []
    with_post = False
    for at in range(0, len(pieces), 2):
        part = pieces[at]
        words = _GLUED.sub("", part).split()
        if names and "," in pieces[at - 1] and words:
            if _SUFFIX.match(words[0]) or (
                all(w.isupper() for w in words) and not any(n.isupper() for n in names)
            ):
                return tuple(names_of("; ".join(names))), True  # credentials, desk
            if any(_ROLE_WORD.match(w) for w in words):
                if _AND_NEXT.match("".join(pieces[at + 1 : at + 3])):
                    continue  # "Jane Doe, Staff Writer, and John Roe"
                return tuple(names_of("; ".join(names))), True  # post, employer
        # The page's furniture ends the name, and what follows it is no name either
        # ("Von: Simone Jung KommentareDrucken Ambrosia breitet sich …").
        cut = next((i for i, w in enumerate(words) if _FURNITURE.fullmatch(w)), len(words))
        # So does a capitalised word after a name in capitals ("Marisha GOLDHAMER
        # Übersetzung und Adaptierung").
        caps = next((i for i, w in enumerate(words) if _CAPS_SURNAME.fullmatch(w)), None)
        if caps:
            cut = min(
                cut, next((i for i, w in enumerate(words[caps:], caps) if not w.isupper()), cut)
            )
        words = words[:cut]
        # A place in capitals after a name is its dateline's ("Shawn Pogatchnik DUBLIN").
        mixed = next((i for i, w in enumerate(words) if _CAPS_SURNAME.fullmatch(w)), len(words))
        if mixed >= 2 and all(_CAPS_SURNAME.fullmatch(w) for w in words[mixed:]):
            words = words[:mixed]
        # A job title after the name ends it ("By Enkosi Selane Journalist 4 minute read").
        role = next((i for i, w in enumerate(words) if _ROLE_WORD.match(w)), len(words))
        if 0 < role < len(words) and _ROLE_QUALIFIER_WORD.match(words[role - 1]):
            role -= 1
        with_post = role < len(words)
        words = words[:role]
        while words and _NOT_NAME_WORD.match(words[-1]):
            words.pop()
        if len(words) >= 2:
            names.append(" ".join(words))
    return tuple(names_of("; ".join(names))), with_post


_SHORT_TEXTS = etree.XPath(
    "//text()[normalize-space(.) and string-length(normalize-space(.)) < 80]", smart_strings=True
)
_BY_LABEL = re.compile(rf"{_BY}:?(?:\s|$)")
_BY_LABELLED = re.compile(rf"{_BY}:?\s+({_NAMES})")
# The element around a "By" holds the byline alone: a short text, a few levels up.
_BY_LEVELS = 4
_BY_CHARS = 120


def _by_label_names(root: HtmlElement) -> tuple[str, ...]:
    """The names after the page's first "By" label (or "Von", "Par", ...) whose element
    holds "By" and the names alone, where no markup says byline: classes a build tool
    made up (Kinja's ``<span>By</span><div><a>Chris Thompson</a></div>``, Quartz's
    ``<div class="_ceVT">By <span>Yomi Kazeem</span></div>``). Not inside a link: a
    teaser's card links to its article, byline and all."""
    for node in _SHORT_TEXTS(root):
        if not _BY_LABEL.match(node.strip()):
            continue
        el = node.getparent()
        el = el.getparent() if el is not None and node.is_tail else el
        for _ in range(_BY_LEVELS):
            if el is None or el.tag in ("body", "html") or el.tag in _SKIP_PARENTS:
                break
            if _in(el, (*_SKIP_PARENTS, "a")):
                break  # an article's card is a link ("By Ben Blanchard" under a teaser)
            text = _text(el)
            if len(text) > _BY_CHARS:
                break
            if match := _BY_LABELLED.fullmatch(text):
                return _byline_names(match.group(1))[0]
            el = el.getparent()
    return ()


# The byline beside a dump's dateline, with no "By": "Jacqui Housden" on the line above
# "January 28, 2025 11:30 am", "Dan Goodin - Apr 16, 2015", "9. September 2025 um 15:46
# Uhr / Frank Wunderlich-Pfeiffer", "Von Robin Amberg, Volontär (Sport)". The lines looked
# at, nearest first: the dateline's own, then up to two above and below.
_BESIDE_LINES = (0, -1, 1, -2, 2)
# Where a line splits into its parts: a bar, a slash, a dot or a dash between spaces.
_PART_SPLIT = re.compile(r"\s+[|/·•–—-]\s+|\s*[|·•]\s*")
_BESIDE_NAME = re.compile(rf"(?:{_BY}:?\s+)?({_NAMES})(?:\s*,\s*(?P<rest>[^,]*))?")
# A dateline's line is short ("Yasmine Hassan · CBC News · Posted: Aug 08, 2024 4:00 AM
# EDT"); a day in a longer one is a caption's or a sentence's ("NEW YORK, NY - OCTOBER
# 22: A man walks near the offices of Google on October 22, 2020 …").
_DATELINE_WORDS = 15
# Capitals run on after a small letter: a brand or two labels run together ("WebMD",
# "South AfricaPREMIUM"), not a name ("McDonald", "LeBron", "DeAndre").
_RUN_CAPITALS = re.compile(r"[a-z][A-Z]{2}")
_REST_WORDS = 3  # a role or a place after the name's comma ("Volontär (Sport)", "Lille")
# Capitalised words of a page's furniture, not of a name ("Follow Author", "Top Stories",
# "Get Deals Delivered", "Foto: Mads …", "Copyright AP Photo").
_FURNITURE = re.compile(
    r"\b(?:share|follow|read|more|sign|subscribe|newsletter|live|top|stories|related|latest|"
    r"most|popular|menu|search|home|video|audio|listen|comments?|deals?|minutes?|min|"
    r"lesedauer|artikel|teilen|photos?|fotos?|bild|copyright|image|getty|shutterstock|"
    r"author|autor(?:in)?|advertisement|anzeige|sponsored|breaking|updated?|published|"
    r"download|privacy|settings|feedback|twitter|facebook|sale|actualizado|aktualisiert|"
    r"aggiornato|publicado|publié|veröffentlicht|kommentare|kommentieren|drucken|anhören|"
    r"merken|commenti|stampa|commentaires|imprimer|comentarios|imprimir|weiter|weiterlesen)\b",
    re.I,
)


def names_beside(text: str, pos: int, headline: str | None = None) -> tuple[str, ...]:
    """The authors a flattened page names beside its dateline (the day at ``pos`` in
    ``text``) without a "By": a part of the dateline's line, or of a line up to two
    above or below it, that is two to four capitalised words a name (or several,
    joined), maybe with "By"/"Von:" before it and a short role or place after a comma.
    Not the ``headline``, not a line with digits (dates, counters) or the page's
    furniture ("Follow Author", "Foto: …"). ``()`` when no line near it is a name, or
    the day stands in a long line (a caption's or a sentence's day: no dateline)."""
    lines = text.split("\n")
    at = text.count("\n", 0, pos)
    if at >= len(lines) or len(lines[at].split()) > _DATELINE_WORDS:
        return ()  # a day in running text or a caption, not a dateline
    key = headline.casefold() if headline else None
    common: set[str] | None = None
    for step in _BESIDE_LINES:
        if not 0 <= at + step < len(lines):
            continue
        line = lines[at + step].strip()
        if not line or line.casefold() == key:
            continue
        below = lines[at + step + 1] if at + step + 1 < len(lines) else ""
        if CREDIT_LINE_RE.match(below):
            continue  # a photo's caption above its credit ("Donald Trump" / "Foto: …")
        for part in _PART_SPLIT.split(line):
            names = _names_part(part.strip(), _REST_WORDS)
            if not names:
                continue
            common = _lower_words(text) if common is None else common
            if not any(_is_common(n, common) for n in names):
                return names
    return ()


# What stands between a name and the day it dates on a line that runs a page's blocks
# together, one piece at a time from the day back: a separator, a label, a weekday, a
# time ("Noora Mykkanen Published November 18, 2024", "Matthew Loh 20:00, 29 Jan 2024",
# "Hazel Sheffield Friday 25 December 2015", "Vincent Vallet Follow Oct 18, 2019",
# "Von Malek Fouda Zuerst veröffentlicht am 06/01/2026", "Sarah Lazare Today 5:22 AM").
_TO_DAY_PIECE = re.compile(
    rf"(?:[\s,|/·•–—:-]+|(?<!\w)(?:{'|'.join(WEEKDAYS)}|first|zuerst|last|updated|published|"
    rf"posted|on|am|um|le|el|il|del?|stand|follow|{_DAY_LABELS}|actualizado|offentliggjort|"
    r"publiceret|publisert|publicerad|opdateret|oppdatert|uppdaterad|giriş|güncelleme|"
    rf"{_TODAY})\.?|"
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)\Z",
    re.I,
)
# Names of two or three capitalised words, joined ("Julia Carrie Wong and Sam Levin"),
# closing the text before a day.
_NAME_2_3 = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}){{1,2}}"
_NAMES_2_3 = rf"{_NAME_2_3}(?:{_JOIN}{_NAME_2_3}){{0,3}}"
_NAMES_RUN = re.compile(_NAMES_2_3)
_NAMES_CLOSING = re.compile(rf"(?:^|(?<=\s))({_NAMES_2_3})\Z")
_BY_WORD = re.compile(rf"{_BY}:?")
# A line that opens a "By" byline, maybe after its kind ("Kommentar von", "Analysis by").
BYLINE_START_RE = re.compile(rf"(?:\w+[ \t]+)?{_BY}:?(?=\s)")
_BEFORE_NAME = 160  # letters before a day where its byline stands
# The word before a name that opens its byline: a sentence's end, maybe with a photo
# agency's credit glued to it ("… del GP de Qatar.AFP Miguel A. Herguedas"; not an initial's dot:
# "EFE/ J.J. Guillén Alberto Órfão"), a word in lower case, a figure ("… horrible hygiene
# Hazel Sheffield Friday …", "Ein Gastbeitrag. Abdul Adhim Kamouss 17.05.2026").
_NAME_OPENS_AFTER = re.compile(r".*[^\W\d_]{3}[.!?](?:[A-Z]{2,5})?|.*[:;\"”»)’]|[a-zß-ÿ\d]\S*")
# A lower-case word that makes the capitalised words after it a place or a thing, not a
# byline ("… at Menara KWSP in Shah Alam on November 19").
_BEFORE_PLACE = re.compile(
    r"in|at|on|from|of|to|for|with|near|into|the|an?|and|or|im|am|aus|bei|mit|nach|vor|zu|"
    r"zum|zur|der|die|das|den|dem|des|ein|eine|und|oder|à|au|aux|en|dans|du|des|le|la|les|"
    r"et|ou|el|los|las|del|al|y|con|nel|nella|della|alla|il|lo|gli"
)
# A word with a dot in a name is an initial or a title ("Laura E. Adkins", "Dr. Max
# Kolter", "J.J."), not a sentence's last word ("Amtszeit.", "Florida."); a possessive is
# prose ("Maybe Donald Trump’s").
_DOTTED = re.compile(r"\S*[^\W\d_]{4,}\.|\S+['’]s")
# A "By" word opening the names or after a capitalised word in them, where the names'
# pattern took it for a name or a particle.
_BY_INSIDE = re.compile(rf"(?:^|(?<=[^\W\d_])[ \t]+)({_BY})[ \t]+")
# "By" glued to the name by the flattening ("ByTravis Haney").
_GLUED_BY = re.compile(r"^(?:By|Von|Par|Por)(?=[A-ZÀ-Ý][a-zß-ÿ])")


def name_before_day(text: str, pos: int) -> tuple[tuple[str, ...], int]:
    """The names right before the day at ``pos`` in ``text``, a dump whose lines run a
    page's blocks together: "… the beans on cost cutting and horrible hygiene Hazel
    Sheffield Friday 25 December 2015", "By Stefan Grobe Published on 06/01/2026". Two
    or three capitalised words (or several such names, joined) that a label, a weekday
    or a time may part from the day, after a "By", a sentence's end, a word in lower
    case or the line's start; not part of a longer run of capitalised words (a
    headline's or a menu's), not a place ("in Shah Alam"), not words the page writes in
    lower case elsewhere. With them, where their byline ("By" and all) starts in
    ``text``; ``((), pos)`` when no name stands there."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - _BEFORE_NAME)
    before = text[start:pos]
    while (piece := _TO_DAY_PIECE.search(before)) and piece.group():
        before = before[: piece.start()]
    match = _NAMES_CLOSING.search(before)
    if not match:
        return (), pos
    left = before[: match.start()].rstrip()
    word = left.split()[-1] if left else ""
    run, opens = match.group(1), match.start()
    if inner := _BY_INSIDE.search(run):
        # "By" taken for a particle: "Kolumne von Carla Siepmann", "Ehrung von Landesspiegel".
        word, run, opens = inner.group(1), run[inner.end() :], opens + inner.start(1)
    elif glued := _GLUED_BY.match(run):
        word, run = "By", run[glued.end() :]
    elif _BY_WORD.fullmatch(word):
        opens = len(left) - len(word)
    elif word and not _NAME_OPENS_AFTER.fullmatch(word):
        return (), pos  # the end of a longer run of capitalised words
    elif CREDIT_LINE_RE.fullmatch(word):
        return (), pos  # a picture's credit: "Illustration: Ruby Chen March 1, 2023"
    if _BEFORE_PLACE.fullmatch(word.casefold()):
        return (), pos
    if word and _BY_WORD.fullmatch(word) and re.fullmatch(_AGENCIES, run, re.I):
        return (run,), start + opens  # a news agency's byline: "Von DPA 5. Januar 2026"
    names = _run_names(run, text)
    return (names, start + opens) if names else ((), pos)


def _run_names(run: str, text: str) -> tuple[str, ...]:
    """The names a run of capitalised words by a day is (``_names_part``), in ``text``;
    ``()`` for a sentence's last word or a possessive in it, or a word ``text`` writes
    in lower case elsewhere."""
    if any(map(_DOTTED.fullmatch, run.split())):
        return ()
    names = _names_part(run, 0)
    if not names or any(_is_common(n, _lower_words(text)) for n in names):
        return ()
    return names


# A reading time between a day and its byline ("15:04 | Lesedauer: 7 Minuten Anne-Kathrin
# Neuberg-Vural", "Lesezeit: 2 Min.", "5 min read").
_READING_TIME = (
    r"(?:(?i:lesedauer|lesezeit|reading\s+time|temps\s+de\s+lecture|tempo\s+di\s+lettura)"
    r"[ \t]*:?[ \t]*\d+[ \t]*(?i:minuten|minuti|minutes?|mins?)\b\.?"
    r"|\d+[ \t]*(?i:minutes?|mins?)[ \t]+(?i:read)\b)"
)
# After a day, what may part it from its byline: separators, a "By" ("27. Januar 2026 •
# Gregor Meier", "9. September 2025 um 15:46 Uhr / Frank Wunderlich-Pfeiffer").
_DAY_TO_NAME = re.compile(
    rf"[ \t]*(?:[,|/·•–—-][ \t]*)*(?:{_READING_TIME}[ \t]*(?:[,|/·•–—-][ \t]*)*)?"
    rf"(?:{_BY}:?[ \t]+)?"
)
# Where a byline after its day ends: a separator, a credit's ©, a reading time, the line's
# end, or the page's furniture ("Gregor Meier • 3 Minuten", "Lizette Borreli © Archive",
# "Ntombizethu Ngcobo 2 minutes read", "Frank Wunderlich-Pfeiffer Kommentare").
_NAME_ENDS = re.compile(
    r"[ \t]*(?:$|[|/·•–—©]|\d+[ \t]*(?:min|mins|minutes?|minuten|minuti|minutos)\b)", re.M | re.I
)


# A word of a run of names: a name's word, a particle, a comma or a word joining two.
_RUN_WORD = re.compile(rf"[ \t]*({_NAME_WORD}|(?:{_PARTICLE}|and|und|e|y|et|og|och|&)(?=[ \t])|,)")


def name_after_day(text: str, end: int) -> tuple[tuple[str, ...], int]:
    """The names right after a day that ends at ``end`` in ``text``, a dump whose lines
    run a page's blocks together, with where their byline ends: two or three capitalised
    words (or several such names, joined), maybe after a separator or a "By", that a
    separator, a credit's ©, a reading time, the line's end or the page's furniture
    closes. Not the text's first words: a capitalised word after a name is the sentence
    it opens ("Dieter Kuckelkorn Die Aussichten …"), a word in lower case its verb.
    ``((), end)`` when no name stands there."""
    gap = _DAY_TO_NAME.match(text, end)
    start = gap.end() if gap else end
    pos, taken = start, 0
    while (word := _RUN_WORD.match(text, pos)) and not _FURNITURE.fullmatch(word.group(1)):
        pos, taken = word.end(), taken + 1
    closing = _NAME_ENDS.match(text, pos)
    if taken and not (closing or (word and _FURNITURE.fullmatch(word.group(1)))):
        return _name_closed_in_run(text, start, end)
    if not taken:
        return (), end
    if text.startswith("/", pos) or CREDIT_LINE_RE.match(text, closing.end() if closing else pos):
        return (), end  # a picture's credit ("Andrew Harnik/Shutterstock") or caption
    run = text[start:pos]
    if not _NAMES_RUN.fullmatch(run):
        # More capitalised words than a name has, up to the closing: a job title or
        # the text's first sentence may close two of them.
        return _name_closed_in_run(text, start, end)
    names = _run_names(run, text)
    return (names, pos) if names else ((), end)


# After a day, a byline's two name words may run into what follows them: the author's
# job title ("21 May 2025 - 14:19 Thabo Mokone Parliamentary editor Just R20 …"), or
# the text's first sentence, opened by an article ("3:48 Uhr Dieter Kuckelkorn Die
# Aussichten …", "12:30 Uhr Anna Sleegers Der 1. FC …"), which no name holds.
_TWO_NAME_WORDS = re.compile(rf"({_NAME_WORD}[ \t]+{_NAME_WORD})(?=[ \t])")
_ROLE_AFTER = re.compile(rf"[ \t]+(?:(?:{_ROLE_DESK})[ \t]+)?{_ROLE_NOUN}\b", re.I)
_SENTENCE_OPENER = re.compile(
    r"[ \t]+(?:Die|Der|Das|Ein|Eine|The|An|Il|Lo|Gli|Una|Une|Los|Las)[ \t]+(?=\S)"
)


def _name_closed_in_run(text: str, start: int, end: int) -> tuple[tuple[str, ...], int]:
    """``name_after_day``'s names at ``start`` where a job title or the text's first
    sentence, not a separator, closes them; ``((), end)`` otherwise."""
    match = _TWO_NAME_WORDS.match(text, start)
    if not match:
        return (), end
    if role := _ROLE_AFTER.match(text, match.end()):
        stop = role.end()
    elif _SENTENCE_OPENER.match(text, match.end()):
        stop = match.end()
    else:
        return (), end
    names = _run_names(match.group(1), text)
    return (names, stop) if names else ((), end)


def _names_part(part: str, rest_words: int) -> tuple[str, ...]:
    """The names ``part`` (of a line, or a paragraph) is, maybe after "By" and before a
    role or place of up to ``rest_words`` words after a comma; ``()`` for a part with
    digits, the page's furniture, or a label's opening word."""
    names = _names_in_part(part, rest_words)
    if not names and (bare := _TRAILING_ROLE.sub("", part)) != part:
        # A job title after the name with no comma ("Thabo Mokone Parliamentary editor",
        # "Daniel Großert Redakteur") is no part of it.
        names = _names_in_part(bare, rest_words)
    return names


def _names_in_part(part: str, rest_words: int) -> tuple[str, ...]:
    """``_names_part`` of ``part`` as it stands."""
    match = _BESIDE_NAME.fullmatch(part)
    if not match or any(c.isdigit() for c in part) or _FURNITURE.search(part):
        return ()
    if len((match.group("rest") or "").split()) > rest_words:
        return ()
    names = _byline_names(match.group(1))[0]
    if not names or _LABEL_OPENER.match(names[0]) or _RUN_CAPITALS.search(match.group(1)):
        return ()
    return names


# The blocks of an extracted body, for its first and last.
_BODY_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
                "td", "th", "figcaption", "dd", "dt")  # fmt: skip
_SENTENCE_CLOSE = re.compile(r"[.!?…:;\"”»’)]$")
_BOLD_TAG = re.compile(r"<(?:strong|b)\b")
_EDGE_WORDS = 4


def edge_byline(body_html: str) -> tuple[tuple[str, ...], str]:
    """The reporter's name that a body opens or closes with as a paragraph of its own,
    in bold (``<p><strong>Lê Phương</strong></p>`` closing VnExpress's articles, "**Mohloai
    Mpesi**" opening Lesotho Times'), and the body without it; ``((), body_html)`` when
    there is none. A CMS that gives every article the same account (the site's name)
    leaves the byline to the text. The paragraph is two to four capitalised words, a
    name as ``names_beside`` reads one (no digits, furniture, label opener, word the
    body writes in lower case), and the block beside it is running text, not bold: a
    bold heading or a run of bold lines ("**Weekly Address**" / "**The White House**")
    is not a byline."""
    if not _BOLD_TAG.search(body_html):
        return (), body_html
    root = fragment_fromstring(body_html, create_parent="div")
    blocks = [
        el for el in root.iter(*_BODY_BLOCKS)
        if not any(True for _ in el.iterdescendants(*_BODY_BLOCKS)) and text_of(el).strip()
    ]  # fmt: skip
    if len(blocks) < 2:
        return (), body_html
    for block, beside in ((blocks[0], blocks[1]), (blocks[-1], blocks[-2])):
        if not _is_bold(block) or _is_bold(beside):
            continue
        if not _SENTENCE_CLOSE.search(text_of(beside).strip()):
            continue
        text = _text(block)
        names = _names_part(text, 0) if len(text.split()) <= _EDGE_WORDS else ()
        if not names:
            continue
        common = _lower_words(text_of(root))
        if any(_is_common(n, common) for n in names):
            continue
        block.drop_tree()
        html_out = etree.tostring(root, encoding="unicode", method="html")
        return names, html_out.removeprefix("<div>").removesuffix("</div>")
    return (), body_html


def _is_bold(el: HtmlElement) -> bool:
    """All of ``el``'s text is in ``<strong>``/``<b>``."""
    text = _text(el)
    return bool(text) and text == " ".join(" ".join(map(_text, el.iter("strong", "b"))).split())


# A name does not open with an article or a preposition: a label does ("Zur Playlist",
# "On Recent Controversial Events", "De Maart", "Step Aside" is furniture too).
_LABEL_OPENER = re.compile(
    r"(?:the|an?|on|in|at|to|of|for|by|step|zur|zum|im|am|vom|der|die|das|den|dem|des|ein|"
    r"eine|de|du|le|la|les|il|lo|el|los|las|het|een)\s",
    re.I,
)
# A word written in lower case in running text: not an address's or a handle's part.
_LOWER_WORD = re.compile(r"(?<![\w@./])[a-zß-ÿ][a-zß-ÿ]+(?![\w@./])")


def _lower_words(text: str) -> set[str]:
    return set(_LOWER_WORD.findall(text))


def _is_common(name: str, lower: AbstractSet[str]) -> bool:
    """A word of ``name`` (but its particles) is written in lower case elsewhere in the
    page: a label's words ("Zwei Rücktritte", "Front Page", "North Korea"), not a
    person's name. ("Will Knight" is lost to it: a price worth paying.)"""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", name)]
    return any(w in lower for w in words if not re.fullmatch(_PARTICLE, w))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _key(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", _fold(name)).split())


def _dedupe(names: Iterable[str]) -> list[str]:
    """One of each name (case, accents, punctuation and hyphens ignored); a mixed-case
    form is kept over an all-caps one."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        key = _key(name)
        if key in seen:
            i = seen[key]
            if out[i].isupper() and not name.isupper():
                out[i] = name
            continue
        seen[key] = len(out)
        out.append(name)
    return out


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

_AGENCIES = r"(?:ap|afp|ansa|apa|dpa|efe|epd|kna|pti|ians|reuters|sda|sid|tnn|ats|belga|anp)"
_GENERIC = re.compile(
    r"\b(?:staff|redaktion|redazione|rédaction|redacción|editors|newsroom|team|desk|"
    r"agenc(?:y|ies|e|ias?)|agentur(?:en)?|agenzi[ae]|press|news\s+service|online)\b|"
    r"^red\.?$|"
    # news agencies
    rf"^(?:{_AGENCIES}\b[/, ]*)+$",
    re.I,
)
_COMPANY = re.compile(r"\b(?:inc|ltd|llc|gmbh|corp|plc|s\.?p\.?a|s\.?r\.?l)\b\.?$", re.I)


def _site_keys(sites: Iterable[str | None]) -> set[str]:
    """The site's names and its host's labels (``n-tv.de``: "n tv de", "n tv")."""
    keys: set[str] = set()
    for site in sites:
        if not site:
            continue
        keys.add(_key(site))
        host = site.lower().removeprefix("www.")
        if "." in host and " " not in host:
            keys.add(_key(host.rsplit(".", 1)[0]))
            keys.update(_key(label) for label in host.split(".")[:-1] if len(label) > 2)
    return {k for k in keys if k}


def _is_site(name: str, site_keys: AbstractSet[str]) -> bool:
    """``name`` is the site's, or one of its desks' (``MDR THÜRINGEN`` on mdr.de)."""
    key = _key(name)
    return key in site_keys or any(key.startswith(k + " ") for k in site_keys)


def _is_org(name: str, site_keys: AbstractSet[str]) -> bool:
    """``name`` is the site, a newsroom or a company, not a person."""
    return _is_site(name, site_keys) or bool(_GENERIC.search(name) or _COMPANY.search(name))


def _beside_site(values: Sequence[str], site_keys: AbstractSet[str]) -> Sequence[str]:
    """The values of one ``<meta>`` key without a tag that names only the site, when
    others name someone (``<meta name="author" content="한국일보">`` beside the
    reporter's): the publisher's tag, not a co-author."""
    kept = [v for v in values if not _is_site(v, site_keys)]
    return kept if kept and len(kept) < len(values) else values


# The last word of a newspaper's or agency's name ("Washington Post", "Daily News").
_PRESS_NOUN = re.compile(
    r"^(?:post|times|tribune|herald|journal|gazette|chronicle|telegraph|guardian|observer|"
    r"examiner|inquirer|courier|dispatch|bulletin|independent|mirror|express|news|press|"
    r"today|daily|reuters|bloomberg|zeitung|allgemeine|rundschau|corriere|gazzetta)$",
    re.I,
)


def _without_site(name: str, site_keys: AbstractSet[str]) -> str:
    """The name without the site's or a newspaper's name after it (``Meg Wagner NEW
    YORK DAILY NEWS``, ``Kelli Miller WebMD Health`` on webmd.com, ``Joe Davidson
    Washington Post`` in the Chicago Tribune)."""
    words = name.split()
    compact = {k.replace(" ", "") for k in site_keys}
    for cut in range(2, len(words)):
        tail = _key(" ".join(words[cut:]))
        if " " not in tail:
            continue  # one word: maybe a surname that a site's label spells
        if tail.replace(" ", "") in compact or _is_site(tail, site_keys):
            return " ".join(words[:cut])
    if len(words) >= 4 and _PRESS_NOUN.match(words[-1]) and all(w[0].isupper() for w in words):
        caps = [i for i in range(2, len(words)) if all(w.isupper() for w in words[i:])]
        if caps and not words[caps[0] - 1].isupper():
            return " ".join(words[: caps[0]])  # the paper's name in capitals
        # The name keeps its first two words, and a third when the paper's has three.
        return " ".join(words[: max(2, len(words) - 3)])
    return name


def without_publishers(names: Iterable[str], sites: Iterable[str | None]) -> tuple[str, ...]:
    """``names`` without the site's, a desk's or a newspaper's name after each
    (a dump's byline "Kelli Miller WebMD Health" on webmd.com is "Kelli Miller")."""
    return tuple(_without_sites(names, _site_keys(sites)))


def _without_sites(names: Iterable[str], site_keys: AbstractSet[str]) -> list[str]:
    """One of each of ``names``, each without the site's or a paper's name after it."""
    return _dedupe(_without_site(n, site_keys) for n in names)


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
