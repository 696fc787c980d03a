"""Partners: the rules of a partnership and of the sessions a runner invites a partner to.

Runners who train with a partner drop out far less; the sessions a runner tends to skip are
the ones to do together. runcoach finds them from planned vs done: the kind of workout most
often missed or cut short (at least ``MIN_PLANNED_TO_JUDGE`` planned, at least
``SKIPPED_SHARE`` of them not done in full).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import time
from enum import StrEnum

from runcoach.domain.errors import Conflict, InvalidInput

MIN_PLANNED_TO_JUDGE = 2  # a kind planned once says nothing about a habit
SKIPPED_SHARE = 0.3  # missed or cut short this often (or more) = a kind the runner skips
NOT_DONE = frozenset({"missed", "short", "different"})  # compliance statuses
PARTNER_KINDS = ("intervals", "tempo", "long", "hills", "progression", "easy", "recovery")
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class PartnershipStatus(StrEnum):
    INVITED = "invited"  # a link is out; the inviter has accepted by making it
    ACTIVE = "active"  # both accepted
    ENDED = "ended"  # either ended it


class SessionStatus(StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    PROPOSED = "proposed"  # the partner proposed another day (or time)
    DECLINED = "declined"
    CANCELLED = "cancelled"  # the runner called it off


class SessionAnswer(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    PROPOSE = "propose"


def skipped_kinds(sessions: Iterable[tuple[str, str]]) -> list[str]:
    """From (workout kind, status) of past planned sessions, the kinds the runner tends to
    skip, most skipped first."""
    planned: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for kind, status in sessions:
        if status in ("coming", "rest") or kind not in PARTNER_KINDS:
            continue
        planned[kind] += 1
        skipped[kind] += status in NOT_DONE
    shares = {
        kind: skipped[kind] / count
        for kind, count in planned.items()
        if count >= MIN_PLANNED_TO_JUDGE and skipped[kind] / count >= SKIPPED_SHARE
    }
    return sorted(shares, key=lambda kind: (-shares[kind], kind))


def check_kinds(kinds: Iterable[str]) -> list[str]:
    found = []
    for kind in kinds:
        if kind not in PARTNER_KINDS:
            raise InvalidInput(f"'{kind}' is not a kind of run", hint=", ".join(PARTNER_KINDS))
        found.append(kind)
    return sorted(set(found), key=found.index)


def parse_time(text: str | None) -> str | None:
    """A time of day as "HH:MM" (24 h), or None."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if len(value) == 4 and value[1] == ":":
        value = "0" + value
    if not TIME_PATTERN.match(value):
        raise InvalidInput(f"'{text}' is not a time of day", hint="e.g. 06:30 or 18:15")
    return value


def as_time(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def answer_allowed(status: SessionStatus, by_partner: bool, answer: SessionAnswer) -> None:
    """Who may answer what: the partner answers an invitation; the runner answers the
    partner's proposal of another day; nobody answers a declined or cancelled session."""
    if status in (SessionStatus.DECLINED, SessionStatus.CANCELLED):
        raise Conflict(f"this session was {status.value}")
    if by_partner and status is SessionStatus.PROPOSED:
        raise Conflict("you proposed another day: your partner answers now")
    if not by_partner and status is not SessionStatus.PROPOSED:
        raise Conflict("your partner has not proposed another day")
    if not by_partner and answer is SessionAnswer.PROPOSE:
        raise InvalidInput("to move the session, cancel it and invite again")
