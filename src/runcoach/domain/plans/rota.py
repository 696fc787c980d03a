"""A work rota (the shifts an employer's calendar lists) read as the plan's day types.

Each shift is a day shift, a short shift, a night shift or a day off; the day after a night
is its own kind (the runner sleeps into the afternoon). Every date between the rota's first
and last shift that holds no shift is a day off. The runner says which of the plan's day
types each kind is (``night=night shift``), or gives a day type outright (``night=none``,
``day=short 30``); the usual names are matched without being told.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.plans.schedule import Allowance, DayType

NIGHT_FROM, NIGHT_TO = time(22), time(6)  # the night window of working-time law (EU 2003/88/EC)
NIGHT_SHARE = 0.5  # a shift with at least half its hours in the night window is a night shift
SHORT_SHIFT_H = 6.0  # a shift under 6 hours is a short shift (a half day), h
AFTER_NIGHT_DEFAULT_MIN = 30.0  # the day after a night: a short run at most unless told, min
OFF_WORDS = re.compile(
    r"\b(off|leave|holiday|vacation|annual|free|rest|rdo|day off|compensatory|lieu|al)\b", re.I
)
NIGHT_WORDS = re.compile(r"\bnights?\b|\bnacht|\bnuit", re.I)


class ShiftKind(StrEnum):
    DAY = "day"
    SHORT = "short"
    NIGHT = "night"
    AFTER_NIGHT = "after-night"
    OFF = "off"


# Which kind wins a date with several entries (a night starting on a day that follows one).
_PRIORITY = (ShiftKind.NIGHT, ShiftKind.DAY, ShiftKind.SHORT, ShiftKind.AFTER_NIGHT, ShiftKind.OFF)
# The plan's day-type names each kind is matched to without being told (any case).
_USUAL_NAMES = {
    ShiftKind.DAY: ("day", "day shift", "days", "work", "on", "shift", "early", "late"),
    ShiftKind.SHORT: ("short", "short shift", "half day"),
    ShiftKind.NIGHT: ("night", "night shift", "nights"),
    ShiftKind.AFTER_NIGHT: ("after-night", "after night", "recover", "recovery", "sleep",
                            "post-night", "sleep after nights"),
    ShiftKind.OFF: ("off", "day off", "free", "rest", "any"),
}  # fmt: skip


@dataclass(frozen=True)
class WorkShift:
    """One entry of the rota: a timed shift (local wall-clock times) or an all-day entry
    (``end`` is the day after its last day, as iCalendar writes it)."""

    title: str
    start: datetime | date
    end: datetime | date

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def local_shifts(shifts: Sequence[WorkShift], tz: tzinfo) -> list[WorkShift]:
    """The shifts on the athlete's wall clock: times with a zone moved to ``tz``."""
    return [WorkShift(s.title, _local(s.start, tz), _local(s.end, tz)) for s in shifts]


def _local(value: datetime | date, tz: tzinfo) -> datetime | date:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(tz).replace(tzinfo=None)
    return value


def shift_kinds(shifts: Sequence[WorkShift]) -> dict[date, ShiftKind]:
    """The kind of every date from the rota's first shift to its last."""
    if not shifts:
        raise InvalidInput("the rota holds no shift", hint="export the calendar with its shifts")
    found: dict[date, list[ShiftKind]] = {}
    for shift in shifts:
        for day, kind in _kinds_of(shift):
            found.setdefault(day, []).append(kind)
    days = _span(found)
    return {d: min(found.get(d, [ShiftKind.OFF]), key=_PRIORITY.index) for d in days}


def _span(found: Mapping[date, object]) -> list[date]:
    first, last = min(found), max(found)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _kinds_of(shift: WorkShift) -> Iterable[tuple[date, ShiftKind]]:
    if shift.all_day:
        assert isinstance(shift.start, date) and isinstance(shift.end, date)
        kind = _all_day_kind(shift.title)
        days = max((shift.end - shift.start).days, 1)
        return [(shift.start + timedelta(days=i), kind) for i in range(days)]
    assert isinstance(shift.start, datetime) and isinstance(shift.end, datetime)
    if shift.end <= shift.start:
        raise InvalidInput(f"the shift '{shift.title}' on {shift.start:%Y-%m-%d %H:%M} ends "
                           "before it starts", hint="check the rota's times")  # fmt: skip
    if OFF_WORDS.search(shift.title):
        return [(shift.start.date(), ShiftKind.OFF)]
    if _is_night(shift.start, shift.end) or NIGHT_WORDS.search(shift.title):
        after = shift.end.date() if shift.end.date() > shift.start.date() else None
        return [(shift.start.date(), ShiftKind.NIGHT)] + (
            [(after, ShiftKind.AFTER_NIGHT)] if after else []
        )
    hours = (shift.end - shift.start).total_seconds() / 3600
    return [(shift.start.date(), ShiftKind.SHORT if hours < SHORT_SHIFT_H else ShiftKind.DAY)]


