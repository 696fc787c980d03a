"""Invite-only groups (SQLite, and PostgreSQL when configured): an admin invites by link,
by account or by email; a runner asks to join and an admin approves or declines; everyone
concerned is told (kind ``group``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from runcoach.domain.accountability.groups import GroupKind
from runcoach.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runcoach.services import group_invitations as invitations
from runcoach.services import groups, notifications
from runcoach.services.accounts import sign_up

NOW = datetime.now(UTC)


def _runner(engine: Engine, name: str) -> int:
    return sign_up(engine, f"{name}@example.com", "correct horse battery staple", NOW).athlete_id


def _closed(engine: Engine, admin: int) -> int:
    return groups.create_group(engine, "Sub-3 squad", GroupKind.TEAM, athlete_id=admin,
                               is_open=False)  # fmt: skip


def _roles(engine: Engine, group: int, athlete_id: int) -> str | None:
    found = [g.role for g in groups.list_groups(engine, athlete_id=athlete_id) if g.id == group]
    return found[0] if found else "absent"


def _told(engine: Engine, athlete_id: int) -> list[str]:
    return [n.subject for n in notifications.list_notifications(engine, athlete_id=athlete_id)
            if n.kind == "group"]  # fmt: skip


def test_an_invite_only_group_takes_nobody_who_just_joins(engine):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    group = _closed(engine, ann)
    assert _roles(engine, group, bo) is None  # listed, to ask to join
    with pytest.raises(PermissionDenied, match="invite-only"):
        groups.join_group(engine, group, athlete_id=bo)
    with pytest.raises(PermissionDenied):
        groups.group_board(engine, None, group, athlete_id=bo)  # type: ignore[arg-type]


def test_an_admin_invites_by_link_and_the_link_works_once(engine):
    ann, bo, cy = (_runner(engine, n) for n in ("ann", "bo", "cy"))
    group = _closed(engine, ann)
    with pytest.raises(PermissionDenied):  # only admins invite
        invitations.invite_to_group(engine, group, athlete_id=bo)
    link = invitations.invite_to_group(engine, group, athlete_id=ann)
    assert link.told_athlete_id is None
    info = invitations.invitation_info(engine, link.code, athlete_id=bo)
    assert (info.group, info.invited_by, info.already_member) == ("Sub-3 squad", "ann", False)
    assert invitations.invitation_info(engine, link.code, athlete_id=ann).already_member
    assert invitations.accept_invitation(engine, link.code, athlete_id=bo) == group
    assert _roles(engine, group, bo) == "member"
    assert _told(engine, ann) == ["bo joined Sub-3 squad"]
    with pytest.raises(NotFound):
        invitations.accept_invitation(engine, link.code, athlete_id=cy)
    with pytest.raises(NotFound):
        invitations.invitation_info(engine, "made-up", athlete_id=cy)


def test_an_admin_invites_an_account_by_id_or_email_and_it_is_told(engine):
    ann, bo, cy = (_runner(engine, n) for n in ("ann", "bo", "cy"))
    group = _closed(engine, ann)
    by_email = invitations.invite_to_group(engine, group, athlete_id=ann, email="BO@example.com")
    assert by_email.told_athlete_id == bo
    told = notifications.list_notifications(engine, athlete_id=bo)[0]
    assert told.subject == "ann invites you to Sub-3 squad"
    assert told.link == f"/groups/join/{by_email.code}"
    by_id = invitations.invite_to_group(engine, group, athlete_id=ann, invitee_id=cy)
    assert by_id.told_athlete_id == cy and _told(engine, cy) == ["ann invites you to Sub-3 squad"]
    invitations.accept_invitation(engine, by_id.code, athlete_id=cy)
    with pytest.raises(Conflict):
        invitations.invite_to_group(engine, group, athlete_id=ann, invitee_id=cy)
    with pytest.raises(NotFound):
        invitations.invite_to_group(engine, group, athlete_id=ann, invitee_id=999)


def test_a_request_to_join_is_approved_or_declined_by_an_admin(engine):
    ann, bo, cy = (_runner(engine, n) for n in ("ann", "bo", "cy"))
    group = _closed(engine, ann)
    invitations.ask_to_join(engine, group, athlete_id=bo)
    invitations.ask_to_join(engine, group, athlete_id=cy)
    with pytest.raises(Conflict):
        invitations.ask_to_join(engine, group, athlete_id=bo)
    assert _told(engine, ann) == ["cy asks to join Sub-3 squad", "bo asks to join Sub-3 squad"]
    assert invitations.my_join_requests(engine, athlete_id=bo) == [group]
    with pytest.raises(PermissionDenied):  # only admins see or answer them
        invitations.join_requests(engine, group, athlete_id=bo)
    assert [r.name for r in invitations.join_requests(engine, group, athlete_id=ann)] == [
        "bo", "cy"]  # fmt: skip
    invitations.answer_join_request(engine, group, bo, True, athlete_id=ann)
    invitations.answer_join_request(engine, group, cy, False, athlete_id=ann)
    assert _roles(engine, group, bo) == "member" and _roles(engine, group, cy) is None
    assert _told(engine, bo)[0] == "Welcome to Sub-3 squad"
    assert _told(engine, cy)[0] == "Sub-3 squad declined your request"
    assert invitations.join_requests(engine, group, athlete_id=ann) == []
    with pytest.raises(NotFound):
        invitations.answer_join_request(engine, group, cy, True, athlete_id=ann)


def test_opening_a_group_lets_in_who_was_waiting(engine):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    group = _closed(engine, ann)
    invitations.ask_to_join(engine, group, athlete_id=bo)
    invitations.set_open(engine, group, True, athlete_id=ann)
    assert _roles(engine, group, bo) == "member"
    with pytest.raises(InvalidInput):  # an open group is joined, not asked
        invitations.ask_to_join(engine, group, athlete_id=_runner(engine, "cy"))
