"""Enrich stage, related links: articles most similar to each other, by TF-IDF cosine.

Each article is reduced to its 30 most distinctive words (title words count double);
candidates come from an inverted index over those words, so the cost grows with the
archive roughly linearly, not with its square. Ties break on URL: output is stable.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsarchive.enrich.tags import _STOP

__all__ = ["Doc", "related_articles"]

TOP_TERMS = 30


@dataclass(frozen=True)
class Doc:
    key: str
    title: str
    text: str


def _terms(doc: Doc) -> Counter[str]:
    words = re.findall(r"[a-zà-ÿ0-9]{3,}", f"{doc.title} {doc.title} {doc.text}".lower())
    return Counter(w for w in words if w not in _STOP and not w.isdigit())


def related_articles(
    docs: Sequence[Doc], *, limit: int = 5, min_score: float = 0.08
) -> dict[str, list[str]]:
    """``{key: [related keys, best first]}`` for every doc."""
    term_counts = [_terms(d) for d in docs]
    df: Counter[str] = Counter()
    for counts in term_counts:
        df.update(counts.keys())
    n = len(docs)
    max_df = max(2, int(n * 0.2))
    vectors: list[dict[str, float]] = []
    for counts in term_counts:
        weights = {
            t: (1 + math.log(c)) * math.log(1 + n / df[t])
            for t, c in counts.items()
            if 1 < df[t] <= max_df
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term, weight in vec.items():
            postings[term].append((i, weight))
    out: dict[str, list[str]] = {}
    for i, vec in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        for term, weight in vec.items():
            for j, other in postings[term]:
                if j != i:
                    scores[j] += weight * other
        ranked = sorted(
            ((s, docs[j].key) for j, s in scores.items() if s >= min_score),
            key=lambda sk: (-sk[0], sk[1]),
        )
        out[docs[i].key] = [k for _, k in ranked[:limit]]
    return out
