"""Article HTML a page carries only inside its scripts.

A client-rendered page (Next.js, Nuxt, React Query's dehydrated state) may ship an empty
``<body>`` shell and the article as a JSON string in an inline ``<script>``:
``"contentHtml":"\\u003cp class=\\"editor-p\\"\\u003e…"``, or escaped twice inside a
React Server Components flight chunk (``self.__next_f.push([1,"…"])``). trafilatura
finds no text there. ``embedded_article`` finds the longest such string that is prose
HTML (paragraphs of sentences, not a template, a stylesheet or a menu) so the importer
can extract it like a page body; it is the importer's fallback only, used when the page
itself yields no article, because a script also carries comments, consent notices and
other pages' teasers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml.html import HtmlElement, fragment_fromstring

__all__ = ["embedded_article"]

# The inside of a JSON string literal, from after its opening quote. Possessive, and
# the scan below stops at the first string left open, so a hostile script (``\"`` a
# million times) costs one pass, not one pass for each quote.
_INSIDE_RE = re.compile(r'(?:[^"\\]|\\.)*+', re.S)
# Shorter literals (escapes included) are not an article.
_MIN_LITERAL = 600
# Escaped HTML inside a string: a paragraph tag, plain or as JSON writes "<".
_PARAGRAPH_RE = re.compile(r"<p[\s>]|\\u003cp[\s\\]", re.I)
# A template's placeholders left in the stored HTML ("$$ARTICLEAD$$", "{{ad}}", "%%AD%%").
_PLACEHOLDER_RE = re.compile(r"\$\$[A-Z0-9_]+\$\$|\{\{[^{}\n]{1,40}\}\}|%%[A-Z0-9_]+%%")
# Code and markup in paragraph text: an HTML page or a script stored as a string.
_CODE_RE = re.compile(r"function\s*\(|=>|[{};]\s*[{};]|</?[a-z]+[\s>]")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)]?(?:\s|$)")
# A React Server Components text row opens with its id and length ("26:T70d,").
_RSC_ROW_RE = re.compile(r"\A\s*[0-9a-f]+:T[0-9a-f]+,")
# Nested strings are decoded at most this deep (a flight chunk holds JSON holding HTML).
_DEPTH = 3
# A candidate holds at least this many paragraphs, most of its text in them.
_MIN_PARAGRAPHS = 2
_PROSE_SHARE = 0.6


def _decoded(literal: str) -> str | None:
    try:
        value = json.loads(f'"{literal}"')
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _literals(text: str) -> Iterator[str]:
    """The insides of ``text``'s double-quoted string literals, in order, each from the
    first quote after the last literal, so the scan stays in step with the quotes."""
    start = text.find('"')
    while start != -1:
        inside = _INSIDE_RE.match(text, start + 1)
        end = inside.end() if inside else start + 1
        if end >= len(text) or text[end] != '"':
            return  # left open (or a lone backslash at the end)
        yield text[start + 1 : end]
        start = text.find('"', end + 1)


def _html_strings(text: str, depth: int = 0) -> Iterator[str]:
    """Decoded JSON string literals in ``text`` that hold a paragraph tag, looking
    inside strings that hold escaped JSON in turn."""
    for literal in _literals(text):
        if len(literal) < _MIN_LITERAL or not _PARAGRAPH_RE.search(literal):
            continue
        value = _decoded(literal)
        if value is None:
            continue
        if "<p" in value.lower():
            yield value
        elif depth + 1 < _DEPTH:
            yield from _html_strings(value, depth + 1)


def _prose_chars(fragment: HtmlElement) -> int:
    """Characters of prose in the fragment's paragraphs, or 0 when it is not prose HTML:
    too few paragraphs with a sentence in them, most text outside them, or code."""
    paragraphs = [" ".join(p.text_content().split()) for p in fragment.iter("p")]
    prose = [p for p in paragraphs if _SENTENCE_END.search(p) and not _CODE_RE.search(p)]
    if len(prose) < _MIN_PARAGRAPHS:
        return 0
    chars = sum(len(p) for p in prose)
    total = len(" ".join(fragment.text_content().split()))
    return chars if total and chars >= _PROSE_SHARE * total else 0


def embedded_article(scripts: list[str]) -> str | None:
    """The article HTML among the JSON strings of ``scripts`` (inline script texts),
    wrapped in ``<article>``: the one with the most prose, or None."""
    best, best_chars = None, 0
    for script in scripts:
        for found in _html_strings(script):
            html = _PLACEHOLDER_RE.sub("", _RSC_ROW_RE.sub("", found))
            try:
                fragment = fragment_fromstring(html, create_parent="article")
            except ValueError:
                continue
            chars = _prose_chars(fragment)
            if chars > best_chars:
                best, best_chars = html, chars
    return f"<article>{best}</article>" if best is not None else None
