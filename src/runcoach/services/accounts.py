"""Accounts of the web app: sign up, log in and out, passwords, sessions, API tokens,
invitations, the private calendar feed, and deleting an account with all its data.

Passwords are hashed with argon2id (argon2-cffi's RFC 9106 profile); every other secret
(session, API token, invitation code, feed token) is 256 random bits shown once and stored
as its SHA-256, which is enough for secrets of that entropy (no brute force can reach them).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine

from runcoach.domain.accounts import (
    INVITATION_LIFETIME,
    SESSION_LIFETIME,
    THROTTLE_WINDOW,
    Actor,
    Scope,
    check_new_password,
    normal_email,
    throttled,
)
from runcoach.domain.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    TooManyAttempts,
)
from runcoach.store import accounts as store
from runcoach.store.db import read_only

SECRET_BYTES = 32  # 256 bits (NIST SP 800-63B: session secrets of at least 64 bits)
TOKEN_PREFIX = "rc_"  # an API token says what it is, so secret scanners can find it
SIGNUPS_OPEN = "signups_open"
TOKEN_USE_RECORDED_EVERY = timedelta(minutes=1)  # a token's "last used" is this precise
ATTEMPTS_KEPT = THROTTLE_WINDOW * 4  # older login attempts are forgotten

_hasher = PasswordHasher()  # argon2id, RFC 9106 "second recommended option" parameters
# A hash to verify against when the email is unknown, so that a login takes as long.
_DUMMY_HASH = _hasher.hash("runcoach dummy password for timing")


class LoginThrottled(TooManyAttempts):
    """Too many failed logins lately: the runner waits a few minutes."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret(nbytes: int = SECRET_BYTES) -> str:
    """A random URL-safe secret that never starts with '-': invitation codes are pasted at
    the command line (`runcoach coach accept CODE`), where a leading '-' reads as an option
    (one code in 64 did)."""
    while True:
        secret = secrets.token_urlsafe(nbytes)
        if not secret.startswith("-"):
            return secret


@dataclass(frozen=True)
class NewSession:
    token: str  # the cookie's value, never stored
    csrf: str
    actor: Actor


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


def _actor(row: store.AccountRow, scope: Scope, via: str) -> Actor:
    return Actor(row.id, row.athlete_id, row.email, row.is_admin, scope, via)


# ---- sign up ----------------------------------------------------------------------------


def needs_first_account(engine: Engine) -> bool:
    """A new install: the first account to sign up becomes the admin."""
    with read_only(engine) as conn:
        return store.count_accounts(conn) == 0


def signups_open(engine: Engine) -> bool:
    with read_only(engine) as conn:
        return store.site_setting(conn, SIGNUPS_OPEN) != "false"


def set_signups_open(engine: Engine, actor: Actor, is_open: bool) -> None:
    _require_admin(actor)
    with engine.begin() as conn:
        store.set_site_setting(conn, SIGNUPS_OPEN, "true" if is_open else "false")


def sign_up(
    engine: Engine, email: str, password: str, now: datetime, invitation: str | None = None
) -> Actor:
    """A new account with its athlete. The first account is the admin and takes over the
    athlete of a command-line install; later ones need open sign-ups or an invitation."""
    address = normal_email(email)
    check_new_password(password, address)
    password_hash = _hasher.hash(password)
    with engine.begin() as conn:
        first = store.count_accounts(conn) == 0
        if not first:
            _check_may_join(conn, address, invitation, now)
        if store.account_by_email(conn, address) is not None:
            raise Conflict(f"there is already an account for {address}", hint="log in instead")
        athlete = store.unlinked_athlete(conn) if first else None
        if athlete is None:
            athlete = store.add_athlete(conn, address.partition("@")[0])
        account = store.add_account(conn, athlete, address, password_hash, is_admin=first)
        return _actor(store.account_by_id(conn, account), Scope.WRITE, "session")


def _check_may_join(conn: Connection, email: str, invitation: str | None, now: datetime) -> None:
    if invitation:
        if store.use_invitation(conn, digest(invitation), email, now):
            return
        if store.runner_invitation_for(conn, digest(invitation), email, now):
            return  # a partner or group invitation emailed to this address (not used up here)
        raise PermissionDenied("this invitation is not valid (used, expired or for another email)")
    if store.site_setting(conn, SIGNUPS_OPEN) == "false":
        raise PermissionDenied("sign-ups are closed here", hint="ask the admin for an invitation")


def invite(engine: Engine, actor: Actor, email: str | None, now: datetime) -> str:
    """An invitation code (shown once) that lets one person sign up while sign-ups are closed."""
    _require_admin(actor)
    code = new_secret()
    address = normal_email(email) if email else None
    with engine.begin() as conn:
        store.add_invitation(
            conn, digest(code), actor.account_id, address, now, now + INVITATION_LIFETIME
        )
    return code


def _require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDenied("only the admin may do this")


# ---- log in and out ---------------------------------------------------------------------


