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


# What makes a line start a block: "#tag" and "# x" a heading, "- ", "+ ", "1. " and
# "1) " a list item, a line of "=" or "-" a heading's underline (the line before becomes
# a heading).
_LINE_START_RE = re.compile(
    r"^([ \t]*)(?:(#)|([+\-])(?=\s)|(\d+)([.)])(?=\s|$)|(=+|-+)[ \t]*$)", re.M
)


def _line_start(match: re.Match[str]) -> str:
    indent, hash_, bullet, number, dot, rule = match.groups()
    if hash_:
        return indent + "\\#"
    if bullet:
        return indent + "\\" + bullet
    if number:
        return indent + number + "\\" + dot
    # Python-Markdown has no escape for "=": an entity stops the underline.
    return indent + rule.replace("=", "&#61;").replace("-", "\\-")


def escape_line_starts(text: str) -> str:
    """``text`` with nothing at a line's start that Markdown would read as a block: a
    scraped "#hashtag" paragraph became an ``<h1>``, "2024. Year" a numbered list."""
    return _LINE_START_RE.sub(_line_start, text)


def escape_text(text: str) -> str:
    """Plain text made safe to embed in Markdown: no raw HTML, no accidental markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return escape_line_starts(text)


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
        # A text node may start a line ("<p>#ISupportTimnit ..."); escaping one that does
        # not is harmless ("\\#" and "1\\." read as "#" and "1.").
        return escape_line_starts(text.replace("<", "&lt;").replace(">", "&gt;"))

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
    # Python-Markdown (Pelican's reader) knows only two trailing spaces as a line break;
    # a backslash before the newline stays in the text as "\".
    newline_style="SPACES",
)


def html_to_markdown(html: str) -> str:
    """Markdown for a sanitized HTML fragment, with tidy blank lines and one final LF."""
    text = _CONVERTER.convert(html)
    # Trailing blanks go, except a line break's two spaces inside a paragraph.
    text = re.sub(r"[ \t]+\n", lambda m: m.group() if m.group() == "  \n" else "\n", text)
    text = re.sub(r"  \n(?=[ \t]*\n|[ \t]*$)", "\n", text)
    text = re.sub(r"^[ \t]+$", "", text, flags=re.M)
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
