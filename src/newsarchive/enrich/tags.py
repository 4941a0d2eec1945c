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
from collections.abc import Iterable, Sequence

__all__ = ["display_forms", "extract_candidates", "normalize_tag", "pick_tags"]

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
    our out up down per via mr ms""".split()  # noqa: SIM905
)
_NAME_RE = re.compile(r"\b([A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){0,2})")


def normalize_tag(tag: str) -> str:
    """Canonical key of a tag: NFKC, lower case, single spaces, no edge punctuation."""
    text = unicodedata.normalize("NFKC", tag).lower()
    return re.sub(r"[\s_]+", " ", text).strip(" #.,;:-–—'\"“”")


def extract_candidates(title: str, text: str) -> Counter[str]:
    """Candidate tags with weights: capitalised names (not sentence starts) and words."""
    counts: Counter[str] = Counter()
    body = f"{title}. {title}. {text}"
    for match in _NAME_RE.finditer(body):
        start = match.start()
        before = body[max(0, start - 2) : start]
        phrase = match.group(1)
        words = phrase.split()
        if before.strip() in {"", ".", "!", "?", "»", "”", '"'} and len(words) == 1:
            continue  # a capitalised sentence start is not a name
        words = [w for w in words if w.lower() not in _STOP]
        if not words:
            continue
        key = normalize_tag(" ".join(words))
        if 2 < len(key) <= 40:
            counts[key] += 2
    for word in re.findall(r"[a-zà-ÿ]{5,}", body.lower()):
        if word not in _STOP:
            counts[word] += 1
    return counts


def pick_tags(
    page_tags: Sequence[str],
    candidates: Counter[str],
    doc_freq: Counter[str],
    n_docs: int,
    *,
    max_tags: int,
    display: dict[str, str],
) -> list[str]:
    """Page tags first, then the most distinctive candidates shared with other articles."""
    chosen: list[str] = []
    for tag in page_tags:
        key = normalize_tag(tag)
        if key and key not in chosen:
            chosen.append(key)
    scored = []
    for key, tf in candidates.items():
        df = doc_freq.get(key, 0)
        if df < 2 or df > max(2, n_docs * 0.3):
            continue  # a tag nobody else has is no use for browsing; a ubiquitous one neither
        scored.append((tf * math.log(1 + n_docs / df), key))
    for _score, key in sorted(scored, key=lambda s: (-s[0], s[1])):
        if len(chosen) >= max_tags:
            break
        if key not in chosen and not any(key in c.split() or c in key.split() for c in chosen):
            chosen.append(key)
    return [display.get(k, k) for k in chosen[:max_tags]]


def display_forms(all_tags: Iterable[str]) -> dict[str, str]:
    """Most frequent surface form of each normalised tag (ties: alphabetical)."""
    forms: dict[str, Counter[str]] = {}
    for tag in all_tags:
        forms.setdefault(normalize_tag(tag), Counter())[" ".join(tag.split())] += 1
    return {
        k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in forms.items() if k
    }
