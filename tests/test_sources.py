"""Import stage: every input format, and bad inputs reported without ending the batch."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import FIXTURES, SAMPLE
from newsarchive.importer.model import Article, ImportFailure
from newsarchive.importer.pipeline import extract_paths
from newsarchive.importer.sources import read_records
from newsarchive.importer.sources.decode import decode_bytes

BODY = " ".join(
    f"Sentence {i} of a long enough article body about chips and software." for i in range(12)
)


def _articles(*paths: Path) -> list[Article | ImportFailure]:
    return extract_paths(list(paths), workers=1)


def test_jsonl_field_mapping_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "link": "https://example.com/a",
                "headline": "First story",
                "published_at": "2022-03-04T10:00:00Z",
                "byline": "Ann Lee",
                "body": BODY,
                "keywords": "ai, chips",
                "language": "en",
            }
        ),  # fmt: skip
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://example.com/b", "title": "No text here"}),
        json.dumps(
            {
                "url": "https://example.com/c",
                "title": "HTML story",
                "date": "2021",
                "html": f"<html><body><article><p>{BODY}</p></article></body></html>",
            }
        ),  # fmt: skip
    ]
    path = tmp_path / "spider.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _articles(path)
    good = [o for o in out if isinstance(o, Article)]
    bad = [o for o in out if isinstance(o, ImportFailure)]
    # Pages come out in the first pass, dumps (cleaned with what all dumps share) after.
    assert [a.title for a in good] == ["HTML story", "First story"]
    first = good[1]
    assert first.source_url == "https://example.com/a"
    assert first.date == dt.datetime(2022, 3, 4, 10, 0, tzinfo=dt.UTC)
    assert first.authors == ("Ann Lee",)
    assert first.tags == ("ai", "chips")
    assert good[0].date_precision == "year"
    assert sorted(f.input_name.rsplit("#", 1)[1] for f in bad) == ["2", "3", "4"]
    assert any("malformed JSON" in f.reason for f in bad)
    assert any("no text or html field" in f.reason for f in bad)


def test_jsonl_gz_sample(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl.gz"
    path.write_bytes(gzip.compress((SAMPLE / "jsonl" / "tech-articles.jsonl").read_bytes()))
    records = read_records(path)
    assert len(records) == 49 and all(r.kind == "text" and r.url for r in records)


def test_real_feed_with_full_text() -> None:
    out = _articles(FIXTURES / "feeds" / "guardian.rss")
    good = [o for o in out if isinstance(o, Article)]
    assert len(good) >= 10
    assert all(
        a.source_url and a.source_url.startswith("https://www.theguardian.com/") for a in good
    )
    assert {a.lang for a in good} == {"en"}
    assert all(a.date and a.date.year == 2018 for a in good)


def test_feed_of_teasers_only_is_reported_per_entry() -> None:
    # heise's Atom feed carries two-line summaries, not articles: each entry is reported.
    out = _articles(FIXTURES / "feeds" / "heise.atom")
    assert out and all(isinstance(o, ImportFailure) for o in out)
    assert all("no article text" in o.reason and "heise.atom#" in o.input_name for o in out)


def test_a_feed_of_summaries_says_so(tmp_path: Path) -> None:
    # An RSS item with a short <description> and no content: the archivist is told to
    # import the page itself, not left to wonder why the feed gave nothing.
    item = "<item><title>T{n}</title><link>https://example.com/{n}</link>{body}</item>"
    items = [
        item.format(n=1, body="<description>A two-line teaser of the story.</description>"),
        item.format(
            n=2,
            body="<description>Teaser.</description><content:encoded>"
            "&lt;p&gt;Short full text.&lt;/p&gt;</content:encoded>",
        ),  # fmt: skip
    ]
    path = tmp_path / "news.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content='
                    '"http://purl.org/rss/1.0/modules/content/"><channel><title>N</title>'
                    + "".join(items) + "</channel></rss>", encoding="utf-8")  # fmt: skip
    summary, short = _articles(path)
    assert isinstance(summary, ImportFailure) and isinstance(short, ImportFailure)
    assert summary.reason.startswith("no article text")
    assert "only a summary: import the page at its link" in summary.reason
    assert "summary" not in short.reason


def test_feed_with_italian_dates(tmp_path: Path) -> None:
    # Sky TG24 writes pubDate in Italian; this feed reproduces that format.
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Sky TG24 Tecnologia</title><link>https://tg24.sky.it/tecnologia</link><language>it</language>
<item><title>Nuovo satellite in orbita</title><link>https://tg24.sky.it/tecnologia/2026/08/28/satellite</link>
<pubDate>ven, 28 ago 2026 23:59:00 +0200</pubDate><category>spazio</category>
<content:encoded><![CDATA[<p>Il nuovo satellite è stato lanciato con successo e raggiungerà l'orbita nelle prossime ore.
{"Il lancio è stato seguito da migliaia di persone in diretta. " * 8}</p>]]></content:encoded></item>
</channel></rss>"""
    path = tmp_path / "sky.rss"
    path.write_text(feed, encoding="utf-8")
    (article,) = _articles(path)
    assert isinstance(article, Article)
    assert article.date is not None and article.date.date() == dt.date(2026, 8, 28)
    assert article.lang == "it" and article.tags == ("spazio",)
    assert article.source_url == "https://tg24.sky.it/tecnologia/2026/08/28/satellite"


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.0")  # fmt: skip
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2025-02-04T18:36:27Z"})  # fmt: skip
            writer.write_record(record)
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            "https://www.ilgiornale.it/robots.txt", "response", payload=io.BytesIO(b"User-agent: *"),
            http_headers=robots))  # fmt: skip


