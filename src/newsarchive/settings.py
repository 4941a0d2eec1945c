"""Settings: one dict per newsarchive feature in ``pelicanconf.py``, parsed once.

Each ``ARCHIVE_*`` dict is turned into a frozen dataclass that raises on unknown keys, so
a typo in ``pelicanconf.py`` is an error instead of a silently ignored option. Pelican's
own settings are never mutated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from newsarchive import NewsarchiveError

__all__ = [
    "EnrichSettings",
    "ImportSettings",
    "SearchSettings",
    "SettingsError",
    "SiteSettings",
    "load_site",
    "parse_section",
]


class SettingsError(NewsarchiveError):
    """A newsarchive settings dict has an unknown key or a value of the wrong type."""


@dataclass(frozen=True, kw_only=True)
class ImportSettings:
    """``ARCHIVE_IMPORT``: where and how ``newsarchive import`` writes."""

    articles_dir: str = "articles"  # below PATH (content/)
    workers: int = 0  # 0: one worker per core
    min_words: int = 40  # fewer words of body than this: "no article text"
    max_bytes: int = 20_000_000  # a larger page, feed, dump or WARC/JSON-lines record is "huge"
    default_lang: str = "en"


@dataclass(frozen=True, kw_only=True)
class EnrichSettings:
    """``ARCHIVE_ENRICH``: tags and related links written into the Markdown."""

    max_tags: int = 8
    max_related: int = 5


@dataclass(frozen=True, kw_only=True)
class SearchSettings:
    """``ARCHIVE_SEARCH``: the Whoosh index and the static browser index."""

    whoosh_dir: str = ".newsarchive/whoosh"  # relative to the site folder
    static_dir: str = "search"  # relative to OUTPUT_PATH
    excerpt_words: int = 30


T = TypeVar("T")


def parse_section(cls: type[T], name: str, raw: Mapping[str, Any] | None) -> T:
    """Build the frozen settings dataclass ``cls`` from the user's dict ``raw``."""
    raw = dict(raw or {})
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise SettingsError(
            f"{name}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(fields))}"
        )
    for key, value in raw.items():
        default = getattr(cls(), key)
        if not isinstance(value, type(default)):
            raise SettingsError(
                f"{name}[{key!r}] should be {type(default).__name__}, got {value!r}"
            )
    return cls(**raw)


@dataclass(frozen=True)
class SiteSettings:
    """A site folder and its parsed settings, as the CLI sees them."""

    root: Path
    pelican: Mapping[str, Any]
    import_: ImportSettings
    enrich: EnrichSettings
    search: SearchSettings

    @property
    def content_dir(self) -> Path:
        return self.root / str(self.pelican.get("PATH", "content"))

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / self.import_.articles_dir

    @property
    def output_dir(self) -> Path:
        return self.root / str(self.pelican.get("OUTPUT_PATH", "output"))

    @property
    def whoosh_dir(self) -> Path:
        return self.root / self.search.whoosh_dir

    @classmethod
    def from_pelican(cls, root: Path, settings: Mapping[str, Any]) -> SiteSettings:
        return cls(
            root=root,
            pelican=settings,
            import_=parse_section(ImportSettings, "ARCHIVE_IMPORT", settings.get("ARCHIVE_IMPORT")),
            enrich=parse_section(EnrichSettings, "ARCHIVE_ENRICH", settings.get("ARCHIVE_ENRICH")),
            search=parse_section(SearchSettings, "ARCHIVE_SEARCH", settings.get("ARCHIVE_SEARCH")),
        )


def load_site(root: Path, config: str = "pelicanconf.py") -> SiteSettings:
    """Read ``root/config`` with Pelican's own reader; paths in it are relative to ``root``."""
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    conf = root / config
    if not conf.is_file():
        raise SettingsError(f"{conf}: no such settings file (is {root} a newsarchive site?)")
    # Not read_settings(): it insists that content/ exists, which a new site's first
    # import has yet to create. Relative paths are relative to the site folder.
    try:
        settings = {**DEFAULT_CONFIG, **get_settings_from_file(str(conf))}
    except Exception as exc:  # a broken pelicanconf.py raises anything at all
        raise SettingsError(f"{conf}: cannot load: {type(exc).__name__}: {exc}") from exc
    root = root.resolve()
    for key in ("PATH", "OUTPUT_PATH"):
        settings[key] = str((root / str(settings[key])).resolve())
    return SiteSettings.from_pelican(root, settings)
