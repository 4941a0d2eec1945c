"""Enrich stage: tags and related links written into the Markdown."""

from __future__ import annotations

import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import make_site, run_cli
from newsarchive.enrich.related import RelatedIndex, terms
from newsarchive.enrich.run import enrich_site
from newsarchive.enrich.tags import extract_candidates, normalize_tag, pick_tags, prose
from newsarchive.frontmatter import (
    FILENAME_LINK,
    filename_target,
    is_hand_edited,
    parse_related,
    read_front_matter,
    render_document,
)
from site_fixtures import RELATED_STORIES, parse_page, related_content, related_targets

STORIES = {
    "apple-chips": ("Apple moves the Mac to its own chips",
                    "Apple said the Mac will use chips designed by Apple. Tim Cook called the chips fast. "
                    "The chips use less power, and developers get tools to port their apps to the chips."),
    "apple-watch": ("Apple Watch gets sleep tracking",
                    "Apple added sleep tracking to the Watch. Tim Cook showed the Watch on stage. "
                    "The watch tracks sleep and reminds you to go to bed; Apple says the data stays private."),
    "intel-chips": ("Intel answers with faster laptop chips",
                    "Intel launched laptop chips to compete with Apple. Pat Gelsinger said the chips are "
                    "faster. Intel chips ship in laptops this autumn, and Intel expects strong demand for chips."),
    "clubhouse": ("Musk invita Putin su Clubhouse",
                  "Elon Musk ha invitato Vladimir Putin su Clubhouse. Il Cremlino valuta la proposta di Elon "
                  "Musk; Clubhouse è il social dei messaggi vocali e Musk lo usa spesso."),
    "clubhouse-2": ("Zuckerberg entra su Clubhouse",
                    "Mark Zuckerberg è entrato su Clubhouse dopo Elon Musk. L'app Clubhouse è andata in tilt "
                    "per le troppe persone collegate a Clubhouse."),
}  # fmt: skip


def _related(stories: dict[str, tuple[str, str]], limit: int = 5) -> dict[str, list[str]]:
    """Related keys by score for ``{key: (title, body)}``, as enrich ranks them."""
    index = RelatedIndex()
    for key, (title, body) in sorted(stories.items()):
        index.add_terms(key, terms(title, body))
    return index.related(limit=limit)


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for n, (slug, (title, body)) in enumerate(sorted(STORIES.items())):
        meta = {"Title": title, "Date": f"2021-02-{n + 1:02d} 10:00", "Slug": slug, "Lang": "en",
                "Source_tags": "Tech, tech " if slug.startswith("apple") else ""}  # fmt: skip
        path = root / "2021" / "02" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_document(meta, body))
    return root


def test_names_are_candidates_and_generic_words_are_not() -> None:
    title, body = STORIES["clubhouse"]
    cands = extract_candidates(title, body)
    assert "elon musk" in cands and "clubhouse" in cands
    for generic in ("il", "febbraio", "spesso"):
        assert cands.get(generic, 0) < 3


def test_normalize_tag() -> None:
    assert normalize_tag("  Elon_Musk ") == normalize_tag("elon musk") == "elon musk"
    assert normalize_tag("#AI,") == "ai"


def test_enrich_writes_tags_and_related_and_is_idempotent(tmp_path: Path) -> None:
    root = _site(tmp_path)
    report = enrich_site(root, max_tags=5, max_related=2)
    assert len(report.updated) == len(STORIES)
    meta = {p.stem: read_front_matter(p.read_text()) for p in root.rglob("*.md")}
    tags = {k: [t.strip() for t in str(v["Tags"]).split(",")] for k, v in meta.items()}
    assert tags["apple-chips"][0] == "Tech"  # the page's own tag first, normalised once
    assert "chips" in [t.lower() for t in tags["intel-chips"]]
    assert {"clubhouse", "elon musk"} <= {t.lower() for t in tags["clubhouse"]}
    related = {k: parse_related(v["Related"]) for k, v in meta.items()}
    assert related["clubhouse"][0].url == "{filename}clubhouse-2.md"
    assert related["apple-chips"][0].url in {"{filename}apple-watch.md", "{filename}intel-chips.md"}
    for path in root.rglob("*.md"):
        assert not is_hand_edited(path.read_text())
    snapshot = {p: p.read_bytes() for p in root.rglob("*.md")}
    again = enrich_site(root, max_tags=5, max_related=2)
    assert again.updated == [] and again.unchanged == len(STORIES)
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == snapshot


