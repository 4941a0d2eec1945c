"""The quality bench's scoring: what counts as a right title and right authors."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

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
