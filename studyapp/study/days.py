"""A student's days: when today began where they live.

Times are stored and compared in UTC; only the day boundaries (the daily limit of new
cards, the streak, the charts by day) follow the student's own time zone, so that a
student in Bogotá does not start a new day at seven in the evening.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

UTC_NAME = "UTC"


@cache
def zone_of(name: str | None) -> ZoneInfo:
    """The zone called ``name``; UTC for an empty or unknown name (a zone database may lose one)."""
    try:
        return ZoneInfo(name or UTC_NAME)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(UTC_NAME)


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA zone a student may choose, such as "America/Bogota", sorted; UTC first."""
    names = {name for name in available_timezones() if "/" in name and not name.startswith(("Etc/", "posix/",
                                                                                           "right/"))}
    return (UTC_NAME, *sorted(names))


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def start_of_day(now: datetime, zone: ZoneInfo) -> datetime:
    """Midnight of ``now``'s date where the student lives, as a UTC time."""
    local_midnight = datetime.combine(local_date(now, zone), time.min, tzinfo=zone)
    return local_midnight.astimezone(timezone.utc)
