"""Enrich stage, tags: the page's own tags normalised, plus tags extracted from the text.

Normalisation folds case and spacing and maps variants to one spelling (the most
frequent form in the archive wins). Extraction picks capitalised names (``Elon Musk``,
``Clubhouse``) and frequent content words that are distinctive for the article
against the whole archive (TF-IDF), so tags are shared across articles and browsable.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

__all__ = [
    "MIN_TF",
    "choose_vocabulary",
    "display_forms",
    "extract_candidates",
    "most_common_form",
    "normalize_tag",
    "pick_tags",
    "prose",
    "rank_candidates",
]

# A word list reads best as text; a 270-item list literal would not.
_STOP = frozenset(
    """il lo la i gli le un una uno di del dello della dei degli delle a al allo alla ai agli
    alle da dal dalla dai in nel nella nei con su sul sulla per tra fra e ed o che non come
    ma se anche più questo questa quello quella sono è ha hanno era essere stato stata dopo
    prima oggi ieri domani ancora già tutto tutti molto poi dove quando cosa the a an of to
    in on at by for with from and or but as is are was were be been that this these those it
    its their his her our your you we they he she i not no yes will would can could should
    may might has have had do does did so than then there here what which who whom how why
    when where all any some more most other such into over about after before new says said
    also just like one two three first last year years time people way make made get got us
    our out up down per via mr ms""".split()
)
# Calendar words and generic news vocabulary: frequent, never what an article is about.
_GENERIC = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday gennaio febbraio marzo aprile
    maggio giugno luglio agosto settembre ottobre novembre dicembre lunedì martedì mercoledì
    giovedì venerdì sabato domenica according including however although because during while
    since until among several many much very really still even already often another every
    week weeks month months today yesterday tomorrow percent million millions billion billions
    company companies report reported reports told tells saying nearly published appeared
    around across within without between something someone anything everything thing things
    going being having doing using used uses make makes making take takes taking know known
    think thought want wants wanted could would should might whether where there their these
    those which while other others about above below after again against further once
    secondo durante mentre ancora sempre molto molti molte anche quindi però perché questo
    questa questi queste quello quella quelli quelle essere avere fare detto spiegato
    parlare parla detto anni anno giorno giorni mese mesi settimana oggi ieri domani""".split()
)
MIN_TF = 3  # a candidate said fewer times is not what the article is about
_TOKEN_RE = re.compile(r"[\w’'-]+", re.UNICODE)
_SENTENCE_RE = re.compile(r"(?<=[.!?:;])\s+|\n+")


