"""Import stage, clean: flattened text dumps (no markup) into title, lead and blocks.

A dump has navigation, share buttons, captions and teasers run into the text. Three kinds
of evidence remove them: the marker words in ``markers`` (``Condividi:``, ``leggi anche``,
``approfondimento``, ``©``, ...); the corpus itself: word sequences that recur across many
dumps of the same site are the site's boilerplate, not article text (``Boilerplate``);
and the shape of a flattened page, one block a line: the article is where sentences
outweigh the short lines of menus and teaser lists (``_main_lines``).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsarchive.importer.authors.dateline import name_after_day, name_before_day, names_beside
from newsarchive.importer.authors.textbyline import (
    BYLINE_START_RE,
    BYLINE_ZONE,
    CREDIT_TAIL_RE,
    text_byline,
)
from newsarchive.importer.datelines import (
    DUMP_HEADER_ZONE,
    day_and_headline,
    late_day,
    relative_dateline,
    relative_day_near,
    text_day,
)
from newsarchive.importer.dedupe import bands_of, resemblance, shingle_hashes, sketch
from newsarchive.importer.lang import CJK_RE
from newsarchive.importer.markers import (
    COMMENT_FORM_RE,
    COMMENT_HEADER_RE,
    CONSENT_UI_RE,
    CONSENT_WORD_RE,
    COPYRIGHT_RE,
    CREDIT_ONLY_RE,
    EMBED_NOTICE_RE,
    OPENING_WORDS,
    PROSE_END_RE,
    SHARE_LEAD_RE,
    SHARE_RE,
    UI_LABEL_RE,
    credit_lead_re,
    find_teaser,
    tag_list_start,
    without_card_tail,
    without_share_runs,
)
from newsarchive.importer.model import Related
from newsarchive.importer.textdays import day_end, day_has_time, written_day_offsets

__all__ = [
    "SPACED_SEP", "Block", "Boilerplate", "BoilerplateLearner", "CleanText", "clean_dump",
    "clip_title", "is_listed", "strip_site_suffix", "without_inline_scripts",
]  # fmt: skip

SHINGLE = 6  # words per shingle: long enough to be specific to a site's template
# A dump this like an earlier one (estimated Jaccard resemblance of their shingles) is
# its copy: the same article under another URL, its sidebars changed.
SAME_TEXT = 0.9

# Function words: a headline does not end with one, a split never happens after one.
_FUNCTION_WORDS = frozenset(
    "il lo la i gli le un una uno di del dello della dei degli delle a al allo alla ai agli "
    "alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle con su sul "
    "sullo sulla sui sugli sulle per tra fra e ed o che non come ma se anche più "
    "the a an of to in on at by for with from and or but as is are was were that this "
    "its their his her our your into over about than".split()
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“«(]?[A-ZÀ-Ý0-9])")


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
    date: str | None = None  # the day shown near the start (``dates.text_day``), ISO
    authors: tuple[str, ...] = ()  # from a byline near the start
    # What the page shows after the article (tag list, runs of headlines), dropped.
    trailing: str = ""


def _shingles(words: list[str]) -> list[int]:
    return shingle_hashes(words, SHINGLE)


def _line_keys(words: list[str]) -> list[int]:
    """A line's shingles; a line too short for one counts whole, as one key of its own
    ("Learn more." under every sponsorship notice of a site)."""
    if len(words) >= SHINGLE:
        return _shingles(words)
    return shingle_hashes(["\x00", *words], len(words) + 1) if words else []


@dataclass
class Boilerplate:
    """Word sequences that recur across a site's dumps, learned from the corpus.

    ``learn`` counts, per site, in how many documents each 6-word shingle occurs; a
    shingle found in at least ``min_docs`` documents and ``min_share`` of the site's
    documents is boilerplate, and so is a line too short for a shingle found whole in
    as many ("Learn more."). Words covered by such shingles are removed. So are runs
    of ``long_run`` words or more that recur in ``min_docs`` documents however few of
    the site's they are: a notice one section of a site carries ("looking to showcase
    your brand … Consider getting a custom GamesBeat sponsorship"). A stock phrase of
    a few words ("did not respond to a request for comment") stays.
    """

    min_docs: int = 3
    min_share: float = 0.2
    long_run: int = 15
    # Every this many documents, shingles seen only once in the stretch before the last
    # one are forgotten: article text, which would otherwise hold memory in proportion
    # to the corpus. Boilerplate recurs within such a stretch and survives.
    prune_every: int = 2000
    frequent: dict[str, frozenset[int]] = field(default_factory=dict)
    recurring: dict[str, frozenset[int]] = field(default_factory=dict)

    def learn(self, docs: Iterable[tuple[str, str]]) -> None:
        """``docs``: ``(site, text)`` pairs."""
        learner = BoilerplateLearner(self)
        for site, text in docs:
            learner.add(site, text)
        learner.finish()

    def strip(self, site: str, text: str) -> str:
        frequent = self.frequent.get(site, frozenset())
        recurring = self.recurring.get(site, frozenset())
        if not frequent and not recurring:
            return text
        out_lines = []
        after_boilerplate = False  # the line before ended in boilerplate
        for line in text.splitlines():
            words = line.split()
            # A line the site puts on several of its pages goes whole when it follows
            # boilerplate: a short one ("… a custom GamesBeat sponsorship." / "Learn
            # more."; elsewhere it is one of a menu's short lines, which tell the menu),
            # or a section's promo too short for a long run ("Discover our Briefings." /
            # "Join the GamesBeat community! Enjoy access to …": 73 of VentureBeat's 647
            # dumps in tech-articles-sample).
            if (
                after_boilerplate
                and words
                and all(k in frequent or k in recurring for k in _line_keys(words))
            ):
                out_lines.append("")
                continue
            drop = [False] * len(words)
            run_start = -1  # first shingle of the current run of recurring shingles
            shingles = _shingles(words)
            for i, shingle in enumerate([*shingles, None]):
                if shingle in frequent:
                    for j in range(i, i + SHINGLE):
                        drop[j] = True
                if shingle is not None and (shingle in recurring or shingle in frequent):
                    run_start = i if run_start < 0 else run_start
                    continue
                if run_start >= 0 and i - 1 + SHINGLE - run_start >= self.long_run:
                    for j in range(run_start, i - 1 + SHINGLE):
                        drop[j] = True
                run_start = -1
            if True in drop:
                _keep_opening_words(words, drop)
            kept = [w for w, d in zip(words, drop, strict=True) if not d]
            out_lines.append(" ".join(kept))
            after_boilerplate = bool(drop) and drop[-1]
        return "\n".join(out_lines)


# The last words of a shingle that ends a run of boilerplate may be the text's first
# ("… Share on LinkedIn The immense …": the shingle "on X Share on LinkedIn The" is on a
# fifth of VentureBeat's pages, as many of their articles open with "The").
_OPENING_WORDS = _FUNCTION_WORDS | OPENING_WORDS
MAX_OPENING_WORDS = 2


def _keep_opening_words(words: list[str], drop: list[bool]) -> None:
    """Keep (in ``drop``) up to two words that a run of dropped words ends with when they
    are words a sentence opens with and kept text follows them."""
    for end in range(1, len(words)):
        if not (drop[end - 1] and not drop[end]):
            continue
        start = end
        while (
            start > 0 and end - start < MAX_OPENING_WORDS and drop[start - 1]
            and words[start - 1].lower() in _OPENING_WORDS
        ):  # fmt: skip
            start -= 1
        for i in range(start, end):
            drop[i] = False


class BoilerplateLearner:
    """Learns a :class:`Boilerplate` one document at a time, so a caller can stream a
    corpus past it: memory holds the counted shingles (pruned every ``prune_every``
    documents), never the documents."""

    def __init__(self, into: Boilerplate) -> None:
        self.into = into
        self.counts: dict[str, Counter[int]] = {}
        self.sizes: Counter[str] = Counter()
        self.band_owner: dict[str, int] = {}  # LSH band key -> the first document with it
        self.sketches: list[array[int]] = []  # per document counted, 8 bytes a hash
        self.singles: dict[str, set[int]] = {}  # seen once at the last pruning

    def add(self, site: str, text: str) -> None:
        # The same article scraped under several URLs must count once, or its whole
        # text would look like boilerplate. A copy resembles its first copy almost
        # wholly; sharing an LSH band is not enough, as two pages of one site do now
        # and then when the template is most of their words (25 VentureBeat articles of
        # tech-articles-sample were left out of learning for one band shared with an
        # unrelated article, resemblance 0.04 to 0.42).
        mine = sketch(text)
        bands = bands_of(mine)
        owners = {self.band_owner[b] for b in bands if b in self.band_owner}
        if any(resemblance(mine, self.sketches[o]) >= SAME_TEXT for o in owners):
            return
        number = len(self.sketches)
        self.sketches.append(array("Q", mine))
        for band in bands:
            self.band_owner.setdefault(band, number)
        self.sizes[site] += 1
        seen: set[int] = set()
        for line in text.splitlines():
            seen.update(_line_keys(line.split()))
        self.counts.setdefault(site, Counter()).update(seen)
        if self.sizes.total() % self.into.prune_every == 0:
            for key, counter in self.counts.items():
                # Rebuilt, not deleted from: a dict keeps its size after deletions.
                old_singles = self.singles.get(key, set())
                self.counts[key] = Counter(
                    {s: n for s, n in counter.items() if n > 1 or s not in old_singles}
                )
                self.singles[key] = {s for s, n in self.counts[key].items() if n < 2} - old_singles

    def finish(self) -> Boilerplate:
        """The learned :class:`Boilerplate` (the one given), its sets filled in."""
        bp = self.into
        for site, counter in self.counts.items():
            need = max(bp.min_docs, int(bp.min_share * self.sizes[site] + 0.999))
            if self.sizes[site] < bp.min_docs:
                continue
            bp.frequent[site] = frozenset(s for s, n in counter.items() if n >= need)
            bp.recurring[site] = frozenset(s for s, n in counter.items() if bp.min_docs <= n < need)
        self.counts, self.singles = {}, {}
        return bp


# Separators a <title> puts between its headline, sections and site name.
SPACED_SEP = r"\s+[|｜–—•·»:-]\s+"
# Without spaces, before a name the page states exactly ("…「Treeviz」:phpspot開発日誌",
# "…커졌다-정치ㅣ한국일보": Korean sites use the letter ㅣ as a bar).
_TIGHT_SEP = "|｜:：_\\-–—·•»/ㅣ"


def strip_site_suffix(title: str, site_names: Iterable[str] = ()) -> str:
    """``Big Tech's Role | WIRED`` -> ``Big Tech's Role``: drop a site name after a separator."""
    names = {n.lower() for n in site_names if n}
    names |= {n.split(".")[0] for n in list(names) if "." in n}
    compact_names = {re.sub(r"[^a-z0-9]", "", n) for n in names}
    parts = re.split(SPACED_SEP, title.strip())
    seps = re.findall(SPACED_SEP, title.strip())
    site_gone = False
    while len(parts) > 1:
        last = parts[-1].strip().lower()
        compact = re.sub(r"[^a-z0-9]", "", last)
        if (
            # Once the site's name is gone, a short segment after a bar is the section
            # it was filed under ("… | India News - Times of India"); after a colon or a
            # dash it can be a subtitle.
            site_gone
            and _BAR_SEP.fullmatch(seps[len(parts) - 2])
            and len(last.split()) <= 3
            and len(" ".join(parts[:-1]).split()) >= 3
        ):
            parts = parts[:-1]
            continue
        if (
            last in names
            or compact in compact_names
            # "CNN Politics" after a separator on cnn.com names the site too.
            or any(len(n) >= 3 and (n in compact or compact in n) for n in compact_names if compact)
            # One word after a separator is a site name ("... | WIRED"); two or three can
            # be a subtitle ("...: Hello there"), measured: stripping them lost titles. A
            # quoted word is speech ("Vädjar efter attackerna – ”kritiskt”").
            or (
                not site_gone
                and len(last.split()) == 1 and len(" ".join(parts[:-1]).split()) >= 3
                and not _QUOTE_OPEN.match(last)
            )
        ):  # fmt: skip
            parts = parts[:-1]
            site_gone = True
            continue
        break
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return _strip_tight_suffix(out.strip(), names)


_BAR_SEP = re.compile(r"\s+[|｜»·•]\s+")
_QUOTE_OPEN = re.compile("[\"'“”„‘’«»‹›「『]")


def _strip_tight_suffix(title: str, names: set[str]) -> str:
    """``title`` without a stated site name joined to it by a separator and no space, and
    then without the short sections a Chinese or Korean ``<title>`` chains before that
    name ("…找对象_智能_好奇心日报", "…커졌다-정치ㅣ한국일보")."""
    lowered = title.lower()
    for name in sorted(names, key=len, reverse=True):
        if len(name) < (2 if CJK_RE.search(name) else 4) or not lowered.endswith(name):
            continue
        head = title[: len(title) - len(name)]
        match = re.search(f"([{_TIGHT_SEP}]+)\\s*$", head)
        if match is None or head[: match.start()].strip() == "" or len(head) < 2 * len(name):
            continue
        head = head[: match.start()].rstrip()
        while (
            cut := re.search(f"(?:_|--|-|[|｜])\\s*([^{_TIGHT_SEP}\\s]{{1,6}})\\s*$", head)
        ) and (CJK_RE.search(cut.group(1)) and len(head) - len(cut.group(0)) >= 8):
            head = head[: cut.start()].rstrip()
        return head
    return title


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


MAX_TEASER_WORDS = 20  # a headline is shorter
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


_SENTENCE_TAIL = re.compile(r"[.!?…:;。！？：；][\"”’»)\]」』）】]*$")
MIN_PAGE_LINES = 8  # a dump this long is a whole page flattened, one block a line
MAX_SHORT_RUN = 4  # more short lines in a row than this is navigation, not article
WRAPPED_WORDS = 6  # a hard-wrapped line of prose has at least this many words
SHORT_LINE_COST = 8  # a short line of menu or teaser weighs against this many words of text
OTHER_BLOCK_SHARE = 0.5  # text apart from the article's block this heavy is article too
MAX_NOTICE_WORDS = 30  # a copyright notice is a line of at most this many words
# Scripts written without spaces between words: Japanese kana and Chinese characters.
_NO_SPACE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NO_SPACE_RE = re.compile(f"[{_NO_SPACE}]")
_NO_SPACE_RUN_RE = re.compile(f"[{_NO_SPACE}]+")
# Code, not prose: braces, statement ends, comparisons, assignments, calls ("Genre(s)"
# is not one), comments, markup.
_CODE_RE = re.compile(
    r"[{};]\s*$|^\s*[{}\])]|[=!<>]=|=>|\s=\s|\w\((?!s\))|^\s*(?://|/\*|#\s)|</?\w+[\s>]"
)
# An item of a list written out in the text: a bullet, "1)" or "a)", then two words.
# ("1." is left out: German ordinals, "3. Liga", "5. Mai", are navigation and dates.)
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-+*•◦▪‣–]|\(?\d{1,3}\)|\(?[a-z]\))\s+\S+\s+\S")
# A row of a text table: box-drawing rules and column bars.
_TABLE_ROW_RE = re.compile(r"[\u2500-\u257f]")


def _word_count(line: str) -> int:
    """Words of ``line``; in scripts without spaces two characters count as about one."""
    chars = len(_NO_SPACE_RE.findall(line))
    if not chars:
        return len(line.split())
    return len(_NO_SPACE_RUN_RE.sub(" ", line).split()) + chars // 2


def _is_text_line(line: str) -> bool:
    """A line of running text: a sentence, or long enough to be one without a full stop."""
    words = _word_count(line)
    return words >= 12 or (words >= 4 and bool(_SENTENCE_TAIL.search(line)))


def _is_content_line(line: str) -> bool:
    """A short line that is text, not a link: code, a table row, a written-out list item."""
    return bool(_CODE_RE.search(line) or _LIST_ITEM_RE.match(line) or _TABLE_ROW_RE.search(line))


def is_listed(line: str) -> bool:
    """A line of a code block, table or list with words in it (not a stray bracket)."""
    return _is_content_line(line) and any(c.isalnum() for c in line)


def _is_content_run(run: list[str]) -> bool:
    """A run of short lines that is a code block, a table or a list, not a menu."""
    return 3 * sum(map(_is_content_line, run)) >= len(run)


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


def _is_copyright(line: str) -> bool:
    """A copyright notice or photo credit line, not a paragraph that mentions one."""
    return _word_count(line) <= MAX_NOTICE_WORDS and bool(COPYRIGHT_RE.search(line))


# A word every embed's placeholder has (lower case): a cheap test first.
_NOTICE_HINT = re.compile(r"inhalt|content|contenu|datenschutz|privatsph|privacy|cookie|anzeige")


def _stands_in(line: str) -> bool:
    """A line that is only a photo credit ("Paul Morigi/Getty Images"), a label
    ("Advertisement", "5 min read"), or what a page shows in place of an embed
    ("Externer Inhalt nicht verfügbar"). Dropped from what is kept, not before: beside
    the captions and menus around it, it helps tell the page's furniture from its text."""
    if _word_count(line) > MAX_NOTICE_WORDS:
        return False
    notice = _NOTICE_HINT.search(line.lower()) and EMBED_NOTICE_RE.search(line)
    return bool(notice or CREDIT_ONLY_RE.fullmatch(line) or UI_LABEL_RE.fullmatch(line.strip()))


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into one line a paragraph.

    Text saved with its source's line breaks (``<pre>``, or HTML written with newlines
    inside paragraphs) breaks sentences anywhere: a line that starts in lower case after
    one that ends mid-sentence continues it, if it ends the sentence or has the length
    of wrapped text. A short lower-case tail after a headline (``vor 2 Stunden``, ``di
    Mario Rossi``, an icon's name) is not a continuation; code keeps its lines.
    """
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            prev
            and line.lstrip()[:1].islower()
            and not _SENTENCE_TAIL.search(prev)
            and (_SENTENCE_TAIL.search(line) or _word_count(line) >= WRAPPED_WORDS)
            and max(_word_count(prev), _word_count(line)) >= WRAPPED_WORDS
            and not _CODE_RE.search(prev)
            and not _CODE_RE.search(line)
        ):
            out[-1] = f"{prev.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _short_runs(texty: list[bool], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of consecutive non-text lines in ``texty[lo:hi]``."""
    hi = len(texty) if hi is None else hi
    runs: list[tuple[int, int]] = []
    for i in range(lo, hi):
        if texty[i]:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _line_scores(lines: list[str], texty: list[bool]) -> list[float]:
    """How much each line says "article here".

    A sentence counts its words; a short line of page furniture (menu entry, teaser
    title, share button) costs ``SHORT_LINE_COST``; code, tables, lists and lines with
    no letters (chart labels, dates, counters) count nothing either way.
    """
    scores = []
    for line, text in zip(lines, texty, strict=True):
        if text:
            scores.append(float(_word_count(line)))
        elif _is_content_line(line) or not any(c.isalpha() for c in line):
            scores.append(0.0)
        else:
            scores.append(-SHORT_LINE_COST)
    for start, end in _short_runs(texty):
        if _is_content_run(lines[start:end]):
            scores[start:end] = [0.0] * (end - start)
    return scores


def _best_run(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The run of ``scores[lo:hi]`` with the largest sum: ``(sum, start, end)``."""
    best, span = 0.0, (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if total > best:
            best, span = total, (start, i + 1)
    return best, span[0], span[1]


def _text_blocks(lines: list[str], texty: list[bool]) -> list[tuple[int, int]]:
    """The ``(start, end)`` line spans that hold the article.

    The article is where sentences outweigh the short lines between them: the run of
    lines with the best score. Text beyond a long stretch of menus and teaser titles is
    another part of the page (a footer, comments, the next story's summary) unless it
    weighs at least ``OTHER_BLOCK_SHARE`` of the article: then the article goes on after
    a gallery, a table of contents or a widget. A list or a code block right before or
    after a block belongs to it.
    """
    scores = _line_scores(lines, texty)
    top, start, end = _best_run(scores, 0, len(scores))
    found = [(start, end)]
    todo = [(0, start), (end, len(scores))]
    while todo:
        lo, hi = todo.pop()
        score, start, end = _best_run(scores, lo, hi)
        if score > 0 and score >= OTHER_BLOCK_SHARE * top:
            found.append((start, end))
            todo += [(lo, start), (end, hi)]
    blocks: list[tuple[int, int]] = []
    for first, stop in sorted(found):
        start, end = first, stop
        while start > 0 and is_listed(lines[start - 1]):
            start -= 1
        while end < len(lines) and is_listed(lines[end]):
            end += 1
        if blocks and start <= blocks[-1][1]:
            start = blocks.pop()[0]
        blocks.append((start, end))
    return blocks


# A dump runs its page's blocks together when its lines are this long on average, or
# when one of them holds a run of labels (``_segments``).
RUN_TOGETHER_CHARS = 400
SEGMENT_WORDS = 40  # a line this long may be a page's blocks run together: judge its parts
# A line runs blocks together when it holds this many label-like words in a row; a
# paragraph's names and titles are shorter ("Tasarruf Mevduatı Sigorta Fonu (TMSF)").
LONG_CAP_RUN = 9
CAP_RUN = 5  # in such a line, a run this long is a menu, a tag list or labels
RUN_CHUNK = 2  # words a line when a run of labels is cut up: about one menu entry
SENTENCE_LOOKAHEAD = 4  # words after a run of labels where the sentence may start
MAX_LABEL_CHARS = 8  # a word of a script without spaces this short, spaced: a menu entry
# A word that ends a clause ("Times,", "Want.”"): a run of labels stops there.
_CLAUSE_MARK = re.compile(r"[,;:.!?…][\"”’»)\]]*$")
_BULLETS = frozenset("+ * ◦ ▪ ‣".split())


def _first_alnum(word: str) -> str:
    return next((c for c in word if c.isalnum()), "")


def _label_like(word: str) -> bool:
    """A word a menu or a label list is made of: capitalised ("Business", "End"), a
    number, a joiner ("&", "|"), or a short spaced word of a script without spaces."""
    first = _first_alnum(word)
    if not first:
        return word not in _BULLETS  # a list's items are the text ("+ Added Slime Block")
    if _NO_SPACE_RE.match(first):
        return len(word) <= MAX_LABEL_CHARS
    return first.isupper() or first.isdigit()


def _is_number(word: str) -> bool:
    return _first_alnum(word).isdigit()


def _opens_sentence(words: list[str], k: int) -> bool:
    """``words[k]`` is capitalised and two lower-case words follow it ("Every
    stranger's face"), unlike a label's ("Machine vision Neural")."""
    return (
        k + 2 < len(words)
        and words[k][:1].isupper()
        and all(w[:1].islower() for w in words[k + 1 : k + 3])
    )


def _sentence_start(words: list[str], last: int) -> int:
    """Where the sentence after a run of labels ending at ``words[last]`` starts: at
    that last word when it opens one, or a few words on when the last label runs on in
    lower case ("… Technology Machine vision Neural Network Every stranger's face …")."""
    if _opens_sentence(words, last):
        return last
    for k in range(last + 1, min(last + 1 + SENTENCE_LOOKAHEAD, len(words))):
        if _CLAUSE_MARK.search(words[k - 1]):
            break
        if _opens_sentence(words, k):
            return k
    return last


def _split_piece(piece: str, min_run: int = CAP_RUN) -> list[str]:
    """``piece`` cut around its runs of ``min_run`` or more label-like words; each run
    is cut into ``RUN_CHUNK``-word lines, so that it weighs as the menu it is. The text
    after a run starts where its sentence does (``_sentence_start``). A run a third of
    it numbers is a table, not labels."""
    words = piece.split()
    if len(words) < min_run:
        return [piece]
    out: list[str] = []
    start = i = 0
    while i < len(words):
        if not _label_like(words[i]):
            i += 1
            continue
        j = i
        while j < len(words) and _label_like(words[j]) and not _CLAUSE_MARK.search(words[j]):
            j += 1
        end = j
        if j < len(words) and not _label_like(words[j]) and end - i > min_run:
            end = _sentence_start(words, j - 1)
        elif j < len(words) and _CLAUSE_MARK.fullmatch(words[j]) and end - i > min_run:
            end -= 1  # a speaker's or a field's label stays with its text ("MC : That's …")
        # A table's rows: "4.2.3 April 2014 4.1.6 April 2014 …".
        numbers = sum(map(_is_number, words[i:end]))
        if end - i >= min_run and 3 * numbers < end - i:
            if start < i:
                out.append(" ".join(words[start:i]))
            out += [" ".join(words[k : min(k + RUN_CHUNK, end)]) for k in range(i, end, RUN_CHUNK)]
            start = end
        i = max(j, start, i + 1)
    if start < len(words):
        out.append(" ".join(words[start:]))
    return out


def _segments(line: str) -> list[str]:
    """``line`` in the parts a scraper ran together: a long line that holds a run of
    ``LONG_CAP_RUN`` labels is cut around its runs of labels (``_split_piece``); other
    lines stay whole."""
    if _word_count(line) < SEGMENT_WORDS:
        return [line]
    parts = _split_piece(line, LONG_CAP_RUN)
    return _split_piece(line) if len(parts) > 1 else parts


def _main_lines(text: str) -> str:
    """``_kept_lines`` of ``text`` without photo credits and embeds' placeholders."""
    return "\n".join(line for line in _kept_lines(text).split("\n") if not _stands_in(line))


def _kept_lines(text: str) -> str:
    """Keep the running text of a flattened page: its sentences and their headings.

    A scraper's dump of a whole page puts every menu entry, share button, teaser title
    and footer link on its own short line without a full stop; article paragraphs are
    sentences. The article is the block of the page where sentences dominate
    (``_text_blocks``); inside it, short lines stay as headings, captions and list items
    when they come a few at a time, and code, tables and written-out lists however
    long they run. A long line that runs the page's blocks together is judged by its
    parts (``_segments``), and what is kept of it put back together. Dumps of a few
    lines (the text alone, or paragraphs that run artefacts together) are left as they
    are, hard-wrapped lines joined: there the line breaks do not mark blocks. Copyright
    lines go from every dump.
    """
    lines = [line for line in text.split("\n") if line.strip() and not _is_copyright(line)]
    lines = _join_wrapped(lines)
    # Judge the parts of lines that run a page's blocks together; put back together
    # what is kept of each line (``origin``: the line each part comes from).
    parts = [(n, part) for n, line in enumerate(lines) for part in _segments(line)]
    if len(parts) < MIN_PAGE_LINES:
        return "\n".join(lines)
    origin = [n for n, _ in parts]
    lines = [part for _, part in parts]
    texty = [_is_text_line(line) for line in lines]
    if not any(texty):
        return "\n".join(lines)
    kept: list[int] = []
    for start, end in _text_blocks(lines, texty):
        runs = {run[0]: run[1] for run in _short_runs(texty, start, end)}
        i = start
        while i < end:
            if i not in runs:
                kept.append(i)
                i += 1
                continue
            run = lines[i : runs[i]]
            if len(run) <= MAX_SHORT_RUN or _is_content_run(run):
                kept.extend(range(i, runs[i]))
            i = runs[i]
    out: list[str] = []
    for k, i in enumerate(kept):
        if k and origin[kept[k - 1]] == origin[i] and kept[k - 1] == i - 1:
            out[-1] += " " + lines[i]
        else:
            out.append(lines[i])
    return "\n".join(out)


HEADLINE_ZONE = 400  # characters at the start where a variant of the headline is looked for
MAX_DEK_WORDS = 60  # a standfirst is a sentence or two
MAX_EATEN_WORDS = 2  # headline words the boilerplate may take with the menu before it
_WORD_RE = re.compile(r"\S+")


DATED_HEADLINE_GAP = 200  # characters from a late headline to its day or byline
DATED_HEADLINE_SHOWINGS = 3


def _dated_showing(text: str, title: str, index: int) -> int:
    """Where ``text`` shows the headline ``title`` with its day or byline right after
    it ("Superbugs: What They Are … April 17, 2015 -- Imagine …"), when menus pushed
    it past the zone where a headline is looked for (WebMD's mega-menu fills half
    the page); -1 if no showing is dated. A showing in a teaser or a share link has
    neither after it."""
    for _ in range(DATED_HEADLINE_SHOWINGS):
        if index < 0:
            return -1
        after = text[index + len(title) : index + len(title) + DATED_HEADLINE_GAP]
        if written_day_offsets(after):
            return index
        index = text.find(title, index + len(title))
    return -1


_TITLE_PARTS = re.compile(r"\s+[-|–—·]\s+")
_SHOWN_SEP = re.compile(r"\s*[-|–—·:]\s*")
TITLE_PART_WORDS = 5  # a part this long of a chained title can stand for the headline


def _shown_title_part(text: str, title: str) -> tuple[str, int] | None:
    """The longest part of a title that chains the headline with the day, section and
    site ("Tite diz que errou … em 2012 - 21/12/2018 - Esporte - Folha") that ``text``
    shows as a headline (not run on into a sentence), of ``TITLE_PART_WORDS`` words or
    more, and where: its last showing in the text's first third (a breadcrumb may show
    it first); None if none is shown."""
    parts = sorted(_TITLE_PARTS.split(title), key=len, reverse=True)
    if len(parts) < 2:
        return None
    zone = max(HEADLINE_ZONE, len(text) // 3)
    for part in parts:
        if len(part.split()) < TITLE_PART_WORDS:
            break
        shown = [
            m.start() for m in re.finditer(re.escape(part), text[: zone + len(part)])
            if m.start() <= zone and not _IN_PROSE_AFTER.match(text, m.end())
        ]  # fmt: skip
        if shown:
            # The parts after it that the text shows too go with it, whatever the dash
            # ("… commerce – VB Engage" for "… commerce - VB Engage").
            at = shown[-1]
            end = at + len(part)
            for after in _TITLE_PARTS.split(title[title.find(part) + len(part) :])[1:]:
                sep = _SHOWN_SEP.match(text, end)
                if not (sep and after and text.startswith(after, sep.end())):
                    break
                end = sep.end() + len(after)
            return text[at:end], at
    return None


def _drop_before_title(text: str, title: str | None) -> tuple[str, bool, bool]:
    """Navigation and section labels come before the headline: cut up to it. Also says
    whether the headline was found, and whether a separator followed it (the rest of
    its line is then the standfirst). The headline is the scraper's ``title``, else one
    the page shows twice in a row after its breadcrumb."""
    index = text.find(title) if title else -1
    if title and index < 0 and (shown := _shown_title_part(text, title)):
        title, index = shown
    if title and index > max(HEADLINE_ZONE, len(text) // 3):
        index = _dated_showing(text, title, index)
    if title and index >= 0:
        rest = text[index + len(title) :]
        # The headline shown twice (a breadcrumb's, then the page's) goes twice, and so
        # does the separator between it and the standfirst ("… Clyde / Discord users …").
        # A sentence that merely starts with the headline's words stays.
        while (again := rest.lstrip()).startswith(title) and _AFTER_HEADLINE.match(
            again, len(title)
        ):
            rest = again[len(title) :]
    elif twice := _headline_shown_twice(text):
        rest = text[twice[1] :]
    elif (crumbs := _LEADING_CRUMBS.match(text)) and not _PIPE_ROW_RE.match(text):
        # The text opens with a separator: the headline before it was learned as the
        # site's boilerplate (The Verge's sidebars list it on many pages) and is gone,
        # with the breadcrumb; the separator's last section label goes too.
        return text[crumbs.end() :], True, True
    else:
        return text, False, False
    after = _LEADING_SEP.sub(" ", rest, count=1)
    return after, True, after != rest


MIN_SHOWN_TWICE = 4  # words of a headline shown twice in a row


def _headline_shown_twice(text: str) -> tuple[int, int] | None:
    """Where a headline shown twice in a row near the start of ``text`` begins, and where
    its second showing ends: the breadcrumb's last entry, then the page's own headline
    ("Google / Tech / Bard isn't a search engine Bard isn't a search engine / Bard is
    …"), which need not be the scraper's title (an SEO form of it). Four words to a
    headline's twenty, followed by a separator or the line's end and more text, after
    labels only: a sentence said twice in a text (a transcript's) is not one."""
    found = list(_WORD_RE.finditer(text[:HEADLINE_ZONE]))
    keys = [m.group() for m in found]
    for i, key in enumerate(keys):
        for k in range(min((len(keys) - i) // 2, MAX_TEASER_WORDS), MIN_SHOWN_TWICE - 1, -1):
            if keys[i + k] == key and keys[i : i + k] == keys[i + k : i + 2 * k]:
                end = found[i + 2 * k - 1].end()
                if _AFTER_HEADLINE.match(text, end) and text[end:].strip():
                    start = found[i].start()
                    return None if PROSE_END_RE.search(text, 0, start) else (start, end)
    return None


_LEADING_SEP = re.compile(r"^[ \t]*[/|·•][ \t]+")
# Separators at the very start, with section labels of up to three words between them.
_LEADING_CRUMBS = re.compile(r"^\s*(?:[/|·•][ \t]+(?:[^\s/|·•]+[ \t]+){0,3}?)*[/|·•][ \t]+")
_PIPE_ROW_RE = re.compile(r"\s*\|[^\n]*\|[ \t]*(?:\n|$)")  # a text table's row: "| a | b |"
_AFTER_HEADLINE = re.compile(r"[ \t]*(?:$|\n|[/|·•][ \t])")


def _word_key(word: str) -> str:
    return re.sub(r"\W", "", word.casefold())


def _headline_variant_end(text: str, title: str) -> int:
    """Where another form of ``title`` ends near the start of ``text``, or 0.

    The page may show another form of the scraper's title ("How to create, release, and
    share generative AI responsibly" for "How to create, release and share …", "3 space
    science questions …" for "The space science questions …"): a run of at least 60% of
    the title's words (four or more), after some labels and before a capitalised word or
    a line break, within the first ``HEADLINE_ZONE`` characters, stands for it.
    """
    wanted = [k for k in map(_word_key, title.split()) if k]
    if len(wanted) < 4:
        return 0
    words = [
        (m.end(), key)
        for m in _WORD_RE.finditer(text[:HEADLINE_ZONE])
        if (key := _word_key(m.group()))
    ]  # a dash or a bar is no word: "money — unlike" is "money -- unlike"
    best_len, best_start, best_end, best_from = 0, 0, 0, 0
    for i in range(len(words)):
        for j in range(len(wanted)):
            k = 0
            while i + k < len(words) and j + k < len(wanted) and words[i + k][1] == wanted[j + k]:
                k += 1
            if k > best_len:
                best_len, best_start, best_end, best_from = k, i, words[i + k - 1][0], j
    # The text opening with the headline's words has no labels to cut, unless it opens
    # with the headline less a word or two at either end, the rest of its line gone: the
    # site's menu ended with "Intel", or its share bar began after "apps", on enough of
    # its pages that the learned boilerplate took the word ("launches S-Series CPUs
    # primed for gamers" for "Intel launches …"; an opening word such as "The" is kept,
    # ``_keep_opening_words``). Or with the whole headline, spelt otherwise.
    missing_end = len(wanted) - best_from - best_len
    eaten = (
        best_from <= MAX_EATEN_WORDS
        and missing_end <= MAX_EATEN_WORDS
        and (missing_end == 0 or text[best_end : best_end + 1] == "\n")
    )
    if (best_start == 0 and not eaten) or best_len < max(4, 0.6 * len(wanted)):
        return 0
    after = text[best_end:]
    following = after.lstrip()
    if following and not (following[0].isupper() or following[0].isdigit() or after[:1] == "\n"):
        return 0
    return best_end


_BIO_RE = re.compile(r"^\s*,\s*(?:a|an|the|who|un|una|il|la)\b", re.I)
# What a byline line carries after the names: a date, maybe labelled, and its time.
_BYLINE_DATE_RE = re.compile(
    r"^[\s,|·•–—-]*(?:(?:last\s+)?(?:updated|published|posted|aggiornato|pubblicato)"
    r"(?:\s+(?:on|il))?\s*:?\s*)?"
    r"(?:[A-Za-zà-ü]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+[A-Za-zà-ü]{3,9}\.?\s+\d{4}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:,?\s*(?:at\s+|ore\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?",
    re.I,
)
MAX_BIO_WORDS = 80  # a byline's line this short with a bio after the name is all byline


def _take_byline(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the byline near its start (and the date after it), and the
    byline's authors. A line that is only a byline and its author's bio ("By Jane Doe,
    a senior editor who ...") goes entirely."""
    names, start, end = text_byline(text)
    if not names:
        return text, ()
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[end:line_end]
    if _BIO_RE.match(rest) and len(text[start:line_end].split()) <= MAX_BIO_WORDS:
        rest = ""
    rest = _BYLINE_DATE_RE.sub("", rest).strip(" ,;:|·•–—-")
    return text[:start].rstrip(" \t") + (" " + rest if rest else "") + text[line_end:], names


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


# A scraper that joins a page's text nodes with spaces leaves one wherever a link or
# an emphasis ended or began: "ThisPersonDoesNotExist.com , a website", "( Reuters )",
# "Discovery 's crew", "an artificial “ brain". No language spaces a comma, a closing
# parenthesis or a possessive off its word, nor an opening one off the next. Left alone:
# ":;!?" (French spaces them), ". . ." and ".NET", and a “ that closes a German quote
# („Gefahr“ und): only a “ after a space opens one.
_INLINE_GAPS = (
    (re.compile(r"(?<=[^\s,(]) +(?=,(?:\s|$))"), ""),
    (re.compile(r"(?<=[^\s.]) +\.(?=\s|$)(?! \.)"), "."),
    (re.compile(r"(?<=[^\s(]) +(?=\))"), ""),
    (re.compile(r"\( +(?=[^\s)])"), "("),
    (re.compile(r"(?<=\w) +(?=['’]s\b)"), ""),
    (re.compile(r"(?:^|(?<=\s))“ +(?=\w)"), "“"),
    (re.compile(r"(?<=[\w.!?]) +”(?=\s|$|[,.;:!?)])"), "”"),
)


def close_inline_gaps(text: str) -> str:
    """``text`` without the spaces a flattening scraper put inside its phrases; a line of
    code keeps its own."""
    if _CODE_RE.search(text):
        return text
    for pattern, repl in _INLINE_GAPS:
        text = pattern.sub(repl, text)
    return text


# The page's own script, scraped with its text: a call on the page's DOM that takes a
# function ("document.addEventListener('DOMContentLoaded', function(){ … })", the
# Guardian's menus), run into a line of other words. A tutorial's code stands on lines
# of its own, and stays.
_DOM_CALL_RE = re.compile(r"\b(?:document|window)(?:\.\w+)+\s*\(")
MIN_WORDS_BESIDE_SCRIPT = 3


def _script_end(line: str, start: int) -> int:
    """Where the call opening at ``start`` (its "(" the last character of the match)
    closes, with the ";" after it; -1 when it does not close in ``line``."""
    depth = 0
    for i in range(start, len(line)):
        if line[i] in "({[":
            depth += 1
        elif line[i] in ")}]":
            depth -= 1
            if depth == 0:
                return i + 1 + (line[i + 1 : i + 2] == ";")
    return -1


def without_inline_scripts(line: str) -> str:
    """``line`` without the page scripts run into it (``_DOM_CALL_RE``)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while match := _DOM_CALL_RE.search(line, pos):
        end = _script_end(line, match.end() - 1)
        if end < 0:
            break
        if "{" in line[match.end() : end]:
            spans.append((match.start(), end))
        pos = end
    if not spans:
        return line
    parts, last = [], 0
    for start, end in spans:
        parts.append(line[last:start])
        last = end
    kept = " ".join(" ".join([*parts, line[last:]]).split())
    return kept if len(kept.split()) >= MIN_WORDS_BESIDE_SCRIPT else line


def _site_names(site: str | None) -> tuple[str, ...]:
    """The names a site's host spells, as its own photo credits give them ("WIRED" for
    wired.com): its labels but the last, three letters or more, not "www"."""
    labels = (site or "").lower().split(".")[:-1]
    return tuple(label for label in labels if len(label) >= 3 and label != "www")


# The page's own form of the headline: a run of this share of the title's words, in order.
_HEADLINE_FORM_SHARE = 0.6
_HEADLINE_FORM_WORDS = 4


def _headline_form(text: str, title: str) -> str | None:
    """The longest run of ``title``'s words that ``text`` shows in a row, anywhere, when it
    is 60% of them or more (four at least): the headline the page shows where the
    scraper saved its SEO title ("OL i Paris 2024: Tårene rant for … – OL Paris 2024"
    for "Tårene rant for …"). One pass over the text's words."""
    wanted = [k for k in map(_word_key, title.split()) if k]
    need = max(_HEADLINE_FORM_WORDS, math.ceil(_HEADLINE_FORM_SHARE * len(wanted)))
    if len(wanted) < need:
        return None
    where: dict[str, list[int]] = {}
    for j, key in enumerate(wanted):
        where.setdefault(key, []).append(j)
    runs: dict[int, tuple[int, int]] = {}  # title index -> (run length, run's start)
    best = (0, 0, 0)  # (length, start, end) in characters of ``text``
    for match in _WORD_RE.finditer(text):
        key = _word_key(match.group())
        if not key:
            continue  # a dash or a bar is no word, as in the title
        runs = {
            j: (prev[0] + 1, prev[1]) if (prev := runs.get(j - 1)) else (1, match.start())
            for j in where.get(key, ())
        }
        for length, start in runs.values():
            if length > best[0]:
                best = (length, start, match.end())
    length, start, end = best
    return text[start:end] if length >= need else None


# A ``<title>``'s parts: at a spaced separator, or at a bar, a full-width colon or an
# underscore as Chinese and Japanese titles join them ("…找对象_智能_好奇心日报").
_TITLE_PART_SEP = re.compile(rf"{SPACED_SEP}|\s*[|｜：_]\s*")
_TRAILING_CREDIT = re.compile(r"\s*[（(][^（()）]*[)）]$")  # "… （写真＝ロイター）"
_PART_WORDS = 4  # words of a title's part that can stand for its headline
_PART_CJK = 8  # ... or Chinese, Japanese or Korean characters


def _title_part(text: str, title: str) -> str | None:
    """The longest part of ``title`` that ``text`` shows, long enough to be its headline:
    the page shows its headline where the scraper saved a title that chains it with the
    site's name and sections, when the site's name is not one ``strip_site_suffix``
    knows ("Three Ways to Be the Thermostat — Postlight — Digital Strategy, Design and
    Engineering", "O'Reilly Japan - Head First はじめてのプログラミング"). A part with a
    photo credit in brackets or a full stop at its end stands for itself without them
    ("…マウスを発売。｜サンワサプライ株式会社")."""
    for part in sorted(_TITLE_PART_SEP.split(title), key=len, reverse=True):
        bare = _TRAILING_CREDIT.sub("", part).strip().rstrip("。.")
        for form in dict.fromkeys((part.strip(), bare)):
            long_enough = len(form.split()) >= _PART_WORDS or len(CJK_RE.findall(form)) >= _PART_CJK
            if long_enough and form in text:
                return form
    return None


_BYLINE_TO_DAY = 300  # letters from a byline's end to the day it dates
_RELATIVE_NEAR = 100  # letters after a run-together headline where its relative dateline starts


def _names_by_day(source: str, pos: int) -> tuple[tuple[str, ...], str]:
    """The names right before the day at ``pos`` in ``source``, or right after it up to
    a separator ("27. Januar 2026 • Gregor Meier •"), and that byline with its day as
    ``source`` writes them; ``((), "")`` when neither stands there."""
    names, opens = name_before_day(source, pos)
    stop = day_end(source, pos)
    if not names:
        names, stop = name_after_day(source, stop)
        opens = pos
    return names, source[opens:stop] if names else ""


def _names_by_relative(text: str) -> tuple[tuple[str, ...], str]:
    """The names right before a time relative to now that stands right under the
    headline (``text`` follows it) in a dump that runs its blocks together ("…
    eThekwini Zimbili Vilakazi|Published 15 hours ago Adaze …"), and that byline with
    its time as ``text`` writes them; ``((), "")`` when none stands there."""
    rel = relative_day_near(text, _RELATIVE_NEAR)
    if rel is None:
        return (), ""
    names, opens = name_before_day(text, rel[0])
    return names, text[opens : rel[1]] if names else ""


def _showings_by(text: str, headline: str, pos: int) -> list[tuple[int, int]]:
    """Where the showings of ``headline`` in ``text`` that stand by the day at ``pos``
    (ending up to ``_BYLINE_TO_DAY`` letters before it, or starting as far after it)
    start and end."""
    found = []
    at = text.find(headline, max(0, pos - _BYLINE_TO_DAY - len(headline)))
    while 0 <= at <= pos + _BYLINE_TO_DAY:
        found.append((at, at + len(headline)))
        at = text.find(headline, at + 1)
    return found


@dataclass(frozen=True)
class _Dump:
    """What ``_shown_day`` reads a dump's dateline and byline from: ``text`` follows the
    headline when ``after_headline`` (else it is ``whole``, the dump: the headline was
    not found near its start), ``headline`` is the form of the scraper's title the dump
    shows, and ``runs_together`` tells a dump whose lines run the page's blocks
    together."""

    text: str
    whole: str
    after_headline: bool
    title: str | None
    headline: str | None
    runs_together: bool


@dataclass(frozen=True)
class _Dateline:
    """The day a dump shows (ISO), and where: at ``pos`` in ``source``, which starts
    past the dump's start when ``cut``."""

    day: str
    pos: int
    source: str
    cut: bool


_Byline = tuple[tuple[str, ...], str]  # the names, and their byline as the dump writes it


def _dump_of(text: str, whole: str, found: bool, title: str | None) -> _Dump:
    # A page whose lines run its blocks together shows its day further into a line: told
    # by the whole dump (how the scraper saved the page), not what follows the headline.
    head = whole[:DUMP_HEADER_ZONE]
    runs_together = len(head) > RUN_TOGETHER_CHARS * (head.count("\n") + 1) or any(
        len(_segments(line)) > 1 for line in head.split("\n")
    )
    # The scraper's title, else the page's own form of it (an SEO title differs).
    headline = None
    if title:
        headline = (
            title if title in whole else _headline_form(whole, title) or _title_part(whole, title)
        )
    return _Dump(text, whole, found, title, headline, runs_together)


def _dateline(dump: _Dump) -> _Dateline | None:
    """The day shown under the headline anywhere in the dump (above it, or under a
    headline that long menus pushed down), else the day the text after the headline
    shows."""
    if dump.headline:
        near = day_and_headline(dump.whole, dump.headline, runs_together=dump.runs_together)
        if near:
            # A day under the headline has its byline under it too: the menu entries
            # above the headline are no names ("Studio Osnabrück" / headline / day).
            return _Dateline(near[0], near[1] - near[2], dump.whole[near[2] :], near[2] > 0)
    shown = text_day(dump.text, runs_together=dump.runs_together)
    return _Dateline(*shown, dump.text, dump.after_headline) if shown else None


def _undated(dump: _Dump) -> tuple[str | None, tuple[str, ...], str]:
    """Day, names and byline of a dump with no day by its headline."""
    if dump.headline and not dump.runs_together:
        # A dump that keeps its blocks apart may still run a byline and its day into a
        # line of text ("… tatsächlich ist Birgit Baumann Anna Giulia Fink 3. Mai 2024,
        # 17:47 Nach der …"): a day deep in a line under the headline is its dateline when
        # names stand right by it, or its time after it.
        near = day_and_headline(dump.whole, dump.headline, runs_together=True)
        if near:
            by_day = _names_by_day(dump.whole[near[2] :], near[1] - near[2])
            if by_day[0] or day_has_time(dump.whole, near[1]):
                return near[0], *by_day
    late = late_day(dump.whole, BYLINE_START_RE)
    day = late[0] if late else None
    if dump.runs_together:
        return day, *(_names_by_relative(dump.text) if dump.after_headline else ((), ""))
    # No day by the headline, but a time relative to now: the names beside it, or
    # right before it on its line ("Nizaar Kinsella 2 minutes ago"), which then goes.
    rel = relative_dateline(dump.text)
    if rel is None:
        return day, (), ""
    beside = names_beside(dump.text, rel, dump.title)
    if beside:
        return day, beside, ""
    names, opens = name_before_day(dump.text, rel)
    line_end = dump.text.find("\n", rel)
    return day, names, dump.text[opens : line_end if line_end >= 0 else None] if names else ""


# Bylines by a dateline, each finder in turn. Lines tell a byline from the menus beside
# it only when the dump keeps its blocks apart: run together, the parts of a long line
# are menus and labels (bench: 2 names right and 35 wrong on one-line dumps).


def _run_together_by_day(dump: _Dump, at: _Dateline) -> _Byline:
    # Right before the day, a byline is bounded by it ("… hygiene Hazel Sheffield
    # Friday 25 December 2015 0 comments"): that much of a long line is safe.
    return _names_by_day(at.source, at.pos)


def _run_together_by_relative(dump: _Dump, at: _Dateline) -> _Byline:
    return _names_by_relative(dump.text) if dump.after_headline else ((), "")


def _run_together_by_line(dump: _Dump, at: _Dateline) -> _Byline:
    """A "By" byline under the headline, where menus pushed the headline past the
    byline zone of the text ("…offene Fragen?\nVon Christin Jordan 42 Sitzungen …"), or
    right after the dateline ("Erstellt: 28.04.2023, 18:16 Uhr Von: Nadja Zinsmeister"),
    or after the headline shown again by the dateline ("Panorama 29.11.2024 „Niemand
    glaubt Euch“ … Von Patrick Hyslop"); it leaves the text."""
    showings = _showings_by(at.source, dump.headline, at.pos) if dump.headline else []
    starts = [0] if at.cut else []
    starts += [day_end(at.source, at.pos), *(end for _, end in showings)]
    for start_at in starts:
        # text_byline reads only its byline zone: slice no more of a long dump.
        names, start, end = text_byline(at.source[start_at : start_at + BYLINE_ZONE])
        if names:
            # With the day and the headline shown again by it, when the byline follows
            # them: the text starts after the byline.
            begin = start_at + start if start_at == 0 else min([at.pos, *(a for a, _ in showings)])
            return names, at.source[begin : start_at + end]
    return (), ""


def _apart_by_line_above(dump: _Dump, at: _Dateline) -> _Byline:
    # A "By" byline between the headline and its day ("By" / "Serafina Kenny" / a
    # caption / the day), where long menus pushed it past the byline zone of the text.
    names, _, end = text_byline(at.source[: at.pos])
    return (names, "") if names and at.pos - end <= _BYLINE_TO_DAY else ((), "")


def _apart_beside(dump: _Dump, at: _Dateline) -> _Byline:
    return names_beside(at.source, at.pos, dump.title), ""


def _apart_by_day(dump: _Dump, at: _Dateline) -> _Byline:
    return _names_by_day(at.source, at.pos)


_RUN_TOGETHER_FINDERS = (_run_together_by_day, _run_together_by_relative, _run_together_by_line)
_APART_FINDERS = (_apart_by_line_above, _apart_beside, _apart_by_day)


def _shown_day(
    text: str, whole: str, found: bool, title: str | None
) -> tuple[str | None, tuple[str, ...], str]:
    """The day the dump shows under its headline (``text`` is what follows the
    headline when ``found``, else the whole dump), else the day
    shown next to the headline anywhere in the ``whole`` dump: above it, or under a
    headline that long menus pushed down. With it, the names of its byline, the first
    that one of the finders for the dump's kind reads (a byline without "By" beside the
    dateline, ``authors.names_beside``, for a dump that keeps its blocks on lines of
    their own; the names right before the day where they run together,
    ``authors.name_before_day``), and that byline with its day, as the dump writes them,
    when they stand inside a line of text (``""`` otherwise)."""
    dump = _dump_of(text, whole, found, title)
    at = _dateline(dump)
    if at is None:
        return _undated(dump)
    for finder in _RUN_TOGETHER_FINDERS if dump.runs_together else _APART_FINDERS:
        names, byline = finder(dump, at)
        if names:
            return at.day, names, byline
    return at.day, (), ""


def _take_bylines(text: str, beside: tuple[str, ...], dateline: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without its byline, and the byline's authors: a "By" byline's
    (``_take_byline``), else the names beside the day ``_shown_day`` read, whose byline
    and day inside a line (``dateline``) go from the text too."""
    text, authors = _take_byline(text)
    if authors:
        return text, authors
    if dateline and text.count(dateline) == 1:
        # A byline and its day inside a line part what the page showed before them
        # (the standfirst) from what follows (the text).
        text = text.replace(dateline, "\n", 1)
    return text, beside


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
