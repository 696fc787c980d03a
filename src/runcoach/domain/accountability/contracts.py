"""Commitment contracts: a goal the log can decide, judged period by period, with a stake and
a referee. Pure: the log, the check-ins and the clock are given.

A contract is signed once. Its terms can then only be made harder (``easier_changes`` lists
what a new version would make easier: such a version is refused) or the contract ended, which
is recorded. Each period is judged from the log when it is over (the rule and the runs that
decided it are kept with the verdict); a referee confirms or overturns the verdict within a
set number of days, after which the automatic verdict stands. Exceptions are written in
advance: sickness or injury told in check-ins excuses a period, at most ``max_excused`` times.
See docs/accountability-contracts.md for why it is built this way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.units import format_distance, format_duration

MILE_M = 1609.344
# A run day holds a run of at least one mile: the United States Running Streak Association's
# definition of a streak day (one continuous mile), m.
MIN_RUN_DAY_M = MILE_M
# Days with a check-in that says sick or injured that excuse a period (of 7 days); 2 = more
# than a single bad day, which a runner can train around (coaching practice), days.
EXCUSE_UNWELL_DAYS = 2
DEFAULT_REFEREE_DAYS = 7  # the referee's time to confirm or overturn a verdict, days
MAX_REFEREE_DAYS = 30
MAX_WEEKS = 104  # two years of weekly periods; longer goals are better split in contracts
MAX_RUN_DAYS = 7
MAX_EXCUSES = 52
MAX_STAKE_CENTS = 100_000_00  # runcoach records the stake only; a sanity bound
RACE_DISTANCE_TOLERANCE = 0.01  # a race counts for a distance within 1 % of it (course length)
WEEK = 7


class GoalKind(StrEnum):
    RUN_DAYS = "run-days"  # at least N run days each week
    WEEKLY_DISTANCE = "weekly-distance"  # at least D of running each week
    KEY_SESSIONS = "key-sessions"  # the plan's key sessions (quality and long runs) each week
    RACE_TIME = "race-time"  # a race of D in T or faster by the end date


class Receiver(StrEnum):
    """Who receives the stake when the runner fails (runcoach moves no money)."""

    CHARITY = "charity"
    FRIEND = "friend"
    ANTI_CHARITY = "anti-charity"  # a cause the runner dislikes (stickK's strongest option)


class RefereeState(StrEnum):
    """The referee's answer to being named. A contract with a referee is active (judged) only
    once the referee accepts; a refusal lets the runner name another (or go without)."""

    ASKED = "asked"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    STEPPED_DOWN = "stepped-down"  # after accepting: the automatic verdicts stand from then


_ANSWER_VERBS = {"accepted": "accept", "refused": "refuse", "stepped-down": "step down from"}


def may_answer(state: RefereeState | None, answer: RefereeState) -> None:
    """Refuse an answer that does not follow from ``state``: only an asked referee accepts or
    refuses, only one who accepted steps down."""
    wanted = RefereeState.ACCEPTED if answer is RefereeState.STEPPED_DOWN else RefereeState.ASKED
    if state is not wanted:
        where = state.value if state is not None else "not asked"
        verb = _ANSWER_VERBS.get(answer.value, answer.value)
        raise InvalidInput(f"you cannot {verb} the referee's role of this contract: it is {where}")


class Outcome(StrEnum):
    KEPT = "kept"
    MISSED = "missed"
    EXCUSED = "excused"
    OPEN = "open"  # the period is not over (or, for a race goal, not yet reached)


class Review(StrEnum):
    """Where the referee stands on a judged period."""

    AWAITING = "awaiting"  # the referee's window is open
    DISPUTED = "disputed"  # the runner disputes the verdict; the referee's window is open
    CONFIRMED = "confirmed"
    OVERTURNED = "overturned"
    LAPSED = "lapsed"  # the window closed without a decision: the automatic verdict stands
    NO_REFEREE = "no-referee"


@dataclass(frozen=True)
class Goal:
    kind: GoalKind
    run_days: int | None = None  # RUN_DAYS
    distance_m: float | None = None  # WEEKLY_DISTANCE: per week; RACE_TIME: the race's
    time_s: float | None = None  # RACE_TIME

    def __post_init__(self) -> None:
        wanted = {
            GoalKind.RUN_DAYS: ("run_days",),
            GoalKind.WEEKLY_DISTANCE: ("distance_m",),
            GoalKind.KEY_SESSIONS: (),
            GoalKind.RACE_TIME: ("distance_m", "time_s"),
        }[self.kind]
        for name in ("run_days", "distance_m", "time_s"):
            value = getattr(self, name)
            if (value is None) == (name in wanted):
                state = "needs" if value is None else "takes no"
                raise InvalidInput(f"a {self.kind.value} goal {state} {name.replace('_', ' ')}")
            if value is not None and value <= 0:
                raise InvalidInput(f"the goal's {name.replace('_', ' ')} must be above 0")
        if self.run_days is not None and self.run_days > MAX_RUN_DAYS:
            raise InvalidInput(f"a week has {MAX_RUN_DAYS} days, not {self.run_days} run days")

    def describe(self) -> str:
        if self.kind is GoalKind.RUN_DAYS:
            return f"at least {self.run_days} run days every week"
        if self.kind is GoalKind.WEEKLY_DISTANCE:
            assert self.distance_m is not None
            return f"at least {format_distance(self.distance_m)} of running every week"
        if self.kind is GoalKind.KEY_SESSIONS:
            return "the plan's key sessions (quality sessions and the long run) done every week"
        assert self.distance_m is not None and self.time_s is not None
        race = format_distance(self.distance_m)
        return f"a {race} race in {format_duration(self.time_s)} or faster"

    @property
    def weekly(self) -> bool:
        return self.kind is not GoalKind.RACE_TIME


@dataclass(frozen=True)
class Stake:
    """What the runner loses for each missed period, and who receives it."""

    amount_cents: int
    currency: str  # ISO 4217, e.g. EUR
    receiver: Receiver
    receiver_name: str  # "Red Cross", "Ana", "the other club"

    def __post_init__(self) -> None:
        if not 0 <= self.amount_cents <= MAX_STAKE_CENTS:
            raise InvalidInput("the stake must be between 0 and 100,000")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise InvalidInput(f"'{self.currency}' is not a currency code", hint="e.g. EUR, USD")
        if not self.receiver_name.strip():
            raise InvalidInput("say who receives the stake (a charity, a friend, a cause)")

    def describe(self, periods: int = 1) -> str:
        amount = self.amount_cents * periods
        return f"{amount // 100}.{amount % 100:02d} {self.currency}"


@dataclass(frozen=True)
class Terms:
    """What the runner signs. Weekly goals are judged in weeks from ``start`` to ``end``
    (whole weeks); a race goal in one period that ends on ``end`` (the "by" date)."""

    goal: Goal
    start: date
    end: date
    stake: Stake
    max_excused: int = 1
    referee_days: int = DEFAULT_REFEREE_DAYS

    def __post_init__(self) -> None:
        days = (self.end - self.start).days + 1
        if days < 1:
            raise InvalidInput("the contract ends before it starts")
        if self.goal.weekly and (days % WEEK or days // WEEK > MAX_WEEKS):
            raise InvalidInput(f"a weekly goal runs for 1 to {MAX_WEEKS} whole weeks")
        if not 0 <= self.max_excused <= MAX_EXCUSES:
            raise InvalidInput(f"allow 0 to {MAX_EXCUSES} excused periods")
        if not 1 <= self.referee_days <= MAX_REFEREE_DAYS:
            raise InvalidInput(f"the referee has 1 to {MAX_REFEREE_DAYS} days to decide")

    @property
    def periods(self) -> int:
        return ((self.end - self.start).days + 1) // WEEK if self.goal.weekly else 1

    def period(self, index: int) -> tuple[date, date]:
        """The first and last day of period ``index`` (0-based)."""
        if not 0 <= index < self.periods:
            raise InvalidInput(f"the contract has periods 1 to {self.periods}")
        if not self.goal.weekly:
            return self.start, self.end
        first = self.start + timedelta(days=WEEK * index)
        return first, first + timedelta(days=WEEK - 1)


def weeks_from(start: date, weeks: int) -> date:
    """The last day of ``weeks`` whole weeks from ``start``."""
    return start + timedelta(days=WEEK * weeks - 1)


# ---- judging a period -------------------------------------------------------------------


@dataclass(frozen=True)
class KeySession:
    """A key session of the plan in the period and how it went (domain/compliance.py)."""

    day: date
    title: str
    done: bool
    run_id: int | None


@dataclass(frozen=True)
class Verdict:
    """The automatic verdict on one period: the outcome, the rule that decided it, what the
    log showed, and the runs (and sick days) it rests on."""

    index: int
    start: date
    end: date
    outcome: Outcome
    rule: str
    seen: str
    run_ids: tuple[int, ...] = ()
    unwell_days: tuple[date, ...] = ()


@dataclass(frozen=True)
class Evidence:
    log: Sequence[LoggedRun]
    unwell_days: Collection[date]  # check-ins that said sick or injured
    key_sessions: Sequence[KeySession] = ()


def judge(
    terms: Terms, index: int, evidence: Evidence, excused_before: int, today: date
) -> Verdict:
    """Period ``index`` as of ``today``: kept when the goal is met (even before it ends);
    open while it runs; then excused (sickness told in check-ins, while excuses are left) or
    missed."""
    start, end = terms.period(index)
    runs = [r for r in evidence.log if start <= r.day <= end]
    keys = [k for k in evidence.key_sessions if start <= k.day <= end]
    met, rule, seen, used = _goal_met(terms.goal, runs, keys, today > end)
    unwell = tuple(sorted(d for d in evidence.unwell_days if start <= d <= end))
    if met:
        outcome = Outcome.KEPT
    elif today <= end:
        outcome, seen = Outcome.OPEN, f"so far: {seen}"
    elif len(unwell) >= EXCUSE_UNWELL_DAYS and excused_before < terms.max_excused:
        outcome = Outcome.EXCUSED
        rule = f"{rule}; excused: {_unwell_text(unwell)} (excuse {excused_before + 1} of "
        rule += f"{terms.max_excused} written into the contract)"
    else:
        outcome = Outcome.MISSED
        if len(unwell) >= EXCUSE_UNWELL_DAYS:
            rule += f"; {_unwell_text(unwell)}, but all {terms.max_excused} excuses are used"
    return Verdict(index, start, end, outcome, rule, seen, used, unwell)


def _unwell_text(days: Sequence[date]) -> str:
    listed = ", ".join(d.isoformat() for d in days)
    return f"sick or injured on {len(days)} days told in check-ins ({listed})"


def _goal_met(
    goal: Goal, runs: Sequence[LoggedRun], keys: Sequence[KeySession], over: bool
) -> tuple[bool, str, str, tuple[int, ...]]:
    if goal.kind is GoalKind.RUN_DAYS:
        return _run_days(goal, runs)
    if goal.kind is GoalKind.WEEKLY_DISTANCE:
        return _distance(goal, runs)
    if goal.kind is GoalKind.KEY_SESSIONS:
        return _key_sessions(keys, over)
    if goal.kind is GoalKind.RACE_TIME:
        return _race(goal, runs)
    raise InvalidInput(f"no rule judges a {goal.kind} goal")


def _ids(runs: Sequence[LoggedRun]) -> tuple[int, ...]:
    return tuple(r.run_id for r in runs if r.run_id is not None)


def _run_days(goal: Goal, runs: Sequence[LoggedRun]) -> tuple[bool, str, str, tuple[int, ...]]:
    counted = [r for r in runs if r.distance_m >= MIN_RUN_DAY_M]
    days = sorted({r.day for r in counted})
    rule = f"a run day holds a run of at least 1 mile; {goal.run_days} run days needed"
    listed = ", ".join(d.strftime("%a %d %b") for d in days) or "none"
    seen = f"{len(days)} run days ({listed})"
    assert goal.run_days is not None
    return len(days) >= goal.run_days, rule, seen, _ids(counted)


def _distance(goal: Goal, runs: Sequence[LoggedRun]) -> tuple[bool, str, str, tuple[int, ...]]:
    assert goal.distance_m is not None
    total = sum(r.distance_m for r in runs)
    rule = f"the week's running adds up to at least {format_distance(goal.distance_m)}"
    seen = f"{format_distance(total)} in {len(runs)} runs"
    return total >= goal.distance_m, rule, seen, _ids(runs)


def _key_sessions(keys: Sequence[KeySession], over: bool) -> tuple[bool, str, str, tuple[int, ...]]:
    rule = "every key session of the plan (quality sessions, the long run) done that week"
    done = [k for k in keys if k.done]
    missing = [k for k in keys if not k.done]
    seen = f"{len(done)} of {len(keys)} key sessions done"
    if missing:
        seen += "; not done: " + ", ".join(f"{k.title} ({k.day.isoformat()})" for k in missing)
    if not keys:
        seen = "no key session was planned that week"
    ids = tuple(k.run_id for k in done if k.run_id is not None)
    return (not missing and (over or bool(keys))), rule, seen, ids


def _race(goal: Goal, runs: Sequence[LoggedRun]) -> tuple[bool, str, str, tuple[int, ...]]:
    assert goal.distance_m is not None and goal.time_s is not None
    races = [r for r in runs if r.is_race and _same_distance(r.distance_m, goal.distance_m)]
    best = min(races, key=lambda r: r.duration_s, default=None)
    rule = f"a run marked a race over {format_distance(goal.distance_m)} (within 1 %) in "
    rule += f"{format_duration(goal.time_s)} or faster (its official time)"
    if best is None:
        return False, rule, "no race over the distance in the log", ()
    seen = f"best race: {format_duration(best.duration_s)} on {best.day.isoformat()}"
    met = best.duration_s <= goal.time_s
    return met, rule, seen, _ids([best])


def _same_distance(run_m: float, goal_m: float) -> bool:
    return abs(run_m - goal_m) <= RACE_DISTANCE_TOLERANCE * goal_m


def judge_all(
    terms: Terms, evidence: Evidence, today: date, until: date | None = None
) -> list[Verdict]:
    """Every period that has started by ``today`` (and not after ``until``, the day a
    contract was ended), in order: each excuse used counts against the next periods."""
    verdicts: list[Verdict] = []
    excused = 0
    last = min(today, until) if until else today
    for index in range(terms.periods):
        start, _ = terms.period(index)
        if start > last:
            break
        verdict = judge(terms, index, evidence, excused, today)
        excused += verdict.outcome is Outcome.EXCUSED
        verdicts.append(verdict)
    return verdicts


# ---- the referee ------------------------------------------------------------------------


class Decision(StrEnum):
    CONFIRM = "confirm"
    OVERTURN = "overturn"


def review_due(judged_at: datetime, terms: Terms) -> datetime:
    """Until when the referee may confirm or overturn a verdict judged at ``judged_at``."""
    return judged_at + timedelta(days=terms.referee_days)


def review_state(
    has_referee: bool, decision: Decision | None, disputed: bool, due: datetime, now: datetime
) -> Review:
    if not has_referee:
        return Review.NO_REFEREE
    if decision is Decision.CONFIRM:
        return Review.CONFIRMED
    if decision is Decision.OVERTURN:
        return Review.OVERTURNED
    if now > due:
        return Review.LAPSED
    return Review.DISPUTED if disputed else Review.AWAITING


def overturned(automatic: Outcome, wanted: Outcome | None) -> Outcome:
    """The outcome a referee sets in place of the automatic one (by default the opposite:
    kept becomes missed; missed or excused becomes kept)."""
    if wanted is None:
        wanted = Outcome.MISSED if automatic is Outcome.KEPT else Outcome.KEPT
    if wanted is Outcome.OPEN or wanted is automatic:
        raise InvalidInput(
            f"overturning a {automatic.value} period sets another outcome (kept, missed or "
            "excused), not the same one",
            hint="to agree with the verdict, confirm it",
        )
    return wanted


def final_outcome(automatic: Outcome, decision: Decision | None, set_to: Outcome | None) -> Outcome:
    return set_to if decision is Decision.OVERTURN and set_to is not None else automatic


def check_may_review(automatic: Outcome, state: Review) -> None:
    if automatic is Outcome.OPEN:
        raise InvalidInput("this period is not over yet: there is nothing to review")
    if state is Review.LAPSED:
        raise InvalidInput(
            "the referee's time for this period is over: the automatic verdict stands"
        )
    if state in (Review.CONFIRMED, Review.OVERTURNED):
        raise InvalidInput(f"this period was already {state.value}")


# ---- changing a signed contract ---------------------------------------------------------


def easier_changes(old: Terms, new: Terms) -> list[str]:
    """What the new terms would make easier than the signed ones (empty: only harder or the
    same). A signed contract may be made harder, never easier."""
    found: list[str] = []
    og, ng = old.goal, new.goal
    if og.kind is not ng.kind:
        found.append(f"the goal changes from {og.kind.value} to {ng.kind.value}")
    else:
        found += _easier_goal(og, ng)
    if new.start != old.start:
        found.append("the start date changes")
    if og.weekly and new.end < old.end:
        found.append(f"it would end sooner ({new.end} instead of {old.end})")
    if not og.weekly and new.end > old.end:
        found.append(f"the race's deadline moves later ({new.end} instead of {old.end})")
    found += _easier_stake(old.stake, new.stake)
    if new.max_excused > old.max_excused:
        found.append(f"more excuses ({new.max_excused} instead of {old.max_excused})")
    if new.referee_days != old.referee_days:
        found.append("the referee's time to decide changes")
    return found


def _easier_goal(old: Goal, new: Goal) -> list[str]:
    found = []
    if (new.run_days or 0) < (old.run_days or 0):
        found.append(f"fewer run days ({new.run_days} instead of {old.run_days})")
    if old.kind is GoalKind.WEEKLY_DISTANCE and (new.distance_m or 0) < (old.distance_m or 0):
        found.append("a shorter weekly distance")
    if old.kind is GoalKind.RACE_TIME:
        if new.distance_m != old.distance_m:
            found.append("another race distance")
        if (new.time_s or 0) > (old.time_s or 0):
            found.append("a slower race time")
    return found


def _easier_stake(old: Stake, new: Stake) -> list[str]:
    found = []
    if new.currency != old.currency or new.amount_cents < old.amount_cents:
        found.append(f"a smaller stake ({new.describe()} instead of {old.describe()})")
    if (new.receiver, new.receiver_name) != (old.receiver, old.receiver_name):
        found.append("another receiver of the stake")
    return found


@dataclass(frozen=True)
class Tally:
    kept: int
    missed: int
    excused: int
    open: int

    def owed(self, stake: Stake) -> str:
        return stake.describe(self.missed)


def tally(outcomes: Sequence[Outcome]) -> Tally:
    return Tally(*(sum(1 for o in outcomes if o is k) for k in (
        Outcome.KEPT, Outcome.MISSED, Outcome.EXCUSED, Outcome.OPEN)))  # fmt: skip
