"""Import stage, clean: site rules (one test per rule) and the generic rule's limits."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from newsarchive.importer.clean import harvest_page
from newsarchive.importer.siterules import GENERIC, RULES, rule_for

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


@pytest.mark.parametrize("rule", RULES, ids=[r.hosts[0] for r in RULES])
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
