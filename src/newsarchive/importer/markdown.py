"""Import stage, serialise: sanitized HTML or cleaned text blocks to Markdown.

markdownify does the conversion; our subclass escapes in text whatever Python-Markdown
(with Pelican's extensions) would read as markup, so a page's literal "<script>" text
stays text in Markdown instead of becoming raw HTML, and "[x](y)", "a | b" or "#tag" no
link, table or heading.
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
# a heading) and one of "-" and blanks ("-- - -") a rule, ": x" a definition (the line
# before becomes its term), "~~~" a code fence. Any blank may come first or last:
# markdownify and ``str.strip`` take a no-break space away.
_LINE_START_RE = re.compile(
    r"^([^\S\n]*)(?:(#)|([+\-])(?=\s)|(\d+)([.)])(?=\s|$)|(=+(?=[^\S\n]*$)|-(?:-|[^\S\n])*$)"
    r"|(:)(?=[ \t])|(~)(?=~~))",
    re.M,
)
# Python-Markdown escapes these with a backslash (Pelican's "extra" adds "|"): code
# spans, emphasis, links, images, footnotes, attribute lists ("{: .x}") and table cells.
_INLINE_RE = re.compile(r"([\\`*_\[\]{}|])")


def _line_start(match: re.Match[str]) -> str:
    indent, hash_, bullet, number, dot, rule, colon, tilde = match.groups()
    if hash_:
        return indent + "\\#"
    if bullet:
        return indent + "\\" + bullet
    if number:
        return indent + number + "\\" + dot
    # Python-Markdown has no escape for "=", ":" or "~": an entity stops the construct.
    if colon:
        return indent + "&#58;"
    if tilde:
        return indent + "&#126;"
    return indent + rule.replace("=", "&#61;").replace("-", "\\-")


def escape_line_starts(text: str) -> str:
    """``text`` with nothing at a line's start that Markdown would read as a block: a
    scraped "#hashtag" paragraph became an ``<h1>``, "2024. Year" a numbered list."""
    return _LINE_START_RE.sub(_line_start, text)


def _drop_placeholder_marks(text: str) -> str:
    """``text`` without STX and ETX: Python-Markdown deletes them from its input, so an
    emphasis around nothing else ("**\x03**") became "****", a horizontal rule."""
    return text.replace("\x02", "").replace("\x03", "")


def escape_text(text: str) -> str:
    """Plain text made safe to embed in Markdown: no raw HTML, no accidental markup."""
    text = _drop_placeholder_marks(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Markdown's line breaks
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_RE.sub(r"\\\1", text)
    # Indentation means nothing in a paragraph, but four spaces start a code block.
    text = re.sub(r"^[ \t]+", "", text, flags=re.M)
    return escape_line_starts(text)


def _escape_closing_hashes(heading: str) -> str:
    """``heading`` (one ATX heading line) with a final "#" kept: Python-Markdown drops a
    heading's closing hashes, so "## C#" was the heading "C"."""
    match = re.fullmatch(r"(\s*#+[ \t]+)(.*?)(\s*)", heading, flags=re.S)
    if not match or not match.group(2).endswith("#"):
        return heading
    opening, text, closing = match.groups()
    return opening + re.sub(r"(?<!\\)((?:\\\\)*)#$", r"\1\\#", text) + closing


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


# Tags markdownify keeps inline: a block holding one of them holds its text.
_INLINE_PARENTS = _INLINE_TAGS | {"a", "abbr", "cite", "dfn", "ins", "mark", "q", "small",
                                  "span", "time", "u", "var"}  # fmt: skip


