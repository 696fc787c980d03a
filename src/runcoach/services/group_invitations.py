"""Into a group by invitation: an admin invites by a link (anyone who opens it, logged in),
an account (told in the app and by email) or an email address of an account here; the link
works once, for 14 days, open group or invite-only. A runner asks to join an invite-only
group; its admins are told, and one approves (a member, told) or declines (told)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.domain.accountability.groups import Role
from runcoach.domain.accounts import normal_email
from runcoach.domain.errors import Conflict, InvalidInput, NotFound
from runcoach.services.accounts import digest, new_secret
from runcoach.services.groups import GROUP_NEWS, require_admin, tell_admins
from runcoach.services.notifications import email_invitation, notify_on, signup_link
from runcoach.store import groups as store
from runcoach.store import sharing as sharing_store
from runcoach.store.accounts import account_by_email
from runcoach.store.moments import aware

INVITATION_LIFETIME = timedelta(days=14)  # as a partner invitation's


@dataclass(frozen=True)
class GroupInvitation:
    id: int
    code: str  # shown once: the link is /groups/join/CODE
    expires_at: datetime
    told_athlete_id: int | None  # the account told in the app, when one was named


@dataclass(frozen=True)
class InvitationInfo:
    group_id: int
    group: str
    kind: str
    description: str | None
    invited_by: str | None
    already_member: bool


@dataclass(frozen=True)
class JoinRequest:
    athlete_id: int
    name: str
    asked_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def invite_to_group(
    engine: Engine, group_id: int, *, athlete_id: int, email: str | None = None,
    invitee_id: int | None = None,
) -> GroupInvitation:  # fmt: skip
    """An admin's link into the group; with an account (by id or by its email address) that
    runner is told in the app (and by email)."""
    address = normal_email(email) if email else None
    code, now = new_secret(), _now()
    with engine.begin() as conn:
        require_admin(conn, group_id, athlete_id)
        told = _invitee(conn, address, invitee_id)
        if told is not None and store.role_of(conn, group_id, told) is not None:
            raise Conflict("this runner is in the group already")
        invitation_id = store.add_invitation(conn, {
            "group_id": group_id, "code_hash": digest(code), "email": address,
            "invitee_id": told, "invited_by": athlete_id, "created_at": now,
            "expires_at": now + INVITATION_LIFETIME})  # fmt: skip
        if told is not None and told != athlete_id:
            _tell_invitee(conn, group_id, athlete_id, told, code)
        elif told is None and address is not None:
            _email_invitee(conn, group_id, athlete_id, address, code)
    return GroupInvitation(invitation_id, code, now + INVITATION_LIFETIME, told)


def _invitee(conn: Connection, address: str | None, invitee_id: int | None) -> int | None:
    if invitee_id is not None:
        if not sharing_store.athlete_exists(conn, invitee_id):
            raise NotFound(f"there is no runner {invitee_id}")
        return invitee_id
    account = account_by_email(conn, address) if address else None
    return None if account is None else int(account.athlete_id)


def _tell_invitee(conn: Connection, group_id: int, inviter: int, invitee: int, code: str) -> None:
    group = store.group(conn, group_id).name
    who = sharing_store.athlete_name(conn, inviter)
    notify_on(conn, invitee, GROUP_NEWS, f"{who} invites you to {group}",
              f"{who} invites you to join {group} on runcoach: its board shows its members' "
              "consistency, and you share with it only what you choose.",
              f"/groups/join/{code}")  # fmt: skip


def _email_invitee(conn: Connection, group_id: int, inviter: int, address: str, code: str) -> None:
    group = store.group(conn, group_id).name
    who = sharing_store.athlete_name(conn, inviter)
    email_invitation(conn, address, f"{who} invites you to {group} on runcoach",
                     f"{who} invites you to join {group}, a running group on runcoach. Make "
                     "your account with this address, then join:",
                     signup_link(code, f"/groups/join/{code}"))  # fmt: skip


def _open_invitation(conn: Connection, code: str) -> Any:
    row = store.invitation_by_code(conn, digest(code.strip()))
    if row is None or (aware(row.expires_at) or _now()) <= _now():
        raise NotFound("this group invitation is not valid (used or expired)",
                       hint="ask the group's admin for a new link")  # fmt: skip
    return row


def invitation_info(engine: Engine, code: str, *, athlete_id: int) -> InvitationInfo:
    """The group a link invites into, as the runner holding the link sees it before accepting
    (whether they are in it already)."""
    with engine.connect() as conn:
        row = _open_invitation(conn, code)
        group = store.group(conn, row.group_id)
        inviter = sharing_store.athlete_name(conn, row.invited_by) if row.invited_by else None
        member = store.role_of(conn, row.group_id, athlete_id) is not None
    return InvitationInfo(group.id, group.name, group.kind, group.description, inviter, member)


def accept_invitation(engine: Engine, code: str, *, athlete_id: int) -> int:
    """Join the group the link invites into (once); its admins are told."""
    with engine.begin() as conn:
        row = _open_invitation(conn, code)
        group = store.group(conn, row.group_id)
        if store.role_of(conn, group.id, athlete_id) is not None:
            raise Conflict(f"you are in {group.name} already")
        store.use_invitation(conn, row.id, athlete_id, _now())
        _admit(conn, group, athlete_id)
    return int(group.id)


def _admit(conn: Connection, group: Any, athlete_id: int) -> None:
    store.drop_join_request(conn, group.id, athlete_id)
    store.add_member(conn, group.id, athlete_id, Role.MEMBER.value, _now())
    news = f"{sharing_store.athlete_name(conn, athlete_id)} joined {group.name}"
    tell_admins(conn, group.id, news, f"{news}. Say hello on the board.", but=athlete_id)


def ask_to_join(engine: Engine, group_id: int, *, athlete_id: int) -> None:
    """Ask to join an invite-only group; its admins are told."""
    with engine.begin() as conn:
        group = store.group(conn, group_id)
        if store.role_of(conn, group_id, athlete_id) is not None:
            raise Conflict(f"you are in {group.name} already")
        if group.is_open:
            raise InvalidInput(f"{group.name} is open: join it")
        if store.has_join_request(conn, group_id, athlete_id):
            raise Conflict(f"you asked to join {group.name} already: its admins decide")
        store.add_join_request(conn, group_id, athlete_id, _now())
        who = sharing_store.athlete_name(conn, athlete_id)
        tell_admins(conn, group_id, f"{who} asks to join {group.name}",
                    f"{who} asks to join {group.name}: approve or decline on the board.",
                    but=athlete_id)  # fmt: skip


def join_requests(engine: Engine, group_id: int, *, athlete_id: int) -> list[JoinRequest]:
    """The requests waiting (admins only), oldest first."""
    with engine.connect() as conn:
        require_admin(conn, group_id, athlete_id)
        rows = store.join_requests(conn, group_id)
    return [JoinRequest(r.athlete_id, r.name, aware(r.created_at) or _now()) for r in rows]


def my_join_requests(engine: Engine, *, athlete_id: int) -> list[int]:
    """The groups the runner asked to join and that have not answered."""
    with engine.connect() as conn:
        return store.asked_by(conn, athlete_id)


def answer_join_request(
    engine: Engine, group_id: int, requester_id: int, approve: bool, *, athlete_id: int
) -> None:
    """An admin approves (the runner becomes a member) or declines; the runner is told."""
    with engine.begin() as conn:
        require_admin(conn, group_id, athlete_id)
        group = store.group(conn, group_id)
        if not store.has_join_request(conn, group_id, requester_id):
            raise NotFound(f"runner {requester_id} has not asked to join {group.name}")
        if approve:
            _welcome(conn, group, requester_id)
        else:
            store.drop_join_request(conn, group_id, requester_id)
            notify_on(conn, requester_id, GROUP_NEWS, f"{group.name} declined your request",
                      f"An admin of {group.name} declined your request to join.")  # fmt: skip


def _welcome(conn: Connection, group: Any, requester_id: int) -> None:
    _admit(conn, group, requester_id)
    notify_on(conn, requester_id, GROUP_NEWS, f"Welcome to {group.name}",
              f"Your request to join {group.name} was approved: you are a member.",
              f"/groups/{group.id}")  # fmt: skip


def set_open(engine: Engine, group_id: int, is_open: bool, *, athlete_id: int) -> None:
    """An admin makes the group open (anyone joins) or invite-only. Opening it lets in
    everyone who was waiting: they asked to join, and now anyone may."""
    with engine.begin() as conn:
        require_admin(conn, group_id, athlete_id)
        store.update_group(conn, group_id, {"is_open": is_open})
        if is_open:
            group = store.group(conn, group_id)
            for row in store.join_requests(conn, group_id):
                _welcome(conn, group, row.athlete_id)