def test_tags_are_shown_as_the_text_writes_them(tmp_path: Path) -> None:
    root = _site(tmp_path)
    enrich_site(root, max_tags=5)
    tags = {
        t.strip()
        for p in root.rglob("*.md")
        for t in str(read_front_matter(p.read_text()).get("Tags", "")).split(",")
    }
    # Names as written, common words in lower case; the page's own tag as the page has it.
    assert {"Elon Musk", "Clubhouse", "chips", "Tech"} <= tags, tags
    assert not {"elon musk", "clubhouse", "Chips"} & tags
    forms: dict[str, Counter[str]] = {}
    extract_candidates(
        "A model ships", "The OpenAI team said so. Later the OpenAI model shipped.", forms
    )
    assert forms["openai"] == Counter({"OpenAI": 2})
    # A word capitalised inside, unless the text also writes it in lower case.
    forms = {}
    extract_candidates("A phone", "The new iPhone ships. Every iPhone sells.", forms)
    assert forms["iphone"] == Counter({"iPhone": 2})
    forms = {}
    extract_candidates("A phone", "The new iPhone ships. Every iphone sells.", forms)
    assert "iphone" not in forms


def test_enrich_keeps_hand_edits(tmp_path: Path) -> None:
    root = _site(tmp_path)
    edited = root / "2021" / "02" / "clubhouse.md"
    edited.write_text(edited.read_text().replace("Musk invita", "Musk (a mano) invita"))
    report = enrich_site(root)
    assert report.kept_hand_edits == [edited]
    assert "Tags" not in read_front_matter(edited.read_text())


def test_a_file_changed_while_enrich_runs_is_not_overwritten(tmp_path: Path) -> None:
    """Enrich reads every article, then writes the ones whose tags or links change; it
    does not hold their text in between (an archive of 100,000 would not fit). A file
    rewritten meanwhile (a re-import, an editor) keeps the new text and is reported."""
    root = _site(tmp_path)
    target = root / "2021" / "02" / "clubhouse.md"
    new_text = render_document({"Title": "Musk invita Putin", "Slug": "clubhouse"}, "Riscritto.")

    def rewrite_during_writing(stage: str, done: int, total: int) -> None:
        if stage == "enrich write" and done == 1:
            target.write_text(new_text)

    report = enrich_site(root, progress=rewrite_during_writing)
    assert report.changed_meanwhile == [target]
    assert target.read_text() == new_text
    assert len(report.updated) == len(STORIES) - 1
    again = enrich_site(root)
    assert target in again.updated and "Enriched" in read_front_matter(target.read_text())


def test_related_links_are_written_newest_first(tmp_path: Path) -> None:
    """Similarity picks the related articles; they are written newest first, so a new
    article that only moves the scores does not reorder (and rewrite) every list."""
    stories = {
        "a": ("2021-02-05", "Musk invita Putin su Clubhouse",
              "Musk invita Putin su Clubhouse. Il Cremlino valuta l'invito vocale di Musk."),
        "b": ("2021-02-01", "Musk invita Putin su Clubhouse, il Cremlino valuta",
              "Musk invita Putin su Clubhouse; il Cremlino valuta l'invito vocale."),
        "c": ("2021-02-03", "Clubhouse piace a Musk", "Musk parla su Clubhouse di razzi."),
    }  # fmt: skip
    stories |= {f"f{n}": ("2021-01-01", f"Storia {n}", f"parola{n} termine{n} tema{n} " * 3)
                for n in range(12)}  # fmt: skip
    root = tmp_path / "articles"
    for slug, (date, title, body) in stories.items():
        meta = {"Title": title, "Date": f"{date} 10:00", "Slug": slug, "Lang": "it"}
        (root / f"{slug}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{slug}.md").write_text(render_document(meta, body))
    enrich_site(root)
    written = parse_related(read_front_matter((root / "a.md").read_text()).get("Related"))
    by_score = _related({k: (t, b) for k, (_, t, b) in stories.items()})
    assert by_score["a"] == ["b", "c"]  # b is the more similar
    assert [r.url for r in written] == ["{filename}c.md", "{filename}b.md"]  # c is newer


