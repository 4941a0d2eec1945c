"""Test helpers for the site stage: build the fixture site with our theme and plugin.

Imported by ``tests/test_site.py`` (kept out of ``conftest.py``, which other stages own).
The search plugin and ``search.html`` are left out so these tests only exercise the
theme and ``newsarchive_site``.
"""

from __future__ import annotations

import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from newsarchive.build import build_site
from newsarchive.enrich.run import enrich_site
from newsarchive.frontmatter import render_document

REPO = Path(__file__).resolve().parents[1]
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
SITEURL = "https://archive.example"

HOSTILE_ARTICLE = """\
Authors: <svg onload=alert(1)>
Category: evil.example
Date: 2021-03-05 10:00
Date_precision: day
Image: javascript:alert(1)
Lang: en
Related: <img src=x onerror=alert(1)> | javascript:alert(1)
    Click "me" onmouseover=alert(1) | https://evil.example/" onmouseover="alert(1)
    A fine link | https://example.org/fine
Site: <b onmouseover=alert(1)>evil</b>
Slug: hostile
Source_url: javascript:alert(document.cookie)
Summary: <script>alert(1)</script><img src=x onerror=alert(1)> summary text
Tags: <script>alert(1)</script>, x" onfocus="alert(1)
Title: <script>alert(1)</script><img src=x onerror=alert(1)> Hostile

<script>alert(1)</script>

<img src="x" onerror="alert(1)">

<svg onload="alert(1)"><circle r="1"/></svg>

<iframe src="javascript:alert(1)"></iframe>

[click](javascript:alert(1))

<a href="javascript:alert(1)" onclick="alert(1)">link text</a>

<div style="background:url(javascript:alert(1))">styled</div>

<p><object data="x.swf"></object><embed src="x.swf"></p>

<form action="javascript:alert(1)"><input onfocus="alert(1)" autofocus></form>

Body text survives.
"""

HOSTILE_PAGE = """\
Lang: it
Slug: about
Title: Chi siamo <script>alert(1)</script>

Una pagina <b onclick="alert(1)">con</b> HTML grezzo.

<script>alert(1)</script><iframe src="https://evil.example"></iframe>
"""


def site_overrides(**extra: Any) -> dict[str, Any]:
    """Settings overrides: our theme and only the site plugin, no search page."""
    return {
        "THEME": str(REPO / "theme"),
        "PLUGIN_PATHS": [str(REPO / "plugins")],
        "PLUGINS": ["newsarchive_site"],
        "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives", "404"],
        "SITEURL": SITEURL,
        "FEED_DOMAIN": SITEURL,
        **extra,
    }