def log_in(engine: Engine, email: str, password: str, address: str, now: datetime) -> NewSession:
    """A new session for the right password; throttled per account and per address."""
    typed = email.strip().lower()
    with engine.begin() as conn:
        store.forget_attempts_before(conn, now - ATTEMPTS_KEPT)
        failures = store.recent_failures(conn, now - THROTTLE_WINDOW, typed, address)
        if throttled(*failures):
            raise LoginThrottled(
                "too many failed logins; wait a few minutes and try again",
                hint=f"at most a few tries in {int(THROTTLE_WINDOW.total_seconds() // 60)} minutes",
            )
        row = store.account_by_email(conn, typed)
        ok = _verify(row.password_hash if row else _DUMMY_HASH, password) and row is not None
        store.record_attempt(conn, typed, address, now, ok)
    if not ok or row is None:
        raise PermissionDenied("the email or the password is wrong")
    _rehash_if_needed(engine, row, password, now)
    return open_session(engine, row.id, now)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _rehash_if_needed(engine: Engine, row: store.AccountRow, password: str, now: datetime) -> None:
    if _hasher.check_needs_rehash(row.password_hash):  # the parameters were raised since
        with engine.begin() as conn:
            store.set_password_hash(conn, row.id, _hasher.hash(password), now)


def open_session(engine: Engine, account_id: int, now: datetime) -> NewSession:
    token, csrf = new_secret(), new_secret()
    with engine.begin() as conn:
        store.delete_expired_sessions(conn, now)
        store.add_session(conn, digest(token), account_id, csrf, now, now + SESSION_LIFETIME)
        row = store.account_by_id(conn, account_id)
    return NewSession(token, csrf, _actor(row, Scope.WRITE, "session"))


def session_actor(engine: Engine, token: str, now: datetime) -> tuple[Actor, str] | None:
    """The actor of a session cookie and the session's CSRF token; None when not live."""
    with read_only(engine) as conn:
        found = store.session_of(conn, digest(token), now)
    if found is None:
        return None
    return _actor(found[0], Scope.WRITE, "session"), found[1]


def log_out(engine: Engine, token: str) -> None:
    with engine.begin() as conn:
        store.delete_session(conn, digest(token))


def change_password(
    engine: Engine, actor: Actor, current: str, new: str, now: datetime, session: str | None
) -> None:
    """A new password; every other session of the account is logged out."""
    with engine.begin() as conn:
        row = store.account_by_id(conn, actor.account_id)
        if not _verify(row.password_hash, current):
            raise PermissionDenied("the current password is wrong")
        check_new_password(new, row.email)
        store.set_password_hash(conn, row.id, _hasher.hash(new), now)
        store.delete_sessions_except(conn, row.id, digest(session) if session else None)


def delete_account(engine: Engine, actor: Actor, password: str) -> None:
    """The account and its athlete's every run, file, plan, check-in and token, for good."""
    with engine.begin() as conn:
        row = store.account_by_id(conn, actor.account_id)
        if not _verify(row.password_hash, password):
            raise PermissionDenied("the password is wrong; nothing was deleted")
        store.delete_athlete(conn, row.athlete_id)


# ---- API tokens -------------------------------------------------------------------------


def create_token(
    engine: Engine, actor: Actor, name: str, scope: Scope, now: datetime
) -> tuple[str, TokenInfo]:
    """A personal API token, shown once: only its hash is kept."""
    if actor.via != "session":
        raise PermissionDenied("API tokens are made from a logged-in session, not with a token")
    label = name.strip()
    if not label or len(label) > 200:
        raise InvalidInput("an API token needs a name (up to 200 characters)", hint="my phone")
    token = TOKEN_PREFIX + new_secret()
    values = {
        "name": label,
        "token_hash": digest(token),
        "prefix": token[:10],
        "scope": scope.value,
        "created_at": now,
    }
    with engine.begin() as conn:
        token_id = store.add_token(conn, actor.account_id, values)
    return token, TokenInfo(token_id, label, token[:10], scope.value, now, None, False)


def list_tokens(engine: Engine, actor: Actor) -> list[TokenInfo]:
    with read_only(engine) as conn:
        rows = store.tokens_of(conn, actor.account_id)
    return [
        TokenInfo(
            r.id, r.name, r.prefix, r.scope, r.created_at, r.last_used_at, r.revoked_at is not None
        )
        for r in rows
    ]


def revoke_token(engine: Engine, actor: Actor, token_id: int, now: datetime) -> None:
    with engine.begin() as conn:
        store.revoke_token(conn, actor.account_id, token_id, now)


def token_actor(engine: Engine, token: str, now: datetime) -> Actor | None:
    """The actor of a live API token. Its last use is recorded at most once a
    ``TOKEN_USE_RECORDED_EVERY`` (a script calling many times a second writes once a minute,
    and its reads take no write lock)."""
    with read_only(engine) as conn:
        found = store.token_by_hash(conn, digest(token))
    if found is None or found[1].revoked_at is not None:
        return None
    last = found[1].last_used_at
    if last is None or now - last >= TOKEN_USE_RECORDED_EVERY:
        with engine.begin() as conn:
            store.touch_token(conn, found[1].id, now, TOKEN_USE_RECORDED_EVERY)
    return _actor(found[0], Scope(found[1].scope), "token")


# ---- the private calendar feed ----------------------------------------------------------


def new_feed_token(engine: Engine, actor: Actor) -> str:
    """A new secret for the feed URL; the old URL stops working."""
    token = new_secret()
    with engine.begin() as conn:
        store.set_feed_token(conn, actor.account_id, digest(token))
    return token


def has_feed(engine: Engine, actor: Actor) -> bool:
    with read_only(engine) as conn:
        return store.has_feed(conn, actor.account_id)


def feed_athlete(engine: Engine, token: str) -> int:
    with read_only(engine) as conn:
        athlete = store.feed_athlete(conn, digest(token))
    if athlete is None:
        raise NotFound("there is no calendar feed at this address")
    return athlete
