"""Import stage, extract: a page's ``<meta>`` tags, read once and shared by the readers
of its title, dates and other metadata, and the visible text of its elements.

The readers work on the page's lxml tree (``trafilatura.utils.load_html``), the one
trafilatura extracts from, so the page is parsed once.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

__all__ = [
    "INVISIBLE", "classes", "meta_index", "meta_value", "page_root", "text_of", "visible_strings",
    "visible_text",
]  # fmt: skip


def page_root(tree: HtmlElement) -> HtmlElement:
    """The document element of the page ``tree`` belongs to: the readers read the whole
    page (``lxml.html.fromstring`` returns a fragment's element, not the document)."""
    return tree.getroottree().getroot()


# Elements whose text a browser does not show as text: scripts, styles, templates and
# ruby annotations (BeautifulSoup's ``get_text`` left them out too). Comments are not
# text nodes (and trafilatura's parser drops them).
INVISIBLE = frozenset({"script", "style", "template", "rt", "rp"})
_VISIBLE = etree.XPath(
    f".//text()[not({' or '.join(f'ancestor::{tag}' for tag in sorted(INVISIBLE))})]",
    smart_strings=False,
)


def visible_strings(el: HtmlElement) -> list[str]:
    """The visible text nodes inside ``el`` (not its tail), in document order."""
    strings: list[str] = _VISIBLE(el)
    return strings


def text_of(el: HtmlElement, separator: str = " ") -> str:
    """The visible text inside ``el``, its text nodes joined with ``separator``."""
    return separator.join(visible_strings(el))


def visible_text(
    el: HtmlElement,
    *,
    hide: Callable[[HtmlElement], bool] | None = None,
    before: Callable[[HtmlElement], str] | None = None,
    joiner: str = " ",
) -> str:
    """The visible text inside ``el`` on one line, leaving out what ``hide`` says of an
    element (its own text and its children's; its tail is its parent's), with
    ``before(child)`` put before each child element, the parts joined by ``joiner``."""
    parts: list[str] = []

    def walk(node: HtmlElement, hidden: bool) -> None:
        if node.text and not hidden:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):  # not a comment
                if before is not None:
                    parts.append(before(child))
                walk(child, hidden or child.tag in INVISIBLE or (hide is not None and hide(child)))
            if child.tail and not hidden:
                parts.append(child.tail)

    walk(el, el.tag in INVISIBLE or any(a.tag in INVISIBLE for a in el.iterancestors()))
    return " ".join(joiner.join(parts).split())


def classes(el: HtmlElement) -> list[str]:
    """``el``'s class names."""
    return str(el.get("class") or "").split()


def meta_index(root: HtmlElement) -> dict[str, str]:
    """``{name: content}`` of every ``<meta>``, first wins, read in one pass."""
    index: dict[str, str] = {}
    for el in page_root(root).iter("meta"):
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
