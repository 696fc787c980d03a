"""Repository functions for accounts, sessions, API tokens, invitations and login attempts.

Secrets arrive here already hashed (services/accounts.py); this module never sees one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from runcoach.domain.errors import NotFound
from runcoach.store.moments import aware
from runcoach.store.tables import (
    accounts,
    api_tokens,
    athletes,
    invitations,
    login_attempts,
    site_settings,
    web_sessions,
)


@dataclass(frozen=True)
class AccountRow:
    id: int
    athlete_id: int
    email: str
    password_hash: str
    is_admin: bool


@dataclass(frozen=True)
class TokenRow:
    id: int
    account_id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


_ACCOUNT = (
    accounts.c.id,
    accounts.c.athlete_id,
    accounts.c.email,
    accounts.c.password_hash,
    accounts.c.is_admin,
)


def count_accounts(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(accounts)).scalar_one())


def unlinked_athlete(conn: Connection) -> int | None:
    """The oldest athlete without an account: a CLI install's local athlete."""
    linked = select(accounts.c.athlete_id)
    found = conn.execute(
        select(athletes.c.id).where(athletes.c.id.not_in(linked)).order_by(athletes.c.id).limit(1)
    ).scalar()
    return None if found is None else int(found)


def add_athlete(conn: Connection, name: str) -> int:
    new = conn.execute(insert(athletes).values(name=name)).inserted_primary_key
    assert new is not None
    return int(new[0])


def add_account(
    conn: Connection, athlete_id: int, email: str, password_hash: str, is_admin: bool
) -> int:
    new = conn.execute(
        insert(accounts).values(
            athlete_id=athlete_id, email=email, password_hash=password_hash, is_admin=is_admin
        )
    ).inserted_primary_key
    assert new is not None
    return int(new[0])


def account_by_email(conn: Connection, email: str) -> AccountRow | None:
    row = conn.execute(select(*_ACCOUNT).where(accounts.c.email == email)).first()
    return None if row is None else AccountRow(*row)


def account_by_id(conn: Connection, account_id: int) -> AccountRow:
    row = conn.execute(select(*_ACCOUNT).where(accounts.c.id == account_id)).first()
    if row is None:
        raise NotFound(f"there is no account {account_id}")
    return AccountRow(*row)


def set_password_hash(conn: Connection, account_id: int, password_hash: str, now: datetime) -> None:
    conn.execute(
        update(accounts)
        .where(accounts.c.id == account_id)
        .values(password_hash=password_hash, password_changed_at=now)
    )


def delete_athlete(conn: Connection, athlete_id: int) -> None:
    """The athlete and, by the foreign keys' cascades, everything of theirs and their account."""
    conn.execute(delete(athletes).where(athletes.c.id == athlete_id))


# ---- sessions ---------------------------------------------------------------------------


def add_session(
    conn: Connection, id_hash: str, account_id: int, csrf: str, now: datetime, expires: datetime
) -> None:
    conn.execute(
        insert(web_sessions).values(
            id_hash=id_hash,
            account_id=account_id,
            csrf_token=csrf,
            created_at=now,
            expires_at=expires,
        )
    )


def session_of(conn: Connection, id_hash: str, now: datetime) -> tuple[AccountRow, str] | None:
    """The account and CSRF token of a live session."""
    row = conn.execute(
        select(*_ACCOUNT, web_sessions.c.csrf_token, web_sessions.c.expires_at)
        .join(web_sessions, web_sessions.c.account_id == accounts.c.id)
        .where(web_sessions.c.id_hash == id_hash)
    ).first()
    if row is None or aware(row.expires_at) <= now:
        return None
    return AccountRow(*row[:5]), str(row.csrf_token)


def delete_session(conn: Connection, id_hash: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == id_hash))


def delete_sessions_except(conn: Connection, account_id: int, keep: str | None) -> None:
    where = web_sessions.c.account_id == account_id
    if keep is not None:
        where = and_(where, web_sessions.c.id_hash != keep)
    conn.execute(delete(web_sessions).where(where))


def delete_expired_sessions(conn: Connection, now: datetime) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now))


# ---- API tokens -------------------------------------------------------------------------


def add_token(conn: Connection, account_id: int, values: dict[str, Any]) -> int:
    new = conn.execute(insert(api_tokens).values(account_id=account_id, **values))
    assert new.inserted_primary_key is not None
    return int(new.inserted_primary_key[0])


_TOKEN = (
    api_tokens.c.id,
    api_tokens.c.account_id,
    api_tokens.c.name,
    api_tokens.c.prefix,
    api_tokens.c.scope,
    api_tokens.c.created_at,
    api_tokens.c.last_used_at,
    api_tokens.c.revoked_at,
)


def _token_row(row: Any) -> TokenRow:
    values = list(row)
    for i in (5, 6, 7):
        values[i] = aware(values[i])
    return TokenRow(*values)


