"""Index stage: field names, weights and query rules shared by every search side.

Why per-language fields (``title_it``/``title_en``...): a Whoosh field has exactly one
analyzer, and a query word must be analysed with the analyzer its field was indexed
with. An analyzer that picked the language per document could not know, at query time,
which stemmer to apply. With one field per language, an Italian article fills only the
``*_it`` fields, and each query word is stemmed both ways and looked up in both: one
box finds "aziende" in Italian articles and "companies" in English ones.

Scores are Whoosh's BM25F per field (``B``, ``K1``) times the field weight below, summed
over the fields and words of the query; ``search.js`` computes the same sum from the
exported statistics. Nothing here imports whoosh.
"""

from __future__ import annotations

__all__ = [
    "FIELD_WEIGHTS",
    "FORMAT_VERSION",
    "K1",
    "LANGS",
    "PREFIX_MAX",
    "PREFIX_MIN",
    "PREFIX_WEIGHT",
    "SIMPLE_FIELDS",
    "STORED_TEXT_CHARS",
    "TEXT_PARTS",
    "TYPO_MAX",
    "TYPO_MIN",
    "TYPO_WEIGHT",
    "B",
    "field_lang",
    "scored_fields",
]

# Bump when the static index format changes: search.js refuses other versions (and the
# Whoosh index, tagged with it, is rebuilt).
FORMAT_VERSION = 3

LANGS: tuple[str, ...] = ("en", "it")  # anything else is indexed as English
TEXT_PARTS: tuple[str, ...] = (
    "title",
    "summary",
    "body",
)  # one field per part and lang
SIMPLE_FIELDS: tuple[str, ...] = ("tags", "authors")  # folded, not stemmed

# Field weights: title and tags above summary, summary above body.
PART_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "tags": 2.5,
    "summary": 1.5,
    "body": 1.0,
    "authors": 1.0,
}
B = 0.75
K1 = 1.2

# Prefix matching on the last word: words of PREFIX_MIN+ letters complete to at most
# PREFIX_MAX corpus words (most frequent first), scored at PREFIX_WEIGHT.
PREFIX_MIN = 3
PREFIX_MAX = 8
PREFIX_WEIGHT = 0.5
# Typo tolerance: a word of TYPO_MIN+ letters found nowhere in the corpus matches the
# corpus words one edit away (first letter kept), at most TYPO_MAX of them (most frequent
# first), scored at TYPO_WEIGHT so exact matches rank first.
TYPO_MIN = 5
TYPO_MAX = 8
TYPO_WEIGHT = 0.3

# Characters of body text kept per article for excerpts (CLI and browser alike).
STORED_TEXT_CHARS = 4000


def scored_fields() -> list[str]:
    """Every field a query word is looked up in, sorted."""
    fields = [f"{part}_{lang}" for part in TEXT_PARTS for lang in LANGS]
    return sorted([*fields, *SIMPLE_FIELDS])


def field_lang(field: str) -> str | None:
    """``"it"`` for ``body_it``; None for fields that are not stemmed."""
    _, _, lang = field.partition("_")
    return lang or None


FIELD_WEIGHTS: dict[str, float] = {
    field: PART_WEIGHTS[field.partition("_")[0]] for field in scored_fields()
}
