"""``runcoach privacy``, ``partners``, ``groups``, ``comments`` and ``notifications``: issue
14's sharing half at the command line (useful on a club's shared database, --database-url)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.accountability import Audience, PrivacyZone, SharedPart
from runcoach.domain.accountability.groups import GroupKind, Measure
from runcoach.domain.accountability.partners import SessionAnswer
from runcoach.domain.units import format_distance, parse_distance
from runcoach.services import comments, group_invitations, groups, notifications, partners, sharing
from runcoach.services.shared_feed import PAGE_RUNS, FeedPage, shared_with_me
from runcoach.views.accountability import (
    PrivacyJson,
    created_json,
    feed_page_json,
    group_board_json,
    partner_week_json,
    plain,
    privacy_json,
    run_sharing_json,
    skipped_json,
)

DATE = click.DateTime(formats=["%Y-%m-%d"])
AUDIENCE = click.Choice([a.value for a in Audience])


@click.group("privacy")
def privacy_group() -> None:
    """Who sees your runs (private, partners, group, public) and your privacy zones."""


@privacy_group.command("show")
@json_option
@pass_app
def privacy_show(app: AppContext, as_json: bool) -> None:
    """Your audiences per part, the metres trimmed and your privacy zones."""
    found = privacy_json(sharing.privacy_settings(app.engine, athlete_id=app.athlete_id))
    emit(as_json, found, lambda: _privacy_text(found))


def _privacy_text(found: PrivacyJson) -> str:
    lines = [f"{part}: {audience}" for part, audience in found["defaults"].items()]
    lines.append(f"start and end hidden: {found['trim_m']:.0f} m")
    lines += [f"zone {z['id']} {z['name']}: {z['latitude']:.5f}, {z['longitude']:.5f}, "
              f"{z['radius_m']:.0f} m" for z in found["zones"]]  # fmt: skip
    return "\n".join(lines)


@privacy_group.command("set")
@click.option("--summary", type=AUDIENCE, help="Who sees your runs at all.")
@click.option("--map", "map_", type=AUDIENCE, help="Who sees their maps.")
@click.option("--heart-rate", type=AUDIENCE, help="Who sees their heart rate.")
@click.option("--trim", type=click.FloatRange(0, 2000), help="Metres hidden at each end.")
@click.option("--run", "run_id", type=int, help="Set this run's own audiences instead.")
@json_option
@pass_app
def privacy_set(app: AppContext, summary: str | None, map_: str | None, heart_rate: str | None,
                trim: float | None, run_id: int | None, as_json: bool) -> None:  # fmt: skip
    """Change who sees what, for all your runs or (--run) one."""
    given = {SharedPart.SUMMARY: summary, SharedPart.MAP: map_, SharedPart.HEART_RATE: heart_rate}
    chosen = {part: Audience(v) for part, v in given.items() if v is not None}
    if run_id is not None:
        found = sharing.set_run_sharing(app.engine, run_id, chosen, athlete_id=app.athlete_id)
        data = run_sharing_json(found)
        emit(as_json, data, lambda: ", ".join(f"{k}: {v or 'default'}" for k, v in data.items()))
        return
    kept = sharing.set_privacy_defaults(app.engine, athlete_id=app.athlete_id, defaults=chosen,
                                        trim_m=trim)  # fmt: skip
    emit(as_json, privacy_json(kept), lambda: _privacy_text(privacy_json(kept)))


@privacy_group.command("zone-add")
@click.argument("name")
@click.argument("latitude", type=float)
@click.argument("longitude", type=float)
@click.option("--radius", type=float, default=400.0, show_default=True, help="Metres.")
@json_option
@pass_app
def zone_add(app: AppContext, name: str, latitude: float, longitude: float, radius: float,
             as_json: bool) -> None:  # fmt: skip
    """Add a privacy zone: no shared point inside it leaves runcoach."""
    zone_id = sharing.add_privacy_zone(app.engine, PrivacyZone(name, latitude, longitude, radius),
                                       athlete_id=app.athlete_id)  # fmt: skip
    emit(as_json, created_json(zone_id), lambda: f"added privacy zone {zone_id}: {name}")


@privacy_group.command("zone-rm")
@click.argument("zone_id", type=int)
@pass_app
def zone_rm(app: AppContext, zone_id: int) -> None:
    """Delete a privacy zone."""
    sharing.delete_privacy_zone(app.engine, zone_id, athlete_id=app.athlete_id)
    click.echo(f"deleted privacy zone {zone_id}")


@click.group("partners")
def partners_group() -> None:
    """Training partners: invite, accept, end; sessions together; a partner's week."""