def test_warc_html_responses_are_articles(tmp_path: Path) -> None:
    page = gzip.decompress((SAMPLE / "html" / "IlGiornale_2025_02_04.html.gz").read_bytes())
    url = "https://www.ilgiornale.it/news/difesa/i-jet-russi-2432841.html"
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [(url, page)])
    (article,) = _articles(path)
    assert isinstance(article, Article)
    assert article.source_url == url and article.fetched == "2025-02-04T18:36:27Z"
    assert article.title.startswith('Le "incursioni" dei caccia russi')


BAD_INPUTS = {
    "empty.html": (b"", "empty file"),
    "binary.html": (bytes(range(256)) * 4, "binary file"),
    "truncated.html.gz": (gzip.compress(b"<html>" + b"x" * 5000)[:40], "truncated or corrupt gzip"),
    "nothing.html": (
        b"<html><body><nav>Home</nav><p>Too short.</p></body></html>",
        "no article text",
    ),
    "notes.csv": (b"a,b,c", "unknown format"),
    "broken.warc": (b"this is not a warc file at all" * 10, "no HTML response records"),
    "headless.warc": (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nabc",
        "malformed WARC record",
    ),
    "plain.html.gz": (b"just a note, no markup at all, " * 10, "named .gz, but not gzip data"),
    "nothing-known": (b"", "no such file"),  # not written: a path that does not exist
}