def test_link_addresses_are_not_words(tmp_path: Path) -> None:
    """Link targets and bare URLs are not prose: "https" and host names were tags of
    articles rich in links (found by bench/enrich_quality.py on fundus pages)."""
    root = tmp_path / "articles"
    links = " ".join(
        f'See [report {n}](https://www.example.org/report-{n} "Report").' for n in range(4)
    )
    for n in range(20):
        body = f"Topic{n} council budget vote number {n}. " + (
            links + " https://www.example.org/x" if n < 6 else ""
        )
        meta = {
            "Title": f"Story {n}",
            "Date": f"2023-11-{n + 1:02d} 10:00",
            "Slug": f"s{n}",
            "Lang": "en",
            "Site": f"site{n}.org",  # sites of their own: no site's template to discount
        }
        (root / f"s{n}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"s{n}.md").write_text(render_document(meta, body))
    enrich_site(root)
    tags = {
        str(read_front_matter(p.read_text()).get("Tags", "")).lower() for p in root.glob("*.md")
    }
    assert not any(word in t for t in tags for word in ("https", "www", "example")), tags
    assert prose(
        "[a](https://x.org/y 'T') ![b](http://x.org/i.png) <https://x.org> www.x.org z"
    ) == ("[a]  ![b]      z")


def test_related_articles_ranks_by_similarity() -> None:
    related = _related(STORIES, limit=2)
    assert related["clubhouse-2"][0] == "clubhouse"
    assert "clubhouse" not in related["apple-chips"]


def test_every_extracted_tag_is_shared(tmp_path: Path) -> None:
    root = _site(tmp_path)
    enrich_site(root, max_tags=5)
    metas = [read_front_matter(p.read_text()) for p in root.rglob("*.md")]
    counts: dict[str, int] = {}
    for meta in metas:
        page = {t.strip().lower() for t in str(meta.get("Source_tags", "")).split(",")}
        for tag in str(meta.get("Tags", "")).split(","):
            if tag.strip() and tag.strip().lower() not in page:
                counts[tag.strip()] = counts.get(tag.strip(), 0) + 1
    assert counts and min(counts.values()) >= 2, counts


def test_names_keep_new_york_and_drop_site_words() -> None:
    cands = extract_candidates(
        "Lyft IPO in New York",
        "Shares rose in New York. A new app launched. New York traders cheered.",
    )
    assert "new york" in cands and "york" not in cands and "new" not in cands


def test_related_links_name_the_files_not_urls(tmp_path: Path) -> None:
    """Enrich stores where the related article's file is (relative to the linking file),
    so the Markdown holds no URL: changing ARTICLE_URL changes no file."""
    root = tmp_path / "content"
    for rel, text in related_content().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    enrich_site(root / "articles", max_related=3)
    titles = {rel: title for rel, (title, *_) in RELATED_STORIES.items()}
    checked = 0
    for rel in titles:
        path = root / "articles" / rel
        for link in parse_related(read_front_matter(path.read_text()).get("Related")):
            assert link.url, link
            if link.url.startswith("https://"):
                continue  # the importer's external teaser, kept
            assert link.url.startswith(FILENAME_LINK) and ".html" not in link.url
            target = filename_target(link.url, Path(rel).parent.as_posix())
            assert target in titles and titles[target] == link.title
            checked += 1
    assert checked >= len(RELATED_STORIES)


def _build(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    built = run_cli("build", *args, cwd=site)
    assert built.returncode == 0, built.stderr + built.stdout
    return built


@pytest.mark.parametrize(
    "conf",
    [
        "",
        'ARTICLE_URL = ARTICLE_LANG_URL = "{slug}/"\n'
        'ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{slug}/index.html"\n',
        'ARTICLE_URL = "{category}/{date:%Y}/{slug}.html"\n'
        'ARTICLE_SAVE_AS = "{category}/{date:%Y}/{slug}.html"\n',
    ],
    ids=["default", "slug-folders", "category-year"],
)
def test_cli_build_related_links_follow_article_url(tmp_path: Path, conf: str) -> None:
    """``newsarchive build`` (enrich, then Pelican) and ``build --publish`` with the
    ARTICLE_URL of the site's own pelicanconf.py: every related link opens its article."""
    site = make_site(tmp_path / "site")
    with (site / "pelicanconf.py").open("a") as handle:
        handle.write(conf)
    for rel, text in related_content().items():
        (site / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / rel).write_text(text)
    for args, siteurl in [((), None), (("--publish",), "http://127.0.0.1:8000")]:
        _build(site, *args)
        found = related_targets(site / "output", siteurl or "http://none.invalid")
        assert len(found) > len(RELATED_STORIES)
        wrong = [
            (page, title, href)
            for page, links in found.items()
            for title, href, target in links
            if target is None or parse_page(target.read_text())[0] != title
            or ("://" in href) != bool(siteurl)
        ]  # fmt: skip
        assert wrong == []


def test_brand_word_of_the_sites_host_is_never_a_tag(tmp_path: Path) -> None:
    # The sample's Verge articles were tagged "verge": "The Verge" is in every byline.
    root = tmp_path / "articles"
    verge = "Sources tell The Verge that OpenAI plans a launch. OpenAI told The Verge it is on "
    verge += "track; OpenAI confirmed the date to The Verge."
    other = "The council met and voted on the budget after a long debate about the bus lines."
    docs = [("theverge.com", verge)] * 3 + [("news.example", other)] * 9
    for n, (site, body) in enumerate(docs):
        meta = {"Title": f"Story {n}", "Date": f"2023-11-{n + 1:02d} 10:00", "Slug": f"s{n}",
                "Lang": "en", "Site": site}  # fmt: skip
        path = root / "2023" / "11" / f"s{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_document(meta, body))
    enrich_site(root, max_tags=5)
    tags = [str(read_front_matter((root / "2023" / "11" / f"s{n}.md").read_text()).get("Tags")).lower()
            for n in range(3)]  # fmt: skip
    assert all("openai" in t for t in tags), tags
    assert not any("verge" in t for t in tags), tags


def test_tags_keep_their_order_when_their_ranks_move() -> None:
    vocabulary = {"apple", "iphone", "battery", "china"}
    display = {"iphone": "iPhone"}
    first = pick_tags(["Reviews"], ["iphone", "battery", "apple", "china"], vocabulary,
                      max_tags=4, display=display)  # fmt: skip
    moved = pick_tags(["Reviews"], ["apple", "iphone", "china", "battery"], vocabulary,
                      max_tags=4, display=display)  # fmt: skip
    # The page's own tag first; the three best candidates, whatever their rank, by name.
    assert first == ["reviews", "apple", "battery", "iPhone"]
    assert moved == ["reviews", "apple", "china", "iPhone"]  # rank still picks which


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def test_cached_facts_give_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsarchive.enrich import facts as facts_module

    calls: list[int] = []
    original = facts_module.read_facts

    def counted(data: bytes) -> facts_module.ArticleFacts:
        calls.append(1)
        return original(data)

    monkeypatch.setattr(facts_module, "read_facts", counted)
    cache = tmp_path / "state" / "enrich-cache.sqlite"
    cached, plain = _site(tmp_path / "cached"), _site(tmp_path / "plain")
    enrich_site(cached, max_tags=5, cache=cache)
    enrich_site(plain, max_tags=5)
    assert _snapshot(cached) == _snapshot(plain) and len(calls) == len(STORIES)
    # The files enrich rewrote are known by their new bytes: nothing is read again.
    calls.clear()
    assert enrich_site(cached, max_tags=5, cache=cache).updated == []
    assert calls == []
    # A changed file is read again, and the result equals a run without the cache.
    for root in (cached, plain):
        path = root / "2021" / "02" / "intel-chips.md"
        path.write_text(path.read_text() + "\nIntel also talked about Clubhouse and Elon Musk.\n")
    enrich_site(cached, max_tags=8, cache=cache)
    enrich_site(plain, max_tags=8)
    assert _snapshot(cached) == _snapshot(plain) and len(calls) == 1
    # Rows of files that no longer exist are dropped.
    (cached / "2021" / "02" / "clubhouse-2.md").unlink()
    enrich_site(cached, max_tags=8, cache=cache)
    with sqlite3.connect(cache) as db:
        (rows,) = db.execute("SELECT count(*) FROM facts").fetchone()
    assert rows == len(STORIES) - 1


def test_cache_from_other_code_or_damaged_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "enrich-cache.sqlite"
    root = _site(tmp_path)
    enrich_site(root, max_tags=5, cache=cache)
    before = _snapshot(root)
    with sqlite3.connect(cache) as db:
        # Facts saved by other code: wrong titles would show in the related links.
        db.execute("UPDATE meta SET value = 'older code' WHERE key = 'version'")
        db.execute("UPDATE facts SET data = (SELECT data FROM facts LIMIT 1)")
    assert enrich_site(root, max_tags=5, cache=cache).updated == []
    assert _snapshot(root) == before
    cache.write_bytes(b"not a database" * 100)
    assert enrich_site(root, max_tags=5, cache=cache).updated == []
    assert _snapshot(root) == before


def test_a_tag_is_shown_as_a_name_only_where_three_in_four_write_it_so(tmp_path: Path) -> None:
    from newsarchive.enrich.run import _Reading

    named = (
        "Voters who are Black spoke. Leaders who are Black met. Students who are Black marched. "
    )
    plain = "The black box failed. A black screen showed. The black cable broke. "

    def forms(texts: list[str]) -> dict[str, str]:
        reading = _Reading()
        entries = []
        for i, body in enumerate(texts):
            path = tmp_path / f"{len(texts)}-{i}.md"
            path.write_text(render_document({"Title": f"Story {i}", "Lang": "en"}, body))
            entries.append(reading.read(path, path.name))
        return reading.written_forms(entries, {"black"})

    # Usage this mixed flips with every day's articles under a bare majority.
    assert forms([named, named, plain]) == {"black": "black"}
    assert forms([named, named, named, plain]) == {"black": "Black"}
