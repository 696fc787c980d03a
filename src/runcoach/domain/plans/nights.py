"""Night shifts in a rotating cycle: whether a run is possible before a night shift, after
it (on coming home), or neither. The profile says it once (``night_shifts``) and the cycle's
days are re-typed so that the layout, which places runs by day type, respects it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.schedule import Allowance, Cycle, DayType

NIGHT_RUN_MIN = 30.0  # a run around a night shift, by default (minutes): short and easy
WHEN = ("before", "after", "neither")
EXAMPLE = "night_shifts: {type: night, run: after, minutes: 30}"


@dataclass(frozen=True)
class NightRuns:
    type_name: str  # the cycle's day type of a night shift
    run: str  # before, after or neither
    minutes: float = NIGHT_RUN_MIN


def night_runs_of(value: Any) -> NightRuns | None:
    """``night_shifts:`` of the profile (None when not given)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidInput("night_shifts must be a mapping", hint=EXAMPLE)
    run = str(value.get("run", "")).strip().lower()
    if run not in WHEN:
        raise InvalidInput(f"night_shifts.run: '{value.get('run')}' is not one of "
                           f"{', '.join(WHEN)}", hint=EXAMPLE)  # fmt: skip
    minutes = value.get("minutes", NIGHT_RUN_MIN)
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 10 <= minutes <= 90:
        raise InvalidInput(f"night_shifts.minutes: '{minutes}' must be 10 to 90", hint=EXAMPLE)
    return NightRuns(str(value.get("type", "night")), run, float(minutes))


def with_night_runs(cycle: Cycle, nights: NightRuns) -> Cycle:
    """The cycle re-typed: ``before``, every night allows a short run (before going in);
    ``after``, the run is on coming home, so a night that follows a night and the day after
    the last night allow a short run, and the first night none; ``neither``, no run on any
    night."""
    days = list(cycle.days)
    n = len(days)
    is_night = [d.name == nights.type_name for d in days]
    if not any(is_night):
        raise InvalidInput(
            f"night_shifts.type: the cycle has no day type '{nights.type_name}'",
            hint="name the cycle's day type of night shifts, e.g. night_shifts: {type: night}",
        )
    name, short = nights.type_name, nights.minutes
    for i in range(n):
        after_a_night = is_night[(i - 1) % n]
        if is_night[i] and nights.run == "before":
            days[i] = DayType(f"{name} (run before)", Allowance.SHORT, short)
        elif is_night[i] and nights.run == "after" and after_a_night:
            days[i] = DayType(f"{name} (run after the last)", Allowance.SHORT, short)
        elif is_night[i]:
            days[i] = DayType(name, Allowance.NONE)
        elif after_a_night and nights.run == "after" and not cycle.days[i].can_run:
            days[i] = DayType(f"after {name}", Allowance.SHORT, short)
    return Cycle(cycle.start, tuple(days), cycle.today_is)
