"""Site stage: every Atom and RSS feed the site writes is valid and points where it should.

Built from the fixture site (``site_fixtures``) plus an article without a byline, in
development mode (relative page links) and publish mode (absolute ones): Pelican joins
feed URLs differently in the two.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import feedparser  # type: ignore[import-untyped]
import pytest

from newsarchive.site.feeds import site_description
from site_fixtures import SITEURL, build, make_site

ATOM = "{http://www.w3.org/2005/Atom}"
NO_BYLINE = "2021/04/no-byline.html"
NO_BYLINE_ARTICLE = """\
Category: example.org
Date: 2021-04-02 10:00
Lang: en
Slug: no-byline
Tags: chips, bylines
Title: An article without a byline

Nobody signed this one.
"""
DESCRIPTION = "An archive of tech news articles."


def build_feed_site(root: Path, **extra: object) -> Path:
    site = make_site(root, extra_content={"articles/2021/04/no-byline.md": NO_BYLINE_ARTICLE})
    return build(site, **extra)


@pytest.fixture(scope="module", params=["dev", "publish"])
def mode(request: pytest.FixtureRequest) -> str:
    """The build mode; "publish" has absolute page URLs, as publishconf.py does."""
    return str(request.param)


@pytest.fixture(scope="module")
def out(mode: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the fixture site and NO_BYLINE_ARTICLE, built in ``mode``."""
    return build_feed_site(tmp_path_factory.mktemp(f"feeds-{mode}"), RELATIVE_URLS=mode == "dev")


def feeds(out: Path, suffix: str) -> list[Path]:
    found = sorted((out / "feeds").rglob(f"*{suffix}"))
    assert found, f"no {suffix} feeds in {out}"
    return found


def output_file(out: Path, url: str) -> Path:
    """The file in ``out`` that the absolute site URL ``url`` serves."""
    assert url.startswith(SITEURL + "/"), url
    path = urlsplit(url).path.lstrip("/")
    target = out / path
    return target / "index.html" if not path or target.is_dir() else target


