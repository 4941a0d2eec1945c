"""Import stage, extract: the JSON-LD objects a page embeds, read leniently.

CMS templates wrap JSON-LD in ``<![CDATA[ ]]>`` or HTML comments and leave raw line
breaks inside strings; both are read. ``@graph`` lists and nested lists are flattened.
Templates also HTML-escape the values ("Kohberger&#8217;s", "&quot;Nicht mehr&quot;"),
which a ``<script>`` never decodes: strings are unescaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["is_article", "ld_objects"]

_ARTICLE_TYPES = ("Article", "Posting", "Report")
_WRAPPER_RE = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)?\s*;?\s*$")


def ld_objects(scripts: Iterable[str]) -> list[dict[str, Any]]:
    """Every JSON object in the ``application/ld+json`` script texts ``scripts``."""
    out: list[dict[str, Any]] = []
    for script in scripts:
        try:
            data = json.loads(_WRAPPER_RE.sub("", script), strict=False, object_hook=_unescape)
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                out.append(item)
            elif isinstance(item, list):
                stack.extend(item)
    return out


def _unescape(obj: dict[str, Any]) -> dict[str, Any]:
    def value(v: Any) -> Any:
        if isinstance(v, str):
            return html.unescape(v) if "&" in v else v
        if isinstance(v, list):
            return [value(x) for x in v]
        return v

    return {k: value(v) for k, v in obj.items()}


def is_article(item: dict[str, Any]) -> bool:
    """An article (``NewsArticle``, ``BlogPosting``, ``Report``...), not a video or page."""
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.endswith(_ARTICLE_TYPES) for k in kinds)
