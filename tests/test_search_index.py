"""Whoosh index and the CLI search function, on a handful of SearchDocs."""

from __future__ import annotations

import gc
import weakref
from array import array
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from newsarchive import NewsarchiveError
from newsarchive.search.documents import SearchDoc
from newsarchive.search.plan import parse_query
from newsarchive.search.query import search
from newsarchive.search.snapshot import Posting, pack_posting, postings_of
from newsarchive.search.whoosh_index import (
    INDEX_NAME,
    IndexMissingError,
    read_snapshot,
    update_index,
)

DOCS = [
    SearchDoc(
        url="2021/02/cloud.html",
        title="Le aziende italiane e il cloud",
        date="2021-02-10",
        lang="it",
        summary="Sempre più aziende italiane portano i dati nel cloud.",
        body="Ogni azienda investe nel cloud computing. La città di Milano guida la crescita.",
        tags=("cloud", "aziende"),
        authors=("Maria Rossi",),
        site="example.it",
    ),
    SearchDoc(
        url="2021/02/musk.html",
        title="Musk invita Putin su Clubhouse",
        date="2021-02",
        lang="it",
        summary="Il chief executive di Tesla vorrebbe parlare con il presidente russo.",
        body="Elon Musk punta sempre più in alto. Il Cremlino ha definito la proposta interessante.",
        tags=("clubhouse", "elon musk"),
        authors=("Redazione",),
        site="tg24.sky.it",
    ),
    SearchDoc(
        url="2020/06/chips.html",
        title="Apple announces new chips for the Mac",
        date="2020-06-22",
        lang="en",
        summary="Apple is moving the Mac to its own processors.",
        body="Apple announced that it is moving the Mac to chips it designs itself. "
        "Companies that build software get a transition kit.",
        tags=("apple", "chips"),
        authors=("Jane Doe",),
        site="example.com",
    ),
    SearchDoc(
        url="2020/01/protests.html",
        title="Big Tech's Role in Policing the Protests",
        date="2020",
        lang="en",
        summary="Tech companies back protesters while their platforms help police.",
        body="Across the world, millions of people have gathered to protest police brutality. "
        "Companies announce support.",
        tags=("podcasts", "surveillance"),
        authors=("WIRED Staff",),
        site="wired.com",
    ),
]


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    update_index(tmp_path / "whoosh", DOCS)
    return tmp_path / "whoosh"


def urls(index_dir: Path, query: str) -> list[str]:
    return [r["url"] for r in search(index_dir, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aziende", ["2021/02/cloud.html"]),  # Italian stemming: azienda / aziende
        ("azienda", ["2021/02/cloud.html"]),
        ("citta", ["2021/02/cloud.html"]),  # accents folded: "città"
        ("CITTÀ", ["2021/02/cloud.html"]),
        (
            "announced",
            ["2020/01/protests.html", "2020/06/chips.html"],
        ),  # English stemming
        ("announce", ["2020/01/protests.html", "2020/06/chips.html"]),
        # Not a corpus word: the browser has no stemmer, so neither side stems it.
        ("announcing", []),
        ("chip", ["2020/06/chips.html"]),
        ('"aziende italiane"', ["2021/02/cloud.html"]),
        ('"italiane aziende"', []),  # phrase order matters
        ('"elon musk"', ["2021/02/musk.html"]),
        ("companies -apple", ["2020/01/protests.html"]),
        ('companies -"transition kit"', ["2020/01/protests.html"]),
        ("tag:apple mac", ["2020/06/chips.html"]),
        ('tag:"elon musk"', ["2021/02/musk.html"]),
        ("site:wired.com tech", ["2020/01/protests.html"]),
        ("lang:it sempre", ["2021/02/cloud.html", "2021/02/musk.html"]),
        ("lang:en sempre", []),
        ("site:example.it site:wired.com sempre", ["2021/02/cloud.html"]),
        ("tag:cloud", ["2021/02/cloud.html"]),  # filters alone list what they allow
        ("lang:en", ["2020/01/protests.html", "2020/06/chips.html"]),
        ("date:2020 tech", ["2020/01/protests.html"]),
        ("date:2021-02 cloud", ["2021/02/cloud.html"]),
        ("date:[2020-06-01 to 2021-12-31] mac", ["2020/06/chips.html"]),
        ("date:[2019 to 2019] mac", []),
        ("le aziende", ["2021/02/cloud.html"]),  # stop word in one language: optional
        ("procesors", ["2020/06/chips.html"]),  # one typo
        ("cremlin", ["2021/02/musk.html"]),  # prefix of the last word
        ("zzzzzz", []),
        ("", []),
    ],
)
def test_queries(index_dir: Path, query: str, expected: list[str]) -> None:
    assert sorted(urls(index_dir, query)) == sorted(expected)


