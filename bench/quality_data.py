"""Bench helper: load the shared test pages and their ground truth as ``Case`` rows.

One loader per data set; each maps the set's own fields onto ours (body text, whether
it is the whole body or only a prefix, title, date, authors, language). A field the set
does not state is ``None`` and is left out of that metric.
"""

from __future__ import annotations

import gzip
import html as htmllib
import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning

__all__ = ["FLATTEN_STYLES", "LOADERS", "Case", "flatten_html", "load_all"]

BodyKind = str  # "full" (F1) or "prefix" (recall of the prefix)


@dataclass(frozen=True)
class Case:
    dataset: str
    name: str
    html: str
    url: str | None
    body: str | None = None
    body_kind: BodyKind | None = None
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] | None = None
    lang: str | None = None


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table td th tr ul caption summary "
    "details option button label".split()
)
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")


# How a scraper joins the page's blocks: "lines" puts each block on a line of its own;
# "sentences" runs blocks together with a space and breaks the line only after a block
# that ends a sentence (what tech-articles-sample's scraper saved); "spaces" is one line.
FLATTEN_STYLES = ("lines", "sentences", "spaces")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")


def flatten_html(html: str, style: str = "lines") -> str:
    """All visible text of a page, its blocks joined the way ``style`` says (see
    FLATTEN_STYLES): what a scraper saves."""
    with warnings.catch_warnings():
        # A page that opens with an XML declaration (XHTML) is still read as a browser would.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    for el in soup.find_all(_INVISIBLE):
        el.decompose()
    for el in soup.find_all(True):
        if not isinstance(el, Tag) or el.decomposed:
            continue
        if el.has_attr("hidden") or "display:none" in str(el.get("style", "")).replace(" ", ""):
            el.decompose()
            continue
        if el.name in _BLOCK_TAGS:
            el.insert_before(NavigableString("\n"))
            el.insert_after(NavigableString("\n"))
    text = soup.get_text("")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if style == "spaces":
        return " ".join(lines)
    if style == "sentences":
        out: list[str] = []
        for line in lines:
            if out and not _SENTENCE_END.search(out[-1]):
                out[-1] += " " + line
            else:
                out.append(line)
        return "\n".join(out)
    return "\n".join(lines)


