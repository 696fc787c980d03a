"""Availability: which days can hold a run, and how much of one.

A runner's week is either the same every week (per weekday) or a rotating **cycle** of N
days that repeats from a start date (shift work: day shifts, nights, days off; 7 on, 5 on,
a week off). Each day has a **day type** that allows no run, a short run only (with a time
limit), or anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.errors import InvalidInput

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Allowance(StrEnum):
    """What a day can hold."""

    NONE = "none"  # no run at all
    SHORT = "short"  # a short run only, within the day type's time limit
    ANY = "any"  # anything, long run and quality included


@dataclass(frozen=True)
class DayType:
    """A named kind of day ("night shift", "off") and what it allows."""

    name: str
    allowance: Allowance
    max_minutes: float | None = None  # the time limit of a short day

    def __post_init__(self) -> None:
        if self.allowance is Allowance.SHORT and (
            self.max_minutes is None or self.max_minutes <= 0
        ):
            raise InvalidInput(
                f"day type '{self.name}' allows a short run only and needs its time limit",
                hint="for example max_minutes: 40",
            )

    @property
    def max_duration_s(self) -> float | None:
        """The longest run this day holds in seconds (``None`` = no limit)."""
        if self.allowance is Allowance.NONE:
            return 0.0
        if self.allowance is Allowance.SHORT:
            assert self.max_minutes is not None
            return self.max_minutes * 60.0
        return None

    @property
    def can_run(self) -> bool:
        return self.allowance is not Allowance.NONE


ANY_DAY = DayType("free", Allowance.ANY)


def weekday_index(name: str) -> int:
    """0 for Monday ... 6 for Sunday; accepts "mon", "Monday", "sun"."""
    cleaned = name.strip().lower()
    for index, day in enumerate(WEEKDAYS):
        if len(cleaned) >= 3 and day.startswith(cleaned):
            return index
    raise InvalidInput(f"'{name}' is not a weekday", hint="for example monday, tue, sun")


@dataclass(frozen=True)
class Weekly:
    """The same day types every week: ``days[0]`` is Monday."""

    days: tuple[DayType, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise InvalidInput(f"a weekly availability needs 7 days, not {len(self.days)}")

    def day_type(self, day: date) -> DayType:
        return self.days[day.weekday()]


@dataclass(frozen=True)
class Cycle:
    """A pattern of N day types that repeats from ``start`` (the pattern's first day)."""

    start: date
    days: tuple[DayType, ...]
    today_is: int | None = None  # where in the rotation today falls (1 = its first day): the
    # profile said this instead of ``start``, which ``anchored`` then works out

    def __post_init__(self) -> None:
        if not self.days:
            raise InvalidInput("a rotating cycle needs at least one day")

    def anchored(self, today: date) -> Cycle:
        """The cycle with its start worked out from where in it today falls."""
        if self.today_is is None:
            return self
        return Cycle(today - timedelta(days=self.today_is - 1), self.days)

    def day_type(self, day: date) -> DayType:
        return self.days[(day - self.start).days % len(self.days)]


Pattern = Weekly | Cycle


@dataclass(frozen=True)
class Facilities:
    """What the runner can reach for variety and specific work."""

    track: bool = False
    hills: bool = False
    treadmill: bool = False
    trails: bool = False


@dataclass(frozen=True)
class Availability:
    """Everything the plan must fit around."""

    pattern: Pattern = field(default_factory=lambda: Weekly((ANY_DAY,) * 7))
    run_days_wanted: int = 5  # the most run days a week the runner can run (a limit)
    run_days_least: int | None = None  # a range's lower end ("3-4 days"), if one was given
    long_run_weekday: int | None = 6  # 0 Monday ... 6 Sunday; None: the longest free day
    long_run_day_type: str | None = None  # in a rotating cycle: the day type for long runs
    facilities: Facilities = field(default_factory=Facilities)

    def __post_init__(self) -> None:
        if not 1 <= self.run_days_wanted <= 7:
            raise InvalidInput(
                f"run days wanted must be 1 to 7 a week, not {self.run_days_wanted}",
                hint="for example run_days_per_week: 5",
            )
        if self.run_days_least is not None and not 1 <= self.run_days_least <= self.run_days_wanted:
            raise InvalidInput(
                f"run days: {self.run_days_least}-{self.run_days_wanted} is not a range of days",
                hint="for example run_days_per_week: 3-4",
            )

    def day_type(self, day: date) -> DayType:
        return self.pattern.day_type(day)