def test_title_and_tags_outrank_body(tmp_path: Path) -> None:
    base = DOCS[2]
    docs = [
        replace(base, url="title.html", title="Processors everywhere", body="Nothing here."),
        replace(
            base,
            url="body.html",
            title="Nothing",
            tags=(),
            body="Processors everywhere.",
        ),
    ]
    update_index(tmp_path, docs)
    assert urls(tmp_path, "everywhere") == ["title.html", "body.html"]


def test_exact_match_outranks_typo_neighbour(tmp_path: Path) -> None:
    base = DOCS[3]
    docs = [
        replace(base, url="a.html", title="Police", body="police"),
        replace(base, url="b.html", title="Polite", body="polite"),
    ]
    update_index(tmp_path, docs)
    assert urls(tmp_path, "polite")[0] == "b.html"
    assert urls(tmp_path, "polise") != []  # not a word: both neighbours found


def test_result_fields(index_dir: Path) -> None:
    [hit] = search(index_dir, "Cremlino", limit=5)
    assert set(hit) == {"url", "title", "date", "lang", "score", "excerpt"}
    assert hit["title"] == "Musk invita Putin su Clubhouse"
    assert hit["lang"] == "it" and hit["date"] == "2021-02"
    assert "Cremlino" in hit["excerpt"] and hit["score"] > 0


def test_limit(index_dir: Path) -> None:
    assert len(search(index_dir, "sempre", limit=1)) == 1


def test_missing_index_raises(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="no search index"):
        search(tmp_path / "nowhere", "cloud")
    assert issubclass(IndexMissingError, NewsarchiveError)


def test_incremental_update(index_dir: Path) -> None:
    changed = replace(DOCS[0], body="Ogni azienda investe nei server quantistici.")
    docs = [
        changed,
        *DOCS[1:3],
        replace(DOCS[0], url="2021/03/new.html", title="Nuovo"),
    ]
    stats = update_index(index_dir, docs)
    assert (stats.added, stats.updated, stats.deleted, stats.unchanged) == (1, 1, 1, 2)
    assert urls(index_dir, "quantistici") == ["2021/02/cloud.html"]
    assert urls(index_dir, "computing") == ["2021/03/new.html"]  # not the changed one
    assert urls(index_dir, "brutality") == []  # the deleted article is gone
    snapshot = read_snapshot(index_dir)
    assert snapshot.doc_count == 4  # deleted documents (not merged away yet) not counted
    # Sids are ranks in the canonical order (date, then URL), whatever the history.
    sids = {d.url: d.sid for d in snapshot.docs}
    assert sids == {
        "2020/06/chips.html": 0,
        "2021/02/musk.html": 1,  # "2021-02" before "2021-02-10"
        "2021/02/cloud.html": 2,
        "2021/03/new.html": 3,
    }
    again = update_index(index_dir, docs)
    assert not again.changed and again.unchanged == 4


