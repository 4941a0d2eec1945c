"""Import stage: client-rendered pages whose article is only in a script's JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable

import pytest

from conftest import FIXTURES
from newsarchive.importer.embedded import embedded_article
from newsarchive.importer.extract import extract_record
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.sources import read_records

HANKOOK = FIXTURES / "html" / "fundus" / "HankookIlbo_2026_01_29.html.gz"

PARAGRAPHS = [
    "Regulators in Brussels opened a formal inquiry into the chip maker on Tuesday, saying"
    " its contracts with phone makers may have shut rivals out of the market for years.",
    "The company said it would cooperate fully and denied any wrongdoing. Its shares fell"
    " four percent in early trading before recovering most of the loss by the close.",
    "Analysts said a fine could reach a tenth of annual turnover, although past cases of"
    " this kind have often ended in settlements and promises to change business practices.",
    "A decision is not expected before next spring, and either side can appeal to the"
    " European courts, which could keep the case open for several more years to come.",
]


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def _f1(got: str, truth: str) -> float:
    a, b = _words(got), _words(truth)
    common = sum((a & b).values())
    return 2 * common / (sum(a.values()) + sum(b.values())) if common else 0.0


def _shell(script: str, body: str = '<div id="__next"></div>') -> str:
    """A client-rendered page: a head with metadata, an empty app root, ``script``."""
    return (
        '<!doctype html><html lang="en"><head><title>EU opens chip inquiry | Example</title>'
        '<meta property="og:site_name" content="Example">'
        '<meta property="article:published_time" content="2025-03-04T09:00:00Z">'
        '<link rel="canonical" href="https://example.com/news/eu-chip-inquiry"></head>'
        f"<body>{body}{script}</body></html>"
    )


def _script_json(value: object) -> str:
    """JSON safe inside ``<script>``, escaped the way Next.js escapes it."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def _next_data(html: str) -> str:
    """Next.js pages-router data: the article HTML a string of a JSON object."""
    data = {"props": {"pageProps": {"article": {"id": 7, "contentHtml": html}}}}
    return f'<script id="__NEXT_DATA__" type="application/json">{_script_json(data)}</script>'


def _flight(html: str) -> str:
    """A React Server Components flight chunk: JSON holding the HTML, itself a string."""
    row = "5:" + json.dumps(["$", "div", None, {"dangerouslySetInnerHTML": {"__html": html}}])
    return f"<script>self.__next_f.push([1,{_script_json(row)}])</script>"


def _article(page: str) -> Article:
    return extract_record(RawRecord(input="page.html", kind="html", content=page))


def test_client_rendered_page_matches_ground_truth() -> None:
    # Hankook Ilbo (fundus test data): the <body> holds no article; its HTML is a JSON
    # string in React Query's dehydrated state, with an ad placeholder in it.
    truth = json.loads((FIXTURES / "html" / "fundus" / "HankookIlbo.json").read_text())["V2"]
    (record,) = read_records(HANKOOK)
    article = extract_record(record)
    body = " ".join(p for s in truth["body"]["sections"] for p in s["headline"] + s["paragraphs"])
    assert _f1(article.body_markdown, body) > 0.85
    assert "$$" not in article.body_markdown and "editor-p" not in article.body_markdown
    assert article.title == " ".join(truth["title"].split())  # the truth keeps a no-break space
    # The page's metadata is still read from its head.
    assert article.authors == tuple(truth["authors"])
    assert article.date is not None and article.date.date().isoformat() == "2026-01-29"
    assert article.lang == "ko"


@pytest.mark.parametrize("carrier", [_next_data, _flight], ids=["next-data", "flight"])
def test_article_json_in_a_script_is_imported(carrier: Callable[[str], str]) -> None:
    html = "".join(f'<p class="body">{p}</p>' for p in PARAGRAPHS)
    article = _article(_shell(carrier(html)))
    assert _f1(article.body_markdown, " ".join(PARAGRAPHS)) > 0.95
    assert article.title == "EU opens chip inquiry"
    assert article.site == "example.com"


def test_hostile_html_in_script_json_is_sanitized() -> None:
    html = (
        f"<p>{PARAGRAPHS[0]}</p><script>alert(1)</script>"
        f'<p onclick="alert(2)">{PARAGRAPHS[1]}</p>'
        f'<p>{PARAGRAPHS[2]} <a href="javascript:alert(3)">more</a></p>'
        f'<img src="x.png" onerror="alert(4)"><p>{PARAGRAPHS[3]}</p>'
        '<iframe src="https://evil.example/"></iframe>'
    )
    article = _article(_shell(_next_data(html)))
    assert "four percent" in article.body_markdown
    for bad in ("alert", "javascript:", "onclick", "onerror", "iframe", "<script"):
        assert bad not in article.body_markdown


def test_the_page_body_wins_over_a_script() -> None:
    # A page with its article in the markup keeps it, whatever its scripts carry
    # (comments, other stories): the script is a fallback only.
    other = "".join(f"<p>{p.replace('chip', 'steel')}</p>" for p in PARAGRAPHS * 2)
    body = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    article = _article(_shell(_next_data(other), body=body))
    assert "steel" not in article.body_markdown
    assert "chip maker" in article.body_markdown


@pytest.mark.parametrize(
    "html",
    [
        # A stylesheet, code and a template stored as strings are not articles.
        "<p>.a{color:red};;</p><p>.b{margin:0};;</p>" * 40,
        "<p>function(){return 1;}; var a = 2.</p>" * 40,
        # Link lists and labels: no sentences in the paragraphs.
        "".join(f'<p><a href="/s/{i}">Story number {i}</a></p>' for i in range(80)),
    ],
    ids=["css", "code", "links"],
)
def test_a_script_without_prose_is_not_an_article(html: str) -> None:
    assert embedded_article([json.dumps({"html": html})]) is None
    with pytest.raises(ImportFailure, match="no article text"):
        _article(_shell(_next_data(html)))


def test_most_prose_wins_and_placeholders_go() -> None:
    short = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + "x" * 600
    long = "$$ARTICLEAD$$".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    found = embedded_article([json.dumps({"a": short, "b": long})])
    assert found is not None
    assert "$$" not in found and PARAGRAPHS[3] in found


def test_escaped_quotes_do_not_break_the_scan() -> None:
    # A short string with an escaped quote before the article keeps the scan in step.
    html = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    script = json.dumps({"note": 'say "hi"', "x": "y" * 700, "body": html})
    found = embedded_article([f"window.__STATE__ = {script};"])
    assert found is not None and PARAGRAPHS[0] in found


@pytest.mark.parametrize(
    "script",
    ['\\"' * 500_000, '"' + "x" * 1_000_000, '"a\\', "", '"' * 3],
    ids=["escaped-quotes", "open-string", "backslash-end", "empty", "odd-quotes"],
)
def test_hostile_scripts_end_the_scan(script: str) -> None:
    # A million escaped quotes cost one pass: a scan restarting at each quote would
    # take hours (the second case too); a string left open ends the scan.
    assert embedded_article([script]) is None
