"""Enrich stage, related links: articles most similar to each other, by TF-IDF cosine.

Each article is reduced to its 30 most distinctive words (title words count double);
candidates come from an inverted index over those words, so the cost grows with the
archive roughly linearly, not with its square. Ties break on URL: output is stable.

Articles are added one at a time (``RelatedIndex.add_terms``) and kept as arrays of word ids
and counts (6.4 KB an article in a 3,772-article archive), not as their text: the
weights need every article's document frequencies first, and an archive of 100,000
articles does not fit in memory as text and counters.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict

from newsarchive.enrich.tags import _STOP

__all__ = ["Interned", "RelatedIndex", "terms"]

TOP_TERMS = 30


def terms(title: str, text: str) -> Counter[str]:
    """The words an article is compared by, and their counts (title words count double)."""
    words = re.findall(r"[a-zà-ÿ0-9]{3,}", f"{title} {title} {text}".lower())
    return Counter(w for w in words if w not in _STOP and not w.isdigit())


class Interned:
    """Strings numbered in the order they are first seen: arrays hold the numbers."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._ids: dict[str, int] = {}

    def id(self, text: str) -> int:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.strings)
            self.strings.append(text)
        return found

    def __getitem__(self, number: int) -> str:
        return self.strings[number]


class RelatedIndex:
    """The articles' words, added one article at a time; ``related`` ranks them."""

    def __init__(self) -> None:
        self._words = Interned()
        self._df = array("q")  # by word id
        self._keys: list[str] = []
        self._docs: list[tuple[array[int], array[int]]] = []  # (word ids, counts)

    def add_terms(self, key: str, counts: dict[str, int]) -> None:
        """Add an article by its :func:`terms`."""
        ids, tfs = array("q"), array("q")
        for word, count in counts.items():
            wid = self._words.id(word)
            if wid == len(self._df):
                self._df.append(0)
            self._df[wid] += 1
            ids.append(wid)
            tfs.append(count)
        self._keys.append(key)
        self._docs.append((ids, tfs))

    def _vectors(self) -> list[tuple[array[int], array[float]]]:
        """Each article's best ``TOP_TERMS`` words and their normalised weights."""
        n, df, words = len(self._docs), self._df, self._words
        max_df = max(2, int(n * 0.2))
        vectors = []
        for ids, tfs in self._docs:
            weights = [
                (words[w], (1 + math.log(c)) * math.log(1 + n / df[w]), w)
                for w, c in zip(ids, tfs, strict=True)
                if 1 < df[w] <= max_df
            ]
            top = sorted(weights, key=lambda t: (-t[1], t[0]))[:TOP_TERMS]
            norm = math.sqrt(sum(wt * wt for _, wt, _ in top)) or 1.0
            vectors.append(
                (array("q", (w for _, _, w in top)), array("d", (wt / norm for _, wt, _ in top)))
            )
        return vectors

    def related(self, *, limit: int = 5, min_score: float = 0.08) -> dict[str, list[str]]:
        """``{key: [related keys, best first]}`` for every article."""
        vectors = self._vectors()
        postings: dict[int, tuple[array[int], array[float]]] = defaultdict(
            lambda: (array("q"), array("d"))
        )
        for i, (ids, weights) in enumerate(vectors):
            for wid, weight in zip(ids, weights, strict=True):
                docs, values = postings[wid]
                docs.append(i)
                values.append(weight)
        keys = self._keys
        out: dict[str, list[str]] = {}
        for i, (ids, weights) in enumerate(vectors):
            scores: dict[int, float] = defaultdict(float)
            for wid, weight in zip(ids, weights, strict=True):
                docs, values = postings[wid]
                for j, other in zip(docs, values, strict=True):
                    if j != i:
                        scores[j] += weight * other
            ranked = sorted(
                ((s, keys[j]) for j, s in scores.items() if s >= min_score),
                key=lambda sk: (-sk[0], sk[1]),
            )
            out[keys[i]] = [k for _, k in ranked[:limit]]
        return out
