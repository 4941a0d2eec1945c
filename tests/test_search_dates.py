"""search.js shows result dates as every other page does: localized, in the result's
language, no more precise than the date is known; ``<time datetime>`` stays ISO."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from newsarchive.build import build_site
from newsarchive.site.ui import display_date

REPO = Path(__file__).resolve().parents[1]

# Beside the fixture site (Italian day and month dates, English day and year dates): an
# Italian year-only date and a language the interface lacks (shown in the site's).
EXTRA = {
    "articles/2019/01/solo-anno.md": """\
Category: example.it
Date: 2019-01-01 00:00
Date_precision: year
Lang: it
Slug: solo-anno
Title: Un articolo di cui si sa solo l'anno

Testo dell'articolo.
""",
    "articles/2022/09/auf-deutsch.md": """\
Category: example.de
Date: 2022-09-15 08:00
Lang: de
Slug: auf-deutsch
Title: Ein Artikel auf Deutsch

Ein kurzer Text.
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dates")
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    shutil.copytree(REPO / "tests" / "fixtures" / "site" / "content", root / "content")
    for rel, text in EXTRA.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    return build_site(
        root, overrides={"THEME": str(REPO / "theme"), "PLUGIN_PATHS": [str(REPO / "plugins")]}
    )


def expected(iso: str, lang: str | None) -> str:
    """What the site's pages show for ``iso`` (site/ui.py's display_date)."""
    precision = {4: "year", 7: "month"}.get(len(iso), "day")
    date = dt.date.fromisoformat((iso + "-01-01")[:10])
    return display_date(date, precision, lang if lang in ("it", "en") else "en")


def test_result_dates_are_localized(browser: Browser, site: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # A filter alone lists every article it allows, newest first.
    page.goto((site / "search.html").as_uri() + "?from=1900")
    page.locator("#ns-results li").nth(len(EXTRA) + 3).wait_for()
    rows = page.eval_on_selector_all(
        "#ns-results li",
        """lis => lis.map(li => {
          const t = li.querySelector('.ns-meta time');
          return {lang: li.lang, iso: t.getAttribute('datetime'), text: t.textContent,
                  meta: li.querySelector('.ns-meta').textContent};
        })""",
    )
    page.close()
    assert not errors
    assert {(r["iso"], r["lang"]): r["text"] for r in rows} == {
        ("2022-09-15", "de"): "15 September 2022",  # no German interface: the site's English
        ("2021-02-10", "it"): "10 febbraio 2021",
        ("2021-02", "it"): "febbraio 2021",
        ("2020-06-22", "en"): "22 June 2020",
        ("2020", "en"): "2020",
        ("2019", "it"): "2019",
    }
    for r in rows:
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["iso"]), r  # machine-readable: ISO
        assert r["text"] == expected(r["iso"], r["lang"]), r
        assert r["meta"].startswith(r["text"] + " \u00b7 "), r


def test_display_date_matches_the_site_for_every_month(browser: Browser, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "search.html").as_uri())
    cases = [
        (f"2021-{month:02d}{day}", lang)
        for month in range(1, 13)
        for day in ("", "-01", "-28")
        for lang in ("it", "en", "it-IT", "en_GB", "fr", None)
    ] + [("2021", "it"), ("0999-03-05", "en")]
    got = page.evaluate(
        """cases => cases.map(([iso, lang]) =>
             newsarchiveSearch.helpers.displayDate(iso, newsarchiveSearch.helpers.uiLang(lang)))""",
        cases,
    )
    page.close()
    want = [
        display_date(
            dt.date.fromisoformat((iso + "-01-01")[:10]),
            {4: "year", 7: "month"}.get(len(iso), "day"),
            lang,
        )
        for iso, lang in cases
    ]
    assert got == want
