"""Daily check-ins and what they say about today: well, tired, sick, injured, coming back.

The state is worked out from the check-ins alone (never from a stored flag), so the answer
for any day can be recomputed from the same history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
MIN_EASY_DAYS_BELOW_NECK = 2  # after a fever or symptoms below the neck, at least, days
REST_DAYS_AFTER_FEVER = 1  # no running until a full day without fever, days (Primos 1996)
FIRST_HALF_SHARE = 0.5  # volume in the first half of the easy days after a fever/below the neck
SECOND_HALF_SHARE = 0.75  # volume in the second half, and after an illness above the neck
MINI_DAYS_AFTER_ILLNESS = 7  # intensity back last: quality as its mini version this long, days

SOURCE_NECK_CHECK = (
    "the 'neck check' (Eichner 1993, 'Infection, immunity, and exercise', The Physician and "
    "Sportsmedicine 21(1)): symptoms only above the neck (runny nose, sneezing, mild sore "
    "throat) allow easy running; below the neck (fever, chest, aches, stomach) mean rest"
)
SOURCE_WAY_BACK = (
    "return to running after illness, staged as in graduated return-to-play guidance "
    "(Elliott et al. 2020, BJSM 54(19)): no running until a day without fever (Primos 1996, "
    "Phys Sportsmed 24(1)); then one easy day per day of illness (two at least after a fever "
    "or symptoms below the neck) at half, then three quarters of the volume; intensity back "
    "last: the first week of quality as its mini version"
)


class Symptoms(StrEnum):
    ABOVE_NECK = "above-neck"
    BELOW_NECK = "below-neck"
    FEVER = "fever"  # a fever: below the neck, and a day without it before running

    @property
    def below_neck(self) -> bool:
        return self is not Symptoms.ABOVE_NECK


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
        if self.can_run and self.feel is Feel.SICK:
            raise InvalidInput(
                "able to run again and feeling sick on the same day: which is it?",
                hint="still sick: check in as sick; symptoms gone: say you can run again (the way "
                "back from illness starts)",
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
    rest_days_left: int = 0  # after a fever: days still without running
    volume_share: float = 1.0  # after illness: share of the planned volume for today
    minis_only: bool = False  # after illness: quality comes back as its mini version
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
    episode = [c for c in sick if c.day >= _episode_start(sick, gap_days=1)]
    sick_days = (last.day - episode[0].day).days + 1
    if today is last or (not later and (day - last.day).days <= SICK_CARRY_DAYS):
        return Health(Status.SICK, Feel.SICK, last.symptoms, sick_days=sick_days)
    well_from = later[0].day if later else last.day + timedelta(days=SICK_CARRY_DAYS + 1)
    back = _way_back(episode, sick_days, (day - well_from).days)
    if back is None:
        return None
    feel = today.feel if today else None
    return replace(back, feel=feel)


def _way_back(episode: Sequence[CheckIn], sick_days: int, days_well: int) -> Health | None:
    """Where the runner is on the way back ``days_well`` days after the illness ended."""
    fever = any(c.symptoms is Symptoms.FEVER for c in episode)
    below = fever or any(c.symptoms is not None and c.symptoms.below_neck for c in episode)
    rest = REST_DAYS_AFTER_FEVER if fever else 0
    easy = min(sick_days * EASY_DAYS_PER_SICK_DAY, MAX_EASY_DAYS_AFTER_ILLNESS)
    easy = max(easy, MIN_EASY_DAYS_BELOW_NECK) if below else easy
    base = Health(
        Status.AFTER_ILLNESS, sick_days=sick_days, rest_days_left=max(rest - days_well, 0)
    )
    if days_well < rest:
        return replace(base, easy_days_left=easy, volume_share=0.0)
    into = days_well - rest
    if into < easy:
        first_half = below and into < (easy + 1) // 2
        share = FIRST_HALF_SHARE if first_half else SECOND_HALF_SHARE
        return replace(base, easy_days_left=easy - into, volume_share=share)
    if into < easy + MINI_DAYS_AFTER_ILLNESS:
        return replace(base, minis_only=True)
    return None


def can_run_meaning(checkins: Sequence[CheckIn], day: date) -> str:
    """What ``checkin --can-run`` does on ``day``, said to the runner: never 'run normally'
    straight out of an illness or an injury."""
    health = health_on(checkins, day)
    if health.status is Status.RETURNING:
        return ("back from the injury: the return-to-run progression starts (run/walk, every "
                "other day, a stage up only when it did not hurt)")  # fmt: skip
    if health.status is Status.AFTER_ILLNESS:
        rest = (f"{health.rest_days_left} more day(s) without running (a day without fever), "
                if health.rest_days_left else "")  # fmt: skip
        return (f"you were sick, not injured: running again ends the {health.sick_days} sick "
                f"day(s) and the way back from illness starts: {rest}{health.easy_days_left} "
                "easy day(s) at reduced volume, then a week of quality as its mini "
                "version")  # fmt: skip
    if health.status is Status.SICK:
        return "you are still reported sick today: the neck check decides today's running"
    return "nothing to come back from: the plan goes on as planned"


def resting_hr_readings(checkins: Sequence[CheckIn]) -> list[Reading]:
    """The morning resting heart rates the check-ins tell, oldest first."""
    told = ((c.day, c.habits.resting_hr) for c in checkins)
    return sorted((Reading(d, v) for d, v in told if v is not None), key=lambda r: r.day)
