"""Import stage: HTML pages, checked against the pages' ground truth."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLE
from newsarchive.importer.extract import _choose_title, extract_record
from newsarchive.importer.model import Article, RawRecord
from newsarchive.importer.sources import read_records

FUNDUS = {
    "CorriereDellaSera_2025_02_04.html.gz": "CorriereDellaSera.json",
    "IlGiornale_2025_02_04.html.gz": "IlGiornale.json",
    "LaRepubblica_2025_01_05.html.gz": "LaRepubblica.json",
}


def _extract(path: Path) -> Article:
    (record,) = read_records(path)
    return extract_record(record)


@pytest.mark.parametrize("page", sorted(FUNDUS))
def test_italian_pages_match_ground_truth(page: str) -> None:
    truth = json.loads((FIXTURES / "html" / "fundus" / FUNDUS[page]).read_text())["V1"]
    article = _extract(SAMPLE / "html" / page)
    assert article.title == truth["title"]
    published = dt.datetime.fromisoformat(truth["publishing_date"])
    assert article.date is not None
    assert article.date.date() == published.astimezone(dt.UTC).date()
    assert article.lang == "it"
    assert list(article.authors) == truth["authors"]
    first_paragraph = truth["body"]["sections"][0]["paragraphs"][0]
    opening = " ".join(re.findall(r"\w+", first_paragraph)[5:20])
    assert opening in " ".join(re.findall(r"\w+", article.body_markdown))
    assert article.source_url and article.source_url.startswith("https://")


def test_sky_interlink_and_tags() -> None:
    article = _extract(SAMPLE / "html" / "sport.sky.it-lebron.html")
    assert article.title.startswith("Buon compleanno LeBron")
    assert article.site == "sport.sky.it"
    assert {"nba", "lebron james"} <= {t.lower() for t in article.tags}
    interlinks = [r for r in article.related if r.title.isupper()]
    assert (
        interlinks and interlinks[0].url and interlinks[0].url.startswith("https://sport.sky.it/")
    )
    assert "PROGRAMMAZIONE COMPLETA" not in article.body_markdown
    assert "TAG:" not in article.body_markdown


HOSTILE = """<!doctype html><html lang="en"><head><title>Chip makers race ahead | Example</title>
<meta property="og:site_name" content="Example">
<link rel="canonical" href="https://example.com/2024/03/05/chips?utm_source=x">
</head><body><nav>Home News Tech</nav><article><h1>Chip makers race ahead</h1>
<p>Chip makers are racing to build new factories across the world, and governments are paying
for a large part of them with subsidies that critics call wasteful and supporters call vital.</p>
<script>alert('xss')</script>
<p onclick="alert(1)">Analysts expect the new plants to come online within three years, though
delays are common and the skilled workers needed to run them are scarce in most places.</p>
<p><a href="javascript:alert(1)">a link that must not run</a> and an
<img src="x.png" onerror="alert(1)" alt="chart"> image, plus literal text &lt;script&gt;x&lt;/script&gt;.</p>
<iframe src="https://evil.example/"></iframe><svg onload="alert(1)"></svg>
<p>Read more: <a href="https://example.com/2024/03/01/fabs">Why new chip fabs cost so much</a></p>
<p>Riproduzione riservata ©</p>
</article><footer>Share this article</footer></body></html>"""


def test_hostile_page_is_sanitized_and_teasers_harvested(tmp_path: Path) -> None:
    record = RawRecord(input="hostile.html", kind="html", content=HOSTILE)
    article = extract_record(record)
    body = article.body_markdown
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "<svg"):
        assert bad not in body.lower()
    assert "&lt;script&gt;" in body  # the page's literal text stays text
    assert article.title == "Chip makers race ahead"
    assert article.source_url == "https://example.com/2024/03/05/chips?utm_source=x"
    assert article.date == dt.datetime(2024, 3, 5)
    assert [(r.title, r.url) for r in article.related] == [
        ("Why new chip fabs cost so much", "https://example.com/2024/03/01/fabs")
    ]
    assert "Riproduzione" not in body and "Read more" not in body


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<html><head><meta charset="utf-8"></head><body>{}</body></html>', "en"),
        ('<html lang="it-IT"><body>{}</body></html>', "it"),
    ],
)
def test_language_declared_or_detected(html: str, expected: str) -> None:
    text = (
        "<p>" + "The results of the test were clear and the team was happy with them. " * 8 + "</p>"
    )
    article = extract_record(RawRecord(input="p.html", kind="html", content=html.format(text),
                                       date="2024-01-02"))  # fmt: skip
    assert article.lang == expected


def test_italian_text_detected_without_declaration() -> None:
    text = (
        "<p>"
        + "Il governo ha approvato il decreto e le opposizioni non sono d'accordo con la scelta. "
        * 6
        + "</p>"
    )
    article = extract_record(RawRecord(input="p.html", kind="html",
                                       content=f"<html><body>{text}</body></html>", date="2024-01-02"))  # fmt: skip
    assert article.lang == "it"


@pytest.mark.parametrize(
    ("candidates", "own", "expected"),
    [
        # <title> (site suffix dropped) and og:title agree; the h1 is a section label.
        (
            ["Chips get faster | Wired", "Gadgets", "Chips get faster", None, None],
            (None, None),
            "Chips get faster",
        ),
        # The visible h1 and the JSON-LD headline agree: the SEO <title> loses.
        (
            [
                "SEO title of it | Corriere.it",
                "The real headline",
                "SEO title of it",
                None,
                "The real headline",
            ],
            ("The real headline", "The real headline"),
            "The real headline",
        ),
        # Spacing before a colon does not split the vote.
        (
            [
                "LTE-Patent : Samsung soll zerstören",
                "LTE-Patent: Samsung soll zerstören",
                None,
                None,
                None,
            ],
            (None, None),
            "LTE-Patent : Samsung soll zerstören",
        ),
        # A site name alone is never the title.
        (["Wired", "Chips get faster", None, None, None], (None, None), "Chips get faster"),
    ],
)
def test_title_is_what_the_sources_agree_on(candidates: list[str | None], own: tuple[str | None, str | None],
                                            expected: str) -> None:  # fmt: skip
    assert _choose_title(candidates, ["Wired", "wired.com", "Corriere.it"], own=own) == expected