def test_bad_inputs_reported_and_batch_goes_on(tmp_path: Path) -> None:
    for name, (data, _) in BAD_INPUTS.items():
        if name != "nothing-known":
            (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(f"date 2020-05-06 {BODY}", encoding="utf-8")
    latin = tmp_path / "latin1.html"
    text = (
        f"<html><head><meta charset='utf-8'></head><body><p>Perché è così? {BODY}</p></body></html>"
    )
    latin.write_bytes(text.encode("latin-1"))  # declared utf-8, really latin-1
    paths = [tmp_path / n for n in BAD_INPUTS] + [tmp_path / "missing.html", good, latin]
    out = extract_paths(paths, workers=2)
    failures = {Path(o.input_name).name: o.reason for o in out if isinstance(o, ImportFailure)}
    for name, (_, reason) in BAD_INPUTS.items():
        assert reason in failures[name], (name, failures.get(name))
    assert "no such file" in failures["missing.html"]
    articles = [o for o in out if isinstance(o, Article)]
    assert len(articles) == 2
    assert any("Perché è così?" in a.body_markdown for a in articles)


def test_truncated_warc_keeps_its_whole_records_and_reports_the_cut_one(tmp_path: Path) -> None:
    # A download cut halfway through a .warc.gz imported a fragment of the last page
    # (fewer words, the byline and time zone lost) without a word.
    page = gzip.decompress((SAMPLE / "html" / "IlGiornale_2025_02_04.html.gz").read_bytes())
    urls = ["https://www.ilgiornale.it/a.html", "https://www.ilgiornale.it/b.html"]
    for name, compress in (("cut.warc", False), ("cut.warc.gz", True)):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=compress)
        for url in urls:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.0")  # fmt: skip
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), http_headers=headers))  # fmt: skip
        data = buffer.getvalue()
        path = tmp_path / name
        path.write_bytes(data[: len(data) * 3 // 4])  # the file ends inside the second record
        first, second = read_records(path)
        assert first.url == urls[0] and first.error is None and len(first.content) > 1000
        assert second.error and "truncated" in second.error and not second.content, name


def test_warc_gz_cut_inside_a_record_warcio_skips_is_reported(tmp_path: Path) -> None:
    # A record that compresses well sits in a few hundred bytes; cut inside that gzip
    # member, warcio ends the file quietly, as if the record had never been there.
    page = b"<html><body>" + b"<p>The council voted on the budget.</p>" * 3000 + b"</body></html>"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    ends = []
    for url in ("https://example.com/a", "https://example.com/b"):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(page), http_headers=headers))  # fmt: skip
        ends.append(buffer.tell())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(buffer.getvalue()[: ends[0] + 40])  # 40 bytes into the second member
    first, second = read_records(path)
    assert first.url == "https://example.com/a" and first.error is None
    assert second.error == "truncated gzip: the file ends inside a WARC record"


def test_huge_input_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<html><body><p>" + b"word " * 5000 + b"</p></body></html>")
    with pytest.raises(ImportFailure, match="huge"):
        read_records(path, max_bytes=10_000)


def _warc_of(pages: list[tuple[str, bytes]], *, compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, page in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.0")  # fmt: skip
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(page), http_headers=headers))  # fmt: skip
    return buffer.getvalue()


@pytest.mark.parametrize("compress", [False, True])
def test_a_warc_streams_past_max_bytes_and_a_huge_record_fails_alone(
    tmp_path: Path, compress: bool
) -> None:
    # A crawl's WARC is commonly a gigabyte: the limit is a page's, not the file's (the
    # whole file used to be refused as "huge", or read into memory when allowed).
    small = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
    big = b"<html><body>" + b"<p>A very long page of filler words.</p>" * 2000 + b"</body></html>"
    pages = [("https://example.com/1", small), ("https://example.com/big", big),
             ("https://example.com/2", small.replace(b"chips", b"radios"))]  # fmt: skip
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(_warc_of(pages, compress=compress))
    limit = 40_000
    assert path.stat().st_size > limit or compress
    first, huge, last = read_records(path, max_bytes=limit)
    assert (first.url, last.url) == ("https://example.com/1", "https://example.com/2")
    assert first.error is None and last.error is None and "radios" in last.content
    assert huge.url == "https://example.com/big" and huge.error and huge.error.startswith("huge")


def test_a_jsonl_file_streams_past_max_bytes_and_a_huge_line_fails_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"url": f"https://example.com/{i}", "title": f"Story {i}",
                         "text": f"Story number {i}. {BODY}"}) for i in range(40)]  # fmt: skip
    lines.insert(5, json.dumps({"url": "https://example.com/huge", "text": "word " * 20_000}))
    path = tmp_path / "spider.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    limit = 20_000
    assert path.stat().st_size > 2 * limit
    records = read_records(path, max_bytes=limit)
    assert len(records) == 41
    assert [r.error for r in records if r.error] == [f"huge: a line over {limit} bytes"]
    assert records[5].input == f"{path}#6"
    assert [r.title for r in records if not r.error] == [f"Story {i}" for i in range(40)]


