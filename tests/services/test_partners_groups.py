"""Partners and groups through the services (SQLite, and PostgreSQL when configured): two
runners become partners by a link, a partner session is invited, moved and accepted, a
partnership ends; a group of three has a board, a challenge, an admin and a removal."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.accountability import Audience, SharedPart
from runcoach.domain.accountability.groups import GroupKind, Measure
from runcoach.domain.accountability.partners import SessionAnswer
from runcoach.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runcoach.services import comments, groups, notifications, partners, sharing
from runcoach.services.accounts import sign_up
from runcoach.services.runs import ManualRun, add_manual_run

NOW = datetime.now(UTC)
TODAY = NOW.date()


def _runner(engine: Engine, name: str) -> int:
    return sign_up(engine, f"{name}@example.com", "correct horse battery staple", NOW).athlete_id


@pytest.fixture
def settings(engine: Engine, tmp_path: Path) -> Settings:
    return Settings(home=tmp_path, database_url=str(engine.url))


def _partners(engine: Engine, one: int, other: int) -> int:
    invitation = partners.invite_partner(engine, athlete_id=one)
    return partners.accept_partner(engine, invitation.code, athlete_id=other)


def test_two_runners_become_partners_by_a_link_and_either_ends_it(engine):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    invitation = partners.invite_partner(engine, athlete_id=ann, email="bo@example.com")
    told = notifications.list_notifications(engine, athlete_id=bo)
    assert [n.kind for n in told] == ["partner_invitation"]
    assert told[0].link == f"/partners/join/{invitation.code}"
    with pytest.raises(InvalidInput):
        partners.accept_partner(engine, invitation.code, athlete_id=ann)
    assert partners.invitation_from(engine, invitation.code, athlete_id=bo).name == "ann"
    link = partners.accept_partner(engine, invitation.code, athlete_id=bo)
    with pytest.raises(NotFound):  # a link works once
        partners.accept_partner(engine, invitation.code, athlete_id=bo)
    assert [(p.athlete_id, p.status) for p in partners.list_partners(engine, athlete_id=ann)] == [
        (bo, "active")]  # fmt: skip
    partners.end_partnership(engine, link, athlete_id=bo)
    assert partners.list_partners(engine, athlete_id=ann) == []
    assert "ended" in notifications.list_notifications(engine, athlete_id=ann)[0].subject


def test_a_partner_session_invited_moved_and_accepted(engine):
    ann, bo, cy = (_runner(engine, n) for n in ("ann", "bo", "cy"))
    _partners(engine, ann, bo)
    day = TODAY + timedelta(days=3)
    with pytest.raises(NotFound):  # Cy is not Ann's partner
        partners.invite_to_session(engine, cy, day, athlete_id=ann)
    session = partners.invite_to_session(engine, bo, day, athlete_id=ann, start_time="18:30",
                                         workout_kind="intervals")  # fmt: skip
    invite = Calendar.from_ical(partners.session_ics(engine, session, athlete_id=bo))
    event = next(iter(invite.walk("VEVENT")))
    assert invite["METHOD"] == "REQUEST" and event.decoded("dtstart").hour == 18
    with pytest.raises(Conflict):  # Ann waits for Bo's answer
        partners.answer_session(engine, session, SessionAnswer.ACCEPT, athlete_id=ann)
    moved = partners.answer_session(engine, session, SessionAnswer.PROPOSE, athlete_id=bo,
                                    day=day + timedelta(days=1), note="Tuesday?")  # fmt: skip
    assert moved.status == "proposed" and moved.proposed_time == "18:30"
    done = partners.answer_session(engine, session, SessionAnswer.ACCEPT, athlete_id=ann)
    assert done.status == "accepted" and done.day == day + timedelta(days=1)
    kinds = [n.kind for n in notifications.list_notifications(engine, athlete_id=ann)]
    assert kinds.count("partner_session") == 1  # Bo's proposal
    with pytest.raises(NotFound):
        partners.session_ics(engine, session, athlete_id=cy)


def test_a_partner_sees_the_week_only_when_it_is_shared_with_partners(engine, settings):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    _partners(engine, ann, bo)
    add_manual_run(engine, ManualRun(TODAY, 8000, 2640, name="secret tempo"), athlete_id=ann)
    with pytest.raises(PermissionDenied):
        partners.partner_week(engine, settings, ann, athlete_id=bo)
    sharing.set_privacy_defaults(
        engine, athlete_id=ann, defaults={SharedPart.SUMMARY: Audience.PARTNERS}
    )
    week = partners.partner_week(engine, settings, ann, athlete_id=bo)
    assert [r["name"] for d in week["days"] for r in d["runs"]] == ["secret tempo"]
    with pytest.raises(NotFound):
        partners.partner_week(engine, settings, bo, athlete_id=_runner(engine, "cy"))


def test_the_kinds_a_runner_skips_are_marked_and_checked(engine, settings):
    ann = _runner(engine, "ann")
    assert partners.mark_skipped(engine, ["intervals", "long"], athlete_id=ann) == [
        "intervals",
        "long",
    ]
    assert partners.skipped(engine, settings, athlete_id=ann)["marked"] == ["intervals", "long"]
    with pytest.raises(InvalidInput):
        partners.mark_skipped(engine, ["naps"], athlete_id=ann)


def test_a_group_board_with_three_members(engine, settings):
    ann, bo, cy, dee = (_runner(engine, n) for n in ("ann", "bo", "cy", "dee"))
    group = groups.create_group(engine, "Sub-3 on low mileage", GroupKind.GOAL, athlete_id=ann,
                                goal_distance_m=42195, goal_date=TODAY + timedelta(90))  # fmt: skip
    for who in (bo, cy):
        groups.join_group(engine, group, athlete_id=who)
    for who, days in ((ann, (0, 1, 8, 15)), (bo, (2,)), (cy, (1, 3))):
        for back in days:
            add_manual_run(engine, ManualRun(TODAY - timedelta(days=back), 10000, 3000),
                           athlete_id=who)  # fmt: skip
    for who in (ann, bo):
        sharing.set_privacy_defaults(
            engine, athlete_id=who, defaults={SharedPart.SUMMARY: Audience.GROUP}
        )
    challenge = groups.create_challenge(engine, group, "Run days in a month", Measure.RUN_DAYS,
                                        TODAY - timedelta(days=20), TODAY + timedelta(days=10),
                                        athlete_id=ann, target=3)  # fmt: skip
    assert challenge
    with pytest.raises(PermissionDenied):
        groups.group_board(engine, settings, group, athlete_id=dee)
    board = groups.group_board(engine, settings, group, athlete_id=bo)
    by_name = {m["name"]: m for m in board["members"]}
    assert set(by_name) == {"ann", "bo", "cy"}
    assert by_name["ann"]["run_days"] == 4 and by_name["ann"]["streak_weeks"] >= 3
    assert by_name["cy"]["shares"] is False and by_name["cy"]["run_days"] == 0  # private
    assert {r["name"] for r in board["runs"]} == {"ann", "bo"}
    standings = board["challenges"][0]["standings"]
    assert standings[0]["name"] == "ann" and standings[0]["reached"] is True
    _validates_as_group_board(board)
    run = board["runs"][0]["run_id"]
    owner = board["runs"][0]["athlete_id"]
    commenter = bo if owner == ann else ann
    note = comments.add_comment(engine, run, "Well run", athlete_id=commenter)
    with pytest.raises(PermissionDenied):
        groups.remove_member(engine, group, cy, athlete_id=bo)
    comments.hide_comment(engine, note, athlete_id=ann)  # the admin moderates
    groups.remove_member(engine, group, bo, athlete_id=ann)
    with pytest.raises(PermissionDenied):
        groups.group_board(engine, settings, group, athlete_id=bo)
    assert groups.suggest_groups(engine, athlete_id=dee) == []  # Dee has no plan


def test_the_last_admin_leaving_hands_the_group_on(engine):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=ann)
    groups.join_group(engine, group, athlete_id=bo)
    with pytest.raises(Conflict):
        groups.join_group(engine, group, athlete_id=bo)
    groups.leave_group(engine, group, athlete_id=ann)
    assert [g.role for g in groups.list_groups(engine, athlete_id=bo)] == ["admin"]
    groups.leave_group(engine, group, athlete_id=bo)
    assert groups.list_groups(engine, athlete_id=bo) == []


def test_each_partner_gets_one_weekly_digest_of_a_runner_who_shares(engine, settings):
    from runcoach.services.digests import send_session_reminders, send_weekly_digests

    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    _partners(engine, ann, bo)
    last_week = TODAY - timedelta(days=TODAY.weekday() + 5)
    add_manual_run(engine, ManualRun(last_week, 12000, 3900), athlete_id=ann)
    assert send_weekly_digests(engine, settings) == 0  # Ann shares nothing yet
    sharing.set_privacy_defaults(
        engine, athlete_id=ann, defaults={SharedPart.SUMMARY: Audience.PARTNERS}
    )
    assert send_weekly_digests(engine, settings) == 1
    assert send_weekly_digests(engine, settings) == 0  # once a week
    digest = notifications.list_notifications(engine, athlete_id=bo)[0]
    assert digest.kind == "weekly_digest" and "1 runs" in digest.subject
    assert "12.00 km" in digest.body
    notifications.set_reminder_time(engine, "00:00", athlete_id=ann)
    assert send_session_reminders(engine, settings) == 0  # no plan: nothing to remind of


def _validates_as_group_board(board):
    """The golden story's board has one member and no runs: a fuller one is checked against
    docs/schema/group-board.json here."""
    jsonschema = pytest.importorskip("jsonschema")
    from runcoach.views.accountability import group_board_json
    from runcoach.views.schema import SHAPES, schema_of

    printed = json.loads(json.dumps(group_board_json(board)))
    shape = next(s for s in SHAPES if s.name == "group-board")
    validator = jsonschema.Draft202012Validator(
        schema_of(shape), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(printed)] == []
    assert printed["group"]["goal_date"] == board["group"].goal_date.isoformat()


def test_a_partners_week_with_a_plan_validates_against_its_schema(engine, settings):
    """No golden step shows a partner's week: one with a plan's sessions and a run is
    checked against docs/schema/partner-week.json here, without the sessions' notes."""
    jsonschema = pytest.importorskip("jsonschema")
    from runcoach.inputs.plans import read_profile
    from runcoach.services import plans
    from runcoach.views.accountability import partner_week_json
    from runcoach.views.schema import SHAPES, schema_of

    profile = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-half.yaml"
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    _partners(engine, ann, bo)
    monday = TODAY - timedelta(days=TODAY.weekday())
    plans.build_plan(engine, read_profile(profile), monday, athlete_id=ann)
    add_manual_run(engine, ManualRun(TODAY, 8000, 2640, name="easy"), athlete_id=ann)
    sharing.set_privacy_defaults(
        engine, athlete_id=ann, defaults={SharedPart.SUMMARY: Audience.PARTNERS}
    )
    printed = json.loads(
        json.dumps(partner_week_json(partners.partner_week(engine, settings, ann, athlete_id=bo)))
    )
    shape = next(s for s in SHAPES if s.name == "partner-week")
    validator = jsonschema.Draft202012Validator(
        schema_of(shape), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(printed)] == []
    sessions = [s for d in printed["days"] for s in d["sessions"]]
    assert sessions and all("notes" not in s for s in sessions)
    assert printed["name"] == "ann" and len(printed["days"]) == 7
