"""Accounts of the web app: who is asking, what they may do, and the rules on passwords and
login attempts. Pure: the hashing, the clock and the storage live in services and store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from runcoach.domain.errors import InvalidInput

# OWASP ASVS 4.0.3 V2.1.1-V2.1.2: passwords of at least 12 characters, at most 128 allowed.
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 128
MAX_EMAIL_CHARS = 320  # RFC 3696 errata 1690: 64 local + @ + 255 domain

# Login throttling (OWASP Authentication Cheat Sheet, "account lockout": a few failures
# per account within minutes; a looser bound per address, which many runners may share).
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5  # in THROTTLE_WINDOW
MAX_FAILURES_PER_ADDRESS = 20  # in THROTTLE_WINDOW

SESSION_LIFETIME = timedelta(days=30)  # a runner logs in once a month on their phone
INVITATION_LIFETIME = timedelta(days=14)


class Scope(Enum):
    """What a credential may do: read only, or read and write."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Actor:
    """The account a request comes from and the athlete it acts for."""

    account_id: int
    athlete_id: int
    email: str
    is_admin: bool
    scope: Scope
    via: str  # "session" or "token"

    @property
    def can_write(self) -> bool:
        return self.scope is Scope.WRITE


def normal_email(text: str) -> str:
    """An email address as stored: trimmed, lower-cased, checked for its shape."""
    email = text.strip().lower()
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain or " " in email or len(email) > MAX_EMAIL_CHARS:
        raise InvalidInput(f"'{text.strip()}' is not an email address")
    return email


def check_new_password(password: str, email: str) -> None:
    """A new password must be long enough and not the email address."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(
            f"the password needs at least {MIN_PASSWORD_CHARS} characters",
            hint="a few unrelated words make a long password that is easy to remember",
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInput(f"the password may have at most {MAX_PASSWORD_CHARS} characters")
    if password.strip().lower() == email:
        raise InvalidInput("the password may not be the email address")


def throttled(failures_for_account: int, failures_from_address: int) -> bool:
    """Whether a login must wait: too many recent failures for the account or the address."""
    return (
        failures_for_account >= MAX_FAILURES_PER_ACCOUNT
        or failures_from_address >= MAX_FAILURES_PER_ADDRESS
    )
