"""Import stage, clean: site rules (one test per rule) and the generic rule's limits."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from trafilatura.utils import load_html

from conftest import FIXTURES
from newsarchive.importer.clean import harvest_page
from newsarchive.importer.extract import extract_record
from newsarchive.importer.model import RawRecord
from newsarchive.importer.siterules import GENERIC, RULES, SiteRule, rule_for
from newsarchive.importer.sources import read_records

ARTICLE = " ".join(["Il governo ha approvato il decreto sulla concorrenza nella notte."] * 20)


def _page(extra: str) -> str:
    return f"<html><body><article><p>{ARTICLE}</p>{extra}</article></body></html>"


def _selector_html(selector: str, text: str) -> str:
    """A small element matching a simple ``.class`` or ``[class*=x]`` selector."""
    if selector.startswith("."):
        return f'<div class="{selector[1:]}">{text}</div>'
    if selector.startswith("[class*="):
        return f'<div class="x-{selector[8:-1]}-y">{text}</div>'
    if selector.startswith("[aria-label*="):
        return f'<div aria-label="{selector[13:-1]} su">{text}</div>'
    pytest.skip(f"selector form not built here: {selector}")
    return ""


BLOCK_RULES = [r for r in RULES if r.drop or r.related_blocks]
TITLE_RULES = [r for r in RULES if r.title_sources or r.title_selector]


@pytest.mark.parametrize("rule", BLOCK_RULES, ids=[r.hosts[0] for r in BLOCK_RULES])
def test_site_rule_drops_its_toolbar_and_harvests_its_related_block(rule) -> None:  # type: ignore[no-untyped-def]
    host = "www." + rule.hosts[0]
    assert rule_for(host) is rule
    toolbar = _selector_html(rule.drop[0], "Condividi Facebook Twitter")
    related = _selector_html(
        rule.related_blocks[0], '<a href="https://example.org/a">Un altro articolo sul decreto</a>'
    )
    tree = load_html(_page(toolbar + related))
    harvested = harvest_page(tree, rule_for(host))
    text = tree.text_content()
    assert "Condividi Facebook" not in text
    assert "Un altro articolo" not in text
    assert [r.title for r in harvested.related] == ["Un altro articolo sul decreto"]
    assert "decreto sulla concorrenza" in text


def test_sky_subdomains_share_the_sky_rule() -> None:
    assert rule_for("tg24.sky.it") is rule_for("sport.sky.it") is rule_for("sky.it")
    assert rule_for("notsky.it") is None


def test_paywall_wrapper_is_not_dropped() -> None:
    # Paywalled sites wrap the article itself in a "paywall" class: dropping it (an
    # earlier generic rule) lost whole articles on news sites.
    tree = load_html(
        f'<html><body><div class="article-paywall"><p>{ARTICLE[:300]}</p></div>'
        f"<p>{ARTICLE}</p></body></html>"
    )
    harvest_page(tree, None)
    assert tree.find_class("article-paywall")
    assert not any("paywall" in s for s in GENERIC.drop)


# A page whose title sources all disagree: <title> and <h1> lead with a kicker, og:title
# is a social variant, the JSON-LD headline an SEO one, and a span holds the headline.
_SOURCES = {
    "html_title": "Kicker: Visible headline of the story | Example Site",
    "h1": "Kicker: Visible headline of the story",
    "og_title": "Short social headline",
    "headline": "Search engine headline of the story",
    "selected": "Headline in its own element",
}


def _nested(selector: str, text: str) -> str:
    """Elements matching a descendant selector of ``tag`` and ``tag.class`` steps."""
    html = text
    for step in reversed(selector.split()):
        tag, _, cls = step.partition(".")
        attr = f' class="{cls}"' if cls else ""
        html = f"<{tag}{attr}>{html}</{tag}>"
    return html


def _title_page(host: str, selector: str = "span.article-title__text") -> RawRecord:
    s = _SOURCES
    # The visible <h1> with its kicker, unless the headline's own element is the <h1>.
    h1 = "" if selector.rsplit(maxsplit=1)[-1].startswith("h1") else f"<h1>{s['h1']}</h1>"
    html = (
        f"<html><head><title>{s['html_title']}</title>"
        f'<meta property="og:title" content="{s["og_title"]}">'
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "{s["headline"]}", '
        '"datePublished": "2024-05-02T10:00:00Z"}</script></head>'
        f"<body>{h1}{_nested(selector, s['selected'])}"
        f"<article><p>{ARTICLE}</p></article></body></html>"
    )
    return RawRecord(input="page.html", kind="html", content=html, url=f"https://www.{host}/a/1")


def _expected(rule: SiteRule) -> str:
    return _SOURCES["selected" if rule.title_selector else rule.title_sources[0]]


@pytest.mark.parametrize("rule", TITLE_RULES, ids=[r.hosts[0] for r in TITLE_RULES])
def test_site_rule_takes_its_headline_from_its_source(rule: SiteRule) -> None:
    selector = rule.title_selector or "span.article-title__text"
    for host in rule.hosts:
        assert rule_for(host) is rule
        assert extract_record(_title_page(host, selector)).title == _expected(rule), host
    # Elsewhere the sources vote, and another wins.
    assert extract_record(_title_page("example.org", selector)).title != _expected(rule)


def test_a_rule_falls_back_when_its_source_is_missing() -> None:
    # The Daily Star's older pages state no JSON-LD headline: og:title, the rule's second.
    record = _title_page("dailystar.co.uk")
    record = replace(record, content=record.content.replace('"headline"', '"name"'))
    assert extract_record(record).title == _SOURCES["og_title"]
    # A page of a rule's site that states none of its sources gets the voted headline.
    record = _title_page("srf.ch")
    record = replace(record, content=record.content.replace("article-title__text", "x"))
    assert extract_record(record).title == "Kicker: Visible headline of the story"


def test_a_rule_names_only_known_title_sources() -> None:
    with pytest.raises(ValueError, match="dc_title"):
        SiteRule(hosts=("example.org",), title_sources=("dc_title",))


@pytest.mark.parametrize(
    ("page", "truth", "version"),
    [
        ("NTV_2024_08_05", "NTV", "V1_1"),  # og:title; <title> and <h1> add a kicker
        ("HamburgerAbendblatt_2025_11_06", "HamburgerAbendblatt", "V1_2"),  # JSON-LD
        ("SRF_2024_04_15", "SRF", "V1"),  # the span after the <h1>'s kicker
    ],
)
def test_title_rules_on_real_pages(page: str, truth: str, version: str) -> None:
    fixture = FIXTURES / "html" / "fundus"
    expected = json.loads((fixture / f"{truth}.json").read_text())[version]["title"]
    (record,) = read_records(fixture / f"{page}.html.gz")
    article = extract_record(record)
    assert rule_for(article.site) in TITLE_RULES
    assert article.title == expected
