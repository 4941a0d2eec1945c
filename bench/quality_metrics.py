"""Bench helper: the measures of importer quality (token F1, prefix recall, metadata).

Tokens are lower-cased word runs; CJK characters count one token each, so pages in
Chinese or Japanese are measured as fairly as space-separated languages. F1 is over
token multisets (the bag-of-words measure trafilatura's own evaluation uses).
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
import unicodedata
from collections import Counter

__all__ = [
    "authors_right", "date_right", "day_written", "f1", "lang_right", "md_to_text", "prefix_recall",
    "title_right", "tokens",
]  # fmt: skip

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(unicodedata.normalize("NFKC", htmllib.unescape(text)).lower())


def f1(predicted: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``predicted``'s tokens against ``truth``'s."""
    pred, gold = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((pred & gold).values())
    if not pred or not gold or not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(pred.values()), common / sum(gold.values())
    return p, r, 2 * p * r / (p + r)


def prefix_recall(predicted: str, prefix: str) -> float:
    """Share of the prefix's tokens found in the first part of ``predicted``.

    Ground truth that is only the body's first words cannot measure precision; this says
    whether the body starts where it should (not after a teaser, not cut).
    """
    gold = tokens(prefix)
    if not gold:
        return 0.0
    head = Counter(tokens(predicted)[: len(gold) * 4 + 40])
    return sum((Counter(gold) & head).values()) / len(gold)


# Link text may hold one level of brackets ("[[1]](#cite_note-1)", escaped "\\[") and
# the URL balanced parentheses (".../Foo_(bar)"); the naive patterns leaked URLs into
# the text and scored them as extra tokens.
_TEXT = r"(?:\\.|[^\[\]\\]|\[(?:\\.|[^\]\\])*\])*"
_URL = r"\s*(?:[^()\s]|\([^()\s]*\))*\s*(?:\"(?:\\.|[^\"\\])*\"\s*)?"
_IMAGE_RE = re.compile(rf"!\[{_TEXT}\]\({_URL}\)")
_LINK_RE = re.compile(rf"\[({_TEXT})\]\({_URL}\)")


def md_to_text(markdown: str) -> str:
    """Plain text of our Markdown: images dropped, links kept as their text, no escapes."""
    text = _IMAGE_RE.sub(" ", markdown)
    text = _LINK_RE.sub(r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"^#+\s+|^\s*[-*]\s+|^>\s?", "", text, flags=re.M)
    return htmllib.unescape(text.replace("**", "").replace("*", " "))


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-", "\u00a0": " "})  # fmt: skip


# Invisible characters (soft hyphen, zero-width space, word joiner, BOM) are not part of
# what a reader sees: "Fortschritt\u200b" is "Fortschritt".
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def norm_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", htmllib.unescape(text)).translate(_QUOTES)
    text = text.translate(_INVISIBLE)
    # A leading bullet ("■ Headline") decorates a headline, it is not part of it.
    text = re.sub(r"^[■□●○◆◇▶►•・]\s*", "", text.strip())
    return " ".join(text.split())


# "Headline | Site", "Headline · Site", "Headline [Site]", "Headline_Section_Site".
_SUFFIX_RE = re.compile(
    r"^(.+?)(?:\s+[|\-–—·:]\s+|\s*_\s*|--)([^|\-–—·_]+)$|^(.+?)\s*\[([^\]]+)\]$"
)


def _site_key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _is_site(segment: str, sites: tuple[str, ...]) -> bool:
    key = _site_key(segment)
    hosts = [_site_key(re.sub(r"^www\.", "", s)) for s in sites if s]
    return bool(key) and any(key == h or (len(key) >= 3 and key in h) for h in hosts)


def title_right(predicted: str | None, truth: str, sites: tuple[str, ...] = ()) -> bool:
    """Equal after whitespace, quote and dash normalisation (case kept).

    Or equal to the truth without a trailing site-name segment (" | X", " - X",
    " – X" where X is the page's site name or host, ``sites``): some ground truths
    keep the ``<title>`` suffix that the issue counts as a flaw of the extractor.
    """
    if not predicted:
        return False
    got, want = norm_title(predicted), norm_title(truth)
    if got == want:
        return True
    # The truth minus its site name and the short section names before it ("_科技_腾讯网",
    # " | Royal | News | Express.co.uk").
    match = _SUFFIX_RE.match(want)
    if not match or not _is_site(_segment(match)[1], sites):
        return False
    head = _segment(match)[0].strip()
    while got != head:
        match = _SUFFIX_RE.match(head)
        if not match or len(_segment(match)[1].split()) > 3:
            return False
        head = _segment(match)[0].strip()
    return True


def _segment(match: re.Match[str]) -> tuple[str, str]:
    """(head, last segment) of a title matched by ``_SUFFIX_RE``."""
    return (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))


