"""A commitment contract's terms from what a person typed or sent: the goal ("run-days=4",
"weekly-distance=30k", "key-sessions", "race-time=10k@49:00"), the weeks or the deadline, and
the stake ("20EUR", "charity:Red Cross")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from runcoach.domain.accountability.contracts import (
    DEFAULT_REFEREE_DAYS,
    Goal,
    GoalKind,
    Receiver,
    Stake,
    Terms,
    weeks_from,
)
from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import parse_distance, parse_duration

GOAL_HINT = "run-days=4, weekly-distance=30k, key-sessions or race-time=10k@49:00"
_AMOUNT = re.compile(r"^\s*(?P<amount>\d+(?:[.,]\d{1,2})?)\s*(?P<currency>[A-Za-z]{3})\s*$")


def parse_goal(text: str) -> Goal:
    kind_text, _, value = text.strip().partition("=")
    try:
        kind = GoalKind(kind_text.strip().lower())
    except ValueError:
        raise InvalidInput(f"'{text}' is not a contract goal", hint=GOAL_HINT) from None
    return goal_of(kind, value.strip())


def goal_of(kind: GoalKind, value: str) -> Goal:
    if kind is GoalKind.KEY_SESSIONS:
        return Goal(kind)
    if not value:
        raise InvalidInput(f"a {kind.value} goal needs a value", hint=GOAL_HINT)
    if kind is GoalKind.RUN_DAYS:
        if not value.isdigit():
            raise InvalidInput(f"'{value}' is not a number of run days")
        return Goal(kind, run_days=int(value))
    if kind is GoalKind.WEEKLY_DISTANCE:
        return Goal(kind, distance_m=parse_distance(value))
    distance, at, time = value.partition("@")
    if not at:
        raise InvalidInput(f"'{value}' needs a distance and a time", hint="race-time=10k@49:00")
    return Goal(kind, distance_m=parse_distance(distance), time_s=parse_duration(time))


def parse_amount(text: str) -> tuple[int, str]:
    """'20EUR' or '12.50 usd' -> (cents, currency)."""
    found = _AMOUNT.match(text)
    if not found:
        raise InvalidInput(f"'{text}' is not an amount with its currency", hint="e.g. 20EUR")
    return cents(found["amount"]), found["currency"].upper()


def cents(amount: str | float) -> int:
    try:
        value = Decimal(str(amount).replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(f"'{amount}' is not an amount") from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise InvalidInput(f"'{amount}' is not an amount in cents")
    return int(value * 100)


def parse_receiver(text: str) -> tuple[Receiver, str]:
    """'charity:Red Cross', 'friend:Ana', 'anti-charity:the other club'."""
    kind, colon, name = text.partition(":")
    try:
        receiver = Receiver(kind.strip().lower())
    except ValueError:
        receiver = None
    if not colon or receiver is None:
        raise InvalidInput(
            f"'{text}' does not say who receives the stake",
            hint="charity:NAME, friend:NAME or anti-charity:NAME",
        )
    return receiver, name.strip()


@dataclass(frozen=True)
class TermsText:
    """The terms as a person gives them (the command line's options, the API's body)."""

    goal: Goal
    start: date
    weeks: int | None  # weekly goals
    end: date | None  # a race goal's deadline
    amount_cents: int
    currency: str
    receiver: Receiver
    receiver_name: str
    max_excused: int = 1
    referee_days: int = DEFAULT_REFEREE_DAYS

    def terms(self) -> Terms:
        return Terms(self.goal, self.start, self._end(), self._stake(), self.max_excused,
                     self.referee_days)  # fmt: skip

    def _stake(self) -> Stake:
        return Stake(self.amount_cents, self.currency.upper(), self.receiver, self.receiver_name)

    def _end(self) -> date:
        if self.goal.weekly:
            if self.weeks is None or self.end is not None:
                raise InvalidInput("a weekly goal takes a number of weeks (and no end date)")
            if self.weeks < 1:
                raise InvalidInput("a contract runs for at least one week")
            return weeks_from(self.start, self.weeks)
        if self.end is None or self.weeks is not None:
            raise InvalidInput("a race goal takes the date it must be reached by (and no weeks)")
        return self.end
