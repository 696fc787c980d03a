"""Daily check-ins and what they say about today: well, tired, sick, injured, coming back.

The state is worked out from the check-ins alone (never from a stored flag), so the answer
for any day can be recomputed from the same history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.body import Reading
from runcoach.domain.hints import Do, Hint
from runcoach.domain.progress.habits import Habits
from runcoach.domain.run.runs import Feel

SICK_CARRY_DAYS = 1  # a sick report still holds this many days without a new check-in, days
EASY_DAYS_PER_SICK_DAY = 1  # easy days before quality per day of illness (coaching practice)
MAX_EASY_DAYS_AFTER_ILLNESS = 7  # cap on those easy days, days; 5-10 in practice

SOURCE_NECK_CHECK = (
    "the 'neck check' (Eichner 1993, 'Infection, immunity, and exercise', The Physician and "
    "Sportsmedicine 21(1)): symptoms only above the neck (runny nose, sneezing, mild sore "
    "throat) allow easy running; below the neck (fever, chest, aches, stomach) mean rest"
)
SOURCE_WAY_BACK = (
    "coaching practice: one easy day for each day of illness before any quality session"
)


class Symptoms(StrEnum):
    ABOVE_NECK = "above-neck"
    BELOW_NECK = "below-neck"


@dataclass(frozen=True)
class CheckIn:
    """How the runner is on a day; ``can_run`` marks the day they can run again after injury;
    ``habits`` what they did for their health (domain/progress/habits.py)."""

    day: date
    feel: Feel | None = None
    symptoms: Symptoms | None = None
    note: str = ""
    can_run: bool | None = None
    habits: Habits = field(default_factory=Habits)

    def __post_init__(self) -> None:
        if self.symptoms is not None and self.feel is not Feel.SICK:
            raise InvalidInput(
                "symptoms go with feeling sick",
                hint=Hint(
                    Do.TELL_SYMPTOMS, "say you feel sick, with the symptoms above or below the neck"
                ),
            )

    @property
    def about_health(self) -> bool:
        """Whether it says how the runner is (a check-in of habits alone does not)."""
        told = self.feel, self.symptoms, self.can_run
        return any(x is not None for x in told) or bool(self.note)


class Status(StrEnum):
    WELL = "well"
    TIRED = "tired"  # tired or sore today
    SICK = "sick"
    AFTER_ILLNESS = "after-illness"  # well again, easy days before quality
    INJURED = "injured"  # the plan pauses
    RETURNING = "returning"  # can run again: return-to-running progression


@dataclass(frozen=True)
class Health:
    status: Status
    feel: Feel | None = None  # today's reported feel, if any
    symptoms: Symptoms | None = None
    sick_days: int = 0  # length of the last illness, days
    easy_days_left: int = 0  # after illness: easy days still to run before quality
    since: date | None = None  # injury: first injured day; returning: the can-run day
    days_off: int = 0  # returning: days between the injury and the can-run day


def health_on(checkins: Sequence[CheckIn], day: date) -> Health:
    """The runner's state on ``day`` from the check-ins up to that day."""
    told = (c for c in checkins if c.day <= day and c.about_health)
    history = sorted(told, key=lambda c: c.day)
    today = next((c for c in reversed(history) if c.day == day), None)
    injury = _injury(history, day)
    if injury is not None:
        return injury
    illness = _illness(history, day, today)
    if illness is not None:
        return illness
    if today is not None and today.feel in (Feel.TIRED, Feel.SORE):
        return Health(Status.TIRED, today.feel)
    return Health(Status.WELL, today.feel if today else None)


def _injury(history: Sequence[CheckIn], day: date) -> Health | None:
    injured = [c for c in history if c.feel is Feel.INJURED and not c.can_run]
    if not injured:
        return None
    last = injured[-1]
    first = _episode_start(injured)
    back = next((c for c in history if c.day >= last.day and c.can_run), None)
    if back is None:
        return Health(Status.INJURED, Feel.INJURED, since=first)
    return Health(Status.RETURNING, since=back.day, days_off=(back.day - first).days)


def _episode_start(reports: Sequence[CheckIn], gap_days: int = 3) -> date:
    """The first day of the last run of reports no more than ``gap_days`` apart."""
    start = reports[-1].day
    for earlier in reversed(reports[:-1]):
        if (start - earlier.day).days > gap_days:
            break
        start = earlier.day
    return start


def _illness(history: Sequence[CheckIn], day: date, today: CheckIn | None) -> Health | None:
    sick = [c for c in history if c.feel is Feel.SICK]
    if not sick:
        return None
    last = sick[-1]
    later = [c for c in history if c.day > last.day]
    sick_days = (last.day - _episode_start(sick, gap_days=1)).days + 1
    if today is last or (not later and (day - last.day).days <= SICK_CARRY_DAYS):
        return Health(Status.SICK, Feel.SICK, last.symptoms, sick_days=sick_days)
    well_from = later[0].day if later else last.day + timedelta(days=SICK_CARRY_DAYS + 1)
    easy_days = min(sick_days * EASY_DAYS_PER_SICK_DAY, MAX_EASY_DAYS_AFTER_ILLNESS)
    left = easy_days - (day - well_from).days
    if left <= 0:
        return None
    feel = today.feel if today else None
    return Health(Status.AFTER_ILLNESS, feel, sick_days=sick_days, easy_days_left=left)


def resting_hr_readings(checkins: Sequence[CheckIn]) -> list[Reading]:
    """The morning resting heart rates the check-ins tell, oldest first."""
    told = ((c.day, c.habits.resting_hr) for c in checkins)
    return sorted((Reading(d, v) for d, v in told if v is not None), key=lambda r: r.day)
