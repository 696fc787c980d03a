"""A work rota from the iCalendar (.ics) file an employer's rostering system gives.

Each VEVENT is a shift: its summary, its start and its end (DTEND, or DTSTART + DURATION;
an all-day entry without an end lasts its day). Times with a time zone are read in the
athlete's time zone by the service (``rota.local_shifts``); floating times are the rota's
wall clock. A repeating event (RRULE)
is expanded over the rota's span, at most ``MAX_SHIFTS`` shifts in all. Cancelled events
are left out. What cannot be read is said with the event's summary and date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.rota import WorkShift
from runcoach.inputs.documents import KiB, read_limited

MAX_ROTA_BYTES = 2 * 1024 * KiB  # a year of shifts is ~100 KB
MAX_SHIFTS = 2000  # five years of daily shifts; a rota beyond that is not a rota
REPEAT_HORIZON_DAYS = 400  # a repeating shift without an end is read for ~a year, days


def read_rota_file(path: Path) -> list[WorkShift]:
    return rota_from_bytes(read_limited(path, MAX_ROTA_BYTES, "rota"), path.name)


def rota_from_bytes(data: bytes, name: str) -> list[WorkShift]:
    """Every shift of an iCalendar file; InvalidInput naming ``name`` when it is not one."""
    from icalendar import Calendar  # only when a rota is read

    if len(data) > MAX_ROTA_BYTES:
        raise InvalidInput(f"the rota {name} is larger than {MAX_ROTA_BYTES // KiB} KiB")
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise InvalidInput(
            f"{name} is not an iCalendar file runcoach can read ({error})",
            hint="export the rota as .ics (iCalendar) from the rostering site or app",
        ) from error
    shifts: list[WorkShift] = []
    for event in calendar.walk("VEVENT"):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        shifts.extend(_shifts(event, name))
        if len(shifts) > MAX_SHIFTS:
            raise InvalidInput(f"{name} holds more than {MAX_SHIFTS} shifts",
                               hint="export the coming months only")  # fmt: skip
    if not shifts:
        raise InvalidInput(f"{name} holds no event (no shift)",
                           hint="export the calendar that lists your shifts")  # fmt: skip
    return shifts


def _shifts(event: Any, name: str) -> list[WorkShift]:
    title = str(event.get("SUMMARY", "")).strip() or "shift"
    start_prop = event.get("DTSTART")
    if start_prop is None:
        raise InvalidInput(f"{name}: the event '{title}' has no start (DTSTART)",
                           hint="each shift needs its start date or time")  # fmt: skip
    try:
        start = _when(start_prop.dt)
        end = _end(event, start)
    except (ValueError, TypeError, AttributeError) as error:
        raise InvalidInput(f"{name}: the event '{title}' has dates runcoach cannot read "
                           f"({error})") from error  # fmt: skip
    if type(start) is not type(end):
        raise InvalidInput(f"{name}: the event '{title}' on {start} mixes a date and a time")
    if event.get("RRULE") is None:
        return [WorkShift(title, start, end)]
    return [WorkShift(title, s, s + (end - start)) for s in _repeats(event, start, name, title)]


def _end(event: Any, start: datetime | date) -> datetime | date:
    if event.get("DTEND") is not None:
        return _when(event["DTEND"].dt)
    if event.get("DURATION") is not None:
        length: timedelta = event["DURATION"].dt
        return start + length
    return start + timedelta(days=1) if not isinstance(start, datetime) else start


def _when(value: Any) -> datetime | date:
    if isinstance(value, date):
        return value
    raise ValueError(f"'{value}' is not a date or a time")


def _repeats(event: Any, start: datetime | date, name: str, title: str) -> list[Any]:
    from dateutil.rrule import rrulestr

    text = event["RRULE"].to_ical().decode("ascii")
    first = start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
    try:
        rule = rrulestr(text, dtstart=first)
    except ValueError as error:
        raise InvalidInput(
            f"{name}: the repeat rule of '{title}' cannot be read ({error})",
            hint="export the rota with each shift as its own event",
        ) from error
    until = first + timedelta(days=REPEAT_HORIZON_DAYS)
    found = rule.between(first, until, inc=True)[: MAX_SHIFTS + 1]
    return found if isinstance(start, datetime) else [d.date() for d in found]