def _read(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def _s(value: object) -> str | None:
    return str(value).strip() if value not in (None, "", []) else None


def _mozilla(root: Path) -> Iterator[Case]:
    for page in sorted((root / "mozilla-readability-test-pages/test/test-pages").iterdir()):
        meta_path = page / "expected-metadata.json"
        if not (page / "source.html").is_file() or not meta_path.is_file():
            continue
        meta = json.loads(meta_path.read_text())
        if meta.get("readerable") is False:
            continue  # not an article: readability itself refuses it
        byline = _s(meta.get("byline"))
        yield Case(
            "mozilla", page.name, _read(page / "source.html"), None,
            body=flatten_html(_read(page / "expected.html")), body_kind="full",
            title=_s(meta.get("title")), date=_s(meta.get("publishedTime")),
            authors=(byline,) if byline else None, lang=_s(meta.get("lang")),
        )  # fmt: skip


def _fundus(root: Path) -> Iterator[Case]:
    base = root / "fundus-parser-test-data"
    data = base / "tests/resources/parser/test_data"
    for row in json.loads((base / "html_to_groundtruth_mapping.json").read_text()):
        if not row.get("title_found_in_html"):
            continue  # mapping not confirmed: the ground truth may be another page's
        truth = json.loads((data / row["ground_truth"]).read_text()).get(row["version"], {})
        body = truth.get("body") or {}
        parts = list(body.get("summary") or [])
        for section in body.get("sections") or []:
            parts.extend(section.get("headline") or [])
            parts.extend(section.get("paragraphs") or [])
        yield Case(
            "fundus", row["html"], _read(data / row["html"]), row.get("url"),
            body="\n".join(parts) or None, body_kind="full" if parts else None,
            title=_s(truth.get("title")), date=_s(truth.get("publishing_date")),
            authors=tuple(truth["authors"]) if truth.get("authors") else None,
        )  # fmt: skip


def _goose3(root: Path) -> Iterator[Case]:
    data = root / "goose3-test-data/tests/data"
    for path in sorted(data.glob("*/*.json")):
        page = path.with_suffix(".html")
        if not page.is_file() or path.stem.endswith("_config"):
            continue  # *_config cases test goose's own per-site configuration hooks
        truth = json.loads(path.read_text())
        exp = truth.get("expected") or {}
        text = _s(exp.get("cleaned_text"))
        case = Case(
            "goose3", f"{path.parent.name}/{path.stem}", _read(page), truth.get("url"),
            body=text, body_kind="prefix" if text else None, title=_s(exp.get("title")),
            date=_s(exp.get("publish_date")),
            authors=tuple(exp["authors"]) if exp.get("authors") else None,
            lang=_s(exp.get("meta_lang")),
        )  # fmt: skip
        if any((case.body, case.title, case.date, case.authors)):
            yield case


def _postlight(root: Path) -> Iterator[Case]:
    base = root / "postlight-parser-fixtures"
    for row in json.loads((base / "expected_from_tests.json").read_text()):
        path = base / row.get("fixture_file", "")
        if not path.is_file():
            continue
        first = _s(row.get("content_first_words"))
        author = _s(row.get("author"))
        yield Case(
            "postlight", row["fixture"], _read(path), row.get("url"),
            body=htmllib.unescape(first) if first else None, body_kind="prefix" if first else None,
            title=_s(row.get("title")), date=_s(row.get("date_published")),
            authors=(author,) if author else None,
        )  # fmt: skip


def _newspaper4k(root: Path) -> Iterator[Case]:
    data = root / "newspaper4k-test-data/tests/data"
    for path in sorted((data / "metadata").glob("*.json")):
        page = data / "html" / f"{path.stem}.html"
        if not page.is_file():
            continue
        truth = json.loads(path.read_text())
        text = _s(truth.get("text"))
        yield Case(
            "newspaper4k", path.stem, _read(page), truth.get("url") or truth.get("canonical_link"),
            body=text, body_kind="full" if text else None, title=_s(truth.get("title")),
            date=_s(truth.get("publish_date")),
            authors=tuple(truth["authors"]) if truth.get("authors") else None,
            lang=_s(truth.get("meta_lang") or truth.get("language")),
        )  # fmt: skip


def _italian(root: Path) -> Iterator[Case]:
    base = root / "italian-pages"
    truth = json.loads((base / "htmldate/italian_ground_truth.json").read_text())
    for url, row in truth.items():
        matches = list((base / "htmldate/tests").glob(f"*/{row['file']}"))
        if matches:
            yield Case("italian", row["file"], _read(matches[0]), url, date=row["date"], lang="it")
    for row in json.loads((base / "shinyfrog-mercury-parser/expected_from_tests.json").read_text()):
        first = _s(row.get("content_first_words"))
        author = _s(row.get("author"))
        yield Case(
            "italian", row["fixture"], _read(base / "shinyfrog-mercury-parser/fixtures" / row["fixture"]),
            row.get("url"), body=first, body_kind="prefix" if first else None,
            title=_s(row.get("title")), date=_s(row.get("date_published")),
            authors=(author,) if author else None,
            # vogue.it writes this article in English.
            lang="en" if "vogue.it" in row["fixture"] else "it",
        )  # fmt: skip
    for row in json.loads((base / "ZuperReader/expected_from_tests.json").read_text()):
        yield Case(
            "italian", row["fixture"], _read(base / "ZuperReader" / row["fixture"]),
            row.get("url_canonical_in_html"),
            title=_s(row.get("title") or row.get("title_in_html")),
            date=_s(row.get("date_published") or row.get("datePublished_ld_json")), lang="it",
        )  # fmt: skip


LOADERS: dict[str, Callable[[Path], Iterator[Case]]] = {
    "mozilla": _mozilla,
    "fundus": _fundus,
    "goose3": _goose3,
    "postlight": _postlight,
    "newspaper4k": _newspaper4k,
    "italian": _italian,
}


def load_all(root: Path, only: set[str] | None = None) -> list[Case]:
    return [case for name, fn in LOADERS.items() if not only or name in only for case in fn(root)]
