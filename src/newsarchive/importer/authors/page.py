"""Import stage, extract: the authors a page's markup states, one source at a time.

The author ``<meta>`` tags (``meta_authors``), the visible byline (``byline_authors``:
``itemprop=author``, ``rel=author`` links, byline classes, a bare "By" label) and a bold
name the extracted body opens or closes with (``edge_byline``). Each gives the texts
as the page writes them; ``names`` cleans them and ``choose_authors`` lets them vote.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from newsarchive.importer.authors.dateline import _is_common, _lower_words, _names_part
from newsarchive.importer.authors.names import _BLOCK_CHARS, _URLISH, plain_text
from newsarchive.importer.authors.textbyline import _BY, _NAMES, _byline_names
from newsarchive.importer.metatags import classes, page_root, text_of, visible_text

__all__ = ["byline_authors", "edge_byline", "meta_authors"]


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


# --- sources: a bold name opening or closing the body --------------------------------

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
