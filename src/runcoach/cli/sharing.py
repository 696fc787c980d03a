"""``runcoach privacy`` and ``partners``: issue 14's sharing half at the command line
(useful on a club's shared database, --database-url); ``groups`` is cli/groups.py, comments,
notifications and the shared feed cli/social.py."""

from __future__ import annotations

from datetime import datetime

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.accountability import Audience, PrivacyZone, SharedPart
from runcoach.domain.accountability.partners import SessionAnswer
from runcoach.domain.units import format_distance
from runcoach.services import partners, sharing
from runcoach.views.accountability import (
    PrivacyJson,
    created_json,
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


COMMANDS = [privacy_group, partners_group]
