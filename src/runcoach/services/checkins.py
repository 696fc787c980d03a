"""Use cases of the daily check-in: how the runner is (feel, symptoms, can run again) and
what they did for their health (habits, body weight, resting heart rate).

A check-in only adds to what was said earlier the same day: what is told again replaces
the earlier answer, what is not told stays (``store.checkins.merged``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from runcoach.domain.days import zone
from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.progress.habits import ENOUGH_SLEEP_S, Habits
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.health import CheckIn, Symptoms, can_run_meaning
from runcoach.domain.units import UnitSystem, parse_heart_rate, parse_hours, parse_weight

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def parse_checkin(
    day: date,
    feel: str | None = None,
    symptoms: str | None = None,
    note: str = "",
    can_run: bool | None = None,
    habits: Habits | None = None,
) -> CheckIn:
    """A check-in from what the runner typed; symptoms alone mean feeling sick."""
    where = _enum(Symptoms, symptoms, "symptoms")
    how = _enum(Feel, feel, "feel") or (Feel.SICK if where else None)
    return CheckIn(day, how, where, note, can_run, habits or Habits())


def _enum(cls: Any, value: str | None, name: str) -> Any:
    if value is None:
        return None
    try:
        return cls(value.strip().lower())
    except ValueError as exc:
        allowed = ", ".join(m.value for m in cls)
        raise InvalidInput(f"'{value}' is not a {name} runcoach knows", hint=allowed) from exc


@dataclass(frozen=True)
class HabitReport:
    """The habits as typed: flags (None: not said; False: said not done) and texts."""

    strength: bool | None = None
    warm_up: bool | None = None
    ate_well: bool | None = None
    slept: str | None = None  # "7.5h", "7h30", "7:30", "450min"
    weight: str | None = None  # "70.4kg", "155lb"; a bare number in the runner's units
    resting_hr: str | None = None  # "52"

    def parsed(self, units: UnitSystem) -> Habits:
        return Habits(
            strength=self.strength,
            warm_up=self.warm_up,
            ate_well=self.ate_well,
            sleep_s=parse_hours(self.slept) if self.slept is not None else None,
            weight_kg=parse_weight(self.weight, units) if self.weight is not None else None,
            resting_hr=parse_heart_rate(self.resting_hr) if self.resting_hr is not None else None,
        )

    @property
    def empty(self) -> bool:
        return all(v is None for v in vars(self).values())


@dataclass(frozen=True)
class CheckInReport:
    """What the runner typed, before it has a day."""

    feel: str | None = None
    symptoms: str | None = None
    note: str = ""
    can_run: bool | None = None
    habits: HabitReport = HabitReport()
    units: UnitSystem = UnitSystem.METRIC  # of a bare weight

    @property
    def empty(self) -> bool:
        said = self.feel is not None or self.symptoms is not None or self.note or self.can_run
        return not said and self.habits.empty

    def on(self, day: date) -> CheckIn:
        habits = self.habits.parsed(self.units)
        return parse_checkin(day, self.feel, self.symptoms, self.note, self.can_run, habits)


def record_checkin(conn: Connection, athlete_id: int, checkin: CheckIn) -> CheckIn:
    """Store the check-in, merged with what the runner already said that day."""
    from runcoach.store import checkins as store  # SQLAlchemy: only for a check-in written

    kept = store.merged(store.checkin_on(conn, athlete_id, checkin.day), checkin)
    store.save_checkin(conn, athlete_id, kept)
    return kept


@dataclass(frozen=True)
class CheckedIn:
    """A check-in as kept (merged with what was said earlier that day), and, when the runner
    can run again, what that means today (the return-to-run stage, or the way back)."""

    checkin: CheckIn
    can_run_means: str | None = None


def checkin(
    engine: Engine, report: CheckInReport, day: date | None = None, *, athlete_id: int
) -> CheckedIn:
    """``runcoach checkin``: store how the runner is, without asking for the session."""
    if report.empty:
        raise InvalidInput(
            "a check-in needs something to say",
            hint=Hint(
                Do.CHECK_IN, "for example how you feel, that you can run, a habit kept, the sleep"
            ),
        )
    from runcoach.store import checkins as store

    with engine.begin() as conn:
        when = day or local_today(conn, athlete_id)
        kept = record_checkin(conn, athlete_id, report.on(when))
        if not kept.can_run:
            return CheckedIn(kept)
        return CheckedIn(
            kept, can_run_meaning(store.list_checkins(conn, athlete_id, until=when), when)
        )


def local_today(conn: Connection, athlete_id: int) -> date:
    """Today in the athlete's time zone (UTC when it is not set): the one clock read."""
    from runcoach.store.runs import athlete_timezone

    return today_in(athlete_timezone(conn, athlete_id))


def today_in(zone_name: str | None) -> date:
    """Today where the athlete lives (``store.runs.local_date_of`` of now: UTC when the zone
    is not set or not known here)."""
    now = datetime.now(UTC)
    try:
        return now.astimezone(zone(zone_name)).date()
    except InvalidInput:  # a zone name this machine does not know
        return now.date()


def checkin_to_dict(c: CheckIn) -> dict[str, Any]:
    h = c.habits
    return {
        "day": c.day.isoformat(),
        "feel": c.feel.value if c.feel else None,
        "symptoms": c.symptoms.value if c.symptoms else None,
        "note": c.note,
        "can_run": c.can_run,
        "habits": {
            "strength": h.strength,
            "warm_up": h.warm_up,
            "ate_well": h.ate_well,
            "sleep_s": h.sleep_s,
            "enough_sleep": None if h.sleep_s is None else h.sleep_s >= ENOUGH_SLEEP_S,
            "weight_kg": h.weight_kg,
            "resting_hr": h.resting_hr,
        },
    }
