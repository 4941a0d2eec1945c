"""Build stage, output: a rebuild writes only what changed and leaves no stale file, so an
updated site equals a site built from nothing (``newsarchive.site.outputs``)."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.fileio import replace_if_changed
from newsarchive.site.outputs import prune_stale
from site_fixtures import build, make_site

# An article whose tag, source, author and month no other fixture article has: removing
# it must take its tag page and feed, source page and feed, author page, month and year
# archives with it.
LONER = """\
Authors: Ada Loner
Category: loner.example
Date: 2016-07-04 10:00
Date_precision: day
Lang: en
Slug: the-lonely-article
Tags: solitude
Title: The lonely article

A text about solitude, long enough to be an article of its own, with nothing in common.
"""
LONER_PATH = "articles/2016/07/the-lonely-article.md"


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: both change when a file is rewritten."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def _bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_rebuild_of_unchanged_content_writes_no_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = build(root)
    before = _stamps(out)
    after = _stamps(build(root))
    # Every page, feed, the sitemap and the theme's files (Pelican copies those on every
    # build: our copy writes only changed bytes) are left untouched.
    assert after == before
    assert "index.html" in after and "sitemap.xml" in after
    assert any(name.startswith("theme/css/") for name in after)


def test_an_edit_rewrites_its_pages_and_not_the_others(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", extra_content={LONER_PATH: LONER})
    before = _stamps(build(root))
    path = root / "content" / LONER_PATH
    path.write_text(LONER.replace("nothing in common", "nothing shared"), encoding="utf-8")
    after = _stamps(build(root))
    # Pages only: an earlier test in the same process may have left the search plugin's
    # receivers connected (Pelican registers plugins globally), adding search files.
    pages = [name for name in after if not name.startswith(("search/", "theme/"))]
    changed = {name for name in pages if after[name] != before.get(name)}
    assert "2016/07/the-lonely-article.html" in changed
    # Pages that do not show the text keep their bytes and are not touched.
    assert "tags.html" not in changed and "sources.html" not in changed
    assert len(changed) < len(pages) / 4


def test_removed_content_leaves_no_stale_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", extra_content={LONER_PATH: LONER})
    out = build(root)
    loner_pages = [
        "2016/07/the-lonely-article.html",
        "tag/solitude.html",
        "feeds/tag/solitude.atom.xml",
        "source/lonerexample.html",
        "feeds/source/lonerexample.atom.xml",
        "author/ada-loner.html",
        "2016/07/index.html",
        "2016/index.html",
    ]
    assert all((out / name).is_file() for name in loner_pages)
    (root / "content" / LONER_PATH).unlink()
    updated = _bytes(build(root))
    assert [name for name in loner_pages if name in updated] == []
    assert not (out / "2016").exists()  # emptied folders go too
    fresh = _bytes(build(make_site(tmp_path / "fresh")))
    assert sorted(updated) == sorted(fresh)
    assert [name for name in fresh if fresh[name] != updated[name]] == []


def test_files_of_no_build_are_removed_unless_retained(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = build(root)
    for name in ("CNAME", ".git/HEAD", "search/entry.js", "old/page.html"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("kept?\n", encoding="utf-8")
    build(root, OUTPUT_RETENTION=[".git"])
    assert (out / ".git/HEAD").is_file()  # OUTPUT_RETENTION, as in Pelican
    assert (out / "search/entry.js").is_file()  # the search stage's own folder
    assert not (out / "CNAME").exists()
    assert not (out / "old").exists()


def test_an_output_path_holding_the_content_is_never_pruned(tmp_path: Path) -> None:
    # OUTPUT_PATH set to the site folder itself (a typo): the build writes its pages
    # there, and pruning would take content/ and pelicanconf.py with it.
    root = make_site(tmp_path / "site")
    before = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
    build(root, OUTPUT_PATH=str(root))
    after = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    assert [p for p in before if p not in after] == []


def test_replace_if_changed(tmp_path: Path) -> None:
    path = tmp_path / "a" / "page.html"
    assert replace_if_changed(path, b"one\n")
    stamp = (path.stat().st_ino, path.stat().st_mtime_ns)
    assert not replace_if_changed(path, b"one\n")
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == stamp
    assert replace_if_changed(path, b"two\n")
    assert path.read_bytes() == b"two\n"
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["page.html"]  # no temporary left


def test_prune_stale_keeps_what_it_is_told(tmp_path: Path) -> None:
    for name in ("a.html", "x/b.html", "x/y/c.html", "keep/d.js", "ret/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    removed = prune_stale(tmp_path, {tmp_path / "a.html"}, [tmp_path / "keep"], ["ret"])
    assert sorted(p.relative_to(tmp_path.resolve()).as_posix() for p in removed) == [
        "x/b.html",
        "x/y/c.html",
    ]
    assert sorted(os.listdir(tmp_path)) == ["a.html", "keep", "ret"]
