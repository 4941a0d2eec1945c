"""Build stage, output: write only what changed, and remove what this build no longer makes.

An archive is rebuilt every day, and most of its pages do not change. Two rules keep the
output folder equal, byte for byte, to a build from nothing, while touching as little as
possible (so a deploy by modification time uploads only what changed):

* ``ChangedOnlyWriter`` is Pelican's ``Writer`` with one difference: a page or feed whose
  bytes are already on disk is not written again, and one that changed is replaced
  atomically (a reader or a deploy never sees half a page).
* The theme's files, which Pelican copies on every build, are likewise written only
  when their bytes change (``_copy_if_changed`` stands in for ``pelican.utils.copy_file``).
* When the run is finalized, every file in ``OUTPUT_PATH`` that this run did not produce
  is removed (``prune_stale``): the page of a tag no article carries any more, the feed
  of a source that is gone, a theme file that was deleted. ``DELETE_OUTPUT_DIRECTORY``
  would do the same by rewriting everything.

The search stage owns its folder (``ARCHIVE_SEARCH["static_dir"]``) and removes its own
stale shards; ``OUTPUT_RETENTION`` names top-level entries that are never removed, as in
Pelican.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pelican.utils
from pelican.plugins import signals
from pelican.writers import FileOverwriteFailedError, Writer

from newsarchive.fileio import replace_if_changed
from newsarchive.settings import SearchSettings, parse_section
from newsarchive.site.pagination import stable_pagination
from newsarchive.site.sitemap import SITEMAP_NAME

__all__ = ["ChangedOnlyWriter", "prune_stale", "theme_files"]

logger = logging.getLogger(__name__)


class _Buffer(io.StringIO):
    """What Pelican writes into one file, put on disk when closed, if it changed."""

    def __init__(self, path: Path, encoding: str, written: list[Path]) -> None:
        super().__init__()
        self._path, self._encoding, self._written = path, encoding, written

    def close(self) -> None:
        if not self.closed and replace_if_changed(
            self._path, self.getvalue().encode(self._encoding)
        ):
            self._written.append(self._path)
        super().close()


class ChangedOnlyWriter(Writer):  # type: ignore[misc]  # Pelican ships no type hints
    """Pelican's writer, writing only the files whose bytes change, then pruning the
    files this run did not produce (when Pelican sends ``finalized``).

    One instance serves one run (Pelican makes it in ``run``), so what it records is
    never carried over to the next run of an autoreload.
    """

    def __init__(self, output_path: str, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.changed: list[Path] = []
        self._context: Mapping[str, Any] = {}
        # blinker holds a weak reference: the receiver goes with this run's writer.
        signals.finalized.connect(self._on_finalized)
        # Pelican copies the theme's files on every build (pelican.utils.copy): a new
        # modification time each time, and a reader may meet a half-copied style sheet.
        pelican.utils.copy_file = _copy_if_changed

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        # Pelican's bookkeeping of files written twice, as in Writer._open_w.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Buffer(Path(filename), encoding, self.changed)

    def write_file(
        self, name: str, template: Any, context: Mapping[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        # Every generator hands over the run's shared context: it lists the static files.
        self._context = context
        with stable_pagination():  # list pages numbered from the oldest (site/pagination)
            super().write_file(name, template, context, *args, **kwargs)

    def _on_finalized(self, pelican: Any) -> None:
        signals.finalized.disconnect(self._on_finalized)
        settings = self.settings
        output = Path(self.output_path)
        keep = {Path(p) for p in self._written_files}
        keep.add(output / SITEMAP_NAME)
        keep |= theme_files(settings, output)
        keep |= {output / sc.save_as for sc in self._context.get("staticfiles", ())}
        search = parse_section(SearchSettings, "ARCHIVE_SEARCH", settings.get("ARCHIVE_SEARCH"))
        owned = [output / search.static_dir]
        sources = [settings["PATH"], settings["THEME"], *(settings.get("PLUGIN_PATHS") or ())]
        inside = [s for s in sources if _within(Path(s), output)]
        if inside:
            # An OUTPUT_PATH holding the content (".", a typo) must never be pruned.
            logger.warning("not removing stale output: %s holds %s", output, inside[0])
            return
        removed = prune_stale(output, keep, owned, settings.get("OUTPUT_RETENTION") or ())
        logger.info("output: %d files changed, %d stale removed", len(self.changed), len(removed))


def _copy_if_changed(source: str, destination: str) -> None:
    """Pelican's ``copy_file``, writing ``destination`` only when its bytes change, and
    atomically."""
    try:
        replace_if_changed(Path(destination), Path(source).read_bytes())
    except OSError as exc:
        logger.warning("A problem occurred copying file %s to %s; %s", source, destination, exc)


def _within(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def theme_files(settings: Mapping[str, Any], output: Path) -> set[Path]:
    """Where Pelican copies the theme's static files (``THEME_STATIC_PATHS`` under
    ``THEME_STATIC_DIR``, as ``StaticGenerator`` does), file by file."""
    theme = Path(settings["THEME"])
    dest = output / settings["THEME_STATIC_DIR"]
    out: set[Path] = set()
    for name in settings["THEME_STATIC_PATHS"]:
        source = theme / name
        if source.is_file():
            out.add(dest / source.name)
        elif source.is_dir():
            out |= {dest / p.relative_to(source) for p in _files(source)}
    return out


def _files(folder: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder, followlinks=True):
        for name in names:
            yield Path(root) / name


def prune_stale(
    output: Path, keep: set[Path], owned: Iterable[Path] = (), retention: Iterable[str] = ()
) -> list[Path]:
    """Remove the files under ``output`` not in ``keep``, then the folders left empty.

    ``owned`` folders are left alone (another stage keeps them tidy); top-level names in
    ``retention`` too (Pelican's ``OUTPUT_RETENTION``, e.g. a deploy's ``.git``).
    """
    if not output.is_dir():
        return []
    keep = {p.resolve() for p in keep}
    spared = {p.resolve() for p in owned} | {(output / name).resolve() for name in retention}
    removed: list[Path] = []
    for root, dirs, names in os.walk(output, topdown=True):
        here = Path(root).resolve()
        dirs[:] = sorted(d for d in dirs if here / d not in spared)
        for name in sorted(names):
            path = here / name
            if path not in keep and path not in spared:
                path.unlink()
                removed.append(path)
    for root, _dirs, _names in os.walk(output, topdown=False):
        here = Path(root)
        if here != output and here.resolve() not in spared and not any(here.iterdir()):
            with contextlib.suppress(OSError):  # something appeared meanwhile: leave it
                here.rmdir()
    for path in removed:
        logger.info("removed stale output %s", path)
    return removed