def text(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def test_feed_set(out: Path) -> None:
    names = {p.relative_to(out).as_posix() for p in (out / "feeds").rglob("*.xml")}
    assert {"feeds/all.atom.xml", "feeds/all.rss.xml"} <= names
    assert "feeds/tag/chips.atom.xml" in names and "feeds/source/examplecom.atom.xml" in names


def test_every_feed_parses(out: Path) -> None:
    for path in feeds(out, ".xml"):
        parsed = feedparser.parse(str(path))
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path


def test_rss_channel_and_items(out: Path) -> None:
    for path in feeds(out, ".rss.xml"):
        channel = ET.parse(path).getroot().find("channel")
        assert channel is not None
        for name in ("title", "link", "description"):
            assert text(channel.find(name)), f"{path}: empty <{name}>"
        assert text(channel.find("description")) == DESCRIPTION
        items = channel.findall("item")
        assert items
        for item in items:
            for name in ("title", "link", "guid", "pubDate"):
                assert text(item.find(name)), f"{path}: item without <{name}>"
            guid = item.find("guid")
            assert guid is not None
            permalink = guid.get("isPermaLink", "true") == "true"
            if permalink:
                # A permalink guid must be the article's URL.
                assert text(guid) == text(item.find("link")), text(guid)
                assert text(guid).startswith(("http://", "https://"))
            else:
                assert guid.get("isPermaLink") == "false"
            assert output_file(out, text(item.find("link"))).is_file()
        guids = [text(item.find("guid")) for item in items]
        assert len(guids) == len(set(guids)), path


def atom_feeds(out: Path) -> dict[Path, ET.Element]:
    return {path: ET.parse(path).getroot() for path in feeds(out, ".atom.xml")}


def link(el: ET.Element, rel: str) -> str:
    hrefs = [a.get("href", "") for a in el.findall(f"{ATOM}link") if a.get("rel") == rel]
    assert len(hrefs) == 1, (rel, hrefs)
    return hrefs[0]


def test_atom_feed_ids_are_their_own(out: Path) -> None:
    roots = atom_feeds(out)
    ids = {path: text(root.find(f"{ATOM}id")) for path, root in roots.items()}
    assert all(ids.values())
    assert len(set(ids.values())) == len(ids), Counter(ids.values()).most_common(3)
    for path, root in roots.items():
        # The id is the feed's own URL, which is where the file is.
        assert ids[path] == link(root, "self")
        assert output_file(out, ids[path]) == path


def test_atom_alternate_links_open_their_pages(out: Path) -> None:
    roots = atom_feeds(out)
    expected = {
        "feeds/all.atom.xml": f"{SITEURL}/",
        "feeds/tag/chips.atom.xml": f"{SITEURL}/tag/chips.html",
        "feeds/source/examplecom.atom.xml": f"{SITEURL}/source/examplecom.html",
        "feeds/source/tg24skyit.atom.xml": f"{SITEURL}/source/tg24skyit.html",
    }
    for rel, url in expected.items():
        assert link(roots[out / rel], "alternate") == url
    for path, root in roots.items():
        page = link(root, "alternate")
        assert output_file(out, page).is_file(), (path, page)
        if path.parent.name in ("tag", "source"):
            assert page == f"{SITEURL}/{path.parent.name}/{path.name[: -len('.atom.xml')]}.html"
        for entry in root.findall(f"{ATOM}entry"):
            assert output_file(out, link(entry, "alternate")).is_file()


def test_atom_authors(out: Path) -> None:
    for path, root in atom_feeds(out).items():
        names = [text(name) for name in root.iter(f"{ATOM}name")]
        assert all(names), f"{path}: empty <name/>"
        for author in root.iter(f"{ATOM}author"):
            assert text(author.find(f"{ATOM}name")), f"{path}: <author> without a name"
        # RFC 4287: an entry without an author needs the feed's.
        assert text(root.find(f"{ATOM}author/{ATOM}name")) == "Tech news archive"
        assert text(root.find(f"{ATOM}subtitle")) == DESCRIPTION
    chips = ET.parse(out / "feeds/tag/chips.atom.xml").getroot()
    authors = {
        link(entry, "alternate"): [text(n) for n in entry.iter(f"{ATOM}name")]
        for entry in chips.findall(f"{ATOM}entry")
    }
    assert authors == {
        f"{SITEURL}/{NO_BYLINE}": [],
        f"{SITEURL}/2020/06/apple-announces-new-chips.html": ["Jane Doe"],
    }


def test_atom_entry_ids_are_unique_and_stable(out: Path) -> None:
    by_link: dict[str, set[str]] = {}
    for path, root in atom_feeds(out).items():
        ids = [text(entry.find(f"{ATOM}id")) for entry in root.findall(f"{ATOM}entry")]
        assert all(ids) and len(ids) == len(set(ids)), path
        for entry in root.findall(f"{ATOM}entry"):
            by_link.setdefault(link(entry, "alternate"), set()).add(text(entry.find(f"{ATOM}id")))
    # One article, one id, in whichever feed it appears; two articles never share one.
    assert all(len(ids) == 1 for ids in by_link.values()), by_link
    assert len({next(iter(ids)) for ids in by_link.values()}) == len(by_link)


def test_feeds_are_byte_identical_across_builds(out: Path, mode: str, tmp_path: Path) -> None:
    again = build_feed_site(tmp_path / "again", RELATIVE_URLS=mode == "dev")

    def snapshot(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in feeds(folder, ".xml")}

    assert snapshot(again) == snapshot(out)


def test_sitesubtitle_is_the_description(tmp_path: Path) -> None:
    out = build_feed_site(tmp_path / "subtitled", SITESUBTITLE="Old tech news, kept")
    rss = ET.parse(out / "feeds/all.rss.xml").getroot()
    assert text(rss.find("channel/description")) == "Old tech news, kept"
    atom = ET.parse(out / "feeds/tag/chips.atom.xml").getroot()
    assert text(atom.find(f"{ATOM}subtitle")) == "Old tech news, kept"
    assert "<p>Old tech news, kept</p>" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, DESCRIPTION),
        ({"DEFAULT_LANG": "it"}, "Un archivio di articoli di notizie tecnologiche."),
        ({"SITESUBTITLE": "  Mine  "}, "Mine"),
        ({"SITESUBTITLE": ""}, DESCRIPTION),
    ],
)
def test_site_description(settings: dict[str, str], expected: str) -> None:
    assert site_description(settings) == expected
