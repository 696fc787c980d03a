"""``runcoach groups``: groups, their boards, invitations, challenges and runs (issue 14)."""

from __future__ import annotations

from datetime import datetime

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.cli.social import feed_text, page_options
from runcoach.domain.accountability.groups import GroupKind, Measure
from runcoach.domain.units import parse_distance
from runcoach.services import group_invitations, groups
from runcoach.views.accountability import (
    created_json,
    feed_page_json,
    group_board_json,
    plain,
)

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.group("groups")
def groups_group() -> None:
    """Groups: clubs, teams and goals; the board; challenges."""


@groups_group.command("list")
@json_option
@pass_app
def groups_list(app: AppContext, as_json: bool) -> None:
    """Your groups, then the open ones you may join."""
    found = groups.list_groups(app.engine, athlete_id=app.athlete_id)
    emit(as_json, plain(found), lambda: "\n".join(
        f"{g.id}: {g.name} ({g.kind}, {g.members} members){' - ' + g.role if g.role else ''}"
        for g in found) or "no groups yet")  # fmt: skip


@groups_group.command("create")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in GroupKind]), default="club")
@click.option("--goal-distance", help="A goal group's race: half, 42.2k...")
@click.option("--goal-date", type=DATE)
@click.option("--invite-only", is_flag=True, help="Runners join by your link or ask to join.")
@json_option
@pass_app
def groups_create(
    app: AppContext, name: str, kind: str, goal_distance: str | None, goal_date: datetime | None,
    invite_only: bool, as_json: bool,
) -> None:  # fmt: skip
    """Start a group; you are its admin."""
    found = groups.create_group(
        app.engine, name, GroupKind(kind), athlete_id=app.athlete_id,
        goal_distance_m=parse_distance(goal_distance) if goal_distance else None,
        goal_date=goal_date.date() if goal_date else None, is_open=not invite_only,
    )  # fmt: skip
    emit(as_json, created_json(found), lambda: f"group {found}: {name}")


@groups_group.command("join")
@click.argument("group_id", type=int)
@pass_app
def groups_join(app: AppContext, group_id: int) -> None:
    """Join an open group."""
    groups.join_group(app.engine, group_id, athlete_id=app.athlete_id)
    click.echo(f"joined group {group_id}")


@groups_group.command("leave")
@click.argument("group_id", type=int)
@pass_app
def groups_leave(app: AppContext, group_id: int) -> None:
    """Leave a group."""
    groups.leave_group(app.engine, group_id, athlete_id=app.athlete_id)
    click.echo(f"left group {group_id}")


@groups_group.command("board")
@click.argument("group_id", type=int)
@json_option
@pass_app
def groups_board(app: AppContext, group_id: int, as_json: bool) -> None:
    """A group's board: run days, weekly streaks, wins, races."""
    found = groups.group_board(app.engine, app.settings, group_id, athlete_id=app.athlete_id)
    emit(as_json, group_board_json(found), lambda: "\n".join(
        f"{m['name']}: " + (f"{m['run_days']} run days in {found['weeks']} weeks, streak "
                            f"{m['streak_weeks']} weeks" if m["shares"] else "shares nothing")
        for m in found["members"]))  # fmt: skip


@groups_group.command("invite")
@click.argument("group_id", type=int)
@click.option("--email", help="The address of a runner here: they are told in the app too.")
@click.option("--athlete", "invitee", type=int, help="A runner's id here: they are told too.")
@json_option
@pass_app
def groups_invite(app: AppContext, group_id: int, email: str | None, invitee: int | None,
                  as_json: bool) -> None:  # fmt: skip
    """Invite into a group you admin: a link /groups/join/CODE, once, for 14 days."""
    found = group_invitations.invite_to_group(app.engine, group_id, athlete_id=app.athlete_id,
                                              email=email, invitee_id=invitee)  # fmt: skip
    emit(as_json, {**plain(found), "url": f"/groups/join/{found.code}"},
         lambda: f"send this link: /groups/join/{found.code} (code {found.code})")  # fmt: skip


