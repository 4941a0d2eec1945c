"""Import stage, clean: flattened text dumps (no markup) into title, lead and blocks.

A dump has navigation, share buttons, captions and teasers run into the text. Three kinds
of evidence remove them: the marker words in ``markers`` (``Condividi:``, ``leggi anche``,
``approfondimento``, ``©``, ...); the corpus itself: word sequences that recur across many
dumps of the same site are the site's boilerplate, not article text (``Boilerplate``);
and the shape of a flattened page, one block a line: the article is where sentences
outweigh the short lines of menus and teaser lists (``_main_lines``).

The steps live in ``dump``: ``boilerplate``, ``lineshape`` and ``maintext``, the
``headline`` and the ``byline`` under it, the ``tails`` after the article and the
``inline`` repairs; this module runs them in turn (``clean_dump``) and splits the
paragraphs kept into blocks and related links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsarchive.importer.dump.boilerplate import Boilerplate
from newsarchive.importer.dump.byline import _shown_day, _take_bylines
from newsarchive.importer.dump.headline import (
    MAX_TEASER_WORDS,
    _drop_before_title,
    _headline_variant_end,
)
from newsarchive.importer.dump.inline import close_inline_gaps, without_inline_scripts
from newsarchive.importer.dump.lineshape import _FUNCTION_WORDS
from newsarchive.importer.dump.maintext import _main_lines
from newsarchive.importer.dump.tails import (
    _without_comment_form,
    _without_consent,
    _without_own_teaser,
    _without_trailing_lists,
)
from newsarchive.importer.markers import (
    SHARE_LEAD_RE,
    SHARE_RE,
    credit_lead_re,
    find_teaser,
    without_share_runs,
)
from newsarchive.importer.model import Related

__all__ = ["Block", "CleanText", "clean_dump", "clip_title"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“«(]?[A-ZÀ-Ý0-9])")
MAX_DEK_WORDS = 60  # a standfirst is a sentence or two


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "paragraph"
    text: str


@dataclass(frozen=True)
class CleanText:
    title: str
    lead: str
    blocks: tuple[Block, ...]
    related: tuple[Related, ...]
    warnings: tuple[str, ...] = ()
    date: str | None = None  # the day shown near the start (``datelines.text_day``), ISO
    authors: tuple[str, ...] = ()  # from a byline near the start
    # What the page shows after the article (tag list, runs of headlines), dropped.
    trailing: str = ""


def clip_title(text: str, max_words: int = 14) -> str:
    """A headline from a lead: its first sentence, cut at a clause boundary if long."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip().rstrip(".")
    words = first.split()
    if len(words) <= max_words:
        return first
    clause = re.split(r"[,;:]\s", first)
    if len(clause[0].split()) >= 5 and len(clause[0].split()) <= max_words + 4:
        return clause[0].strip()
    cut = words[:max_words]
    while cut and cut[-1].lower().strip(",;:") in _FUNCTION_WORDS:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"


def _split_teaser(after: str) -> tuple[str, str]:
    """Split ``<teaser headline> <article text...>`` into the two.

    The headline ends before a capitalised word that starts the text again: the first one
    at least three words in, not after a function word or a comma/colon (headlines do not
    break there), within 25 words. No such word: the teaser is the first sentence.
    """
    words = after.split()
    for i in range(3, min(len(words), 26)):
        word, prev = words[i], words[i - 1]
        if not word[:1].isupper() or (word.isupper() and len(word) > 1):
            continue
        if prev.lower().strip("\"'“”«»") in _FUNCTION_WORDS or prev[-1] in ",:;(":
            continue
        if i + 1 < len(words) and words[i + 1][:1].isupper():
            continue  # a run of capitalised words is a name inside the headline
        return " ".join(words[:i]), " ".join(words[i:])
    if len(words) <= 25:
        return " ".join(words), ""
    first, _, rest = after.partition(". ")
    return first, rest


CREDIT_PARAGRAPHS = 3  # the lead picture's credit stands in the first paragraphs


