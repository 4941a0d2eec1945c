"""The quality bench's scoring (what counts as a right title and right authors) and its
test dumps (how a page is flattened)."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from quality_data import flatten_html
from quality_metrics import authors_right, title_right


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
