"""Moving a session to another day (the calendar's drag and drop), checked before saving.

The sessions of the two days change places, as a runner does when a Tuesday tempo goes to
Thursday and Thursday's easy run to Tuesday; nothing else in the plan moves. The rules of
``rules.check`` are run on the moved plan, and the rules it breaks that the plan did not
break before are shown to the runner before the move is saved.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import rules
from runcoach.domain.plans.model import Plan


@dataclass(frozen=True)
class Moved:
    plan: Plan
    change: str  # what moved where, for the runner
    new_violations: tuple[rules.Violation, ...]


def move_session(plan: Plan, from_day: date, to_day: date, today: date) -> Moved:
    """The plan with the sessions of ``from_day`` and ``to_day`` exchanged, and what it breaks."""
    if from_day == to_day:
        raise InvalidInput("the session is already on that day")
    for day in (from_day, to_day):
        if day < today:
            raise InvalidInput(f"{day} is in the past: only coming days can change")
    moved = copy.deepcopy(plan)
    source, target = moved.day(from_day), moved.day(to_day)
    if source is None or target is None:
        missing = from_day if source is None else to_day
        raise InvalidInput(f"{missing} is not a day of this plan ({plan.start} to {plan.end})")
    if not source.workouts:
        raise InvalidInput(f"there is no session on {from_day} to move")
    source.workouts, target.workouts = target.workouts, source.workouts
    source.note, target.note = "moved by the runner", "moved by the runner"
    titles = ", ".join(w.title for w in target.workouts)
    return Moved(moved, f"{titles}: {from_day} -> {to_day}", _new(plan, moved))


def _new(before: Plan, after: Plan) -> tuple[rules.Violation, ...]:
    seen = {(v.day, v.rule) for v in rules.check(before) if v.accepted is None}
    return tuple(
        v for v in rules.check(after) if v.accepted is None and (v.day, v.rule) not in seen
    )
