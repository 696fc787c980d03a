"""The report of a long period is a summary: the wins and runs counted, the notable shown.

Over more than a year the report counts the period's wins by kind and its runs, and shows
with their words only the notable ones (new bests and records, races, the longest run) and
the most recent, as the multi-year views of Garmin Connect, Strava and intervals.icu do. A
week, a month or a year shows every win and every run.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from functools import partial
from typing import NamedTuple

from runcoach.domain.days import local_day
from runcoach.domain.hints import Do, Hint, Pointer
from runcoach.domain.progress.report import LongSummary, Period
from runcoach.domain.progress.wins import (
    Win,
    WinHistory,
    WinInputs,
    WinKind,
    benchmark_win,
    effort_wins,
    faster_benchmarks,
    milestone_wins,
    negative_split_win,
    plan_wins,
    runs_in_order,
    split_runs,
    streak_weeks,
    streak_win,
)
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.domain.units import UnitSystem, counted

LONG_PERIOD_DAYS = 366  # longer than a (leap) year: summarised (multi-year views of Garmin, Strava)
SHOWN_WINS = 20  # wins shown with their words in a long period's report
SHOWN_RECORDS = 15  # of them at most this many records, so that the most recent show too
SHOWN_RUNS = 20  # run lines shown in a long period's report
RECORD_KINDS = frozenset(
    {WinKind.BEST_EFFORT, WinKind.FIRST_DISTANCE, WinKind.LONGEST_STREAK, WinKind.GOAL_MET}
)  # the wins shown first: new bests and records


def is_long(period: Period) -> bool:
    """A period longer than a year, whose report is a summary."""
    return period.days > LONG_PERIOD_DAYS


@dataclass(frozen=True)
class WinDigest:
    """A long period's wins: the shown ones in words, and how many of each kind in all."""

    shown: list[Win]
    by_kind: dict[str, int]


def digest_wins(
    inputs: WinInputs,
    tz: tzinfo,
    today: date,
    system: UnitSystem,
    history: WinHistory,
    extra: Sequence[Win] = (),
    shown: int = SHOWN_WINS,
) -> WinDigest:
    """The period's wins (and ``extra``, the habit wins) counted by kind; the records
    (newest first, at most ``SHOWN_RECORDS``), then the most recent, up to ``shown`` in
    words. The many (negative splits, faster benchmarks, streak weeks) get their words only
    when they are shown."""
    runs = runs_in_order(inputs.runs)
    found: list[Win | _Pending] = [
        *_splits(runs, inputs, tz, system),
        *effort_wins(inputs.efforts, tz, history),
        *_benchmarks(inputs, history, system),
        *_streaks(runs, tz, today, history),
        *milestone_wins(runs, tz, system, history),
        *plan_wins(inputs.plan_weeks, inputs.minis, inputs.goals, today),
        *extra,
    ]  # the order of detect_wins, so that wins of one day and kind keep its order
    counts = Counter(item.kind.value for item in found)
    return WinDigest(_chosen(found, shown), dict(counts))


class _Pending(NamedTuple):
    """A win found, its words not made yet."""

    day: date
    kind: WinKind
    words: Callable[[], Win]


def _splits(
    runs: Sequence[Run], inputs: WinInputs, tz: tzinfo, system: UnitSystem
) -> list[_Pending]:
    found = []
    for run, half in split_runs(runs, inputs.halves):
        day = local_day(run.start, tz)
        words = partial(negative_split_win, run, half, day, system)
        found.append(_Pending(day, WinKind.NEGATIVE_SPLIT, words))
    return found


def _benchmarks(inputs: WinInputs, history: WinHistory, system: UnitSystem) -> list[_Pending]:
    return [
        _Pending(
            result.day, WinKind.BENCHMARK_FASTER, partial(benchmark_win, result, before, system)
        )
        for result, before in faster_benchmarks(inputs.benchmarks, history)
    ]


def _streaks(runs: Sequence[Run], tz: tzinfo, today: date, history: WinHistory) -> list[_Pending]:
    found = []
    for week in streak_weeks(runs, tz, today, history):
        kind = WinKind.STREAK_KEPT if week[2] is None else WinKind.LONGEST_STREAK
        found.append(_Pending(week[0], kind, partial(streak_win, *week)))
    return found


