"""An archive updated step by step searches and writes exactly as one built from nothing.

Each step of a history (newer articles, a backfill, an edit, a deletion, nothing) is
applied to one index and static folder, then the same articles are built from nothing in
new folders: every static file, every ``newsarchive search`` answer (with scores) and
the snapshot the static index is written from must be the same.
"""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsarchive.search import update_indexes
from newsarchive.search.documents import SearchDoc
from newsarchive.search.query import search
from newsarchive.search.snapshot import order_key
from newsarchive.search.static_index import MAX_SEGMENTS, WRITING_MARKER, segment_bounds
from newsarchive.search.whoosh_index import STATS_FILE, read_snapshot
from test_browser_search import EN, FILL_EN, FILL_IT, IT
from test_search_index import DOCS
from test_search_static import files

QUERIES = [
    "cloud",
    "aziende",
    "server data",
    "companies",
    "sicurezza rete",
    '"cloud data"',
    "secrity",  # typo: neighbours by document frequency
    "devel",  # prefix
    "tag:cloud",  # filters alone: newest first, ties in canonical order
    "lang:it",
    "date:2021-04 phone",
    "il cloud",
    # Only in the article deleted last: then unknown, so read as a typo of "servers".
    "servere",
]


def articles(count: int, *, first_day: int = 0, seed: int = 5) -> list[SearchDoc]:
    """Bilingual news-like articles, one or two a day from 2021-03-01 + ``first_day``."""
    rng = random.Random(seed + first_day)
    docs = []
    for i in range(count):
        day = first_day + i * 2 // 3
        lang = "it" if rng.random() < 0.3 else "en"
        words, fill = (IT, FILL_IT) if lang == "it" else (EN, FILL_EN)

        def text(n: int, words: list[str] = words, fill: list[str] = fill) -> str:
            return " ".join(rng.choice(words if rng.random() < 0.5 else fill) for _ in range(n))

        date = f"2021-{3 + day // 28:02d}-{1 + day % 28:02d}"
        docs.append(
            SearchDoc(
                url=f"{date[:7].replace('-', '/')}/a{first_day}-{i:03d}.html",
                title=text(rng.randint(3, 8)).capitalize(),
                date=date,
                lang=lang,
                summary=text(rng.randint(5, 15)),
                body=text(rng.randint(20, 120)),
                tags=tuple(rng.sample(words, 2)),
                authors=(rng.choice(["Ann Author", "Bo Writer"]),),
                site=rng.choice(["example.com", "example.it", "wired.com"]),
            )
        )
    return docs


def answers(whoosh_dir: Path) -> dict[str, list[dict[str, object]]]:
    return {query: search(whoosh_dir, query, limit=20) for query in QUERIES}


def fresh(docs: list[SearchDoc], where: Path) -> tuple[dict[str, bytes], dict[str, object]]:
    update_indexes(docs, where / "whoosh", where / "static")
    return files(where / "static"), answers(where / "whoosh")


def test_updated_archive_equals_a_fresh_build(tmp_path: Path) -> None:
    doomed = replace(DOCS[0], body=DOCS[0].body + " Servere.")
    base = [doomed, *DOCS[1:], *articles(150)]
    newest = max(doc.date for doc in base)
    later = articles(12, first_day=150, seed=9)
    assert min(doc.date for doc in later) > newest  # a day's news: the newest articles
    backfill = replace(DOCS[2], url="2021/04/backfill.html", date="2021-04-14")
    middle = sorted(base, key=lambda d: order_key(d.date, d.url))[60]
    edited = replace(middle, body=middle.body + " cloud sicurezza", tags=("cloud",))
    history: list[tuple[str, list[SearchDoc]]] = [
        ("first build", base),
        ("newer articles", base + later),
        ("a backfill", [*base, *later, backfill]),
        ("an edit", [edited if d is middle else d for d in [*base, *later, backfill]]),
        ("a deletion", [edited if d is middle else d for d in [*base, *later] if d is not doomed]),
    ]
    history.append(("nothing new", history[-1][1]))
    whoosh, static = tmp_path / "site" / "whoosh", tmp_path / "site" / "static"
    for step, (name, docs) in enumerate(history):
        stats, written = update_indexes(docs, whoosh, static)
        want_files, want_answers = fresh(docs, tmp_path / f"fresh{step}")
        got_files = files(static)
        assert sorted(got_files) == sorted(want_files), name
        assert [n for n in want_files if got_files[n] != want_files[n]] == [], name
        assert answers(whoosh) == want_answers, name
        assert read_snapshot(whoosh) == read_snapshot(tmp_path / f"fresh{step}" / "whoosh"), name
        assert written.segments >= 3, name  # several segments, so kept ones are exercised
        if name == "newer articles":
            # Only the last segment grew; the others were kept without being read.
            assert written.kept == written.segments - 1
        if name == "nothing new":
            assert not stats.changed and written.written == 0
            assert written.kept == written.segments