# Where a Markdown body holds addresses rather than prose: a link's or an image's target
# ("](https://example.com/a "Title")"), an autolink ("<https://...>"), a bare URL.
_LINK_TARGET_RE = re.compile(r"\]\(\s*<?[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_URL_RE = re.compile(r"<?\b(?:https?://|www\.)[^\s<>()]+>?")


def prose(markdown: str) -> str:
    """The words of a Markdown body a reader reads: link and image targets and bare
    URLs dropped ("https", "www" and host names were tags and made articles related)."""
    return _URL_RE.sub(" ", _LINK_TARGET_RE.sub("] ", markdown))


def normalize_tag(tag: str) -> str:
    """Canonical key of a tag: NFKC, lower case, single spaces, no edge punctuation."""
    text = unicodedata.normalize("NFKC", tag).lower()
    return re.sub(r"[\s_]+", " ", text).strip(" #.,;:-–—'\"“”")


def _is_capitalised(token: str) -> bool:
    return (token[:1].isupper() and not token.isupper()) or (token.isupper() and len(token) >= 2)


def _no_possessive(token: str) -> str:
    """The word without a possessive ending ("Musk's": "Musk"); a plain test, not a
    regular expression: it runs for every word of every article."""
    return token[:-2] if token.endswith(("'s", "’s")) else token


def _names(sentence: str, lowercase: Counter[str]) -> list[str]:
    """Runs of capitalised words that are names: not a sentence's first word alone, and
    made of words this text never writes in lower case (so "Apple", "Elon Musk", not
    "Save This Story")."""
    tokens = [_no_possessive(t.strip("’'-")) for t in _TOKEN_RE.findall(sentence)]
    # Contractions ("I’ve", "Don’t") are not names.
    tokens = ["" if ("’" in t or "'" in t) else t for t in tokens]
    out: list[str] = []
    run: list[str] = []
    for index, token in enumerate([*tokens, ""]):
        if token and _is_capitalised(token):
            run.append(token)
            continue
        start = index - len(run)
        # "The", "New" may open a name ("New York") but not stand for one alone.
        while run and run[0].lower() in _STOP and (len(run) == 1 or run[0].lower() != "new"):
            run.pop(0)
            start += 1
        while run and run[-1].lower() in _STOP:
            run.pop()
        if run:
            first = start == 0
            proper = [
                w
                for w in run
                if (len(run) > 1 and w.lower() in _STOP)
                or (lowercase[w.lower()] == 0 and w.lower() not in _GENERIC)
            ]
            if len(proper) == len(run) and len(run) <= 3 and not (first and len(run) == 1):
                out.append(" ".join(run))
            run = []
    return out


def extract_candidates(
    title: str, text: str, forms: dict[str, Counter[str]] | None = None
) -> Counter[str]:
    """Candidate tags with weights: names (weighted up, more in the title) and content
    words of five letters or more; English plurals are merged into the singular.

    ``forms``, when given, collects how the text writes each name ("OpenAI", "LeBron
    James" for the keys "openai", "lebron james") and each word capitalised inside
    ("iPhone"): what a tag is shown as."""
    lowercase = Counter(w for w in _TOKEN_RE.findall(f"{title} {text}") if w[:1].islower())
    counts: Counter[str] = Counter()
    for weight, source in ((5, title), (3, text)):
        for sentence in _SENTENCE_RE.split(source):
            for name in _names(sentence, lowercase):
                key = normalize_tag(name)
                if 2 < len(key) <= 40:
                    counts[key] += weight
                    if forms is not None:
                        forms.setdefault(key, Counter())[name] += 1
    if forms is not None:
        # A word capitalised inside and never written in lower case: "iPhone", "eBay".
        for token in _TOKEN_RE.findall(text):
            if token[:1].islower() and not token.islower() and not lowercase[token.lower()]:
                forms.setdefault(token.lower(), Counter())[token] += 1
    title_words = {w.lower() for w in _TOKEN_RE.findall(title)}
    for word in _TOKEN_RE.findall(text.lower()):
        if len(word) >= 5 and word.isalpha() and word not in _STOP and word not in _GENERIC:
            counts[word] += 1
    for word in title_words:
        if word in counts and len(word) >= 4:
            counts[word] += 3
    for key in [k for k in counts if k.endswith("s") and k[:-1] in counts]:
        counts[key[:-1]] += counts.pop(key)
    return counts


def rank_candidates(
    candidates: Counter[str],
    doc_freq: Counter[str],
    n_docs: int,
    *,
    site_share: Callable[[str], float] = lambda _key: 0.0,
    limit: int = 20,
) -> list[str]:
    """The article's candidates worth a tag, most distinctive first (TF-IDF).

    A candidate said fewer than three times is not what the article is about; one in
    nearly every article (or in a quarter of the articles of its own site: its template,
    its name, its house brands) says nothing about this one.
    """
    scored = []
    for key, tf in candidates.items():
        df = doc_freq.get(key, 0)
        if df < 2 or df > max(2, n_docs * 0.3) or tf < MIN_TF or site_share(key) > 0.25:
            continue
        scored.append((tf * math.log(1 + n_docs / df), key))
    ranked: list[str] = []
    for _score, key in sorted(scored, key=lambda s: (-s[0], s[1])):
        if not any(key in c.split() or c in key.split() for c in ranked):
            ranked.append(key)
        if len(ranked) >= limit:
            break
    return ranked


def choose_vocabulary(rankings: Sequence[Sequence[str]], *, max_tags: int, n_docs: int) -> set[str]:
    """Tags that enough articles would carry: a tag page of one article helps nobody.

    The bar rises with the archive (2 articles in a tiny one, 5 from about 600 up),
    which keeps the number of tag pages and tag feeds in proportion.
    """
    min_df = max(2, min(5, n_docs // 200 + 2))
    votes: Counter[str] = Counter()
    for ranked in rankings:
        votes.update(ranked[:max_tags])
    return {key for key, count in votes.items() if count >= min_df}


def pick_tags(
    page_tags: Sequence[str],
    ranked: Sequence[str],
    vocabulary: set[str],
    *,
    max_tags: int,
    display: dict[str, str],
) -> list[str]:
    """Page tags first, in the page's order, then the article's best candidates from the
    shared vocabulary, in alphabetical order.

    Rank picks the candidates, not their order: scores move with every article added to
    the archive, and ordering by them rewrote an article whose tags had not changed (8
    of the 43 files one new article made enrich rewrite, in a 1,030-article archive).
    """
    chosen: list[str] = []
    for tag in page_tags:
        key = normalize_tag(tag)
        if key and key not in chosen:
            chosen.append(key)
    own = len(chosen)
    for key in ranked:
        if len(chosen) >= max_tags:
            break
        if key in vocabulary and key not in chosen:
            chosen.append(key)
    picked = chosen[own:max_tags]
    picked.sort(key=lambda k: (str(display.get(k) or k).casefold(), k))
    return [display.get(k, k) for k in chosen[:own][:max_tags] + picked]


def most_common_form(forms: Counter[str]) -> str:
    """The form written most often; on a tie, the first in code-point order."""
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def display_forms(all_tags: Iterable[str]) -> dict[str, str]:
    """Most frequent surface form of each normalised tag (ties: alphabetical)."""
    forms: dict[str, Counter[str]] = {}
    for tag in all_tags:
        forms.setdefault(normalize_tag(tag), Counter())[" ".join(tag.split())] += 1
    return {k: most_common_form(c) for k, c in forms.items() if k}