def _parse_truth_date(text: str) -> dt.datetime | None:
    text = text.strip()
    if re.fullmatch(r"\d{10,13}", text):
        stamp = int(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        match = re.match(r"\d{4}-\d{2}-\d{2}", text)
        return dt.datetime.fromisoformat(match.group(0)) if match else None


def _truth_days(truth: str) -> set[dt.date]:
    """The calendar days ``truth`` can be: its own, or that instant's in any offset from
    UTC-12 to UTC+14 when it gives a time zone."""
    gold = _parse_truth_date(truth)
    if gold is None:
        return set()
    if gold.tzinfo is None:
        return {gold.date()}
    utc = gold.astimezone(dt.UTC)
    return {(utc + dt.timedelta(hours=h)).date() for h in range(-12, 15)}


# Month names for ``day_written``: the bench's own list (English, Italian and the other
# languages of ../shared/data), not the importer's, so that what a page "writes" is not
# defined by what the importer reads.
_MONTH_WORDS = [
    "january|jan|gennaio|gen|januar|jänner|janvier|janv|enero|janeiro|januari|styczeń",
    "february|feb|febbraio|februar|février|févr|fév|febrero|fevereiro|fev|februari",
    "march|mar|marzo|märz|mär|mars|março|maart|mrt|marts",
    "april|apr|aprile|avril|avr|abril",
    "may|maggio|mag|mai|mayo|maio|mei|maj",
    "june|jun|giugno|giu|juni|juin|junio|junho",
    "july|jul|luglio|lug|juli|juillet|juil|julio|julho",
    "august|aug|agosto|ago|août|augustus|augusti",
    "september|sep|sept|settembre|set|septembre|septiembre|setembro",
    "october|oct|ottobre|ott|oktober|okt|octobre|octubre|outubro",
    "november|nov|novembre|noviembre|novembro",
    "december|dec|dicembre|dic|dezember|dez|décembre|déc|diciembre|dezembro|desember",
]


def _day_forms(day: dt.date) -> re.Pattern[str]:
    d, m, y = day.day, day.month, day.year
    dd, mm, yy = f"0?{d}", f"0?{m}", f"{y % 100:02d}"
    month = f"(?:{_MONTH_WORDS[m - 1]})"
    forms = [
        rf"{y}\s*[-/.年년]\s*{mm}\s*[-/.月월]\s*{dd}(?!\d)",  # 2024-05-03, 2024年5月3日
        rf"(?<!\d){dd}\s*[./-]\s*{mm}\s*[./-]\s*(?:{y}|{yy}(?!\d))",  # 3.5.2024, 03/05/24
        rf"(?<!\d){mm}/{dd}/(?:{y}|{yy}(?!\d))",  # 5/3/2024 (US)
        rf"(?<!\d){dd}(?:st|nd|rd|th)?\.?\s*(?:de\s+)?{month}\.?,?\s+(?:de\s+)?{y}",
        rf"{month}\.?\s+{dd}(?:st|nd|rd|th)?,?\s+{y}",
    ]
    return re.compile("|".join(forms), re.I)


def day_written(text: str, truth: str) -> bool:
    """Whether ``text`` writes the day ``truth`` states (as ``date_right`` reads it) in
    one of the ways pages write days, anywhere: the pages of which a reader could tell
    the date, the fair denominator for a flattened dump's date."""
    return any(_day_forms(day).search(text) for day in _truth_days(truth))


def date_right(predicted: dt.datetime | None, truth: str) -> bool:
    """Same calendar day, in some real time zone when the ground truth gives an instant.

    A date-only truth must match exactly. A truth with a time zone (``...T15:00:00Z``
    for a Japanese page's midnight) is the calendar day of that instant in any offset
    from UTC-12 to UTC+14. Our dates are the publisher's wall time (with its offset when
    known), so their own calendar day is compared, not the UTC day: 00:01 in Rome on
    2 November is 2 November.
    """
    return predicted is not None and predicted.date() in _truth_days(truth)


def _norm_name(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s'-]", " ", name.casefold()).split())


# The word a byline opens with ("By Erin Cunningham", "Par Sébastien Farcis"): some
# ground truths are the byline as the page shows it, and the word is not a name.
_BYLINE_WORD = re.compile(r"^\s*(?:(?i:(?:written\s+)?by|par|von|por)|di)\s+")


def authors_right(predicted: tuple[str, ...], truth: tuple[str, ...]) -> bool:
    """The same set of names (case, punctuation and order ignored), the truth read
    without the word its byline opens with."""
    split_truth = {
        _norm_name(p)
        for t in truth
        for p in re.split(r",\s*|\s+and\s+|\s*&\s*", _BYLINE_WORD.sub("", t))
        if p.strip()
    }
    split_pred = {
        _norm_name(p)
        for t in predicted
        for p in re.split(r",\s*|\s+and\s+|\s*&\s*", t)
        if p.strip()
    }
    return bool(split_pred) and split_pred == split_truth


def lang_right(predicted: str | None, truth: str) -> bool:
    """The same primary language subtag (``en-US`` is ``en``)."""
    code = re.split(r"[-_]", truth.strip().lower())[0]
    return bool(predicted) and (predicted or "").lower().split("-")[0] == code
