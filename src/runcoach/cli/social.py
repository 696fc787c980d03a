"""``runcoach comments``, ``notifications`` and ``shared``: what others say of a run, what
runcoach tells the runner, the runs shared with them (issue 14)."""

from __future__ import annotations

from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.units import format_distance
from runcoach.services import comments, notifications
from runcoach.services.shared_feed import PAGE_RUNS, FeedPage, shared_with_me
from runcoach.views.accountability import (
    feed_page_json,
    plain,
)


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


def page_options(command: Any) -> Any:
    for option in reversed(PAGE_OPTIONS):
        command = option(command)
    return command


def feed_text(found: FeedPage, units: Any) -> str:
    lines = [f"{r['date']}  {r['name']}: {r['title'] or 'a run'}, "
             f"{format_distance(r['distance_m'] or 0, units)} (run {r['run_id']})"
             for r in found.runs] or ["no runs shared with you here"]  # fmt: skip
    if found.next:
        lines.append(f"older: --cursor {found.next}")
    return "\n".join(lines)


@click.command("shared")
@page_options
@json_option
@pass_app
def shared(app: AppContext, cursor: str | None, limit: int, as_json: bool) -> None:
    """The runs your partners and groups share with you, newest first, a page at a time."""
    found = shared_with_me(app.engine, athlete_id=app.athlete_id, cursor=cursor, limit=limit)
    emit(as_json, feed_page_json(found), lambda: feed_text(found, app.settings.units))


COMMANDS = [comments_group, notifications_group, shared]
