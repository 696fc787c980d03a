"""The three too's, watched: too far, too soon, too fast.

Each rule looks at the log (and at the plan's coming days where that helps) as of a day and
says what it saw (numbers, dates, run ids), what to do instead, and where the rule comes from.
The rules are written as cautions for a runner, not as injury predictions: the studies behind
them found associations in groups, not certainties for one person.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.fitness.body import (
    RESTING_HR_RISE_BPM,
    SOURCE_RESTING_HR_RISE,
    Reading,
    resting_hr_rise,
)
from runcoach.domain.fitness.paces import THRESHOLD_FRACTION, pace_at_fraction
from runcoach.domain.hints import Do, Hint, Pointer, note
from runcoach.domain.plans.blocks import plan_growth_period
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.progress.load import (
    ACUTE_DAYS,
    ACWR_LIMITS,
    CHRONIC_DAYS,
    HeartRateProfile,
    LoadBasis,
    RunLoad,
    daily_loads,
    estimate_threshold_pace,
    run_load,
    workload_ratio,
)
from runcoach.domain.run.logged import LoggedRun, between, distance_between
from runcoach.domain.safety import (
    AVERAGE_GROWTH,
    MIN_WEEKLY_M,
    SINGLE_RUN_MAX,
    SINGLE_RUN_WINDOW_DAYS,
    TWO_WEEK_MAX,
    growth_check,
    run_over,
    single_run_limit_m,
)
from runcoach.domain.units import Pace, counted, format_distance

# The spike and volume limits are the plan's own (runcoach.domain.safety): one model of safe.
SPIKE_LOOKBACK_DAYS = SINGLE_RUN_WINDOW_DAYS  # window of the longest earlier run, days
SPIKE_FRACTION = SINGLE_RUN_MAX - 1  # a run > 10 % longer than that longest run is a spike
WATCH_DAYS = 14  # how far back the log is watched for new warnings, days
WEEK_JUMP_FRACTION = AVERAGE_GROWTH - 1  # about 10 % a week over the level (the 10 % rule)
TWO_WEEK_JUMP_FRACTION = TWO_WEEK_MAX - 1  # > 30 % over two weeks (Nielsen et al. 2014)
MIN_WEEK_FOR_JUMP_M = MIN_WEEKLY_M  # jumps from weeks below 10 km are not flagged, m
AVERAGE_WINDOW_WEEKS = 4  # weeks of the log the average growth is measured over
LIGHTER_WEEK = 0.9  # without a plan, a week under 90 % of the one before is a lighter week
ACUTE_CHRONIC_LIMIT = 1.5  # acute:chronic training-load ratio flagged above 1.5 (Gabbett 2016)
MIN_CHRONIC_WEEK_LOAD = 60.0  # ratio not computed on a chronic week below 60 load points (about
# 10 km of easy running: 60 min at intensity 0.75 is 56 points): small loads swing the ratio
HARD_DAYS_IN_A_ROW = 2  # two hard days back to back break the hard/easy principle
RACE_GAP_DAYS = 7  # races closer than 7 days apart (runcoach's system, SPEC principle 7)
PLAN_LOOKAHEAD_DAYS = 7  # planned runs checked for spikes this many days ahead

SOURCE_SPIKE = (
    "Frandsen et al. 2025, Br J Sports Med, 'How much running is too much?': in 5,200 "
    "runners a single run more than 10 % longer than the longest of the previous 30 days "
    "came with a higher injury rate; weekly ratios did not"
)
SOURCE_WEEK_JUMP = (
    "the '10 % rule' is a coaching convention (Buist et al. 2008 found no protection from it "
    "in novices); Nielsen et al. 2014 (JOSPT 44(10)) found more injuries in novices who "
    "raised weekly distance by more than 30 % over two weeks"
)
_ACUTE_CHRONIC = (
    "Gabbett 2016 (Br J Sports Med, 'The training-injury prevention paradox'): ratios above "
    "1.5 came with more injuries in team sports; rolling 7 and 28 days (Hulin et al. 2014); "
    "training load per run as in ",
    " (heart rate, session RPE, pace or duration). " + ACWR_LIMITS,
)
SOURCE_ACUTE_CHRONIC = Pointer(
    Hint(
        Do.SEE_REPORT,
        "the training report".join(_ACUTE_CHRONIC),
        {"before": _ACUTE_CHRONIC[0], "after": _ACUTE_CHRONIC[1]},
    )
)
SOURCE_HARD_EASY = (
    "the hard/easy principle (Bowerman; Daniels' Running Formula): a hard day is followed by "
    "at least one easy day; runcoach's plans never put quality on consecutive days"
)
SOURCE_RECOVERY = (
    "the hard/easy principle (Bowerman; Daniels' Running Formula): the day after a long run "
    "or a race is easy"
)
SOURCE_RACES = "runcoach's system (SPEC principle 7): no two races within 7 days"
SOURCE_SHOES = (
    "shoe makers and running stores put a road shoe's life at 500-800 km; cushioning wears "
    "out before the upper shows it"
)


class Severity(StrEnum):
    CAUTION = "caution"  # worth knowing, adjust if it fits
    WARNING = "warning"  # change something


class Rule(StrEnum):
    LONG_RUN_SPIKE = "long-run-spike"
    PLANNED_SPIKE = "planned-run-spike"
    WEEKLY_JUMP = "weekly-volume-jump"
    TWO_WEEK_JUMP = "two-week-volume-jump"
    ACUTE_CHRONIC = "acute-chronic-ratio"
    HARD_DAYS = "hard-days-in-a-row"
    RECOVERY = "too-little-recovery"
    RACES_CLOSE = "races-too-close"
    SHOE_WORN = "shoe-past-its-life"
    RESTING_HR_RISE = "resting-heart-rate-up"


@dataclass(frozen=True)
class TrainingWarning:
    rule: Rule
    severity: Severity
    day: date  # the day the warning is about
    seen: str  # what was seen, with numbers and dates
    instead: str  # what to do instead
    source: str  # where the rule comes from
    run_ids: tuple[int, ...] = ()
    numbers: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ShoeWear:
    """A pair of shoes and how far it has gone."""

    shoe_id: int
    name: str
    distance_m: float
    retirement_m: float


def watch(
    log: Sequence[LoggedRun],
    today: date,
    plan: Plan | None = None,
    shoes: Iterable[ShoeWear] = (),
    heart_rate: HeartRateProfile | None = None,
    resting_hr: Sequence[Reading] = (),
) -> list[TrainingWarning]:
    """Every warning as of ``today``: the log's last two weeks, the plan's next week, shoes,
    and the morning resting heart rates of the check-ins (``resting_hr``).

    ``heart_rate`` (the runner's resting and maximum heart rate) lets the training load of
    runs with a heart rate come from it; without it loads come from effort, pace or time."""
    found = [
        *long_run_spikes(log, today, plan),
        *planned_spikes(log, plan, today),
        *volume_jumps(log, today, plan),
        *acute_chronic(log, today, load_basis(log, plan, heart_rate)),
        *hard_days_in_a_row(log, today),
        *too_little_recovery(log, today),
        *races_too_close(log, today, plan),
        *worn_shoes(shoes, today),
        *resting_hr_up(resting_hr, today),
    ]
    return sorted(found, key=lambda w: (w.day, w.rule.value))


def _ids(*runs: LoggedRun) -> tuple[int, ...]:
    return tuple(r.run_id for r in runs if r.run_id is not None)


def _km(metres: float) -> str:
    return format_distance(metres, digits=1)


def longest_before(log: Sequence[LoggedRun], day: date) -> LoggedRun | None:
    """The longest run of the 30 days before ``day`` (``day`` itself left out)."""
    earlier = between(log, day - timedelta(days=SPIKE_LOOKBACK_DAYS), day - timedelta(days=1))
    return max(earlier, key=lambda r: r.distance_m, default=None)


_WINDOW = timedelta(days=SPIKE_LOOKBACK_DAYS)


def _reference(log: Sequence[LoggedRun], day: date, plan: Plan | None) -> LoggedRun | None:
    """The longest run the spike rule measures from: the log's, or, while the 30 days reach
    back before the plan, the longest the runner said they ran when the plan was made."""
    found = longest_before(log, day)
    if plan is None or not plan.weeks or not plan.start <= day < plan.start + _WINDOW:
        return found
    said = plan.baseline.longest_run_m
    if found is not None and found.distance_m >= said:
        return found
    return LoggedRun(plan.start - timedelta(days=1), said, 0.0, WorkoutKind.LONG)


def _named(longest: LoggedRun, plan: Plan | None) -> str:
    """The reference run in words: a run of the log, or the plan's starting point (no run of
    the log: the longest the runner said they ran when the plan was made)."""
    said = (
        plan is not None
        and longest.run_id is None
        and longest.day == plan.start - timedelta(days=1)
        and longest.distance_m == plan.baseline.longest_run_m
    )
    return "the longest run your plan started from" if said else longest.label()


def spike_fraction(distance_m: float, longest: LoggedRun | None) -> float | None:
    """How much longer than the longest earlier run (0.25 = 25 % longer); None if no spike."""
    return run_over(distance_m, longest.distance_m if longest is not None else None)


def long_run_spikes(
    log: Sequence[LoggedRun], today: date, plan: Plan | None = None
) -> Iterator[TrainingWarning]:
    for run in between(log, today - timedelta(days=WATCH_DAYS - 1), today):
        if run.is_race and _goal_race(plan, run.day):
            continue  # the goal race is the point of the plan, not a spike
        longest = _reference(log, run.day, plan)
        extra = spike_fraction(run.distance_m, longest)
        if extra is None or longest is None:
            continue
        yield TrainingWarning(
            Rule.LONG_RUN_SPIKE,
            Severity.WARNING if extra > 0.3 else Severity.CAUTION,
            run.day,
            f"{run.label()} was {_km(run.distance_m)}, {extra:.0%} longer than your longest of "
            f"the previous 30 days ({_km(longest.distance_m)}, {_named(longest, plan)})",
            "build the long run in steps of at most 10 % over your longest of the last 30 days; "
            "keep the next days easy",
            SOURCE_SPIKE,
            _ids(run, longest),
            {"distance_m": run.distance_m, "longest_m": longest.distance_m, "extra": extra},
        )


def planned_spikes(
    log: Sequence[LoggedRun], plan: Plan | None, today: date
) -> Iterator[TrainingWarning]:
    """A planned run in the coming week that would be a spike over what the log shows."""
    if plan is None:
        return
    for offset in range(PLAN_LOOKAHEAD_DAYS):
        day = plan.day(today + timedelta(days=offset))
        if day is None or not day.is_run_day or _goal_race(plan, day.day):
            continue  # the goal race is the point of the plan, not a spike
        longest = _reference(log, day.day, plan)
        extra = spike_fraction(day.distance_m, longest)
        if extra is None or longest is None:
            continue
        yield TrainingWarning(
            Rule.PLANNED_SPIKE,
            Severity.CAUTION,
            day.day,
            f"the plan's {_km(day.distance_m)} on {day.day.isoformat()} is {extra:.0%} longer "
            f"than your longest run of the 30 days before it ({_km(longest.distance_m)}, "
            f"{_named(longest, plan)})",
            note(
                Do.ASK_TODAY,
                f"run at most {_km(single_run_limit_m(longest.distance_m))} that day, or "
                "add the missing steps first;",
                "today's session shortens it for you",
            ),
            SOURCE_SPIKE,
            _ids(longest),
            {"planned_m": day.distance_m, "longest_m": longest.distance_m, "extra": extra},
        )


def volume_jumps(
    log: Sequence[LoggedRun], today: date, plan: Plan | None = None
) -> Iterator[TrainingWarning]:
    """This week's distance against the weeks before, with the plan's growth limits: the
    plan's weeks, its recovery weeks and the volume it started from while a plan runs;
    rolling 7-day weeks ending today (a week 10 % lighter than the one before taken as a
    recovery week) without one."""
    weeks, lighter, base = _weeks(log, today, plan)
    period = plan_growth_period(plan) if plan is not None and base > 0 else 1  # its cycle
    limits = growth_check(weeks, lighter, len(weeks) - 1, base, period)
    this, level, two_back = weeks[-1], limits.level_m, limits.two_back_m
    span = "this week of the plan so far holds" if base > 0 else "the last 7 days hold"
    if (level > MIN_WEEK_FOR_JUMP_M or base > 0) and limits.over_average(this):
        when = "the week before" if limits.weeks == 1 else f"{limits.weeks} weeks before"
        yield _jump(Rule.WEEKLY_JUMP, (today, span), this, level, when, limits.average_limit_m)
    if (two_back > MIN_WEEK_FOR_JUMP_M or base > 0) and limits.over_two_weeks(this):
        when = "two weeks earlier" if limits.two_weeks == 2 else "a cycle earlier"
        yield _jump(Rule.TWO_WEEK_JUMP, (today, span), this, two_back, when,
                    limits.two_week_limit_m)  # fmt: skip


def _weeks(
    log: Sequence[LoggedRun], today: date, plan: Plan | None
) -> tuple[list[float], list[bool], float]:
    """Week volumes up to this one (this one last), which were lighter, and the volume before."""
    week = plan.week_of(today) if plan is not None else None
    if plan is None or week is None:
        vols = [_rolling_week(log, today, back) for back in range(AVERAGE_WINDOW_WEEKS, -1, -1)]
        lighter = [i > 0 and v < vols[i - 1] * LIGHTER_WEEK for i, v in enumerate(vols)]
        return vols, [*lighter[:-1], False], 0.0
    index = plan.weeks.index(week)
    done = plan.weeks[: index + 1]
    vols = [_plan_week_m(log, plan, w.start, min(today, w.start + timedelta(days=6)))
            for w in done]  # fmt: skip
    return vols, [w.recovery for w in done], plan.baseline.weekly_distance_m


def _plan_week_m(log: Sequence[LoggedRun], plan: Plan, first: date, last: date) -> float:
    runs = between(log, first, last)
    return sum(r.distance_m for r in runs if not (r.is_race and _goal_race(plan, r.day)))


def _goal_race(plan: Plan | None, day: date) -> bool:
    return plan is not None and day in plan.goal.race_days


def load_basis(
    log: Sequence[LoggedRun], plan: Plan | None, heart_rate: HeartRateProfile | None
) -> LoadBasis:
    """Loads are measured against the plan's threshold pace (its VDOT's, Daniels), else the
    fastest pace held 20-70 minutes in the log; and the heart-rate profile when known."""
    threshold: Pace | None = None
    if plan is not None and "threshold" in plan.paces:
        threshold = plan.paces["threshold"].middle
    elif plan is not None and plan.vdot is not None:
        threshold = pace_at_fraction(plan.vdot, THRESHOLD_FRACTION)
    return LoadBasis(heart_rate, threshold or estimate_threshold_pace(log))


def acute_chronic(
    log: Sequence[LoggedRun], today: date, basis: LoadBasis
) -> Iterator[TrainingWarning]:
    """The coupled acute:chronic ratio of training load: 7 days against 28, both ending today."""
    first = today - timedelta(days=CHRONIC_DAYS - 1)
    loads = [x for r in between(log, first, today) if (x := run_load(r, r.day, basis))]
    ratio = workload_ratio(daily_loads(loads, first, today))
    acute, chronic = ratio.acute * ACUTE_DAYS, ratio.chronic * ACUTE_DAYS  # per week
    if ratio.ratio is None or chronic < MIN_CHRONIC_WEEK_LOAD:
        return
    if ratio.ratio <= ACUTE_CHRONIC_LIMIT:
        return
    yield TrainingWarning(
        Rule.ACUTE_CHRONIC,
        Severity.CAUTION,
        today,
        f"the last 7 days hold {acute:.0f} load points, {ratio.ratio:.2f} times your average "
        f"week of the last 4 ({chronic:.0f}); loads from {_methods(loads)}",
        "hold this week's load for a week or two before adding more; the ratio describes how "
        "this week compares, it does not predict an injury",
        SOURCE_ACUTE_CHRONIC,
        _ids(*[r for r in between(log, today - timedelta(days=ACUTE_DAYS - 1), today)]),
        {"acute_load": acute, "chronic_load": chronic, "ratio": ratio.ratio}
        | {f"runs_{m}": float(n) for m, n in Counter(x.method.value for x in loads).items()},
    )


def _methods(loads: Sequence[RunLoad]) -> str:
    """'heart rate (9 runs), pace (3 runs)': the load basis, most used first."""
    counts = Counter(x.method.value.replace("_", " ") for x in loads)
    return ", ".join(f"{m} ({counted(n, 'run')})" for m, n in counts.most_common())


def _rolling_week(log: Sequence[LoggedRun], today: date, weeks_back: int) -> float:
    last = today - timedelta(days=7 * weeks_back)
    return distance_between(log, last - timedelta(days=6), last)


def _jump(
    rule: Rule, seen: tuple[date, str], this: float, earlier: float, when: str, limit_m: float
) -> TrainingWarning:
    today, span = seen
    growth = this / earlier - 1
    return TrainingWarning(
        rule,
        Severity.WARNING if rule is Rule.TWO_WEEK_JUMP else Severity.CAUTION,
        today,
        f"{span} {_km(this)}, {growth:.0%} more than {when} ({_km(earlier)})",
        f"stay under {_km(limit_m)} this week; make the coming days easy or shorter",
        SOURCE_WEEK_JUMP,
        numbers={"this_m": this, "earlier_m": earlier, "growth": growth},
    )


def hard_days_in_a_row(log: Sequence[LoggedRun], today: date) -> Iterator[TrainingWarning]:
    runs = between(log, today - timedelta(days=WATCH_DAYS - 1), today)
    hard_days = sorted({r.day for r in runs if r.is_quality or r.is_race})
    streak: list[date] = []
    for day in hard_days:
        streak = [*streak, day] if streak and (day - streak[-1]).days == 1 else [day]
        if len(streak) == HARD_DAYS_IN_A_ROW:
            hard = [r for r in runs if r.day in streak and (r.is_quality or r.is_race)]
            yield TrainingWarning(
                Rule.HARD_DAYS,
                Severity.WARNING,
                day,
                f"hard sessions on {len(streak)} days in a row: "
                + ", ".join(r.label() for r in hard),
                "put at least one easy day or a rest day between hard sessions",
                SOURCE_HARD_EASY,
                _ids(*hard),
            )


def too_little_recovery(log: Sequence[LoggedRun], today: date) -> Iterator[TrainingWarning]:
    """A quality session the day after a long run or a race."""
    runs = between(log, today - timedelta(days=WATCH_DAYS), today)
    for run in runs:
        if not run.is_quality:
            continue
        before = [r for r in runs if r.day == run.day - timedelta(days=1) and r.is_hard]
        after = [r for r in before if (r.is_long or r.is_race) and not r.is_quality]
        if after:
            what = "race" if after[0].is_race else "long run"
            yield TrainingWarning(
                Rule.RECOVERY,
                Severity.WARNING,
                run.day,
                f"{run.label()} was a hard session the day after a {what} ({after[0].label()})",
                f"run easy the day after a {what}; move the session two days later",
                SOURCE_RECOVERY,
                _ids(after[0], run),
            )


def races_too_close(
    log: Sequence[LoggedRun], today: date, plan: Plan | None
) -> Iterator[TrainingWarning]:
    """Races (done, or planned from today on) fewer than 7 days apart."""
    done = [(r.day, r.label()) for r in log if r.is_race and r.day <= today]
    planned = [
        (d.day, f"the planned race on {d.day.isoformat()}")
        for d in (plan.days() if plan else [])
        if d.day > today and d.has(WorkoutKind.RACE)
    ]
    races = sorted(done + planned)
    for (first, first_label), (second, second_label) in itertools.pairwise(races):
        gap = (second - first).days
        if gap < RACE_GAP_DAYS and second >= today - timedelta(days=WATCH_DAYS):
            ids = _ids(*[r for r in log if r.is_race and r.day in (first, second)])
            yield TrainingWarning(
                Rule.RACES_CLOSE,
                Severity.WARNING,
                second,
                f"{first_label} and {second_label} are {gap} days apart",
                "keep races at least 7 days apart; run the second as a workout or skip it",
                SOURCE_RACES,
                ids,
                {"gap_days": float(gap)},
            )


def worn_shoes(shoes: Iterable[ShoeWear], today: date) -> Iterator[TrainingWarning]:
    for shoe in shoes:
        if shoe.distance_m < shoe.retirement_m:
            continue
        yield TrainingWarning(
            Rule.SHOE_WORN,
            Severity.CAUTION,
            today,
            f"your shoes '{shoe.name}' have {_km(shoe.distance_m)}, past their "
            f"{_km(shoe.retirement_m)} life",
            "retire them (or keep them for walking) and rotate in a fresh pair",
            SOURCE_SHOES,
            numbers={"shoe_id": float(shoe.shoe_id), "distance_m": shoe.distance_m},
        )


def resting_hr_up(readings: Sequence[Reading], today: date) -> Iterator[TrainingWarning]:
    rise = resting_hr_rise(readings, today)
    if rise is None:
        return
    bpm = ", ".join(f"{r.value:g}" for r in rise.readings)
    yield TrainingWarning(
        Rule.RESTING_HR_RISE,
        Severity.CAUTION,
        today,
        f"your resting heart rate was {bpm} bpm these {len(rise.readings)} mornings, "
        f"{RESTING_HR_RISE_BPM:g}+ bpm over the week before's average of {rise.baseline:.1f} bpm",
        "run easy or rest until it is back down, and sleep; if you feel ill, check in as sick",
        SOURCE_RESTING_HR_RISE,
        numbers={"baseline_bpm": rise.baseline, "latest_bpm": rise.readings[-1].value},
    )