def _paragraph(text: str) -> tuple[list[Block], list[Related]]:
    """One dump paragraph: maybe ``<heading> <marker> <teaser> <text>``."""
    blocks: list[Block] = []
    related: list[Related] = []
    match = find_teaser(text)
    if match is None:
        return [Block("paragraph", text)], related
    before, after = text[: match.start()].strip(), text[match.end() :].strip()
    teaser, rest = _split_teaser(after)
    if teaser and len(teaser.split()) <= MAX_TEASER_WORDS:
        # Longer, it is the site's menu or footer after "More From WIRED": dropped too.
        related.append(Related(title=teaser.strip(" .:-–—[]")))
    if before:
        words = before.split()
        if len(words) <= 15 and not before.endswith((".", "!", "?", ":")):
            blocks.append(Block("heading", before))
        else:
            blocks.append(Block("paragraph", before))
    if rest:
        sub_blocks, sub_related = _paragraph(rest)
        blocks.extend(sub_blocks)
        related.extend(sub_related)
    return blocks, related


def _site_names(site: str | None) -> tuple[str, ...]:
    """The names a site's host spells, as its own photo credits give them ("WIRED" for
    wired.com): its labels but the last, three letters or more, not "www"."""
    labels = (site or "").lower().split(".")[:-1]
    return tuple(label for label in labels if len(label) >= 3 and label != "www")


def clean_dump(
    text: str, *, title: str | None = None, site: str | None = None,
    boilerplate: Boilerplate | None = None,
) -> CleanText:  # fmt: skip
    """Clean a flattened dump; ``title`` is the scraper's, if it saved one."""
    warnings: list[str] = []
    if boilerplate is not None and site:
        text = boilerplate.strip(site, text)
    text = "\n".join(map(without_inline_scripts, text.split("\n")))
    whole = text
    text, found, standfirst = _drop_before_title(text, title)
    shown, beside, dateline = _shown_day(text, whole, found, title)
    if title and not found:
        # Cut only after the date is read: a dateline may stand above the headline.
        text = text[_headline_variant_end(text, title) :]
    text, authors = _take_bylines(text, beside, dateline)
    dek = text.strip().split("\n", 1)[0].strip() if standfirst else ""
    text = _main_lines(text)
    if 4 <= len(dek.split()) <= MAX_DEK_WORDS and dek not in text:
        # The standfirst after "Headline / " is a short line, often without a full
        # stop: the running text starts below it, but it is the article's, and its lead.
        text = dek + "\n" + text
    else:
        dek = ""
    raw_paragraphs = [close_inline_gaps(" ".join(p.split())) for p in text.split("\n")]
    paragraphs = [q for p in raw_paragraphs if p and (q := without_share_runs(p))]
    paragraphs = _without_comment_form(_without_consent(paragraphs))
    paragraphs = _without_own_teaser(paragraphs, title if found else None)
    paragraphs, trailing = _without_trailing_lists(paragraphs)
    lead = close_inline_gaps(" ".join(dek.split()))
    if paragraphs and not lead:
        first = paragraphs[0]
        share = SHARE_RE.search(first)
        if share and len(first[: share.start()].split()) <= MAX_DEK_WORDS:
            # A lead that ends in the share toolbar is the standfirst, not body text.
            lead = first[: share.start()].strip()
            paragraphs = paragraphs[1:]
    paragraphs = [SHARE_LEAD_RE.sub("", SHARE_RE.sub("", p)).strip() for p in paragraphs]
    credit = credit_lead_re(_site_names(site))
    paragraphs[:CREDIT_PARAGRAPHS] = [credit.sub("", p) for p in paragraphs[:CREDIT_PARAGRAPHS]]
    blocks: list[Block] = []
    related: list[Related] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        sub_blocks, sub_related = _paragraph(paragraph)
        blocks.extend(sub_blocks)
        related.extend(sub_related)
    if not title:
        source = lead or next((b.text for b in blocks if b.kind == "paragraph"), "")
        title = clip_title(source) if source else ""
        if title:
            warnings.append("no title in the dump; made one from the lead")
    if not lead:
        body_text = " ".join(b.text for b in blocks if b.kind == "paragraph")
        sentences = _SENTENCE_END.split(body_text)
        lead = " ".join(sentences[:2]).strip()
        if len(lead) > 400:
            lead = clip_title(lead, max_words=50)
    return CleanText(
        title=title or "",
        lead=lead,
        blocks=tuple(blocks),
        related=tuple(dict.fromkeys(related)),
        warnings=tuple(warnings),
        date=shown,
        authors=authors,
        trailing=trailing,
    )
