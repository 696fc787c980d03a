"""``runcoach coach``: give a coach access (and take it back); as a coach, the athletes'
weeks at a glance, their plans edited with a note, and predictions for the team."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.accountability.coaching import parse_access
from runcoach.domain.units import format_duration, parse_distance
from runcoach.services import coaching as service
from runcoach.views.coaching import (
    athlete_json,
    edit_json,
    glance_json,
    grant_json,
    prediction_line,
)

DATE = click.DateTime(formats=["%Y-%m-%d"])
MARKS = {"done": "+", "partly": "~", "missed": "x", "rest": ".", "coming": " ", "unplanned": "o"}


def _now() -> datetime:
    return datetime.now(UTC)


@click.group("coach")
def coach_group() -> None:
    """Coaching: give a coach access; as a coach, see and adjust your athletes' plans."""


@coach_group.command("invite")
@click.option("--access", default="read", show_default=True, help="read or read-write.")
@json_option
@pass_app
def invite_command(app: AppContext, access: str, as_json: bool) -> None:
    """An invitation code for your coach (shown once; they run `coach accept CODE`)."""
    code = service.invite_coach(app.engine, parse_access(access), _now(), athlete_id=app.athlete_id)
    data = {"code": code, "link": f"/coach/join/{code}", "access": parse_access(access).value}
    emit(as_json, data, lambda: f"give your coach this code (once, 14 days): {code}")


@coach_group.command("accept")
@click.argument("code")
@json_option
@pass_app
def accept_command(app: AppContext, code: str, as_json: bool) -> None:
    """As a coach: accept an athlete's invitation code."""
    grant = service.accept_invitation(app.engine, code, _now(), athlete_id=app.athlete_id)
    data = {"athlete_id": grant.athlete_id, "access": grant.access.value}
    emit(as_json, data, lambda: f"you coach athlete {grant.athlete_id} ({grant.access.value})")


@coach_group.command("coaches")
@json_option
@pass_app
def coaches_command(app: AppContext, as_json: bool) -> None:
    """Your coaches (live and revoked) and open invitations."""
    data = [grant_json(g) for g in service.my_coaches(app.engine, athlete_id=app.athlete_id)]
    emit(as_json, data, lambda: "\n".join(
        f"{g['id']}: {(g['coach'] or {}).get('email') or 'not accepted yet'} {g['access']} "
        f"({g['state']})" for g in data) or "no coaches")  # fmt: skip


@coach_group.command("revoke")
@click.argument("grant_id", type=int)
@pass_app
def revoke_command(app: AppContext, grant_id: int) -> None:
    """End a coach's access at once (or withdraw an invitation)."""
    service.revoke_coach(app.engine, grant_id, _now(), athlete_id=app.athlete_id)
    click.echo(f"access {grant_id} revoked")


@coach_group.command("changes")
@json_option
@pass_app
def changes_command(app: AppContext, as_json: bool) -> None:
    """What your coaches changed in your plan, and why."""
    data = service.plan_changes(app.engine, athlete_id=app.athlete_id)
    lines = [f"{c['day']}: {c['change']} by {c['by']}: {c['note']}" for c in data]
    emit(as_json, data, lambda: "\n".join(lines) or "no changes")


@coach_group.command("athletes")
@json_option
@pass_app
def athletes_command(app: AppContext, as_json: bool) -> None:
    """As a coach: each athlete's last 7 days (+ done, ~ partly, x missed) and warnings."""
    found = service.team(app.engine, app.settings, _now(), athlete_id=app.athlete_id)
    data = [glance_json(a) for a in found]
    emit(as_json, data, lambda: "\n".join(_glance_line(a) for a in data) or "no athletes yet")


def _glance_line(a: dict[str, Any]) -> str:
    days = "".join(MARKS[d["mark"]] for d in a["days"])
    share = "–" if a["share_done"] is None else f"{a['share_done']:.0%}"
    return (f"{a['athlete_id']}: {a['email'] or a['name']} [{days}] {share} done, "
            f"{len(a['warnings'])} warnings ({a['access']})")  # fmt: skip


@coach_group.command("show")
@click.argument("athlete", type=int)
@json_option
@pass_app
def show_command(app: AppContext, athlete: int, as_json: bool) -> None:
    """As a coach: one athlete's glance, warnings, plan rules and recent runs."""
    view = service.athlete(app.engine, app.settings, athlete, _now(), athlete_id=app.athlete_id)
    data = athlete_json(view)
    emit(as_json, data, lambda: "\n".join([_glance_line(data["glance"])] + [
        f"  warning: {w['seen']}" for w in data["glance"]["warnings"]] + [
        f"  rule: {v['rule']} ({v['date']})" for v in data["violations"]]))  # fmt: skip


@coach_group.command("edit")
@click.argument("athlete", type=int)
@click.argument("day", type=DATE)
@click.option("--workout", required=True, help='e.g. "easy 40min", "tempo 20min", "6x800m@5k"')
@click.option("--note", required=True, help="Why: the athlete sees it with the change.")
@json_option
@pass_app
def edit_command(app: AppContext, athlete: int, day: datetime, workout: str, note: str,
                 as_json: bool) -> None:  # fmt: skip
    """As a coach: change a day of an athlete's plan (refused when it breaks a plan rule)."""
    done = service.edit_athlete_plan(app.engine, athlete, day.date(), workout, note, _now(),
                                     athlete_id=app.athlete_id)  # fmt: skip
    data = edit_json(done)
    emit(as_json, data, lambda: f"{data['day']}: {data['change']} ({data['note']})")


@coach_group.command("predict")
@click.option("--to", "to", required=True, help="The race distance: 5k, 10k, half, marathon.")
@json_option
@pass_app
def predict_command(app: AppContext, to: str, as_json: bool) -> None:
    """As a coach: a predicted time for each athlete, from their own log."""
    found = service.team_predictions(app.engine, parse_distance(to), _now(),
                                     athlete_id=app.athlete_id)  # fmt: skip
    data = [prediction_line(t) for t in found]
    emit(as_json, data, lambda: "\n".join(
        f"{d['athlete']}: " + (d["error"] if "error" in d else
                               f"{format_duration(d['seconds'])} ({d['model']})")
        for d in data) or "no athletes yet")  # fmt: skip


COMMANDS = [coach_group]
