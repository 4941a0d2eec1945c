"""Build stage: Pelican's content cache, read only for changed Markdown files and emptied
when the settings it was made under change (``newsarchive.build``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pelican.readers import MarkdownReader

from newsarchive.build import cache_fingerprint, pelican_settings
from site_fixtures import build, make_site, site_overrides

QUOTED = """\
Category: example.com
Date: 2020-06-23 09:00
Lang: en
Slug: quoted
Title: A quoted article

He said "hello" to the council, and the council said "goodbye" back to him at once.
"""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown files Pelican parses (not served from its cache), in this test."""
    seen: list[str] = []
    original = MarkdownReader.read

    def counting(self: MarkdownReader, source_path: str) -> Any:
        seen.append(Path(source_path).name)
        return original(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counting)
    return seen


def test_unchanged_files_are_not_parsed_again(tmp_path: Path, reads: list[str]) -> None:
    root = make_site(tmp_path / "site", extra_content={"articles/2020/06/quoted.md": QUOTED})
    first = build(root)
    assert "quoted.md" in reads and len(reads) >= 4
    page = (first / "2020/06/quoted.html").read_bytes()
    reads.clear()
    build(root)
    assert reads == []
    assert (first / "2020/06/quoted.html").read_bytes() == page
    # A file whose bytes change is parsed again, even with its modification time kept.
    path = root / "content/articles/2020/06/quoted.md"
    stamp = path.stat()
    path.write_text(QUOTED.replace("goodbye", "farewell"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    build(root)
    assert reads == ["quoted.md"]
    assert "farewell" in (first / "2020/06/quoted.html").read_text(encoding="utf-8")


def test_a_changed_markdown_setting_empties_the_cache(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", extra_content={"articles/2020/06/quoted.md": QUOTED})
    page = build(root) / "2020/06/quoted.html"
    assert "“hello”" not in page.read_text(encoding="utf-8")
    # Smarty quotes: the same file read under another Markdown setting reads differently.
    smarty = {"extension_configs": {"markdown.extensions.smarty": {}}, "output_format": "html5"}
    build(root, MARKDOWN=smarty)
    assert "“hello”" in page.read_text(encoding="utf-8")


def test_fingerprint_follows_the_settings(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    settings = pelican_settings(root, overrides=site_overrides())
    assert cache_fingerprint(settings) == cache_fingerprint(
        pelican_settings(root, overrides=site_overrides())
    )
    assert cache_fingerprint(settings) != cache_fingerprint({**settings, "TIMEZONE": "Europe/Rome"})
    # Objects without a value-like repr (functions) do not make it change from run to run.
    assert cache_fingerprint(settings) == cache_fingerprint({**settings, "X": lambda: None})


def test_a_build_killed_while_saving_the_cache_does_not_break_the_next(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", extra_content={"articles/2020/06/quoted.md": QUOTED})
    out = build(root)
    page = (out / "2020/06/quoted.html").read_bytes()
    cache = root / ".newsarchive/pelican-cache"
    stamp = cache / "newsarchive-fingerprint"
    assert stamp.is_file()  # written when a build completes
    # What a kill -9 while Pelican saves its cache leaves: the stamp gone (it is removed
    # for the length of a build) and a truncated gzip pickle, which Pelican cannot read.
    stamp.unlink()
    saved = cache / "ArticlesGenerator-Readers"
    saved.write_bytes(saved.read_bytes()[:200])
    build(root)
    assert (out / "2020/06/quoted.html").read_bytes() == page
    assert stamp.is_file()
