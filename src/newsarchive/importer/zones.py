"""Import stage, extract: the time zone a site publishes in, to show its dates locally.

Pages often state the publication time in UTC (``2023-11-01T23:01:00Z``). For an Italian
paper that is 00:01 on 2 November in Rome: the date its readers saw, and the day the
archive should file the article under. A site's zone comes from its site rule, else from
its country-code domain when that country keeps one time zone (``.it``, ``.de``, ``.jp``;
not ``.us`` or ``.ru``). Only UTC-stated times are moved: a time stated with another
offset is the publisher's own wall time already.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from newsarchive.importer.siterules import rule_for

__all__ = ["local_time", "site_zone"]

# Country-code domains of countries with one time zone (or one that nearly all their
# press uses), by the zone's IANA name.
_CCTLD_ZONES: dict[str, str] = {
    "it": "Europe/Rome", "sm": "Europe/Rome", "va": "Europe/Rome",
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich",
    "li": "Europe/Zurich", "fr": "Europe/Paris", "be": "Europe/Brussels",
    "nl": "Europe/Amsterdam", "lu": "Europe/Luxembourg", "es": "Europe/Madrid",
    "pl": "Europe/Warsaw", "cz": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "si": "Europe/Ljubljana", "hr": "Europe/Zagreb",
    "dk": "Europe/Copenhagen", "se": "Europe/Stockholm", "no": "Europe/Oslo",
    "fi": "Europe/Helsinki", "ie": "Europe/Dublin", "uk": "Europe/London",
    "gr": "Europe/Athens", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "tr": "Europe/Istanbul", "il": "Asia/Jerusalem", "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul", "cn": "Asia/Shanghai", "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong", "in": "Asia/Kolkata", "za": "Africa/Johannesburg",
}  # fmt: skip


@lru_cache(maxsize=256)
def site_zone(host: str | None) -> ZoneInfo | None:
    """The zone ``host`` publishes in: its site rule's, else its country domain's."""
    if not host:
        return None
    rule = rule_for(host)
    name = rule.tz if rule and rule.tz else _CCTLD_ZONES.get(host.lower().rsplit(".", 1)[-1])
    return ZoneInfo(name) if name else None  # tzdata is a dependency: every name loads


def local_time(stamp: dt.datetime, zone: ZoneInfo | None) -> dt.datetime:
    """``stamp`` in ``zone`` when it is stated in UTC; any other stamp as it is."""
    offset = stamp.utcoffset()
    if zone is None or offset is None or offset != dt.timedelta(0):
        return stamp
    local = stamp.astimezone(zone)
    # A fixed offset, as the other dates carry: the file states "+0100", not a zone name.
    return local.replace(tzinfo=dt.timezone(local.utcoffset() or dt.timedelta(0)))
