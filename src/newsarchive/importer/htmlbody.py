"""Import stage, extract: an HTML page's main text, as trafilatura takes it.

trafilatura runs on a copy of the page's tree for its metadata and main text (kept
structured, as HTML); an image run replaces the body run only where it selected the same
text; teasers are taken out of the body and it is sanitized. ``_with_body`` makes the
page whose body is a given article alone (a script's embedded article, a marked body).
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from typing import Any

import trafilatura
from bs4 import BeautifulSoup
from lxml.html import HtmlElement, document_fromstring, fragment_fromstring, tostring
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Document

from newsarchive.importer.clean import clean_body
from newsarchive.importer.lang import tokens
from newsarchive.importer.model import Related
from newsarchive.sanitize import sanitize_html

__all__: list[str] = []


# The body run: links, emphasis and tables kept as markup. Not images: with
# include_images trafilatura also changes which nodes it takes as the article (it keeps
# more figure/teaser blocks), which cost 0.02 body F1 on newspaper4k's pages (bench).
_BODY_OPTIONS: dict[str, Any] = {
    "include_formatting": True, "include_links": True, "include_tables": True,
}  # fmt: skip
# An image run is kept only when its text is this close to the body run's (token F1).
_SAME_TEXT = 0.99


def _same_text(a: str, b: str) -> bool:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    total = sum(ta.values()) + sum(tb.values())
    return total > 0 and 2 * common / total >= _SAME_TEXT


def _with_images(tree: HtmlElement, url: str | None, body_html: str) -> str:
    """The body run's HTML, or the image run's when it holds the same text plus images.

    Images are markup, not a main-text decision: the image run is used only where it
    selected the same text as the body run.
    """
    doc = trafilatura.bare_extraction(
        tree, url=url, output_format="python", with_metadata=False, include_images=True,
        **_BODY_OPTIONS,
    )  # fmt: skip
    if not isinstance(doc, Document) or doc.body is None:
        return body_html
    with_images = build_html_output(doc, False)
    if "<img" not in with_images:
        return body_html
    text = BeautifulSoup(body_html, "lxml").get_text(" ")
    if _same_text(BeautifulSoup(with_images, "lxml").get_text(" "), text):
        return with_images
    return body_html


# Inline markup whose tail trafilatura may glue to it: with links kept, a paragraph run
# together from <br>-separated text loses the space after "</a>" and "</strong>"
# ("[fishing a diaper](…)from", "**Donald Trump.**Even"). Not <sub>/<sup>: "H<sub>2</sub>O".
_INLINE = ("a", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "span")
_GLUED = re.compile(rf"</(?:{'|'.join(_INLINE)})>\w")
_EDGE = 24  # characters each side of the join looked up in the page's text


def _respaced(body_html: str, page: HtmlElement) -> str:
    """``body_html`` with the space restored after an inline element where the page's own
    text has a space there and never the glued form ("APIs" from "<a>API</a>s" stays).
    The same string when nothing was glued."""
    if not _GLUED.search(body_html):
        return body_html
    root = document_fromstring(body_html)
    page_text: str | None = None
    changed = False
    for el in root.iter(*_INLINE):
        tail, text = el.tail or "", el.text_content()
        if not tail[:1].isalnum() or not text or text[-1:].isspace():
            continue
        if page_text is None:
            page_text = " ".join(page.text_content().split())
        before = " ".join(text.split())[-_EDGE:]
        after = " ".join(tail.split())[:_EDGE]
        if f"{before} {after}" in page_text and f"{before}{after}" not in page_text:
            el.tail = " " + tail
            changed = True
    return tostring(root, encoding="unicode") if changed else body_html


def _html_body(
    tree: HtmlElement, url: str | None, dates: dict[str, Any]
) -> tuple[Document, str, str, tuple[Related, ...]] | None:
    """trafilatura's metadata and main text for the page, the text cleaned of teasers
    and sanitized: the document, the body HTML, its plain text and the teasers taken out
    of it; None when trafilatura finds no main text."""
    doc = trafilatura.bare_extraction(
        deepcopy(tree), url=url, output_format="python", with_metadata=True, **_BODY_OPTIONS,
        date_extraction_params=dates,
    )  # fmt: skip
    # With output_format="python" trafilatura returns a Document (a dict only on as_dict).
    if not isinstance(doc, Document) or doc.body is None:
        return None
    body_html = _respaced(_with_images(tree, url, build_html_output(doc, False)), tree)
    body_html, teasers = clean_body(body_html)
    body_html = sanitize_html(body_html)
    return doc, body_html, BeautifulSoup(body_html, "lxml").get_text(" "), teasers


def _with_body(tree: HtmlElement, article: str | None) -> HtmlElement | None:
    """A copy of the page whose ``<body>`` is ``article`` alone (its head, and with it the
    page's metadata, kept); None without an article or a body."""
    if article is None:
        return None
    shell = deepcopy(tree)
    body = shell.find("body")
    if body is None:
        return None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.append(fragment_fromstring(article))
    return shell