@groups_group.command("accept")
@click.argument("code")
@pass_app
def groups_accept(app: AppContext, code: str) -> None:
    """Join a group by an invitation's CODE (the end of its link)."""
    group_id = group_invitations.accept_invitation(app.engine, code, athlete_id=app.athlete_id)
    click.echo(f"joined group {group_id}")


@groups_group.command("ask")
@click.argument("group_id", type=int)
@pass_app
def groups_ask(app: AppContext, group_id: int) -> None:
    """Ask to join an invite-only group: its admins approve or decline."""
    group_invitations.ask_to_join(app.engine, group_id, athlete_id=app.athlete_id)
    click.echo(f"asked to join group {group_id}: its admins decide")


@groups_group.command("requests")
@click.argument("group_id", type=int)
@json_option
@pass_app
def groups_requests(app: AppContext, group_id: int, as_json: bool) -> None:
    """The runners asking to join a group you admin, oldest first."""
    found = group_invitations.join_requests(app.engine, group_id, athlete_id=app.athlete_id)
    emit(as_json, plain(found), lambda: "\n".join(
        f"{r.athlete_id}  {r.name} (asked {r.asked_at.date()})" for r in found)
        or "nobody is asking to join")  # fmt: skip


@groups_group.command("answer")
@click.argument("group_id", type=int)
@click.argument("athlete_id", type=int)
@click.argument("answer", type=click.Choice(["approve", "decline"]))
@pass_app
def groups_answer(app: AppContext, group_id: int, athlete_id: int, answer: str) -> None:
    """Approve or decline a runner's request to join a group you admin."""
    group_invitations.answer_join_request(app.engine, group_id, athlete_id, answer == "approve",
                                          athlete_id=app.athlete_id)  # fmt: skip
    click.echo(f"{answer}d runner {athlete_id}")


@groups_group.command("open")
@click.argument("group_id", type=int)
@click.option("--invite-only", is_flag=True, help="Only by invitation or approved request.")
@pass_app
def groups_open(app: AppContext, group_id: int, invite_only: bool) -> None:
    """Make a group you admin open to everyone (or, with --invite-only, invite-only)."""
    group_invitations.set_open(app.engine, group_id, not invite_only, athlete_id=app.athlete_id)
    click.echo(f"group {group_id} is " + ("invite-only" if invite_only else "open"))


@groups_group.command("remove")
@click.argument("group_id", type=int)
@click.argument("member_id", type=int)
@pass_app
def groups_remove(app: AppContext, group_id: int, member_id: int) -> None:
    """Remove a member (admins)."""
    groups.remove_member(app.engine, group_id, member_id, athlete_id=app.athlete_id)
    click.echo(f"removed runner {member_id} from group {group_id}")


@groups_group.command("challenge")
@click.argument("group_id", type=int)
@click.argument("name")
@click.option("--measure", type=click.Choice([m.value for m in Measure]), required=True)
@click.option("--from", "first", type=DATE, required=True)
@click.option("--to", "last", type=DATE, required=True)
@click.option("--target", help="Days, weeks, or a distance (100km).")
@json_option
@pass_app
def groups_challenge(app: AppContext, group_id: int, name: str, measure: str, first: datetime,
                     last: datetime, target: str | None, as_json: bool) -> None:  # fmt: skip
    """Set a group a challenge (admins)."""
    goal = None
    if target:
        goal = parse_distance(target) if measure == "distance" else float(target)
    found = groups.create_challenge(app.engine, group_id, name, Measure(measure),
                                    first.date(), last.date(), athlete_id=app.athlete_id,
                                    target=goal)  # fmt: skip
    emit(as_json, created_json(found), lambda: f"challenge {found}: {name}")


@groups_group.command("runs")
@click.argument("group_id", type=int)
@page_options
@json_option
@pass_app
def groups_runs(app: AppContext, group_id: int, cursor: str | None, limit: int,
                as_json: bool) -> None:  # fmt: skip
    """A group board's runs, newest first, a page at a time."""
    found = groups.group_runs(app.engine, group_id, athlete_id=app.athlete_id, cursor=cursor,
                              limit=limit)  # fmt: skip
    emit(as_json, feed_page_json(found), lambda: feed_text(found, app.settings.units))


COMMANDS = [groups_group]
