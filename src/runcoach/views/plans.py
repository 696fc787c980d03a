"""Plans and the rules they break, as JSON (``--json`` and the API)."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from runcoach.domain.plans.codec import plan_to_dict
from runcoach.domain.plans.describe import summary
from runcoach.domain.plans.document import PlanDocJson as PlanDocJson  # docs/plan-format.md
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.race_plan import RacePlan
from runcoach.domain.plans.rules import Violation
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.units import UnitSystem, distances_in
from runcoach.services.plan_changes import History, Outcome, Undone
from runcoach.services.plans import Built
from runcoach.views.json import IsoDate


class ViolationJson(TypedDict):
    date: IsoDate
    rule: str
    seen: str
    source: str
    accepted: str | None  # why the plan breaks it on purpose (declared in the plan)


class CheckJson(TypedDict):
    violations: list[ViolationJson]


class PlanBuiltJson(TypedDict):
    """A plan built and stored as the active plan (or a day of it changed by a coach)."""

    plan_id: int | None
    filled_from_log: list[str]  # what the profile left out and the log told
    violations: list[ViolationJson]
    plan: PlanDocJson
    display: PlanDisplayJson


class PlanStoredJson(TypedDict):
    """A plan stored (imported, or a day changed by hand) and the rules it breaks."""

    plan_id: int | None
    violations: list[ViolationJson]


class PlanShownJson(TypedDict):
    """The active plan (or one by its id)."""

    plan_id: int
    status: str
    plan: PlanDocJson
    display: PlanDisplayJson
    race_plan: NotRequired[RacePlan | None]  # the command line: the goal race's splits
    violations: NotRequired[list[ViolationJson]]  # the API: every rule the plan breaks


def built_json(built: Built, units: UnitSystem) -> PlanBuiltJson:
    return {
        "plan_id": built.plan_id,
        "filled_from_log": built.filled_from_log,
        "violations": violations_json(built.violations),
        "plan": plan_to_dict(built.plan),
        "display": plan_display_json(built.plan, units),
    }


def stored_json(built: Built) -> PlanStoredJson:
    return {"plan_id": built.plan_id, "violations": violations_json(built.violations)}


def shown_json(plan_id: int, status: str, plan: Plan, units: UnitSystem) -> PlanShownJson:
    """The plan as shown; each door adds its key (``race_plan`` or ``violations``)."""
    return {"plan_id": plan_id, "status": status, "plan": plan_to_dict(plan),
            "display": plan_display_json(plan, units)}  # fmt: skip


def violations_json(violations: list[Violation]) -> list[ViolationJson]:
    return [
        {
            "date": v.day.isoformat(),
            "rule": v.rule,
            "seen": v.seen,
            "source": v.source,
            "accepted": v.accepted,
        }
        for v in violations
    ]


class LongRunJson(TypedDict):
    date: IsoDate
    title: str  # "Long run 8.6 mi (1:40:12, ~8.6 mi)": in the runner's units


class WeekDisplayJson(TypedDict):
    index: int
    notes: list[str]
    long_runs: list[LongRunJson]


class PlanDisplayJson(TypedDict):
    """What a person reads of the plan, in the runner's units (the plan itself is in metres)."""

    units: str
    notes: list[str]
    limitations: list[str]
    weeks: list[WeekDisplayJson]


def plan_display_json(plan: Plan, units: UnitSystem) -> PlanDisplayJson:
    return {
        "units": units.value,
        "notes": [distances_in(n, units) for n in plan.notes],
        "limitations": [f"{x.rule}: {distances_in(x.why, units)}" for x in plan.limitations],
        "weeks": [
            {
                "index": w.index,
                "notes": [distances_in(n, units) for n in w.notes],
                "long_runs": [
                    {"date": d.day.isoformat(), "title": summary(x, units)}
                    for d, x in w.workouts()
                    if x.kind is WorkoutKind.LONG
                ],
            }
            for w in plan.weeks
        ],
    }


class ViolationSeenJson(TypedDict):
    day: IsoDate
    rule: str
    seen: str
    source: str


class ShiftJson(TypedDict):
    change: str  # what changed, in words ("2027-01-12 becomes night", "rota ...")
    changes: list[str]  # what moved, was shortened or dropped
    new_violations: list[ViolationSeenJson]  # the rules the change newly breaks
    saved: bool  # False: a preview (--dry-run)


def shift_json(outcome: Outcome) -> ShiftJson:
    return {
        "change": outcome.what,
        "changes": list(outcome.shifted.changes),
        "new_violations": [
            {"day": v.day.isoformat(), "rule": v.rule, "seen": v.seen, "source": v.source}
            for v in outcome.shifted.new_violations
        ],
        "saved": outcome.saved,
    }


class PlanChangeJson(TypedDict):
    version: int
    at: str  # when the change was saved (UTC, ISO 8601)
    change: str


class HistoryJson(TypedDict):
    plan_id: int
    changes: list[PlanChangeJson]  # the newest first


def history_json(kept: History) -> HistoryJson:
    return {
        "plan_id": kept.plan_id,
        "changes": [
            {"version": v.id, "at": v.created_at.isoformat(timespec="microseconds"),
             "change": v.change}
            for v in kept.versions
        ],
    }  # fmt: skip


class UndoJson(TypedDict):
    plan_id: int
    undone: str
    changes_left: int


def undo_json(done: Undone) -> UndoJson:
    return {"plan_id": done.plan_id, "undone": done.undone, "changes_left": done.changes_left}