def test_parse_query_syntax() -> None:
    q = parse_query(
        'Città "big tech" -foo -"x y" tag:"Elon Musk" site:Wired.com lang:it '
        "date:[2020-01 to 2021] last"
    )
    assert q.words == ("citta", "last")
    assert q.phrases == (("big", "tech"),)
    assert q.excluded == ("foo",)
    assert q.excluded_phrases == (("x", "y"),)
    assert q.tags == ("elon musk",) and q.sites == ("wired.com",) and q.langs == ("it",)
    assert (q.date_from, q.date_to) == ("2020-01", "2021")
    assert q.prefix
    assert not parse_query('cloud "a b"').prefix


def test_snapshot_postings_are_packed_and_read_back(tmp_path: Path) -> None:
    # Packed as flat arrays (sid, tf, field length, n, n positions) to hold a chunk of
    # a segment in little memory; unpacked they are the postings as Whoosh's term
    # vectors give them, with the field's length in that document.
    postings = [Posting(3, 2, 9, (0, 7)), Posting(10, 1, 4, (4,)), Posting(11, 1, 1, ())]
    flat = array("q")
    for p in postings:
        pack_posting(flat, p.sid, p.tf, p.length, p.positions)
    assert list(postings_of(flat)) == postings
    index_dir = tmp_path / "ix"
    update_index(index_dir, DOCS)
    snapshot = read_snapshot(index_dir)
    sids = {d.url: d.sid for d in snapshot.docs}
    found = {
        (fld, term): list(postings_of(flat))
        for (fld, term), flat in snapshot.postings.items()
        if term in ("mac", "apple")
    }
    chips = sids["2020/06/chips.html"]
    # Positions count the words left once stop words are dropped: "Apple announced
    # [that it is] moving [the] Mac", "Apple announces new chips [for the] Mac".
    lengths = snapshot.docs[chips].lengths
    assert found["body_en", "mac"] == [Posting(chips, 1, lengths["body_en"], (3,))]
    # "Apple announces new chips Mac": five words, the title's length.
    assert found["title_en", "mac"] == [Posting(chips, 1, 5, (4,))]
    assert found["tags", "apple"] == [Posting(chips, 1, lengths["tags"], (0,))]


def test_segments_are_plain_files_and_old_compound_ones_are_rewritten(tmp_path: Path) -> None:
    """A reader copies each part of a compound segment file it opens into memory (the
    term vectors of a whole segment when the static index is written): segments are
    written as plain files, and an index from before is rewritten so, once, with the
    same answers."""
    index_dir = tmp_path / "ix"
    update_index(index_dir, DOCS)
    assert not list(index_dir.glob("*.seg"))
    answers = search(index_dir, "cloud aziende")
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    ix.writer(compound=True).commit(optimize=True)  # as indexes were written before
    assert list(index_dir.glob("*.seg"))
    stats = update_index(index_dir, DOCS)
    assert not stats.changed and stats.unchanged == len(DOCS)
    assert not list(index_dir.glob("*.seg"))
    assert search(index_dir, "cloud aziende") == answers


def test_an_update_keeps_only_the_documents_it_writes(tmp_path: Path) -> None:
    """Documents may come as a stream (made one at a time from Pelican's articles): an
    update keeps the ones it must write, not a copy of the archive's text."""
    index_dir = tmp_path / "ix"
    update_index(index_dir, DOCS)
    changed = DOCS[1].url
    made: list[tuple[str, weakref.ref[SearchDoc]]] = []
    alive: list[str] = []

    def stream() -> Iterator[SearchDoc]:
        for doc in DOCS:
            fresh = replace(doc, body=doc.body + " Nuovo.") if doc.url == changed else replace(doc)
            made.append((doc.url, weakref.ref(fresh)))
            yield fresh
        gc.collect()
        # The last one is still the reader's loop variable.
        alive.extend(url for url, ref in made[:-1] if ref() is not None)

    stats = update_index(index_dir, stream())
    assert (stats.updated, stats.unchanged) == (1, len(DOCS) - 1)
    assert alive == [changed]
    assert urls(index_dir, "nuovo") == [changed]