def tokens_of(conn: Connection, account_id: int) -> list[TokenRow]:
    rows = conn.execute(
        select(*_TOKEN).where(api_tokens.c.account_id == account_id).order_by(api_tokens.c.id)
    )
    return [_token_row(r) for r in rows]


def token_by_hash(conn: Connection, token_hash: str) -> tuple[AccountRow, TokenRow] | None:
    row = conn.execute(
        select(*_ACCOUNT, *_TOKEN)
        .join(api_tokens, api_tokens.c.account_id == accounts.c.id)
        .where(api_tokens.c.token_hash == token_hash)
    ).first()
    if row is None:
        return None
    return AccountRow(*row[:5]), _token_row(row[5:])


def touch_token(conn: Connection, token_id: int, now: datetime, every: timedelta) -> None:
    """Record the token's use at ``now`` unless one was recorded within ``every`` (another
    worker may have done so since it was read)."""
    last = api_tokens.c.last_used_at
    conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, or_(last.is_(None), last <= now - every))
        .values(last_used_at=now)
    )


def revoke_token(conn: Connection, account_id: int, token_id: int, now: datetime) -> None:
    done = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.account_id == account_id)
        .values(revoked_at=now)
    )
    if done.rowcount == 0:
        raise NotFound(f"there is no API token {token_id}")


# ---- the iCalendar feed -----------------------------------------------------------------


def set_feed_token(conn: Connection, account_id: int, token_hash: str | None) -> None:
    conn.execute(
        update(accounts).where(accounts.c.id == account_id).values(feed_token_hash=token_hash)
    )


def feed_athlete(conn: Connection, token_hash: str) -> int | None:
    found = conn.execute(
        select(accounts.c.athlete_id).where(accounts.c.feed_token_hash == token_hash)
    ).scalar()
    return None if found is None else int(found)


def has_feed(conn: Connection, account_id: int) -> bool:
    found = conn.execute(
        select(accounts.c.feed_token_hash).where(accounts.c.id == account_id)
    ).scalar()
    return found is not None


# ---- invitations and site settings ------------------------------------------------------


def add_invitation(
    conn: Connection,
    code_hash: str,
    created_by: int,
    email: str | None,
    now: datetime,
    expires: datetime,
) -> None:
    conn.execute(
        insert(invitations).values(
            code_hash=code_hash,
            created_by=created_by,
            email=email,
            created_at=now,
            expires_at=expires,
        )
    )


def use_invitation(conn: Connection, code_hash: str, email: str, now: datetime) -> bool:
    """Mark a live invitation for ``email`` (or for anyone) used; False when there is none."""
    row = conn.execute(
        select(invitations.c.id, invitations.c.email, invitations.c.expires_at).where(
            invitations.c.code_hash == code_hash, invitations.c.used_at.is_(None)
        )
    ).first()
    if row is None or aware(row.expires_at) <= now:
        return False
    if row.email is not None and row.email != email:
        return False
    conn.execute(update(invitations).where(invitations.c.id == row.id).values(used_at=now))
    return True


def site_setting(conn: Connection, key: str) -> str | None:
    found = conn.execute(select(site_settings.c.value).where(site_settings.c.key == key)).scalar()
    return None if found is None else str(found)


def set_site_setting(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(site_settings).where(site_settings.c.key == key))
    conn.execute(insert(site_settings).values(key=key, value=value))


# ---- login attempts ---------------------------------------------------------------------


def record_attempt(
    conn: Connection, email: str, address: str, now: datetime, succeeded: bool
) -> None:
    conn.execute(
        insert(login_attempts).values(email=email, address=address, at=now, succeeded=succeeded)
    )


def recent_failures(conn: Connection, since: datetime, email: str, address: str) -> tuple[int, int]:
    """Failed logins since ``since`` for the email and from the address."""

    def count(*where: Any) -> int:
        query = (
            select(func.count())
            .select_from(login_attempts)
            .where(login_attempts.c.at > since, login_attempts.c.succeeded.is_(False), *where)
        )
        return int(conn.execute(query).scalar_one())

    return count(login_attempts.c.email == email), count(login_attempts.c.address == address)


def forget_attempts_before(conn: Connection, before: datetime) -> None:
    conn.execute(delete(login_attempts).where(login_attempts.c.at < before))


def runner_invitation_for(conn: Connection, code_hash: str, email: str, now: datetime) -> bool:
    """Whether a runner's open partner or group invitation with this code was sent to this
    address: it admits that address to sign up even when sign-ups are closed."""
    from runcoach.store.tables import group_invitations, partnerships

    partner = select(partnerships.c.expires_at).where(
        partnerships.c.code_hash == code_hash, partnerships.c.email == email,
        partnerships.c.status == "invited",
    )  # fmt: skip
    group = select(group_invitations.c.expires_at).where(
        group_invitations.c.code_hash == code_hash, group_invitations.c.email == email
    )
    for query in (partner, group):
        expires = conn.execute(query).scalar()
        if expires is not None and (aware(expires) or now) > now:
            return True
    return False