@partners_group.command("list")
@json_option
@pass_app
def partners_list(app: AppContext, as_json: bool) -> None:
    """Your partners and the invitations you sent."""
    found = partners.list_partners(app.engine, athlete_id=app.athlete_id)
    emit(as_json, plain(found), lambda: "\n".join(
        f"{p.partnership_id}: {p.name or p.email or 'an open invitation'} ({p.status})"
        for p in found) or "no partners yet")  # fmt: skip


@partners_group.command("invite")
@click.option("--email", help="Tell the account with this address too.")
@json_option
@pass_app
def partners_invite(app: AppContext, email: str | None, as_json: bool) -> None:
    """A partner invitation: its code goes in the link /partners/join/CODE (14 days)."""
    found = partners.invite_partner(app.engine, athlete_id=app.athlete_id, email=email)
    emit(as_json, plain(found), lambda: f"invitation code (shown once): {found.code}\n"
         f"link: /partners/join/{found.code}")  # fmt: skip


@partners_group.command("accept")
@click.argument("code")
@pass_app
def partners_accept(app: AppContext, code: str) -> None:
    """Accept a partner invitation."""
    found = partners.accept_partner(app.engine, code, athlete_id=app.athlete_id)
    click.echo(f"partners now (partnership {found})")


@partners_group.command("end")
@click.argument("partnership_id", type=int)
@pass_app
def partners_end(app: AppContext, partnership_id: int) -> None:
    """End a partnership (or withdraw an invitation)."""
    partners.end_partnership(app.engine, partnership_id, athlete_id=app.athlete_id)
    click.echo(f"ended partnership {partnership_id}")


@partners_group.command("week")
@click.argument("athlete_id", type=int)
@click.option("--start", type=DATE, help="A day of the week to show (default: this week).")
@json_option
@pass_app
def partners_week(app: AppContext, athlete_id: int, start: datetime | None, as_json: bool) -> None:
    """A partner's week: planned vs done, as they share it."""
    first = start.date() if start else None
    found = partners.partner_week(app.engine, app.settings, athlete_id, first,
                                  athlete_id=app.athlete_id)  # fmt: skip
    emit(as_json, partner_week_json(found), lambda: "\n".join(
        f"{d['date']}: " + (", ".join(f"{s['title']} ({s['status']})" for s in d["sessions"])
                            or "rest")
        + "".join(f"; ran {format_distance(r['distance_m'] or 0, app.settings.units)}"
                  for r in d["runs"])
        for d in found["days"]))  # fmt: skip


@partners_group.command("skipped")
@click.option("--mark", "marks", multiple=True, help="A kind you tend to skip (repeat).")
@json_option
@pass_app
def partners_skipped(app: AppContext, marks: tuple[str, ...], as_json: bool) -> None:
    """The kinds of run you mark or tend to skip (found from planned vs done)."""
    if marks:
        partners.mark_skipped(app.engine, list(marks), athlete_id=app.athlete_id)
    found = skipped_json(partners.skipped(app.engine, app.settings, athlete_id=app.athlete_id))
    emit(as_json, found, lambda: f"marked: {', '.join(found['marked']) or '-'}\n"
         f"found in planned vs done: {', '.join(found['found']) or '-'}")  # fmt: skip


