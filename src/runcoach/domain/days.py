"""Days and weeks as the athlete lives them: counted in the athlete's time zone, ISO weeks.

A run at 00:30 on a Monday in Ljubljana is stored as Sunday 22:30 UTC, yet it belongs to
Monday and to the new week. Every report counts days through here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runcoach.domain.errors import InvalidInput

DAYS_PER_WEEK = 7
LOCAL_DAY_CACHE = 1 << 16  # run starts remembered with their local day: a decade is ~3,000


def zone(name: str | None) -> tzinfo:
    """The time zone for an IANA name ("Europe/Ljubljana") or a fixed offset ("+02:00")."""
    if not name:
        return UTC
    if name[0] in "+-" and ":" in name:
        sign = -1 if name[0] == "-" else 1
        hours, minutes = name[1:].split(":", 1)
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(
            f"'{name}' is not a time zone runcoach knows",
            hint="use an IANA name such as Europe/Ljubljana or an offset such as +02:00",
        ) from exc


@lru_cache(maxsize=LOCAL_DAY_CACHE)
def local_day(moment: datetime, tz: tzinfo) -> date:
    """The calendar day of ``moment`` in the athlete's time zone (cached: reports ask often)."""
    return moment.astimezone(tz).date()


def date_field(value: object, where: str) -> date:
    """A date of a file the runner wrote (a profile, a plan): a date, or its YYYY-MM-DD text;
    an error names ``where`` it stands."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise InvalidInput(
            f"{where}: '{value}' is not a date", hint="write YYYY-MM-DD, e.g. 2027-04-18"
        ) from error


def week_start(day: date) -> date:
    """The Monday that starts ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last``, both included."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def weeks_between(first: date, last: date) -> Iterator[date]:
    """The Mondays of every ISO week touching ``first`` .. ``last``."""
    monday = week_start(first)
    while monday <= last:
        yield monday
        monday += timedelta(days=DAYS_PER_WEEK)


def day_bounds_utc(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where local day ``first`` starts and local day ``last`` ends."""
    start = datetime.combine(first, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
