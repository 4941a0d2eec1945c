"""Import stage, orchestration: files -> records -> articles -> Markdown files.

Reading and extraction run in worker processes (all cores by default); writing happens
in this process, in input order, so results never depend on scheduling. Flattened dumps
are cleaned with boilerplate learned from every dump in the batch, per site.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive.importer.extract import ExtractOptions, extract_record
from newsarchive.importer.model import Article, ImportFailure, RawRecord
from newsarchive.importer.sources import iter_input_files, read_records
from newsarchive.importer.textclean import Boilerplate
from newsarchive.importer.urls import site_of
from newsarchive.importer.write import ContentStore, WriteResult

__all__ = ["ImportReport", "extract_paths", "import_paths"]

Progress = Callable[[str, int, int], None]
Outcome = Article | ImportFailure

_BOILERPLATE: Boilerplate | None = None
_OPTIONS = ExtractOptions()


@dataclass
class ImportReport:
    """What an import did, per input; ``ok`` is False when anything failed."""

    results: list[tuple[str, WriteResult]] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for _, r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return not self.failures


def _read_one(path: Path, max_bytes: int) -> list[RawRecord] | ImportFailure:
    try:
        return read_records(path, max_bytes=max_bytes)
    except ImportFailure as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the batch: report it
        return ImportFailure(str(path), f"unreadable: {type(exc).__name__}: {exc}")


def _init_worker(boilerplate: Boilerplate | None, options: ExtractOptions) -> None:
    global _BOILERPLATE, _OPTIONS
    _BOILERPLATE, _OPTIONS = boilerplate, options


def _extract_one(record: RawRecord) -> Outcome:
    try:
        return extract_record(record, options=_OPTIONS, boilerplate=_BOILERPLATE)
    except ImportFailure as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not end the batch
        return ImportFailure(record.input, f"extraction failed: {type(exc).__name__}: {exc}")


def _map(
    fn: Callable[[Any], Any], items: list[Any], workers: int, init: tuple[Any, ...],
    *, stage: str, progress: Progress | None,
) -> Iterator[Any]:  # fmt: skip
    total = len(items)
    if workers <= 1 or total < 4:
        _init_worker(*init)
        for done, item in enumerate(items, start=1):
            yield fn(item)
            if progress:
                progress(stage, done, total)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=init) as pool:
        for done, result in enumerate(
            pool.map(fn, items, chunksize=max(1, total // (workers * 8))), start=1
        ):
            yield result
            if progress:
                progress(stage, done, total)


def extract_paths(
    sources: Iterable[Path], *, options: ExtractOptions | None = None, workers: int = 0,
    max_bytes: int = 20_000_000, progress: Progress | None = None,
) -> list[Outcome]:  # fmt: skip
    """Every article (or failure) in ``sources``, in input order.

    Pass 1 reads each file in a worker and extracts its HTML records right there, so a
    page's raw HTML never travels back to this process. Text dumps need the boilerplate
    learned from all of them, so they come back as records for pass 2.
    """
    options = options or ExtractOptions()
    workers = workers or os.cpu_count() or 1
    files = list(iter_input_files(list(sources)))
    slots: list[Outcome | RawRecord] = []
    for result in _map(_ReadTask(max_bytes), files, workers, (None, options), stage="read",
                       progress=progress):  # fmt: skip
        slots.extend(result)
    dumps = [(i, r) for i, r in enumerate(slots) if isinstance(r, RawRecord)]
    boilerplate = Boilerplate()
    boilerplate.learn((site_of(r.url) or "", r.content) for _, r in dumps)
    extracted = _map(_extract_one, [r for _, r in dumps], workers, (boilerplate, options),
                     stage="extract", progress=progress)  # fmt: skip
    for (i, _), outcome in zip(dumps, extracted, strict=True):
        slots[i] = outcome
    return [s for s in slots if not isinstance(s, RawRecord)]


@dataclass(frozen=True)
class _ReadTask:
    """Pass 1 in a worker: read one file, extract its pages, hand back its text dumps."""

    max_bytes: int

    def __call__(self, path: Path) -> list[Outcome | RawRecord]:
        records = _read_one(path, self.max_bytes)
        if isinstance(records, ImportFailure):
            return [records]
        return [r if r.kind == "text" and not r.error else _extract_one(r) for r in records]


def _relative(input_name: str, root: Path) -> str:
    try:
        return str(Path(input_name).resolve().relative_to(root.resolve()))
    except ValueError:
        return input_name


def import_paths(
    sources: Iterable[Path], articles_dir: Path, *, site_root: Path,
    options: ExtractOptions | None = None, force: bool = False, workers: int = 0,
    max_bytes: int = 20_000_000, progress: Progress | None = None,
) -> ImportReport:  # fmt: skip
    """Import ``sources`` into ``articles_dir``; failures are reported, never raised."""
    outcomes = extract_paths(sources, options=options, workers=workers, max_bytes=max_bytes,
                             progress=progress)  # fmt: skip
    store = ContentStore.scan(articles_dir)
    report = ImportReport()
    for done, outcome in enumerate(outcomes, start=1):
        if isinstance(outcome, ImportFailure):
            report.failures.append(outcome)
        else:
            name = _relative(outcome.input.split("#")[0], site_root) + (
                "#" + outcome.input.split("#", 1)[1] if "#" in outcome.input else ""
            )
            try:
                report.results.append(
                    (outcome.input, store.write(outcome, input_name=name, force=force))
                )
            except OSError as exc:
                report.failures.append(ImportFailure(outcome.input, f"cannot write: {exc}"))
        if progress:
            progress("write", done, len(outcomes))
    return report
