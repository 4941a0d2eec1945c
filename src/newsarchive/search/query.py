"""Query stage: ``newsarchive search`` over the Whoosh index.

Parses the query with the same syntax and plan as ``search.js`` and returns plain dicts,
so the CLI can print them as text or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsarchive.search.plan import Plan, parse_query, plan_query
from newsarchive.search.text import make_excerpt
from newsarchive.search.whoosh_index import IndexMissingError
from newsarchive.search.whoosh_search import WhooshLexicon, execute_plan, open_reader

__all__ = ["IndexMissingError", "excerpt_for", "search"]

EXCERPT_WORDS = 30


def excerpt_for(plan: Plan, text: str, *, words: int = EXCERPT_WORDS) -> str:
    """The excerpt ``search.js`` shows for ``text``, as plain text (hits not marked)."""
    surfaces = {s for clause in plan.clauses for s in clause.surfaces}
    excerpt, _ = make_excerpt(text, surfaces, plan.stems, words=words)
    return excerpt


def search(
    index_dir: Path, query: str, *, limit: int = 10, excerpt_words: int = EXCERPT_WORDS
) -> list[dict[str, Any]]:
    """The best ``limit`` articles for ``query``: dicts with url (site-relative), title,
    date, lang, score and excerpt. Raises ``IndexMissingError`` without an index."""
    with open_reader(index_dir) as searcher:
        plan = plan_query(parse_query(query), WhooshLexicon(searcher.reader()))
        hits = execute_plan(searcher, plan)[: max(0, limit)]
        return [
            {
                "url": fields["url"],
                "title": fields["meta"]["title"],
                "date": fields["meta"]["date"],
                "lang": fields["meta"]["lang"],
                "score": round(score, 6),
                "excerpt": excerpt_for(
                    plan,
                    fields["meta"]["text"] or fields["meta"]["summary"],
                    words=excerpt_words,
                ),
            }
            for score, fields in hits
        ]
