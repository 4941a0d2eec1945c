"""Content format: the Pelican Markdown front matter newsarchive writes and reads back.

Keys are written sorted, one per line (``Key: value``); list values that need one line
per item (related links) use the Markdown ``meta`` continuation syntax (four spaces).
A related link is ``Title | url``: ``url`` is an external http(s) URL, or, for another
article of the archive, Pelican's own intrasite link to its Markdown file relative to the
linking file (``{filename}../03/other-story.md``), which the site plugin turns into the
URL Pelican gives that article (whatever ``ARTICLE_URL`` is).
``Checksum`` is a hash of the rest of the file as newsarchive wrote it: a file whose
checksum no longer matches was edited by hand and is never overwritten silently.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote, unquote

from newsarchive.importer.model import Related

__all__ = [
    "CHECKSUM_KEY",
    "FILENAME_LINK",
    "compute_checksum",
    "filename_link",
    "filename_target",
    "format_related",
    "format_tags",
    "is_hand_edited",
    "parse_related",
    "parse_tags",
    "read_front_matter",
    "render_document",
]

CHECKSUM_KEY = "Checksum"
_KEY_RE = re.compile(r"^([A-Za-z0-9_-]+):\s?(.*)$")
_RELATED_SEP = " | "
# Pelican's intrasite link prefix: ``{filename}path`` names a content file, not a URL.
FILENAME_LINK = "{filename}"


def filename_link(from_dir: str, target: str) -> str:
    """``{filename}`` link from a file in ``from_dir`` to the file ``target``.

    Both are POSIX paths relative to the same folder (content/ or its articles/); the
    link is relative, so it survives moving the whole tree and never depends on URLs.
    """
    rel = posixpath.relpath(target, from_dir or ".")
    return FILENAME_LINK + quote(rel, safe="/")


def filename_target(url: str | None, from_dir: str) -> str | None:
    """The file a ``{filename}`` link in a file in ``from_dir`` names (relative to the
    same folder as ``from_dir``; a leading ``/`` means that folder itself, as in Pelican).

    None when ``url`` is not such a link or its path leaves that folder.
    """
    if not url or not url.startswith(FILENAME_LINK):
        return None
    path = unquote(url[len(FILENAME_LINK) :])
    if not path:
        return None
    joined = path[1:] if path.startswith("/") else posixpath.join(from_dir, path)
    norm = posixpath.normpath(joined)
    if norm in {".", ".."} or norm.startswith(("../", "/")):
        return None
    return norm


def format_related(item: Related) -> str:
    """``Title | url`` (or ``Title |`` with no URL); a title's own ``|`` survives.

    ``url`` is an http(s) URL or a ``{filename}`` link (see ``filename_link``).
    """
    title = " ".join(item.title.split())
    return f"{title}{_RELATED_SEP}{item.url or ''}".rstrip()


def format_tags(tags: Sequence[str]) -> str:
    """A ``Tags`` value Pelican splits back into ``tags``: it splits on ";" when the value
    holds one, else on ",", so neither may stay inside a tag."""
    return ", ".join(" ".join(re.sub("[,;]", " ", t).split()) for t in tags)


def parse_tags(value: str) -> list[str]:
    """Inverse of ``format_tags``, split as Pelican splits it."""
    sep = ";" if ";" in value else ","
    return [v.strip() for v in value.split(sep) if v.strip()]


def parse_related(values: str | Sequence[str] | None) -> list[Related]:
    """Inverse of ``format_related`` for one line or the list Pelican gives."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for raw in values:
        line = raw.strip()
        if not line:
            continue
        title, sep, url = line.rpartition(" |")
        if not sep:
            title, url = line, ""
        url = url.strip()
        out.append(Related(title=title.strip(), url=url or None))
    return out


def _clean_value(value: str) -> str:
    # One logical line: front-matter values must not break the header.
    return " ".join(value.split())


def render_header(meta: Mapping[str, str | Sequence[str]]) -> str:
    """The header lines for ``meta`` (without checksum), keys sorted, empty values dropped."""
    lines: list[str] = []
    for key in sorted(meta):
        value = meta[key]
        if isinstance(value, str):
            value = _clean_value(value)
            if value:
                lines.append(f"{key}: {value}")
        else:
            items = [_clean_value(v) for v in value if _clean_value(v)]
            if items:
                lines.append(f"{key}: {items[0]}")
                lines.extend(f"    {v}" for v in items[1:])
    return "\n".join(lines)


def compute_checksum(text_without_checksum: str) -> str:
    return hashlib.sha256(text_without_checksum.encode("utf-8")).hexdigest()[:20]


def render_document(meta: Mapping[str, str | Sequence[str]], body: str) -> str:
    """A complete Markdown file: header, checksum line, blank line, body, one final LF."""
    body = body.strip("\n")
    unsigned = render_header(meta) + "\n\n" + body + "\n"
    checksum = compute_checksum(unsigned)
    header = render_header({**meta, CHECKSUM_KEY: checksum})
    return header + "\n\n" + body + "\n"


def _split(text: str) -> tuple[list[str], str]:
    head, sep, body = text.partition("\n\n")
    if not sep:
        return text.splitlines(), ""
    return head.splitlines(), body


def read_front_matter(text: str) -> dict[str, str | list[str]]:
    """Parse the header of a file we wrote: ``{Key: value}`` (lists for continuations)."""
    meta: dict[str, str | list[str]] = {}
    last: str | None = None
    for line in _split(text)[0]:
        if line.startswith("    ") and last is not None:
            current = meta[last]
            meta[last] = [*([current] if isinstance(current, str) else current), line.strip()]
            continue
        match = _KEY_RE.match(line)
        if match:
            last = match.group(1)
            meta[last] = match.group(2).strip()
    return meta


def is_hand_edited(text: str) -> bool:
    """True when ``text`` no longer matches the checksum newsarchive wrote into it.

    A file with no checksum at all was not written by newsarchive: treat it as a hand edit.
    """
    # Only the header holds the checksum: a body line "Checksum: ..." is article text.
    head, sep, body = text.partition("\n\n")
    lines = head.split("\n")
    kept = [ln for ln in lines if not ln.startswith(f"{CHECKSUM_KEY}: ")]
    stored = [ln for ln in lines if ln.startswith(f"{CHECKSUM_KEY}: ")]
    if len(stored) != 1:
        return True
    unsigned = "\n".join(kept) + sep + body
    return compute_checksum(unsigned) != stored[0].split(": ", 1)[1].strip()
