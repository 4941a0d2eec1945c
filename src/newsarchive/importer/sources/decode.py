"""Import stage: bytes to text, honouring the declared charset and detecting liars."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["decode_bytes"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


# Python codecs no browser decodes a page with: a page naming one is not written in it
# (UTF-7 read "+ADw-script+AD4-" as "<script>").
_NOT_WEB = frozenset({"utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode",
                      "undefined"})  # fmt: skip


def _declared(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii", "ignore")
            try:
                name = codecs.lookup(name).name
            except LookupError:
                return None
            if name.startswith(("utf-16", "utf-32")):
                # The declaration was read as ASCII bytes, so the page is not UTF-16 or
                # UTF-32, whatever it says (browsers read a <meta> "utf-16" as UTF-8).
                return "utf-8"
            return None if name in _NOT_WEB else name
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``: BOM, then the declared charset if the bytes decode cleanly
    with it, then UTF-8, then charset detection (a page that lies about its charset)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff"), name
    candidates = [c for c in (declared, _declared(data), "utf-8") if c]
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeError, LookupError):  # UnicodeError: "undefined", "idna"...
            continue
        # A single-byte declaration (latin-1, iso-8859-15, cp1250...) decodes any bytes,
        # and text in any legacy charset is almost never valid UTF-8 once it holds a
        # non-ASCII byte: such bytes are UTF-8 whatever the page says (El Mundo states
        # iso-8859-15 and serves UTF-8; read its way, "sanción" became "sanciÃ³n").
        if codecs.lookup(name).name != "utf-8" and not data.isascii():
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
        return text, name
    matches = from_bytes(data)
    # Pages that lie about UTF-8 are nearly always Windows-1252 (WHATWG's reading of
    # latin-1); short texts leave the detector torn between that and rarer code pages.
    western = {"cp1252", "latin_1", "iso8859_15", "iso8859_1"}
    if any(m.encoding in western for m in matches):
        return data.decode("cp1252", errors="replace"), "cp1252"
    best = matches.best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"