def test_results_need_no_saved_totals(tmp_path: Path) -> None:
    """Without stats.json (a crash, an old index) the totals are counted: same answers."""
    docs = [*DOCS, *articles(60)]
    update_indexes(docs[:40], tmp_path / "w", tmp_path / "s")
    update_indexes(docs, tmp_path / "w", tmp_path / "s")  # merged: totals from the file
    before = answers(tmp_path / "w")
    (tmp_path / "w" / STATS_FILE).unlink()
    assert answers(tmp_path / "w") == before


@pytest.mark.parametrize("damage", ["marker", "missing shard", "missing fragment"])
def test_a_damaged_index_is_written_whole_again(tmp_path: Path, damage: str) -> None:
    """A run that stopped half way, or files gone: nothing is trusted that should not be."""
    docs = [*DOCS, *articles(80)]
    update_indexes(docs, tmp_path / "w", tmp_path / "s")
    static = tmp_path / "s"
    if damage == "marker":
        # As a run stopped after rewriting a fragment: its entry still names the segment.
        (static / WRITING_MARKER).touch()
        (static / "f" / "3.js").write_text("garbage", encoding="utf-8")
    elif damage == "missing shard":
        next((static / "s").glob("*.js")).unlink()
    else:
        (static / "f" / "5.js").unlink()
    update_indexes(docs, tmp_path / "w", static)
    assert files(static) == fresh(docs, tmp_path / "fresh")[0]


def test_segments_are_few_and_cover_every_article() -> None:
    for count in [0, 1, 2, 7, 8, 100, 300, 1000, 5000]:
        urls = [f"https://example.com/{count}/{i}" for i in range(count)]
        bounds = segment_bounds(urls)
        assert len(bounds) <= MAX_SEGMENTS
        covered = [sid for lo, hi in bounds for sid in range(lo, hi + 1)]
        assert covered == list(range(count))


def test_an_article_in_the_middle_changes_only_its_segment() -> None:
    urls = [f"https://example.com/{i:04d}" for i in range(300)]
    before = [tuple(urls[lo : hi + 1]) for lo, hi in segment_bounds(urls)]
    inserted = [*urls[:150], "https://example.com/0149b", *urls[150:]]
    after = [tuple(inserted[lo : hi + 1]) for lo, hi in segment_bounds(inserted)]
    assert len(set(before) - set(after)) == 1  # the segment that got the new article
    assert len(set(after) - set(before)) == 1


def test_a_run_killed_while_writing_leaves_no_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shards are named by their content and never rewritten once there, so one left
    half-written by a killed run would be trusted for good. Here the fifth file the run
    writes (a shard: stats.json comes first) stops half-way, as a kill would stop it,
    whichever way the file is written."""
    docs = [*DOCS, *articles(40)]
    static = tmp_path / "s"
    count = 0

    def dies_half_way(write: Any) -> Any:
        def half(data: Any) -> Any:
            nonlocal count
            count += 1
            if count == 5:
                write(data[: len(data) // 2])
                raise KeyboardInterrupt  # as SIGKILL would stop the run here
            return write(data)

        return half

    fdopen, write_text = os.fdopen, Path.write_text

    def fdopen_dying(*args: Any, **kwargs: Any) -> Any:
        handle = fdopen(*args, **kwargs)
        handle.write = dies_half_way(handle.write)
        return handle

    def write_text_dying(path: Path, data: str, *args: Any, **kwargs: Any) -> int:
        return int(dies_half_way(lambda d: write_text(path, d, *args, **kwargs))(data))

    monkeypatch.setattr(os, "fdopen", fdopen_dying)
    monkeypatch.setattr(Path, "write_text", write_text_dying)
    with pytest.raises(KeyboardInterrupt):
        update_indexes(docs, tmp_path / "w", static)
    monkeypatch.undo()
    assert count == 5
    # Every shard on disk is whole: its name is the hash of what it holds.
    for path in (static / "s").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f'window.__nsShard("{path.stem}",') and text.endswith(");\n")
    update_indexes(docs, tmp_path / "w", static)
    assert files(static) == fresh(docs, tmp_path / "fresh")[0]
