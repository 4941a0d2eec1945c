"""The quality bench's scoring (what counts as a right title and right authors) and its
test dumps (how a page is flattened)."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from quality_data import flatten_html
from quality_metrics import authors_right, day_written, title_right


@pytest.mark.parametrize(
    ("got", "truth", "right"),
    [
        (("Erin Cunningham",), ("By Erin Cunningham",), True),
        # mozilla's ground truth is the byline as shown, its layout whitespace too.
        (("Scott Cunningham",), ("By\n\t\t\tScott Cunningham",), True),
        (("Sébastien Farcis",), ("Par Sébastien Farcis",), True),
        (("Julia Carrie Wong", "Sam Levin"), ("Julia Carrie Wong and Sam Levin",), True),
        # A surname's "Di" is a name, not the Italian byline word "di".
        (("Maio",), ("Di Maio",), False),
        (("Julia Carrie Wong",), ("Julia Carrie Wong and Sam Levin",), False),
        ((), ("By Erin Cunningham",), False),
    ],
)
def test_authors_right(got: tuple[str, ...], truth: tuple[str, ...], right: bool) -> None:
    assert authors_right(got, truth) is right


@pytest.mark.parametrize(
    ("got", "truth", "sites", "right"),
    [
        ("Getting LEAN with Digital Ad UX", "Getting LEAN with Digital Ad UX | IAB", ("iab.com",),
         True),
        ("Getting LEAN with Digital Ad UX", "Getting LEAN with Digital Ad UX | IAB", (), False),
        ("“Quoted” headline", '"Quoted" headline', (), True),
        ("Another headline", "A headline", ("example.com",), False),
    ],
)  # fmt: skip
def test_title_right(got: str, truth: str, sites: tuple[str, ...], right: bool) -> None:
    assert title_right(got, truth, sites) is right


@pytest.mark.parametrize(
    ("style", "dump"),
    [
        ("lines", "Home\nNews\nThe council met.\nSpending rises\nby four percent.\nAbout us"),
        ("sentences", "Home News The council met.\nSpending rises by four percent.\nAbout us"),
        ("spaces", "Home News The council met. Spending rises by four percent. About us"),
    ],
)
def test_flatten_styles(style: str, dump: str) -> None:
    page = (
        "<html><head><title>T</title><script>var x = 1;</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
        "<p>The council met.</p>"
        "<p>Spending rises<br>by four percent.</p><footer>About us</footer></body></html>"
    )
    assert flatten_html(page, style) == dump


@pytest.mark.parametrize(
    ("text", "truth", "written"),
    [
        ("Publisert: 05.08.24 kl. 14:47", "2024-08-05 12:47:21+00:00", True),
        ("Politik 28. 4. 2023, 18:41 Uhr", "2023-04-28", True),
        ("By Jane Doe May 3rd, 2024", "2024-05-03", True),
        ("5 gennaio 2025 ( modifica il 6 gennaio 2025 )", "2025-01-05", True),
        ("access_time2019/04/21 11:51", "2019-04-21T02:51:39.000Z", True),
        ("2019年4月21日", "2019-04-21", True),
        ("11/28/2016 04:23 pm ET", "2016-11-28", True),
        # A Japanese page's midnight, stated in UTC the day before, is its own day.
        ("2019年4月2日", "2019-04-01T15:00:00.000Z", True),
        # Another day, or the month and year alone, is not that day written.
        ("13 May 2024", "2024-05-03", False),
        ("Score 2024 in May, issue 3", "2024-05-03", False),
        ("2019年4月2日", "2019-04-01", False),
    ],
)
def test_day_written(text: str, truth: str, written: bool) -> None:
    assert day_written(text, truth) is written