def _chosen(found: Sequence[Win | _Pending], shown: int) -> list[Win]:
    most = min(SHOWN_RECORDS, shown)
    records = heapq.nlargest(most, (w for w in found if w.kind in RECORD_KINDS), key=_key)
    taken = {id(item) for item in records}
    rest = (item for item in found if id(item) not in taken)
    recent = heapq.nlargest(shown - len(records), rest, key=_key)
    words = [item if isinstance(item, Win) else item.words() for item in [*records, *recent]]
    return sorted(words, key=_newest_first, reverse=True)


def _key(item: Win | _Pending) -> tuple[date, str]:
    return item.day, item.kind.value


def _newest_first(win: Win) -> tuple[date, str]:
    return win.day, win.kind.value


def notable_runs(runs: Sequence[Run], shown: int = SHOWN_RUNS) -> list[Run]:
    """The races and the longest run (newest first), then the most recent, up to ``shown``,
    oldest first as a report lists them."""
    longest = max(runs, key=lambda r: r.distance_m or 0.0, default=None)
    notable = [r for r in runs if r.workout_type is WorkoutType.RACE or r is longest]
    picked = {id(r) for r in heapq.nlargest(shown, notable, key=lambda r: r.start)}
    for run in reversed(runs):
        if len(picked) >= shown:
            break
        picked.add(id(run))
    return [r for r in runs if id(r) in picked]


def long_summary(
    digest: WinDigest, runs_total: int, runs_shown: int, period: Period
) -> LongSummary:
    """What a long period's report says of the wins and runs it does not show."""
    days = {"from": period.first.isoformat(), "to": period.last.isoformat()}
    span = f"from {days['from']} to {days['to']}"
    return LongSummary(
        wins_by_kind=digest.by_kind,
        wins_total=sum(digest.by_kind.values()),
        wins_shown=len(digest.shown),
        runs_total=runs_total,
        runs_shown=runs_shown,
        every_win=Pointer(Hint(Do.LIST_WINS, f"the list of wins {span}", days)),
        every_run=Pointer(Hint(Do.LIST_RUNS_BETWEEN, f"the list of runs {span}", days)),
    )


_KIND_WORDS = {  # how a count of each kind of win reads: (one, many)
    WinKind.NEGATIVE_SPLIT: ("negative split", "negative splits"),
    WinKind.BEST_EFFORT: ("new best", "new bests"),
    WinKind.YEAR_BEST: ("best this year", "bests of a year"),
    WinKind.FIRST_DISTANCE: ("first at a distance", "firsts at a distance"),
    WinKind.BENCHMARK_FASTER: ("faster benchmark", "faster benchmarks"),
    WinKind.STREAK_KEPT: ("streak week kept", "streak weeks kept"),
    WinKind.LONGEST_STREAK: ("longest streak yet", "longest streaks yet"),
    WinKind.PLAN_WEEK_COMPLETE: ("complete plan week", "complete plan weeks"),
    WinKind.MINI_WORKOUT: ("mini workout", "mini workouts"),
    WinKind.RUN_MILESTONE: ("run milestone", "run milestones"),
    WinKind.DISTANCE_MILESTONE: ("distance milestone", "distance milestones"),
    WinKind.GOAL_MET: ("goal met", "goals met"),
    WinKind.HABIT_KEPT: ("habit kept", "habits kept"),
}


def summary_lines(summary: LongSummary, say: Callable[[str], str] = str) -> list[str]:
    """A long period's wins and runs in counts, with where to list them all (``say``: a
    door's phrasing of a pointer)."""
    kinds = sorted(summary.wins_by_kind.items(), key=lambda item: -item[1])
    words = ", ".join(counted(n, *_KIND_WORDS[WinKind(kind)]) for kind, n in kinds)
    return [
        f"wins: {words or 'none'} ({summary.wins_total:,} in all, {summary.wins_shown} shown: "
        f"new bests first, then the most recent; all: {say(summary.every_win)})",
        f"runs: {summary.runs_total:,} in all, {summary.runs_shown} shown (races, the longest, "
        f"the most recent; all: {say(summary.every_run)})",
    ]
