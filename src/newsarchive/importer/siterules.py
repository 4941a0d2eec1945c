"""Import stage, clean: per-site rules for quirks the generic path misses.

A rule names the hosts it applies to, CSS selectors of elements to drop before
extraction, selectors of related-story blocks (their links become related entries) and
of the page's tag links. Adding a site is one ``SiteRule`` row (and one test).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GENERIC", "RULES", "SiteRule", "rule_for"]


@dataclass(frozen=True)
class SiteRule:
    hosts: tuple[str, ...]
    drop: tuple[str, ...] = ()
    related_blocks: tuple[str, ...] = ()
    tag_links: tuple[str, ...] = ()
    # The IANA zone the site publishes in, when its country domain does not say
    # (``importer.zones``): a time stated in UTC is shown in it.
    tz: str | None = None


# Applied on every page: class/id patterns that mean a related-story block or a toolbar.
GENERIC = SiteRule(
    hosts=(),
    drop=(
        "[class*=social-share]", "[class*=share-bar]", "[class*=sharebar]",
        "[class*=share-buttons]", "[class*=social-buttons]", "[class*=newsletter]",
        "[class*=cookie]", "[aria-label*=Condividi]", "[aria-label*=Share]",
        # Not [class*=paywall]: on paywalled sites that class wraps the article itself.
        "[class*=advert]", "[class*=banner]",
    ),
    related_blocks=(
        "[class*=related]", "[class*=correlat]", "[class*=leggi-anche]",
        "[class*=leggianche]", "[class*=read-more]", "[class*=readmore]",
        "[class*=interlink]", "[class*=more-stories]", "[class*=altre-notizie]",
        "[id*=related]",
    ),
    tag_links=("a[rel~=tag]", "[class*=tag-list] a", "[class*=tags] a", "a[class*=tag]"),
)  # fmt: skip

RULES: tuple[SiteRule, ...] = (
    # Sky CMS (tg24.sky.it, sport.sky.it): "TAG:" aside, interlinks, "Altre Notizie".
    SiteRule(
        hosts=("sky.it",),
        drop=(".j-social-share", ".s-social-share", ".s-tag-section", ".c-breadcrumb"),
        related_blocks=(".c-interlink", "[class*=related-news]", "[class*=c-related]"),
        tag_links=(".c-tag-list a",),
    ),
    SiteRule(
        hosts=("repubblica.it",),
        drop=(".story__toolbar", ".story__social", "[class*=inline-article]"),
        related_blocks=(".inline-article", ".story__related", "[class*=correlati]"),
        tag_links=(".story__tags a",),
    ),
    SiteRule(
        hosts=("lastampa.it",),
        drop=(".story__toolbar", ".story__social"),
        related_blocks=(".inline-article", ".story__related"),
        tag_links=(".story__tags a",),
    ),
    SiteRule(
        hosts=("ansa.it",),
        drop=(".news-share", ".share", ".news-tools"),
        related_blocks=(".news-related", ".correlati"),
        tag_links=(".news-tags a", ".tags a"),
    ),
    SiteRule(
        hosts=("ilgiornale.it",),
        drop=("[class*=share]", ".content__tools"),
        related_blocks=(".leggi-anche", "[class*=related]"),
        tag_links=(".tags a", ".article-tags a"),
    ),
    SiteRule(
        hosts=("corriere.it",),
        drop=(".share-social", ".bck-social", ".media-news-share"),
        related_blocks=(".related-news", ".box-related", "[class*=leggi-anche]"),
        tag_links=(".tags a",),
    ),
    SiteRule(
        hosts=("ilfattoquotidiano.it",),
        drop=(".share-buttons", ".social-share", ".ifq-news-category__share"),
        related_blocks=(".related-articles", ".ifq-related", "[class*=leggi-anche]"),
        tag_links=(".tags a", ".article-tags a"),
    ),
)


def rule_for(host: str | None) -> SiteRule | None:
    """The rule of ``host`` or of the domain it belongs to (``tg24.sky.it`` -> sky.it)."""
    if not host:
        return None
    host = host.lower()
    for rule in RULES:
        if any(host == h or host.endswith("." + h) for h in rule.hosts):
            return rule
    return None