def _all_day_kind(title: str) -> ShiftKind:
    if OFF_WORDS.search(title):
        return ShiftKind.OFF
    return ShiftKind.NIGHT if NIGHT_WORDS.search(title) else ShiftKind.DAY


def _is_night(start: datetime, end: datetime) -> bool:
    """At least half the shift's hours fall between 22:00 and 06:00."""
    total = (end - start).total_seconds()
    night = 0.0
    day = start.date() - timedelta(days=1)
    while datetime.combine(day, NIGHT_FROM) < end:
        window_start = datetime.combine(day, NIGHT_FROM)
        window_end = datetime.combine(day + timedelta(days=1), NIGHT_TO)
        overlap = min(end, window_end) - max(start, window_start)
        night += max(overlap.total_seconds(), 0.0)
        day += timedelta(days=1)
    return night >= NIGHT_SHARE * total


def day_types_for(
    kinds: Mapping[date, ShiftKind], plan_types: Iterable[DayType], told: Mapping[str, str]
) -> dict[date, DayType]:
    """The day type of each date: the runner's mapping (``told``: kind -> a plan day type's
    name, or a day type such as 'none', 'short 30', 'any'), else the plan's usual names."""
    unknown = set(told) - {k.value for k in ShiftKind}
    if unknown:
        raise InvalidInput(f"'{sorted(unknown)[0]}' is not a kind of shift in a rota",
                           hint="one of: " + ", ".join(k.value for k in ShiftKind))  # fmt: skip
    by_name = {t.name.lower(): t for t in plan_types}
    chosen = {kind: _type_for(kind, by_name, told.get(kind.value)) for kind in set(kinds.values())}
    return {day: chosen[kind] for day, kind in kinds.items()}


def _type_for(kind: ShiftKind, plan_types: Mapping[str, DayType], told: str | None) -> DayType:
    if told is not None:
        name = f"{kind.value} shift" if kind in (ShiftKind.DAY, ShiftKind.NIGHT) else kind.value
        return plan_types.get(told.strip().lower()) or spelled_day_type(told, name, kind.value)
    for name in _USUAL_NAMES[kind]:
        if name in plan_types:
            return plan_types[name]
    if kind is ShiftKind.OFF:
        return DayType("off", Allowance.ANY)
    if kind is ShiftKind.AFTER_NIGHT:
        return DayType("after night", Allowance.SHORT, AFTER_NIGHT_DEFAULT_MIN)
    raise InvalidInput(
        f"the rota has {kind.value} shifts and the plan has no day type for them",
        hint=Hint(
            Do.MAP_SHIFT_KIND,
            f"say what {kind.value} shifts are: one of the plan's day types ("
            f"{', '.join(sorted(plan_types))}; or none, 'short 30', any)",
            {"kind": kind.value, "types": ", ".join(sorted(plan_types))},
        ),
    )


def spelled_day_type(text: str, name: str, kind: str = "day") -> DayType:
    """A day type written out: none, any, 'short 30' (a run of at most 30 minutes)."""
    words = text.strip().lower()
    if words in ("any", "none"):
        return DayType(name, Allowance(words))
    match = re.fullmatch(r"short\s*:?\s*(\d+(?:\.\d+)?)", words)
    if match is None or float(match[1]) <= 0:
        raise InvalidInput(
            f"'{text}' is neither a day type of the plan nor none, 'short N' or any",
            hint=f"say what {kind} shifts are: none, any, or 'short 30' (a run of at most 30 min)",
        )
    return DayType(name, Allowance.SHORT, float(match[1]))


def rota_summary(kinds: Mapping[date, ShiftKind]) -> str:
    """'2027-01-04 to 2027-01-31: 8 day, 6 night, 6 after-night, 8 off'."""
    counts = {k: sum(1 for v in kinds.values() if v is k) for k in ShiftKind}
    told = ", ".join(f"{n} {k.value}" for k, n in counts.items() if n)
    return f"{min(kinds)} to {max(kinds)}: {told}"
