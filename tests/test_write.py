"""Import stage, write: atomic, idempotent, hand edits kept, no collisions, duplicates once."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from pelican.readers import ensure_metadata_list

from newsarchive.fileio import atomic_write
from newsarchive.frontmatter import format_tags, is_hand_edited, parse_related, read_front_matter
from newsarchive.importer.model import Article, Related
from newsarchive.importer.write import ContentStore, render_article

BODY = "\n\n".join(
    f"Paragraph {i}: the company shipped version {i} of its chip with more cores and memory."
    for i in range(8)
)


def make(title: str = "Apple ships new chips", url: str | None = "https://example.com/a", body: str = BODY,
         **kw: object) -> Article:  # fmt: skip
    return Article(
        title=title, date=dt.datetime(2021, 2, 14, 9, 30), date_precision="day", lang="en",
        body_markdown=body, input="in.html", source_url=url, site="example.com",
        related=(Related("Other story", "https://example.com/b"),), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_created_then_unchanged(tmp_path: Path) -> None:
    store = ContentStore.scan(tmp_path)
    first = store.write(make(), input_name="in.html")
    assert first.status == "created"
    assert first.path == tmp_path / "2021" / "02" / "apple-ships-new-chips.md"
    before = first.path.read_bytes()
    again = ContentStore.scan(tmp_path).write(make(), input_name="in.html")
    assert again.status == "unchanged" and again.path.read_bytes() == before


def test_front_matter_round_trip(tmp_path: Path) -> None:
    result = ContentStore.scan(tmp_path).write(
        make(authors=("Ann Lee", "Bo Chen")), input_name="in.html"
    )
    text = result.path.read_text()
    meta = read_front_matter(text)
    assert meta["Title"] == "Apple ships new chips"
    assert meta["Date"] == "2021-02-14 09:30"
    assert meta["Authors"] == "Ann Lee; Bo Chen"
    assert meta["Slug"] == "apple-ships-new-chips"
    assert parse_related(meta["Related"]) == [Related("Other story", "https://example.com/b")]
    assert text.endswith("\n") and "\r" not in text
    keys = [
        line.split(":")[0]
        for line in text.split("\n\n")[0].splitlines()
        if not line.startswith(" ")
    ]
    assert keys == sorted(keys)
    assert not is_hand_edited(text)


def test_publishers_day_and_offset_are_written(tmp_path: Path) -> None:
    # 00:30 on 1 March in Rome: the March folder and archive, and Pelican reads the
    # offset back, so the feed's instant is exact.
    from pelican.utils import get_date

    rome = dt.timezone(dt.timedelta(hours=1))
    article = make()
    article = Article(**{**article.__dict__, "date": dt.datetime(2021, 3, 1, 0, 30, tzinfo=rome)})
    result = ContentStore.scan(tmp_path).write(article, input_name="in.html")
    assert result.path.parent == tmp_path / "2021" / "03"
    stamp = read_front_matter(result.path.read_text())["Date"]
    assert stamp == "2021-03-01 00:30+0100"
    assert get_date(stamp) == dt.datetime(2021, 2, 28, 23, 30, tzinfo=dt.UTC)


def test_hand_edit_is_kept_unless_forced(tmp_path: Path) -> None:
    path = ContentStore.scan(tmp_path).write(make(), input_name="in.html").path
    edited = path.read_text().replace("Paragraph 3", "Paragraph THREE (fixed by hand)")
    path.write_text(edited)
    kept = ContentStore.scan(tmp_path).write(make(), input_name="in.html")
    assert kept.status == "kept-hand-edit" and path.read_text() == edited
    forced = ContentStore.scan(tmp_path).write(make(), input_name="in.html", force=True)
    assert forced.status == "updated" and "fixed by hand" not in path.read_text()


def test_same_title_never_collides(tmp_path: Path) -> None:
    store = ContentStore.scan(tmp_path)
    a = store.write(make(url="https://example.com/a"), input_name="a.html")
    b = store.write(
        make(url="https://other.org/z", body=BODY.replace("chip", "phone")), input_name="b.html"
    )
    assert a.status == b.status == "created"
    assert a.path != b.path and a.path.parent == b.path.parent
    assert read_front_matter(b.path.read_text())["Slug"] == b.path.stem


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.com/a/?utm_source=twitter&utm_medium=social",
        "http://example.com/a/amp",
        "https://example.com/a#comments",
    ],
)
def test_same_url_imported_once(tmp_path: Path, variant: str) -> None:
    store = ContentStore.scan(tmp_path)
    first = store.write(make(), input_name="a.html")
    # The same URL again in one batch, even with other text, is reported as a duplicate
    # and the first stays (it used to overwrite it and count as "updated").
    again = store.write(make(url=variant, body=BODY.replace("chip", "phone")), input_name="b.html")
    assert again.status == "duplicate" and again.path == first.path and "same URL" in again.note
    assert "chip" in first.path.read_text() and "phone" not in first.path.read_text()
    assert len(list(tmp_path.rglob("*.md"))) == 1
    # A later import of that URL is a newer version of the article.
    later = ContentStore.scan(tmp_path).write(make(url=variant, body=BODY.replace("chip", "phone")),
                                               input_name="b.html")  # fmt: skip
    assert later.status == "updated" and "phone" in first.path.read_text()


def test_same_and_nearly_same_text_imported_once(tmp_path: Path) -> None:
    store = ContentStore.scan(tmp_path)
    store.write(make(), input_name="a.html")
    exact = store.write(make(url="https://mirror.example/a"), input_name="b.html")
    near = store.write(make(url="https://mirror.example/c", body=BODY + "\n\nUpdated at 10:00."),
                       input_name="c.html")  # fmt: skip
    assert exact.status == near.status == "duplicate"
    assert len(list(tmp_path.rglob("*.md"))) == 1


def test_atomic_write_leaves_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    atomic_write(path, "old\n")

    def boom(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temp file left behind


def test_markdown_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    # Written through a temporary file (created 0600), an article must still be readable
    # as any file its writer makes is (0666 less the umask), and a file replaced keeps
    # the mode its owner gave it.
    mask = os.umask(0o022)
    try:
        written = ContentStore.scan(tmp_path).write(make(), input_name="in.html")
        assert stat.S_IMODE(written.path.stat().st_mode) == 0o644
        os.umask(0o077)
        atomic_write(tmp_path / "b.md", "new\n")
        assert stat.S_IMODE((tmp_path / "b.md").stat().st_mode) == 0o600
    finally:
        os.umask(mask)
    written.path.chmod(0o640)
    atomic_write(written.path, "edited\n")
    assert stat.S_IMODE(written.path.stat().st_mode) == 0o640


def test_hostile_metadata_cannot_break_the_header() -> None:
    article = make(title="Title\nSlug: evil\n\n<script>x</script>")
    text = render_article(article, input_name="x", slug="s")
    meta = read_front_matter(text)
    assert meta["Slug"] == "s"
    assert "\n\n<script>" not in text.split("\n\n", 1)[0]


def test_scan_removes_temp_files_of_a_killed_run(tmp_path: Path) -> None:
    path = ContentStore.scan(tmp_path).write(make(), input_name="in.html").path
    stale = path.parent / f".{path.name}.abc123.tmp"
    stale.write_text("half a fil")
    ContentStore.scan(tmp_path)
    assert not stale.exists() and path.exists()


@pytest.mark.parametrize(
    "tags, pelican_reads",
    [
        (["C;D", "E"], ["C D", "E"]),  # one ";" would make Pelican split the list on ";"
        (["Doe, Jane", "x"], ["Doe Jane", "x"]),
        (["  a   b ", "c"], ["a b", "c"]),
    ],
)
def test_tags_value_splits_back_into_the_same_tags(
    tags: list[str], pelican_reads: list[str]
) -> None:
    # Import (Source_tags, Tags) and enrich (Tags) both write tag lists with format_tags.
    assert ensure_metadata_list(format_tags(tags)) == pelican_reads
