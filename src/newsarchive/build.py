"""Build stage: run Pelican on a site folder with our theme and plugins.

The plugins (``plugins/newsarchive_site``, ``plugins/newsarchive_search``) do the
newsarchive-specific work from Pelican's signals; this module only resolves settings
and runs Pelican in-process, so errors surface as exceptions with the file named.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsarchive import NewsarchiveError

__all__ = ["BuildError", "build_site", "cache_fingerprint", "pelican_settings"]

logger = logging.getLogger(__name__)


class BuildError(NewsarchiveError):
    """Pelican failed or reported errors while building the site."""


def pelican_settings(
    root: Path, *, publish: bool = False, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Pelican's settings for the site in ``root`` (``publishconf.py`` when publishing)."""
    from pelican.settings import read_settings

    conf = root / ("publishconf.py" if publish else "pelicanconf.py")
    if not conf.is_file():
        raise BuildError(f"{conf}: no such settings file (is {root} a newsarchive site?)")
    cwd = Path.cwd()
    try:
        # publishconf.py imports pelicanconf from the current folder.
        os.chdir(root)
        return dict(read_settings(str(conf), override=dict(overrides or {})))
    finally:
        os.chdir(cwd)


def _plain_json(value: Any) -> str | None:
    """``value`` as canonical JSON (sets sorted), or None when it holds objects with no
    value-like form (functions, classes: their ``repr`` changes from run to run)."""

    def sets(obj: Any) -> Any:
        if isinstance(obj, set | frozenset):
            return sorted(obj, key=repr)
        raise TypeError(type(obj).__name__)

    try:
        return json.dumps(value, sort_keys=True, default=sets)
    except (TypeError, ValueError):
        return None


def cache_fingerprint(settings: Mapping[str, Any]) -> str:
    """What Pelican's content cache depends on: every plain setting (Markdown extensions,
    readers, paths, time zone, ...) and the versions of the code that wrote it."""
    import markdown
    import pelican

    plain = {k: text for k, v in settings.items() if (text := _plain_json(v)) is not None}
    versions = [pelican.__version__, markdown.__version__, sys.version]
    blob = json.dumps([plain, versions], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _open_cache(settings: Mapping[str, Any]) -> tuple[Path, str] | None:
    """Empty Pelican's content cache unless the last build under these very settings and
    versions completed; return the stamp to write when this build completes.

    Pelican checks each Markdown file's bytes (``CHECK_MODIFIED_METHOD``) but not the
    settings it read them with, so a changed Markdown extension would keep old pages; and
    it saves the cache in place, so a build killed while saving leaves a truncated cache
    that fails every later build. The stamp is removed for the length of the build.
    """
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return None
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / "newsarchive-fingerprint"
    fingerprint = cache_fingerprint(settings)
    try:
        valid = stamp.read_text(encoding="utf-8") == fingerprint
    except OSError:
        valid = False
    if not valid and cache.exists():
        logger.info("content cache %s from other settings or an unfinished build: emptied", cache)
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    return stamp, fingerprint


def build_site(
    root: Path, *, publish: bool = False, overrides: Mapping[str, Any] | None = None
) -> Path:
    """Build ``root`` into its OUTPUT_PATH and return that folder."""
    from pelican import Pelican
    from pelican.log import LimitFilter

    settings = pelican_settings(root, publish=publish, overrides=overrides)
    cache = _open_cache(settings)
    # Pelican keeps warning counters at class level between runs in one process.
    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    errors: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    handler = _Collect(level=logging.ERROR)
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(handler)
    cwd = Path.cwd()
    try:
        os.chdir(root)
        Pelican(settings).run()
    except Exception as exc:  # Pelican raises bare exceptions from templates and readers
        raise BuildError(f"Pelican failed: {exc}") from exc
    finally:
        os.chdir(cwd)
        pelican_logger.removeHandler(handler)
    if errors:
        raise BuildError("Pelican reported errors: " + "; ".join(errors[:5]))
    if cache:
        cache[0].write_text(cache[1], encoding="utf-8")
    return Path(settings["OUTPUT_PATH"])
