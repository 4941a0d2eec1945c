"""Import stage, extract: author names as pages and feeds state them, one name each."""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

__all__ = ["plain_text", "split_authors"]


def plain_text(text: str) -> str:
    """Names and tags are plain text: markup in them is dropped, not kept."""
    if "<" in text or "&" in text:
        text = BeautifulSoup(text, "lxml").get_text(" ")
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def split_authors(values: Any) -> tuple[str, ...]:
    out: list[str] = []
    for raw in values or ():
        value = plain_text(str(raw))
        for part in re.split(r";|\s+and\s+|\s+e\s+|,\s*(?=[A-ZÀ-Ý])", value):
            name = re.sub(r"^(?:by|di|a cura di)\s+", "", part.strip(), flags=re.I).strip()
            if 1 < len(name) <= 60 and not name.startswith("http"):
                out.append(name)
    return tuple(dict.fromkeys(out))