@partners_group.command("session")
@click.argument("partner_id", type=int)
@click.argument("day", type=DATE)
@click.option("--time", "at", help="Start, HH:MM.")
@click.option("--kind", help="intervals, tempo, long...")
@click.option("--what", default="", help="The session in words.")
@json_option
@pass_app
def partners_session(app: AppContext, partner_id: int, day: datetime, at: str | None,
                     kind: str | None, what: str, as_json: bool) -> None:  # fmt: skip
    """Invite a partner to a session on DAY (in the app, by email with an invite)."""
    found = partners.invite_to_session(app.engine, partner_id, day.date(),
                                       athlete_id=app.athlete_id, start_time=at,
                                       workout_kind=kind, description=what)  # fmt: skip
    emit(as_json, created_json(found), lambda: f"invited: session {found}")


@partners_group.command("answer")
@click.argument("session_id", type=int)
@click.argument("answer", type=click.Choice([a.value for a in SessionAnswer]))
@click.option("--day", type=DATE, help="The other day you propose.")
@click.option("--time", "at", help="The time you propose, HH:MM.")
@click.option("--note")
@json_option
@pass_app
def partners_answer(app: AppContext, session_id: int, answer: str, day: datetime | None,
                    at: str | None, note: str | None, as_json: bool) -> None:  # fmt: skip
    """Accept, decline or propose another day for a session."""
    found = partners.answer_session(app.engine, session_id, SessionAnswer(answer),
                                    athlete_id=app.athlete_id, day=day.date() if day else None,
                                    start_time=at, note=note)  # fmt: skip
    emit(as_json, plain(found), lambda: f"session {found.id}: {found.status} on {found.day}")


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


@click.group("comments")
def comments_group() -> None:
    """Comments and kudos on a run you may see."""


@comments_group.command("list")
@click.argument("run_id", type=int)
@json_option
@pass_app
def comments_list(app: AppContext, run_id: int, as_json: bool) -> None:
    """A run's comments and kudos."""
    found = comments.run_social(app.engine, run_id, athlete_id=app.athlete_id)
    emit(as_json, plain(found), lambda: "\n".join(
        [f"kudos: {', '.join(k.name for k in found.kudos) or '-'}"]
        + [f"{c.id} {c.author}: {c.body}{' (hidden)' if c.hidden else ''}"
           for c in found.comments]))  # fmt: skip


@comments_group.command("add")
@click.argument("run_id", type=int)
@click.argument("text")
@pass_app
def comments_add(app: AppContext, run_id: int, text: str) -> None:
    """Comment on a run."""
    found = comments.add_comment(app.engine, run_id, text, athlete_id=app.athlete_id)
    click.echo(f"comment {found} added")


@comments_group.command("kudos")
@click.argument("run_id", type=int)
@pass_app
def comments_kudos(app: AppContext, run_id: int) -> None:
    """Give kudos to a run."""
    comments.give_kudos(app.engine, run_id, athlete_id=app.athlete_id)
    click.echo(f"kudos given to run {run_id}")


@comments_group.command("hide")
@click.argument("comment_id", type=int)
@click.option("--show", is_flag=True, help="Show a hidden comment again.")
@pass_app
def comments_hide(app: AppContext, comment_id: int, show: bool) -> None:
    """Hide a comment on your run (or, as a group admin, on a member's)."""
    comments.hide_comment(app.engine, comment_id, athlete_id=app.athlete_id, hidden=not show)
    click.echo(f"comment {comment_id} {'shown' if show else 'hidden'}")


@click.group("notifications")
def notifications_group() -> None:
    """Your notifications, and which kinds come in the app or by email."""


@notifications_group.command("list")
@click.option("--unread", is_flag=True)
@json_option
@pass_app
def notifications_list(app: AppContext, unread: bool, as_json: bool) -> None:
    """Your notifications, newest first."""
    found = notifications.list_notifications(app.engine, athlete_id=app.athlete_id,
                                             unread_only=unread)  # fmt: skip
    emit(as_json, plain(found), lambda: "\n".join(
        f"{'*' if not n.read else ' '} {n.created_at:%Y-%m-%d %H:%M} {n.subject}"
        for n in found) or "nothing yet")  # fmt: skip