def test_a_cut_jsonl_gz_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    # The whole file used to fail as "truncated or corrupt gzip": 29 good lines lost.
    lines = [json.dumps({"url": f"https://example.com/{i}", "text": f"Story {i}. {BODY}"})
             for i in range(40)]  # fmt: skip
    data = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    path = tmp_path / "spider.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    records = read_records(path)
    good = [r for r in records if not r.error]
    assert len(good) >= 20 and good == records[: len(good)]
    assert [r.url for r in good] == [f"https://example.com/{i}" for i in range(len(good))]
    (cut,) = records[len(good) :]
    assert cut.error and cut.error.startswith("truncated or corrupt gzip"), cut.error


def test_import_writes_each_article_as_it_goes(tmp_path: Path) -> None:
    # A long import stopped half-way (Ctrl-C, a crash) keeps what it had extracted:
    # articles used to be written only once every input was read and extracted.
    from newsarchive.importer.pipeline import import_paths

    words = "archive council budget river station museum orbit harvest signal ledger".split()
    paths = []
    for n in range(8):
        text = " ".join(words[(n + i * 7) % len(words)] + str(i) for i in range(80))
        path = tmp_path / "in" / f"page{n}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"<html><head><title>Story {n}</title></head><body><article>"
                        f"<h1>Story {n}</h1><p>{text}.</p></article></body></html>")  # fmt: skip
        paths.append(path)

    def stop(stage: str, done: int, total: int) -> None:
        if stage == "read" and done == 6:
            raise KeyboardInterrupt

    articles = tmp_path / "site" / "content" / "articles"
    with pytest.raises(KeyboardInterrupt):
        import_paths(paths, articles, site_root=tmp_path / "site", workers=1, progress=stop)
    written = sorted(articles.rglob("*.md"))
    assert 1 <= len(written) < 8
    assert all("\nTitle: Story" in "\n" + p.read_text() for p in written)


def test_undated_jsonl_record_falls_back_to_the_file_time(tmp_path: Path) -> None:
    import os

    path = tmp_path / "undated.jsonl"
    path.write_text(
        json.dumps({"url": "https://example.com/story", "title": "Undated", "text": BODY})
    )
    stamp = dt.datetime(2023, 4, 5, 6, 7, 8, tzinfo=dt.UTC).timestamp()
    os.utime(path, (stamp, stamp))
    (article,) = _articles(path)
    assert isinstance(article, Article)
    assert article.date == dt.datetime(2023, 4, 5, 6, 7, 8, tzinfo=dt.UTC)
    assert any("no publication date" in w for w in article.warnings)


@pytest.mark.parametrize("declared", ["iso-8859-15", "iso-8859-1", "windows-1250", "shift_jis"])
def test_utf8_bytes_under_a_legacy_charset_are_read_as_utf8(declared: str) -> None:
    # El Mundo declares iso-8859-15 and serves UTF-8: read its way, "sanción" became
    # "sanciÃ³n" in the title and body.
    page = f'<meta charset="{declared}"><p>La revancha tras su sanción, ¿por qué?</p>'
    text, encoding = decode_bytes(page.encode("utf-8"))
    assert "sanción, ¿por qué?" in text and encoding == "utf-8"


def test_legacy_charset_is_honoured_when_the_bytes_are_not_utf8() -> None:
    page = '<meta charset="iso-8859-15"><p>Prix : 10 €, déjà payé</p>'
    text, encoding = decode_bytes(page.encode("iso-8859-15"))
    assert "10 €, déjà payé" in text and encoding == "iso8859-15"


def test_any_number_of_workers_gives_the_same_outcomes_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Files and records stream through a window of worker processes, in batches; the
    # order, and what the dumps learn from each other, is the input's.
    from newsarchive.importer import pipeline

    def outcomes(workers: int) -> list[str]:
        return [
            json.dumps(o.to_json(), sort_keys=True) if isinstance(o, Article) else str(o)
            for o in extract_paths([SAMPLE], workers=workers)
        ]

    one = outcomes(1)
    assert len(one) > 50
    assert outcomes(3) == one
    monkeypatch.setattr(pipeline, "WINDOW", 1)  # a window far smaller than the batch
    assert outcomes(2) == one
