"""Import stage, serialise: sanitized HTML or cleaned text blocks to Markdown.

markdownify does the conversion; our subclass escapes ``<`` and ``>`` in text, so a
page's literal "<script>" text stays text in Markdown instead of becoming raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markdownify import MarkdownConverter

from newsarchive.importer.textclean import Block

__all__ = ["blocks_to_markdown", "escape_text", "html_to_markdown", "markdown_url"]


def escape_text(text: str) -> str:
    """Plain text made safe to embed in Markdown: no raw HTML, no accidental markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    # A line starting with "#", "-", "1." or ">" would become a heading, list or quote.
    return re.sub(r"^(\s*)([#+\-]|\d+[.)])(\s)", r"\1\\\2\3", text, flags=re.M)


_SRCSET_RE = re.compile(r"(\S+)\s+\d+(?:\.\d+)?[wx]\s*(?:,|$)")
_URL_UNSAFE_RE = re.compile(r"[\s<>()]")


def markdown_url(url: str, *, image: bool = False) -> str:
    """``url`` usable as a Markdown link destination.

    Spaces, ``<``, ``>`` and parentheses end or break a destination (``[a](x y)`` is not
    a link), so they are percent-encoded. A lazy-loading ``srcset`` value copied into an
    image's ``src`` ("a.jpg 80w, b.jpg 800w") becomes its last (largest) candidate.
    """
    url = url.strip()
    if image and " " in url:
        candidates = _SRCSET_RE.findall(url)
        if candidates:
            url = candidates[-1]
    return _URL_UNSAFE_RE.sub(lambda m: "%" + format(ord(m.group()), "02X"), url)


# Inline tags markdownify wraps in markers; one holding only a space ("or<em> </em>filled")
# converts to "" and the words either side run together.
_INLINE_TAGS = frozenset(
    {"b", "strong", "em", "i", "del", "s", "code", "kbd", "samp", "sub", "sup"}
)


class _Converter(MarkdownConverter):  # type: ignore[misc]
    def get_conv_fn(self, tag_name: str) -> Any:
        convert = super().get_conv_fn(tag_name)  # type: ignore[misc]
        if convert is None or tag_name.lower() not in _INLINE_TAGS:
            return convert

        def keep_space(el: Any, text: str, parent_tags: Any) -> str:
            out = str(convert(el, text, parent_tags))
            return " " if not out and text and text.isspace() else out

        return keep_space

    def escape(self, text: str, parent_tags: Any) -> str:
        text = super().escape(text, parent_tags)  # type: ignore[misc]
        return text.replace("<", "&lt;").replace(">", "&gt;")

    def convert_a(self, el: Any, text: str, parent_tags: Any) -> str:
        if el.get("href"):
            el["href"] = markdown_url(str(el["href"]))
        return str(super().convert_a(el, text, parent_tags))  # type: ignore[misc]

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        if el.get("src"):
            el["src"] = markdown_url(str(el["src"]), image=True)
        if el.get("alt"):
            # "]" in alt text would close the image's brackets early.
            el["alt"] = re.sub(r"([\[\]])", r"\\\1", " ".join(str(el["alt"]).split()))
        title = " ".join(str(el.get("title") or "").split())
        if title and title != " ".join(str(el.get("alt") or "").split()):
            # markdownify writes '\"' in a title, which Python-Markdown shows verbatim.
            el["title"] = title.replace('"', "&quot;")
        elif el.get("title"):
            del el["title"]  # the alt text again: no tooltip repeating it
        return str(super().convert_img(el, text, parent_tags))  # type: ignore[misc]


_CONVERTER = _Converter(
    heading_style="ATX",
    bullets="-",
    strong_em_symbol="*",
    escape_asterisks=True,
    escape_underscores=True,
    escape_misc=False,
    newline_style="BACKSLASH",
)


def html_to_markdown(html: str) -> str:
    """Markdown for a sanitized HTML fragment, with tidy blank lines and one final LF."""
    text = _CONVERTER.convert(html)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n" if text.strip() else ""


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append("## " + escape_text(block.text))
        else:
            parts.append(escape_text(block.text))
    return "\n\n".join(parts) + "\n" if parts else ""
