"""Markdown we write reads back, in Pelican's Python-Markdown, as the text it came from."""

from __future__ import annotations

from html import unescape

import markdown
import pytest

from newsarchive.importer.markdown import escape_text, html_to_markdown


@pytest.mark.parametrize(
    "line",
    ["#ISupportTimnit and others", "# Not a heading", "2024. A year to forget", "1) first",
     "- not a list", "+ not a list"],
)  # fmt: skip
def test_paragraph_starting_like_a_block_stays_a_paragraph(line: str) -> None:
    # A scraped "#hashtag" paragraph became a giant <h1>; "2024. ..." a numbered list.
    for md in (html_to_markdown(f"<p>{line}</p>"), escape_text(line)):
        html = markdown.markdown(md)
        assert html == f"<p>{line}</p>", md


def test_underline_line_does_not_make_a_heading() -> None:
    for md in (html_to_markdown("<p>Roma<br>===</p>"), escape_text("Roma\n===")):
        html = markdown.markdown(md)
        assert "<h1>" not in html and "<h2>" not in html, md
        assert "Roma" in html and "===" in unescape(html), md
    html = markdown.markdown(html_to_markdown("<p>Roma<br>---</p>"))
    assert "<h2>" not in html and "<hr" not in html


def test_line_break_is_a_break_not_a_backslash() -> None:
    # markdownify's backslash line break is CommonMark; Python-Markdown printed the "\".
    md = html_to_markdown("<p>DALLA NOSTRA CORRISPONDENTE<br>Roma, 4 gennaio</p>")
    html = markdown.markdown(md)
    assert html == "<p>DALLA NOSTRA CORRISPONDENTE<br />\nRoma, 4 gennaio</p>"
    # A break at a paragraph's end leaves no trailing blanks.
    assert html_to_markdown("<p>a<br></p><p>b</p>") == "a\n\nb\n"


def test_code_keeps_its_line_starts() -> None:
    md = html_to_markdown("<pre><code>#include &lt;stdio.h&gt;\n1. x</code></pre>")
    assert "#include <stdio.h>\n1. x" in md