def _opens_its_block(el: Any) -> bool:
    """Nothing shows before ``el`` in the block holding it (a list item, a quote, a div):
    markdownify strips a block's text, and an indented code block first in it lost its
    indentation."""
    node = el
    while True:
        for sibling in node.previous_siblings:
            if isinstance(sibling, str):
                if sibling.strip():
                    return False
            elif sibling.get_text().strip() or sibling.name == "img" or sibling.find("img"):
                return False
        node = node.parent
        if node is None or node.name not in _INLINE_PARENTS:
            return True


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
        # Text is text: "&amp;" stays those five characters, "[x](y)" is no link, "a | b"
        # no table cell ("*" and "_" are markdownify's to escape).
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = re.sub(r"([\\`\[\]{}|])", r"\\\1", text)
        text = super().escape(text, parent_tags)  # type: ignore[misc]
        # A text node may start a line ("<p>#ISupportTimnit ..."); escaping one that does
        # not is harmless ("\\#" and "1\\." read as "#" and "1.").
        return escape_line_starts(text)

    def convert_code(self, el: Any, text: str, parent_tags: Any) -> str:
        if "pre" not in parent_tags:
            # A code span cannot escape anything: on a line of its own, "#" in it made
            # a heading. A browser shows its line breaks as spaces anyway.
            text = re.sub(r"[^\S\n]*\n\s*", " ", text)
        return str(super().convert_code(el, text, parent_tags))  # type: ignore[misc]

    convert_kbd = convert_samp = convert_code

    def convert_hN(self, n: int, el: Any, text: str, parent_tags: Any) -> str:
        out = str(super().convert_hN(n, el, text, parent_tags))  # type: ignore[misc]
        return out if "_inline" in parent_tags else _escape_closing_hashes(out)

    def convert_li(self, el: Any, text: str, parent_tags: Any) -> str:
        out = str(super().convert_li(el, text, parent_tags))  # type: ignore[misc]
        # markdownify indents an item's further lines by its bullet's width ("- ": two
        # spaces), as CommonMark does; Python-Markdown wants four, or a second paragraph,
        # a nested list or a code block leaves the list (and the next item is text).
        bullet = re.match(r"(?:[-*+]|\d+\.) ", out)
        if bullet and len(bullet.group()) < 4:
            first, sep, rest = out.partition("\n")
            out = first + sep + re.sub(f"^ {{{len(bullet.group())}}}", "    ", rest, flags=re.M)
        # An item of several blocks ends with a blank line, or the next item joins its
        # last paragraph.
        return out + "\n" if re.search(r"\n[ \t]*\n", out.strip("\n")) else out

    def convert_pre(self, el: Any, text: str, parent_tags: Any) -> str:
        if (
            text
            and {"li", "blockquote"} & parent_tags
            and not {"td", "th", "_inline"} & parent_tags
        ):
            # A code fence works at a line's start only: in a list item or a quote its
            # code was read as Markdown, and "&lt;script&gt;" in it became a live tag.
            # An indented code block works at any depth (after a paragraph: an empty
            # one when the item or quote starts with the code).
            lines = text.strip("\n").split("\n")
            code = "\n".join("    " + line if line.strip() else "" for line in lines)
            lead = "&nbsp;\n\n" if _opens_its_block(el) else ""
            return "\n\n" + lead + code + "\n\n"
        out = str(super().convert_pre(el, text, parent_tags))  # type: ignore[misc]
        # A fence longer than any run of backticks in the code: a line "```" in it
        # would close the block, and what follows it would be read as Markdown.
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        if longest < 3:
            return out
        fence = "`" * (longest + 1)
        start, end = out.index("```"), out.rindex("```")
        return out[:start] + fence + out[start + 3 : end] + fence + out[end + 3 :]

    def convert_a(self, el: Any, text: str, parent_tags: Any) -> str:
        if el.get("href"):
            el["href"] = markdown_url(str(el["href"]))
        if el.get("title"):
            # markdownify writes '\"' in a title, which Python-Markdown shows verbatim.
            el["title"] = " ".join(str(el["title"]).split()).replace('"', "&quot;")
        # "[a\]: b](url)" starting a line is a reference definition to Python-Markdown,
        # which reads no escapes there: its ":" as an entity keeps it a link.
        text = text.replace("\\]:", "\\]&#58;")
        return str(super().convert_a(el, text, parent_tags))  # type: ignore[misc]

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        if el.get("src"):
            el["src"] = markdown_url(str(el["src"]), image=True)
        if el.get("alt"):
            # "]" in alt text would close the image's brackets early, and so would a final
            # "\" (it escapes the "]" after it).
            el["alt"] = re.sub(r"([\\\[\]])", r"\\\1", " ".join(str(el["alt"]).split()))
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
    text = _CONVERTER.convert(_drop_placeholder_marks(html))
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
            parts.append(_escape_closing_hashes("## " + escape_text(block.text)))
        else:
            parts.append(escape_text(block.text))
    return "\n\n".join(parts) + "\n" if parts else ""
