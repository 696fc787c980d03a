"""``runcoach coach``: give a coach access (and take it back); as a coach, the athletes'
weeks at a glance, their plans edited with a note, and predictions for the team."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.accountability.coaching import parse_access
from runcoach.domain.units import format_duration, parse_distance
from runcoach.services import coach_plans
from runcoach.services import coaching as service
from runcoach.services.plan_changes import Outcome, RotaRequest, ShiftRequest
from runcoach.views.coaching import (
    athlete_json,
    coach_change_json,
    coach_invitation_json,
    coaching_json,
    edit_json,
    glance_json,
    grant_json,
    prediction_line,
)
from runcoach.views.plans import shift_json

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
    data = coach_invitation_json(code, parse_access(access))
    emit(as_json, data, lambda: f"give your coach this code (once, 14 days): {code}")


@coach_group.command("accept")
@click.argument("code")
@json_option
@pass_app
def accept_command(app: AppContext, code: str, as_json: bool) -> None:
    """As a coach: accept an athlete's invitation code."""
    grant = service.accept_invitation(app.engine, code, _now(), athlete_id=app.athlete_id)
    data = coaching_json(grant.athlete_id, grant.access)
    emit(as_json, data, lambda: f"you coach athlete {grant.athlete_id} ({grant.access.value})")


@coach_group.command("coaches")
@json_option
@pass_app
def coaches_command(app: AppContext, as_json: bool) -> None:
    """Your coaches (live and revoked) and open invitations."""
    data = [grant_json(g) for g in service.my_coaches(app.engine, athlete_id=app.athlete_id)]
    emit(as_json, data, lambda: "\n".join(
        f"{g['id']}: {(g['coach'] and g['coach']['email']) or 'not accepted yet'} {g['access']} "
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


def _glance_line(a: Mapping[str, Any]) -> str:
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
    emit(as_json, data, lambda: "\n".join(_team_line(d) for d in data) or "no athletes yet")


def _team_line(d: Mapping[str, Any]) -> str:
    told = d["error"] if "error" in d else f"{format_duration(d['seconds'])} ({d['model']})"
    return f"{d['athlete']}: {told}"


def _change_line(data: Mapping[str, Any]) -> str:
    broken = "".join(f"\n  rule: {v['rule']} ({v['date']})" for v in data["violations"])
    return f"{data['day']}: {data['change']} ({data['note']}){broken}"


@coach_group.command("plan")
@click.argument("athlete", type=int)
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The athlete's profile (YAML or JSON; see docs/profile.md).",
)
@click.option("--note", required=True, help="Why: the athlete sees it with the new plan.")
@json_option
@pass_app
def plan_command(app: AppContext, athlete: int, profile_path: Path, note: str,
                 as_json: bool) -> None:  # fmt: skip
    """As a coach: build an athlete's plan from a profile (it becomes their active plan)."""
    from runcoach.inputs.plans import read_profile

    done = coach_plans.build_plan(app.engine, athlete, read_profile(profile_path), note, _now(),
                                  athlete_id=app.athlete_id)  # fmt: skip
    data = coach_change_json(done)
    emit(as_json, data, lambda: _change_line(data))


_NOTE = click.option("--note", help="Why: the athlete sees it with the change (needed to save).")
_DRY_RUN = click.option(
    "--dry-run", is_flag=True, help="Show what would move and the rules broken; save nothing."
)


def _noted(note: str | None) -> str:
    if note is None:
        raise click.UsageError("--note is needed to save a change: why, for the athlete")
    return note


def _emit_preview(as_json: bool, preview: Outcome) -> None:
    from runcoach.cli.plans import render_shift  # the preview reads as 'plan shift --dry-run'

    data = shift_json(preview)
    emit(as_json, data, lambda: render_shift(data))


@coach_group.command("shift")
@click.argument("athlete", type=int)
@click.option("--date", "day", type=DATE, help="The day that changes.")
@click.option("--day-type", help="The day's new type: one of the plan's, none, any, 'short 30'.")
@click.option("--swap", nargs=2, type=DATE, help="Swap two days' types.")
@_NOTE
@_DRY_RUN
@click.option("--accept-breaks", is_flag=True, help="Save it even when it breaks plan rules.")
@json_option
@pass_app
def shift_command(app: AppContext, athlete: int, day: datetime | None, day_type: str | None,
                  swap: Any, note: str | None, dry_run: bool, accept_breaks: bool,
                  as_json: bool) -> None:  # fmt: skip
    """As a coach: record an athlete's changed shift; their plan re-fits around it."""
    request = ShiftRequest(swap=(swap[0].date(), swap[1].date()) if swap else None,
                           day=day.date() if day else None, day_type=day_type)  # fmt: skip
    if dry_run:
        preview = coach_plans.preview_shift(app.engine, athlete, request, _now(),
                                            athlete_id=app.athlete_id)  # fmt: skip
        return _emit_preview(as_json, preview)
    done = coach_plans.shift(app.engine, athlete, request, _noted(note), accept_breaks, _now(),
                             athlete_id=app.athlete_id)  # fmt: skip
    data = coach_change_json(done)
    emit(as_json, data, lambda: _change_line(data))


@coach_group.command("rota")
@click.argument("athlete", type=int)
@click.argument("rota_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--map",
    "told",
    multiple=True,
    metavar="KIND=TYPE",
    help="What a kind of shift is in the plan, e.g. night=none. Repeatable.",
)
@_NOTE
@_DRY_RUN
@click.option("--accept-breaks", is_flag=True, help="Save it even when it breaks plan rules.")
@json_option
@pass_app
def rota_command(app: AppContext, athlete: int, rota_file: Path, told: tuple[str, ...],
                 note: str | None, dry_run: bool, accept_breaks: bool,
                 as_json: bool) -> None:  # fmt: skip
    """As a coach: an athlete's shifts from their iCalendar rota; their plan re-fits."""
    from runcoach.cli.plans import rota_mapping  # the --map syntax of 'plan rota', once
    from runcoach.inputs.rota import read_rota_file

    request = RotaRequest(read_rota_file(rota_file), rota_mapping(told))
    if dry_run:
        preview = coach_plans.preview_rota(app.engine, athlete, request, _now(),
                                           athlete_id=app.athlete_id)  # fmt: skip
        return _emit_preview(as_json, preview)
    done = coach_plans.rota(app.engine, athlete, request, _noted(note), accept_breaks, _now(),
                            athlete_id=app.athlete_id)  # fmt: skip
    data = coach_change_json(done)
    emit(as_json, data, lambda: _change_line(data))


COMMANDS = [coach_group]
