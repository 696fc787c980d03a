"""Coaches and athletes as JSON (``runcoach coach ... --json`` and /api/v1/coach...)."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from runcoach.domain.accountability.coaching import Access
from runcoach.domain.plans.codec import plan_to_dict
from runcoach.domain.plans.rules import check
from runcoach.domain.units import format_duration
from runcoach.services.coach_plans import CoachChange
from runcoach.services.coaching import AthleteGlance, CoachGrant, PlanChangeLine, TeamPrediction
from runcoach.views.fitness import PredictionJson, prediction_json
from runcoach.views.json import IsoDate, IsoDateTime
from runcoach.views.plans import PlanDocJson, ShiftJson, ViolationJson, shift_json, violations_json
from runcoach.views.today import WarningJson, warning_json


class CoachInvitationJson(TypedDict):
    """An invitation for a coach: its code (shown once) and link, and the access it gives."""

    code: str
    link: str
    access: str  # read or read-write


def coach_invitation_json(code: str, access: Access) -> CoachInvitationJson:
    return {"code": code, "link": f"/coach/join/{code}", "access": access.value}


class CoachingJson(TypedDict):
    """An athlete's invitation accepted: whom the coach now coaches, and how."""

    athlete_id: int
    access: str  # read or read-write


def coaching_json(athlete_id: int, access: Access) -> CoachingJson:
    return {"athlete_id": athlete_id, "access": access.value}


class CoachJson(TypedDict):
    athlete_id: int
    name: str
    email: str | None


class GrantJson(TypedDict):
    """A coach's access to the runner: invited (not accepted yet), live or revoked."""

    id: int
    state: Literal["invited", "live", "revoked"]
    access: str  # read or read-write
    coach: CoachJson | None  # null until accepted
    created_at: IsoDateTime
    expires_at: IsoDateTime | None  # an invitation's end; null once accepted
    accepted_at: IsoDateTime | None
    revoked_at: IsoDateTime | None


class GlanceDayJson(TypedDict):
    date: IsoDate
    mark: str  # done, partly, missed, rest, coming, unplanned
    sessions: list[str]  # the planned sessions' titles


class GlanceJson(TypedDict):
    """An athlete at a glance for their coach: the last 7 days marked, and the warnings."""

    athlete_id: int
    name: str
    email: str | None
    access: str
    has_plan: bool
    share_done: float | None  # the share of the planned sessions done
    days: list[GlanceDayJson]
    warnings: list[WarningJson]


def grant_json(g: CoachGrant) -> GrantJson:
    grant = g.grant
    state: Literal["invited", "live", "revoked"] = (
        "revoked" if grant.revoked_at else ("live" if grant.coach_athlete_id else "invited")
    )
    return {
        "id": grant.id,
        "state": state,
        "access": grant.access.value,
        "coach": None if g.coach is None else {"athlete_id": g.coach.athlete_id,
                                               "name": g.coach.name, "email": g.coach.email},
        "created_at": grant.created_at.isoformat(),
        "expires_at": grant.expires_at.isoformat() if not grant.coach_athlete_id else None,
        "accepted_at": grant.accepted_at.isoformat() if grant.accepted_at else None,
        "revoked_at": grant.revoked_at.isoformat() if grant.revoked_at else None,
    }  # fmt: skip


def glance_json(a: AthleteGlance) -> GlanceJson:
    return {
        "athlete_id": a.person.athlete_id,
        "name": a.person.name,
        "email": a.person.email,
        "access": a.access.value,
        "has_plan": a.has_plan,
        "share_done": None if a.share_done is None else round(a.share_done, 2),
        "days": [{"date": d.day.isoformat(), "mark": d.mark.value, "sessions": list(d.sessions)}
                 for d in a.days],
        "warnings": [warning_json(w) for w in a.warnings],
    }  # fmt: skip


class CoachRunJson(TypedDict):
    """One of the athlete's runs of the last four weeks, as their coach's page lists it."""

    id: int
    day: IsoDate
    distance_m: int
    duration_s: int
    kind: str | None  # the workout type, when known


class CoachAthleteJson(TypedDict):
    """One athlete as their coach sees them: the glance, the active plan with the rules it
    breaks, the last four weeks' runs and the changes coaches made."""

    glance: GlanceJson
    plan_id: int | None
    plan: PlanDocJson | None  # the plan document (docs/plan-format.md); null without a plan
    violations: list[ViolationJson]
    runs: list[CoachRunJson]  # newest first
    changes: list[PlanChangeLine]  # newest first


def athlete_json(view: dict[str, Any]) -> CoachAthleteJson:
    return {
        "glance": glance_json(view["glance"]),
        "plan_id": view["plan_id"],
        "plan": view["plan"],
        "violations": violations_json(view["violations"]),
        "runs": view["runs"],
        "changes": view["changes"],
    }


class CoachEditJson(TypedDict):
    """A coach's edit of a day of the athlete's plan, saved (a refused one is an error)."""

    change_id: int
    plan_id: int
    day: IsoDate
    change: str  # what the day was and is now, in words
    note: str  # the coach's why, which the athlete reads
    violations: list[ViolationJson]  # the rules the plan breaks after the edit (none new)


def edit_json(done: dict[str, Any]) -> CoachEditJson:
    return {
        "change_id": done["change_id"],
        "plan_id": done["plan_id"],
        "day": done["day"],
        "change": done["change"],
        "note": done["note"],
        "violations": violations_json(done["violations"]),
    }


class TeamPredictionJson(PredictionJson):
    """An athlete's predicted time for their coach, from the athlete's own log."""

    athlete_id: int
    athlete: str  # the athlete's name or address


class TeamPredictionErrorJson(TypedDict):
    """An athlete whose log holds nothing to predict from, and why."""

    athlete_id: int
    athlete: str
    error: str | None


def prediction_line(t: TeamPrediction) -> TeamPredictionJson | TeamPredictionErrorJson:
    athlete_id, athlete = t.athlete.athlete_id, t.athlete.label
    if t.prediction is None:
        return {"athlete_id": athlete_id, "athlete": athlete, "error": t.error}
    return {"athlete_id": athlete_id, "athlete": athlete, **prediction_json(t.prediction),
            "time": format_duration(t.prediction.time_s)}  # fmt: skip


class CoachChangeJson(TypedDict):
    """A coach's plan built from a profile, or a shift or rota recorded for the athlete."""

    plan_id: int
    day: IsoDate
    change: str  # the change log's line
    note: str  # the coach's why
    violations: list[ViolationJson]  # the rules the athlete's plan breaks now
    shift: ShiftJson | None  # a shift or rota: what moved; null for a plan built
    plan: PlanDocJson | None  # the athlete's plan after the change


def coach_change_json(c: CoachChange) -> CoachChangeJson:
    """A coach's change to an athlete's plan: the change log's line and what it did."""
    plan = c.built.plan if c.built else (c.shifted.plan if c.shifted else None)
    violations = check(plan) if plan is not None else []
    return {
        "plan_id": c.plan_id,
        "day": c.day.isoformat(),
        "change": c.change,
        "note": c.note,
        "violations": violations_json(violations),
        "shift": shift_json(c.shifted) if c.shifted else None,
        "plan": plan_to_dict(plan) if plan is not None else None,
    }
