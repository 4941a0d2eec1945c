"""The built site passes axe-core's accessibility rules (WCAG 2 A/AA and best practices),
at desktop and phone widths, in a real Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
PAGES = [
    "index.html", "page/1/index.html", "tags.html", "sources.html", "archives.html",
    "2021/index.html", "2021/02/index.html", "search.html?q=apple", "search.html?q=&lang=it",
    "404.html", "SEED", "FIRST_TAG", "FIRST_SOURCE", "EN_ARTICLE",
]  # fmt: skip


def _resolve(out: Path, name: str) -> str:
    special = {
        "SEED": lambda: next(out.glob("2021/02/il-chief-executive*.html")),
        "FIRST_TAG": lambda: sorted(out.glob("tag/*.html"))[0],
        "FIRST_SOURCE": lambda: sorted(out.glob("source/*.html"))[0],
        "EN_ARTICLE": lambda: next(
            p for p in sorted(out.glob("20*/*/*.html")) if "wired" in p.read_text()
        ),
    }
    if name in special:
        return special[name]().as_uri()
    path, _, query = name.partition("?")
    return (out / path).as_uri() + (f"?{query}" if query else "")


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(
    browser: Browser, sample_site: Path, name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(_resolve(sample_site / "output", name))
    if name.startswith("search"):
        page.locator("#ns-results li").first.wait_for(timeout=10_000)
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.close()
    violations = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:100]}" for v in result["violations"]
    ]
    assert violations == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_the_screen(browser: Browser, sample_site: Path, name: str, width: int) -> None:
    # Responsive from 320px up: nothing makes the reader scroll sideways.
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(_resolve(sample_site / "output", name))
    if name.startswith("search"):
        page.locator("#ns-results li").first.wait_for(timeout=10_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert overflow <= 0


@pytest.mark.parametrize("width", [1280, 375])
def test_search_filters_stand_under_their_labels(
    browser: Browser, sample_site: Path, width: int
) -> None:
    # Each filter's label sits right above its control, the controls of a row line up,
    # and none is squeezed narrower than a date needs.
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(_resolve(sample_site / "output", "search.html"))
    boxes = page.evaluate(
        """[...document.querySelectorAll('.ns-filters label')].map(l => {
             const c = document.getElementById(l.htmlFor).getBoundingClientRect();
             const b = l.getBoundingClientRect();
             return [b.left, b.bottom, c.left, c.top, c.width];
           })"""
    )
    page.close()
    assert len(boxes) == 6
    for label_left, label_bottom, left, top, control_width in boxes:
        assert abs(label_left - left) < 1 and 0 <= top - label_bottom < 12
        assert control_width >= 150
