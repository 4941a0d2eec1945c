"""Import stage, extract: a site's name cut off the end of a ``<title>``.

Pure: a title and the names a site goes by in, the title without the name (and the
section labels chained before it) out. Shared by the HTML path's title choice
(``titles``) and the dump path's headline finding (``dump.headline``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsarchive.importer.lang import CJK_RE

__all__ = ["SPACED_SEP", "strip_site_suffix"]

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