def make_site(root: Path, *, extra_content: dict[str, str] | None = None) -> Path:
    """Copy ``pelicanconf.py`` and the fixture content into ``root``.

    ``extra_content`` maps paths below ``content/`` to the text of more files.
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    shutil.copytree(FIXTURE_SITE / "content", root / "content")
    for rel, text in (extra_content or {}).items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def build(root: Path, **extra: Any) -> Path:
    """Build the site in ``root`` with our theme and plugin; return the output folder."""
    return root / build_site(root, overrides=site_overrides(**extra))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once per session; returns its output folder."""
    return build(make_site(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site plus one article whose every field is hostile; the output folder."""
    root = make_site(
        tmp_path_factory.mktemp("hostile"),
        extra_content={
            "articles/2021/03/hostile.md": HOSTILE_ARTICLE,
            "pages/about.md": HOSTILE_PAGE,
        },
    )
    return build(root)


# --- related links: articles enrich relates, spread over folders, dates, sources, languages

# Path below content/articles/ -> (title, date, lang, site, body). Pairs share rare words,
# so enrich relates each article to its pair; "misc/" is not a date folder on purpose.
RELATED_STORIES: dict[str, tuple[str, str, str, str, str]] = {
    "2019/10/sycamore-quantum-supremacy.md": (
        "Sycamore claims quantum supremacy", "2019-10-23 12:00", "en", "wired.com",
        "The Sycamore processor ran a sampling task with 53 qubits in 200 seconds. Sycamore "
        "qubits are superconducting loops cooled near absolute zero; the supremacy claim "
        "rests on Sycamore beating a classical supercomputer."),
    "2021/03/processore-sycamore-qubit.md": (
        "Il processore Sycamore e i qubit", "2021-03-04 08:00", "it", "tg24.sky.it",
        "Sycamore usa 53 qubit superconduttori. I qubit di Sycamore lavorano vicino allo zero "
        "assoluto e la supremazia di Sycamore è ancora discussa dai fisici."),
    "2020/06/zipline-drone-delivery.md": (
        "Zipline drones deliver medical supplies", "2020-06-15 09:00", "en", "example.com",
        "Zipline drones drop parcels of blood and vaccines by parachute. Zipline flies its "
        "drones beyond line of sight, and regulators watch the Zipline drones closely."),
    "misc/drone-rules-for-zipline.md": (
        "New rules for delivery drones", "2022-01-10 09:00", "en", "example.org",
        "Regulators wrote rules for delivery drones flying beyond line of sight. Zipline and "
        "other drones operators must log every parachute drop; Zipline welcomed the rules."),
    "2021/01/raspberry-pi-pico.md": (
        "Raspberry Pi Pico is a four dollar microcontroller", "2021-01-21 10:00", "en",
        "example.com",
        "The Raspberry Pi Pico uses the RP2040 microcontroller. The RP2040 has two cores and "
        "the Pico runs MicroPython; Raspberry boards sell by the million."),
    "2021/01/pico-rp2040-scuola.md": (
        "Il Raspberry Pi Pico entra a scuola", "2021-01-28 10:00", "it", "example.it",
        "Il Pico con il microcontrollore RP2040 arriva nelle scuole. Gli studenti programmano "
        "il Pico in MicroPython e il Raspberry RP2040 costa poco."),
    "2021/05/colonial-pipeline-ransomware.md": (
        "Colonial Pipeline hit by ransomware", "2021-05-08 18:00", "en", "wired.com",
        "A ransomware gang called DarkSide shut down the Colonial Pipeline. Colonial paid a "
        "ransom in bitcoin while DarkSide ransomware encrypted billing systems."),
    "2021/06/darkside-bitcoin-recovered.md": (
        "Investigators recover DarkSide bitcoin", "2021-06-08 18:00", "en", "example.com",
        "Investigators recovered most of the bitcoin Colonial paid to DarkSide. The "
        "ransomware payment was traced through a bitcoin wallet; Colonial Pipeline resumed."),
}  # fmt: skip
# A teaser the importer kept: enrich must keep external related links working.
TEASER = ("Zipline raises funds for new drones", "https://example.com/zipline-funds")
# Written by hand (no checksum, so enrich leaves it alone): Pelican's absolute form of a
# {filename} link, the fixed URL enrich used to write, and a link to no article at all.
HAND_LINKS = """\
Category: example.com
Date: 2021-07-01 10:00
Lang: en
Related: Sycamore claims quantum supremacy | {filename}/articles/2019/10/sycamore-quantum-supremacy.md
    Raspberry Pi Pico is a four dollar microcontroller | 2021/01/raspberry-pi-pico.html
    Gone for good | {filename}../2000/01/no-such-article.md
    Outside the content | {filename}../../../../pelicanconf.py
Slug: hand-written-links
Title: Hand written links

Links written by hand.
"""


def related_content() -> dict[str, str]:
    """``RELATED_STORIES`` as import writes them, and ``HAND_LINKS``: ``{path below
    content/: text}``."""
    files = {"articles/2021/07/hand-written-links.md": HAND_LINKS}
    for rel, (title, date, lang, site, body) in RELATED_STORIES.items():
        teasers = [" | ".join(TEASER)] if rel.startswith("misc/") else []
        meta = {"Title": title, "Date": date, "Lang": lang, "Category": site, "Site": site,
                "Slug": Path(rel).stem, "Teasers": teasers, "Related": teasers}  # fmt: skip
        files[f"articles/{rel}"] = render_document(meta, body)
    return files


def related_site(root: Path) -> Path:
    """The fixture site plus ``related_content()``, enriched; returns ``root``."""
    make_site(root, extra_content=related_content())
    enrich_site(root / "content" / "articles", max_related=3)
    return root


class _Related(HTMLParser):
    """``(href, text)`` of the links in an article page's related-articles aside."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = self.in_h1 = False
        self.links: list[tuple[str | None, str]] = []
        self.h1 = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "aside" and ("class", "related") in attrs:
            self.inside = True
        elif tag == "li" and self.inside:
            self.links.append((None, ""))
        elif tag == "a" and self.inside and self.links:
            self.links[-1] = (dict(attrs).get("href"), "")
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "aside"
        self.in_h1 = self.in_h1 and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self.inside and self.links:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)
        if self.in_h1 and not self.h1:
            self.h1 = " ".join(unescape(data).split())


def parse_page(html: str) -> tuple[str, list[tuple[str | None, str]]]:
    """An article page's ``<h1>`` text and its related links ``(href or None, title)``."""
    parser = _Related()
    parser.feed(html)
    return parser.h1, [(href, " ".join(text.split())) for href, text in parser.links]


def related_targets(out: Path, siteurl: str) -> dict[str, list[tuple[str, str, Path | None]]]:
    """Every article page's internal related links: ``{page: [(title, href, file)]}``.

    ``file`` is the output file the link opens (as a browser resolves it from the page,
    ``index.html`` for a folder; ``siteurl`` is stripped first) or None if there is none.
    """
    found: dict[str, list[tuple[str, str, Path | None]]] = {}
    for page in sorted(out.rglob("*.html")):
        _h1, links = parse_page(page.read_text(encoding="utf-8"))
        for href, title in links:
            if href is None or (urlsplit(href).scheme and not href.startswith(siteurl + "/")):
                continue  # no link, or an external one
            path = unquote(urlsplit(href).path)
            target = out / path[len(urlsplit(siteurl).path) + 1 :] if "://" in href else None
            target = target or (page.parent / path)
            target = target / "index.html" if target.is_dir() else target
            rel = page.relative_to(out).as_posix()
            found.setdefault(rel, []).append((title, href, target if target.is_file() else None))
    return found
