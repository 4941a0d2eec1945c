"""Writing files so that a reader, a deploy or a killed run never sees half of one.

Every stage writes through here: the importer and enrich their Markdown
(``atomic_write``, flushed to disk: it is the archive), the build its pages, feeds and
sitemap, and the search stage its index files (``replace_if_changed``: rebuilt at will,
so no fsync, and left untouched when their bytes are already there, so a deploy by
modification time uploads only what changed).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["atomic_write", "replace_if_changed"]


def _replace(path: Path, data: bytes, *, fsync: bool, mode: int | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new file beside ``path`` (``.<name>.<random>.tmp``), created as ``open()``
    creates one: 0666 less the umask, not ``mkstemp``'s 0600."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half.

    A new file gets the mode ``open()`` would give it, a file replaced keeps its own."""
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    _replace(path, text.encode("utf-8"), fsync=True, mode=mode)


def replace_if_changed(path: Path, data: bytes) -> bool:
    """Make ``path`` hold ``data``: untouched if it already does, else replaced atomically
    (readable by all, as a published file is). True when it wrote.

    No fsync: output is rebuilt from ``content/`` at will, so a power cut costs a
    rebuild, while an fsync per page would cost minutes on a large archive.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    _replace(path, data, fsync=False, mode=0o644)
    return True