@notifications_group.command("read")
@pass_app
def notifications_read(app: AppContext) -> None:
    """Mark every notification read."""
    count = notifications.mark_read(app.engine, athlete_id=app.athlete_id)
    click.echo(f"{count} marked read")


@notifications_group.command("switch")
@click.argument("kind")
@click.option("--app/--no-app", "in_app", default=None, help="In the app.")
@click.option("--email/--no-email", default=None, help="By email.")
@json_option
@pass_app
def notifications_switch(app: AppContext, kind: str, in_app: bool | None, email: bool | None,
                         as_json: bool) -> None:  # fmt: skip
    """Switch a kind of notification on or off (see `notifications kinds`)."""
    found = notifications.switch(app.engine, athlete_id=app.athlete_id, kind=kind, in_app=in_app,
                                 email=email)  # fmt: skip
    emit(as_json, plain(found), lambda: f"{kind}: app {'on' if found.in_app else 'off'}, "
         f"email {'on' if found.email else 'off'}")  # fmt: skip


@notifications_group.command("kinds")
@json_option
@pass_app
def notifications_kinds(app: AppContext, as_json: bool) -> None:
    """Every kind of notification, on or off in the app and by email."""
    found = notifications.switches(app.engine, athlete_id=app.athlete_id)
    emit(as_json, plain(found), lambda: "\n".join(
        f"{s.kind}: app {'on' if s.in_app else 'off'}, email {'on' if s.email else 'off'}"
        f" - {s.description}" for s in found))  # fmt: skip


@notifications_group.command("reminder")
@click.argument("at", required=False)
@pass_app
def notifications_reminder(app: AppContext, at: str | None) -> None:
    """Remind me of today's session at AT (HH:MM); without AT, no reminder."""
    found = notifications.set_reminder_time(app.engine, at, athlete_id=app.athlete_id)
    click.echo(f"reminder at {found}" if found else "no reminder")


PAGE_OPTIONS = (
    click.option("--cursor", help="The 'next' of the page before (default: the newest runs)."),
    click.option("--limit", type=int, default=PAGE_RUNS, show_default=True, help="Runs a page."),
)


def _page_options(command: Any) -> Any:
    for option in reversed(PAGE_OPTIONS):
        command = option(command)
    return command


def _feed_text(found: FeedPage, units: Any) -> str:
    lines = [f"{r['date']}  {r['name']}: {r['title'] or 'a run'}, "
             f"{format_distance(r['distance_m'] or 0, units)} (run {r['run_id']})"
             for r in found.runs] or ["no runs shared with you here"]  # fmt: skip
    if found.next:
        lines.append(f"older: --cursor {found.next}")
    return "\n".join(lines)


@click.command("shared")
@_page_options
@json_option
@pass_app
def shared(app: AppContext, cursor: str | None, limit: int, as_json: bool) -> None:
    """The runs your partners and groups share with you, newest first, a page at a time."""
    found = shared_with_me(app.engine, athlete_id=app.athlete_id, cursor=cursor, limit=limit)
    emit(as_json, feed_page_json(found), lambda: _feed_text(found, app.settings.units))


@groups_group.command("runs")
@click.argument("group_id", type=int)
@_page_options
@json_option
@pass_app
def groups_runs(app: AppContext, group_id: int, cursor: str | None, limit: int,
                as_json: bool) -> None:  # fmt: skip
    """A group board's runs, newest first, a page at a time."""
    found = groups.group_runs(app.engine, group_id, athlete_id=app.athlete_id, cursor=cursor,
                              limit=limit)  # fmt: skip
    emit(as_json, feed_page_json(found), lambda: _feed_text(found, app.settings.units))


COMMANDS = [privacy_group, partners_group, groups_group, comments_group, notifications_group,
            shared]  # fmt: skip
