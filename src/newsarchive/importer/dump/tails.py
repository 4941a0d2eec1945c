"""Import stage, clean: what a flattened page shows after its article, cut off.

A cookie-consent dialog saved after the text, the page's comment form, a list of
stories that names this one again, and the tag lists, runs of headlines and stray
labels the last paragraphs hold: each step takes the cleaned paragraphs and returns
them without that tail.
"""

from __future__ import annotations

import re

from newsarchive.importer.authors.textbyline import CREDIT_TAIL_RE
from newsarchive.importer.dump.lineshape import _FUNCTION_WORDS, _is_content_line, _word_count
from newsarchive.importer.markers import (
    COMMENT_FORM_RE,
    COMMENT_HEADER_RE,
    CONSENT_UI_RE,
    CONSENT_WORD_RE,
    PROSE_END_RE,
    tag_list_start,
    without_card_tail,
)

__all__: list[str] = []

CONSENT_GAP = 2  # short paragraphs without its words inside a dialog (a table's rows)
CONSENT_GAP_WORDS = 30
CONSENT_UI_MIN = 4  # distinct buttons and category names that make a run a dialog
CONSENT_TAIL_WORDS = 120  # what may follow it: the rest of its table, its last buttons


def _without_consent(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without a cookie-consent dialog saved after the page's text: a
    run of paragraphs that each speak of cookies, consent or privacy (up to
    ``CONSENT_GAP`` short ones between that do not: a cookie table's rows), showing at
    least ``CONSENT_UI_MIN`` of a dialog's buttons and category names ("Accept All",
    "Strictly Necessary Cookies", "Always Active"), with nothing after it but a few
    short paragraphs (the rest of its table, its last buttons). An article about
    cookie rules names a few of them, and its text goes on."""
    if "cookie" not in "\n".join(paragraphs).lower():
        return paragraphs  # every dialog names its cookies: the usual page has none
    marked = [bool(CONSENT_WORD_RE.search(p)) for p in paragraphs]
    i = 0
    while i < len(paragraphs):
        if not marked[i]:
            i += 1
            continue
        end, gap = i + 1, 0
        while end < len(paragraphs) and gap <= CONSENT_GAP:
            if marked[end]:
                gap = 0
            elif _word_count(paragraphs[end]) <= CONSENT_GAP_WORDS:
                gap += 1
            else:
                break
            end += 1
        end -= gap  # the run ends at its last paragraph with the words
        shown = {
            " ".join(m.lower().split())
            for p in paragraphs[i:end] for m in CONSENT_UI_RE.findall(p)
        }  # fmt: skip
        rest = [_word_count(p) for p in paragraphs[end:]]
        rest_short = all(n <= CONSENT_GAP_WORDS for n in rest) and sum(rest) <= CONSENT_TAIL_WORDS
        if len(shown) >= CONSENT_UI_MIN and rest_short:
            return paragraphs[:i]
        i = end
    return paragraphs


# A word every comment form's fine print has (lower case): a cheap test first.
_COMMENT_FORM_HINT = re.compile(
    r"not be published|required fields|nicht veröffentlicht|pflichtfelder|non sarà pubblicato|"
    r"campi obbligatori|pas publiée|no será publicada"
)
COMMENT_HEADER_CHARS = 200  # how far before the form's fine print its heading stands
COMMENT_FORM_LATE = 0.5  # the share of the text's words before the form, at least


def _without_comment_form(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` up to the page's comment form ("Leave a Reply Your email address
    will not be published. Required fields are marked *"), which starts its comments,
    a form's fields and what follows them. Only a form in the text's later half: one
    near the top is a newsletter's, or a link to the comments."""
    if not _COMMENT_FORM_HINT.search("\n".join(paragraphs).lower()):
        return paragraphs
    total = sum(map(_word_count, paragraphs))
    before = 0
    for k, paragraph in enumerate(paragraphs):
        form = COMMENT_FORM_RE.search(paragraph)
        if form is None:
            before += _word_count(paragraph)
            continue
        cut = form.start()
        zone = max(0, cut - COMMENT_HEADER_CHARS)
        if header := next(COMMENT_HEADER_RE.finditer(paragraph, zone, cut), None):
            cut = header.start()
        head = paragraph[:cut].strip()
        if before + _word_count(head) < COMMENT_FORM_LATE * total:
            return paragraphs
        if head:
            return _cut_at(paragraphs, k, cut)
        # A heading alone on the paragraphs just above ("Leave a Reply", "3 Kommentare").
        last = k
        while (
            last > 0
            and _word_count(paragraphs[last - 1]) <= 4
            and COMMENT_HEADER_RE.fullmatch(paragraphs[last - 1].strip(" :"))
        ):
            last -= 1
        return paragraphs[:last]
    return paragraphs


OWN_TEASER_LATE = 0.7  # the share of the text's words before the headline's second showing
OWN_TEASER_MIN_WORDS = 4  # a headline shorter than this may recur as a phrase


_IN_PROSE_BEFORE = re.compile(r"[\"“”„«»‘’']\s*$")
_IN_PROSE_AFTER = re.compile(r"\s*(?:[,;:\"“”«»‘’')]|[a-zß-ÿ])")


def _without_own_teaser(paragraphs: list[str], title: str | None) -> list[str]:
    """``paragraphs`` up to a later showing of the headline ``title`` (found above the
    text; None when it was not) in the text's last ``1 - OWN_TEASER_LATE``, standing as
    a list's item: the page's lists of latest or related stories name this one too
    ("Newsticker 28.04.2023 - 19:09 Uhr <headline> 28.04.2023 …"), and what follows is
    that list. Not a showing in quotes or run on into a sentence (a headline that quotes
    the text), nor an earlier one: there the article itself may start."""
    if not title or len(title.split()) < OWN_TEASER_MIN_WORDS:
        return paragraphs
    total = sum(map(_word_count, paragraphs))
    before = 0
    for k, paragraph in enumerate(paragraphs):
        at = paragraph.find(title) if k else -1
        if (
            at >= 0
            and before + _word_count(paragraph[:at]) >= OWN_TEASER_LATE * total
            and not _IN_PROSE_BEFORE.search(paragraph[:at])
            and not _IN_PROSE_AFTER.match(paragraph, at + len(title))
        ):
            return _cut_at(paragraphs, k, at)
        before += _word_count(paragraph)
    return paragraphs


def _cut_at(paragraphs: list[str], k: int, at: int) -> list[str]:
    """``paragraphs`` up to letter ``at`` of paragraph ``k``."""
    head = paragraphs[k][:at].strip()
    return [*paragraphs[:k], *([head] if head else [])]


MAX_LABEL_WORDS = 3  # a stray label left after the article ("Senior", "Op-ed contributor")
MIN_LIST_WORDS = 30  # a run of headlines, tags or names this long with no sentence in it
MAX_FRAGMENT_WORDS = 60  # a teaser list's remains after the article, not its last part
MIN_NAME_WORDS = 3  # capitalised words after the last sentence: a list of names or labels


def _all_capitalised(text: str) -> bool:
    """Every word of ``text`` that starts with a letter starts with a capital one (and one
    does): names and labels, not a sentence. A script without case has no capitals."""
    letters = [w[0] for w in text.split() if w[0].isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


TAG_SHARE = 0.8
MIN_TAGS = 5  # comma-separated items, capitalised, of a few words each: the page's tags
MAX_TAG_WORDS = 4


def _is_tag_run(text: str) -> bool:
    """``text`` is a list of tags written out with commas ("2024 Election, Bailout,
    Court-Packing, Defund the Police, …" after Free Beacon's "Published under:")."""
    items = [i.split() for i in text.split(",") if i.strip()]
    tags = [i for i in items if len(i) <= MAX_TAG_WORDS and not i[0][:1].islower()]
    return len(items) >= MIN_TAGS and len(tags) >= TAG_SHARE * len(items)


def _without_trailing_lists(paragraphs: list[str]) -> tuple[list[str], str]:
    """``paragraphs`` without what a flattened page leaves after the article, and that
    text: its tag list ("Topics …", and the author card's "Senior Writer X" before it),
    then the last paragraphs with no sentence in them, when they are a stray label
    (``MAX_LABEL_WORDS``), two or more lines (headlines) or one long run of headlines,
    tags or names (``MIN_LIST_WORDS``). A written-out list or code stays."""
    out, dropped = list(paragraphs), []
    if out and (cut := tag_list_start(out[-1])) is not None:
        dropped.append(out[-1][cut:])
        out[-1] = without_card_tail(out[-1][:cut])
        out = [p for p in out if p]
    # In a script written without sentence marks (Thai), a paragraph without one says
    # nothing.
    if any(PROSE_END_RE.search(p) for p in out):
        run = 0
        while run < len(out) - 1 and not (
            PROSE_END_RE.search(out[-1 - run]) or _is_content_line(out[-1 - run])
        ):
            run += 1
        words = sum(_word_count(p) for p in out[len(out) - run :])
        # One short line is a stray label; two or more, or a long one, a run of
        # headlines, tags or names, and so is one of capitalised words only (WIRED's
        # author card: "Senior Writer X Andrew Couts David Gilbert …"). One prose
        # paragraph missing its full stop stays ("Reuters contributed to this report").
        tail = " ".join(out[len(out) - run :])
        # A run opening in lower case is what the boilerplate left of a list it took the
        # label of (The Verge's "More from Policy 23andMe says …" as "from Policy …").
        listed = _all_capitalised(tail) or _is_tag_run(tail) or tail[:1].islower()
        if run and (run >= 2 or words >= MIN_LIST_WORDS or words <= MAX_LABEL_WORDS or listed):
            dropped.extend(reversed(out[len(out) - run :]))
            out = out[: len(out) - run]
    # A short last paragraph opening with a lower-case function word is a fragment,
    # whatever it holds: the boilerplate took its label ("from Tech Turmoil at OpenAI:
    # after firing Sam Altman, what's next …? Meta disbanded …", The Verge's "More from
    # Tech"). A long one is the article, when a page's lines run its blocks together.
    last = out[-1].split() if len(out) > 1 else []
    if last and last[0] in _FUNCTION_WORDS and len(last) <= MAX_FRAGMENT_WORDS:
        dropped.append(out.pop())
    # The same names run into the article's last line, after its last sentence
    # ("… more data.\" Steven Levy Gregory Barber Will Knight …"), or the author's credit.
    ends = list(PROSE_END_RE.finditer(out[-1])) if out else []
    tail = out[-1][ends[-1].end() :] if ends else ""
    names = len(tail.split()) >= MIN_NAME_WORDS and _all_capitalised(tail)
    if names or (tail and CREDIT_TAIL_RE.match(tail)):
        dropped.append(tail.strip())
        out[-1] = out[-1][: ends[-1].end()].rstrip()
    return out, "\n".join(reversed(dropped))
