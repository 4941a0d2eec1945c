"""Build stage: run Pelican on a site folder with our theme and plugins.

The plugins (``plugins/newsarchive_site``, ``plugins/newsarchive_search``) do the
newsarchive-specific work from Pelican's signals; this module only resolves settings
and runs Pelican in-process, so errors surface as exceptions with the file named.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsarchive import NewsarchiveError

__all__ = ["BuildError", "build_site", "pelican_settings"]

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


def build_site(
    root: Path, *, publish: bool = False, overrides: Mapping[str, Any] | None = None
) -> Path:
    """Build ``root`` into its OUTPUT_PATH and return that folder."""
    from pelican import Pelican
    from pelican.log import LimitFilter

    settings = pelican_settings(root, publish=publish, overrides=overrides)
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
    return Path(settings["OUTPUT_PATH"])
