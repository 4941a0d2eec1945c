"""Test helpers for the site stage: build the fixture site with our theme and plugin.

Imported by ``tests/test_site.py`` (kept out of ``conftest.py``, which other stages own).
The search plugin and ``search.html`` are left out so these tests only exercise the
theme and ``newsarchive_site``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from newsarchive.build import build_site

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
