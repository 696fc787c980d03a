"""What to run today: the planned session, or a better choice given what happened.

``answer(situation, day)`` is a pure function of the plan, the log, the check-ins and the
day: the same history always gives the same answer. Every answer carries its reasons, each
naming the rule and where it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.plans.model import Day, Plan
from runcoach.domain.plans.workouts import PaceRange, Workout, WorkoutKind
from runcoach.domain.run.logged import LoggedRun, distance_between, on
from runcoach.domain.run.runs import Feel
from runcoach.domain.today import adjust, unwell
from runcoach.domain.today.draft import (
    Change,
    Draft,
    FitnessChange,
    Reason,
    Situation,
    easy_pace,
)
from runcoach.domain.today.health import Health, Status, health_on, resting_hr_readings
from runcoach.domain.today.moves import SOURCE_MOVES, Move, reschedule
from runcoach.domain.today.warnings import (
    SOURCE_HARD_EASY,
    SOURCE_SPIKE,
    SOURCE_WEEK_JUMP,
    TrainingWarning,
    longest_before,
    watch,
)

__all__ = ["Answer", "Change", "FitnessChange", "Reason", "Situation", "answer"]

TIRED_LONG_SHARE = 0.67  # a long run on a tired day: two thirds of it (coaching practice)
MISSED_WEEK_SHARE = 0.7  # a week with less than 70 % of its planned distance run was "missed"
REBUILD_GROWTH = 1.10  # next week at most 10 % above what was really run (the 10 % rule)
MIN_WEEK_FACTOR = 0.5  # never cut a week below half of its plan for a miss, ratio (Daniels)
SPIKE_CAP = 1.10  # no run > 10 % longer than the longest of 30 days (Frandsen et al. 2025)

SOURCE_PLAN = "your plan"
SOURCE_MINI = (
    "runcoach's system (SPEC principle 5, small wins): on a tired or sore day the mini "
    "version keeps the habit and the confidence; skipping loses both"
)


@dataclass(frozen=True)
class Answer:
    day: date
    planned: tuple[Workout, ...]
    workouts: tuple[Workout, ...]
    changes: tuple[Change, ...]
    reasons: tuple[Reason, ...]
    health: Health
    moves: tuple[Move, ...] = ()
    warnings: tuple[TrainingWarning, ...] = ()
    win: str | None = None
    refresh_goal: bool = False  # the goal verdict should be refreshed (fitness or comeback)

    @property
    def runs(self) -> list[Workout]:
        return [w for w in self.workouts if w.is_run]

    @property
    def is_rest(self) -> bool:
        return not self.runs


def answer(s: Situation, day: date) -> Answer:
    health = _health(s, day)
    planned_day = s.plan.day(day)
    resting = resting_hr_readings(s.checkins)
    warnings = tuple(watch(s.log, day, s.plan, s.shoes, s.heart_rate, resting))
    if planned_day is None:
        return _off_plan(s, day, health, warnings)
    week, moves = reschedule(s.plan, s.log, day, _blocked(s, day))
    today = next(d for d in week if d.day == day)
    draft = Draft(list(today.workouts))
    if health.status not in _UNFIT:
        _explain_moves(draft, moves, day)
    _adapt(s, day, health, today, draft)
    if set(draft.changes) <= {Change.DROPPED}:
        _as_planned(s, today, draft)
    return Answer(
        day,
        tuple(planned_day.workouts),
        tuple(draft.workouts),
        tuple(dict.fromkeys(draft.changes)),
        tuple(draft.reasons),
        health,
        tuple(m for m in moves if m.moved_to == day or m.planned_on < day),
        warnings,
        draft.win,
        draft.refresh_goal,
    )


def _adapt(s: Situation, day: date, health: Health, today: Day, draft: Draft) -> None:
    """Health first (it can stop everything), then volume, recovery and paces."""
    if health.status is Status.INJURED:
        return unwell.paused(draft, health)
    if health.status is Status.RETURNING and unwell.comeback(s, day, health, today, draft):
        return None
    if health.status is Status.SICK:
        return unwell.sick(s, health, draft)
    if health.status is Status.AFTER_ILLNESS:
        unwell.after_illness(s, health, draft)
    tired = health.feel in (Feel.TIRED, Feel.SORE)
    if health.status is Status.TIRED or (health.minis_only and tired):
        _tired(s, health, draft)
    _after_hard_day(s, day, draft)
    _missed_week(s, day, draft)
    _cut_volume(s, draft)
    _spike_cap(s, day, draft)
    _repace(s, draft)
    return None


_UNFIT = frozenset({Status.SICK, Status.AFTER_ILLNESS, Status.INJURED, Status.RETURNING})


def _blocked(s: Situation, day: date) -> set[date]:
    """Days of this week that cannot take a missed session (ill, injured, coming back)."""
    week = s.plan.week_of(day)
    days = [d.day for d in week.days] if week else []
    return {d for d in days if _health(s, min(d, day)).status in _UNFIT}


def _health(s: Situation, day: date) -> Health:
    return unwell.settled(s, day, health_on(s.checkins, day))


def _off_plan(
    s: Situation, day: date, health: Health, warnings: tuple[TrainingWarning, ...]
) -> Answer:
    when = "starts" if day < s.plan.start else "ended"
    edge = s.plan.start if day < s.plan.start else s.plan.end
    text = f"your plan {when} on {edge}: run easy if you like, and rest when unwell"
    reason = Reason("outside-plan", text, SOURCE_PLAN)
    return Answer(day, (), (), (Change.OFF_PLAN,), (reason,), health, warnings=warnings)


def _as_planned(s: Situation, today: Day, draft: Draft) -> None:
    week = s.plan.week_of(today.day)
    where = f"week {week.index} ({week.phase.value})" if week else "the plan"
    if not today.is_run_day:
        text = f"{where}: no run today, a rest day ({today.day_type.name})"
        draft.say(Change.REST_DAY, "rest-day", text, SOURCE_PLAN)
        return
    titles = ", ".join(w.title for w in today.runs)
    draft.say(Change.AS_PLANNED, "as-planned", f"{where}: {titles} as planned", SOURCE_PLAN)


def _explain_moves(draft: Draft, moves: Sequence[Move], day: date) -> None:
    for move in moves:
        if move.moved_to == day:
            text = f"'{move.workout.title}' {move.why}; it replaces today's easy run"
            draft.say(Change.MOVED_HERE, "missed-moved", text, SOURCE_MOVES)
        elif move.moved_to is None and day - move.planned_on <= timedelta(days=1):
            text = f"'{move.workout.title}' {move.why} (never stacked onto the next days)"
            draft.say(Change.DROPPED, "missed-dropped", text, SOURCE_MOVES)


def _tired(s: Situation, health: Health, draft: Draft) -> None:
    feel = health.feel.value if health.feel else "tired"
    for w in draft.runs:
        if w.is_quality:
            mini = w.mini or adjust.easy_run(easy_pace(s), w.easy_duration_s())
            draft.replace(w, mini)
            draft.win = f"the mini version '{mini.title}' instead of skipping '{w.title}'"
            text = f"{feel} today: the mini version of '{w.title}': {mini.title}"
            draft.say(Change.MINI, "tired-mini", text, SOURCE_MINI)
        elif w.kind is WorkoutKind.LONG:
            # a long run with a marathon-pace finish: its mini is the same run all easy
            short = adjust.shortened(w.mini or w, TIRED_LONG_SHARE)
            draft.replace(w, short)
            text = f"{feel} today: the long run cut to two thirds, all easy"
            draft.say(Change.SHORTENED, "tired-shorter", text, SOURCE_MINI)
    if not draft.changes and draft.runs:
        text = f"{feel} today: easy as planned; keep it truly easy and cut it short if it drags"
        draft.say(Change.AS_PLANNED, "tired-easy", text, SOURCE_MINI)


def _after_hard_day(s: Situation, day: date, draft: Draft) -> None:
    """No quality the day after a hard run in the log, whatever the plan said."""
    yesterday = on(s.log, day - timedelta(days=1))
    hard = [r for r in yesterday if r.is_hard]
    quality = [w for w in draft.runs if w.is_quality]
    if not hard or not quality:
        return
    minutes = quality[0].easy_duration_s()
    draft.swap_runs(lambda w: adjust.easy_run(easy_pace(s), minutes) if w.is_quality else w)
    text = f"yesterday's {hard[0].label()} was hard: easy today instead of '{quality[0].title}'"
    draft.say(Change.EASY_INSTEAD, "quality-after-hard", text, SOURCE_HARD_EASY)


def _missed_week(s: Situation, day: date, draft: Draft) -> None:
    factor = week_factor(s.plan, s.log, day)
    if factor >= 1.0 or not draft.runs:
        return
    text = (
        f"last week you ran much less than planned: this week at {factor:.0%} of the plan, "
        "rebuilding instead of catching up"
    )
    draft.cuts.append((factor, Reason("missed-week", text, SOURCE_WEEK_JUMP)))


def _cut_volume(s: Situation, draft: Draft) -> None:
    """The smallest volume share asked for, applied once (shares never multiply)."""
    if not draft.cuts or not draft.runs:
        return
    factor, _ = min(draft.cuts, key=lambda c: c[0])
    _reduce(draft, factor, easy_pace(s), draft.easy_only)
    for _, reason in draft.cuts:
        draft.say(Change.REDUCED_VOLUME, reason.rule, reason.text, reason.source)


def week_factor(plan: Plan, log: Sequence[LoggedRun], day: date) -> float:
    """Share of this week's plan to run after a missed week (1.0: the full plan).

    Last week was missed when less than 70 % of what it planned from the plan's creation on
    was run. A week that ended before the plan was made cannot be missed, and neither can
    any week of a runner whose log holds no run at all (nothing imported yet: runcoach
    cannot tell missed runs from runs not imported)."""
    week = plan.week_of(day)
    if week is None or week.index == 1:
        return 1.0
    previous = plan.weeks[plan.weeks.index(week) - 1]
    first = max(previous.start, plan.created)
    last = previous.start + timedelta(days=6)  # ended: ``day`` is in the week after
    if first > last or not any(r.day <= day for r in log):
        return 1.0
    planned = sum(d.distance_m for d in previous.days if d.day >= first)
    done = distance_between(log, first, last)
    if planned <= 0 or done >= MISSED_WEEK_SHARE * planned:
        return 1.0
    ceiling = REBUILD_GROWTH * done / max(week.distance_m, 1.0)
    return max(MIN_WEEK_FACTOR, min(1.0, ceiling))


def _reduce(draft: Draft, factor: float, easy: PaceRange | None, easy_only: bool) -> None:
    def smaller(w: Workout) -> Workout:
        if w.is_quality and easy_only:
            return adjust.easy_run(easy, w.easy_duration_s() * factor / unwell.EASY_ONLY_SHARE)
        if w.kind is WorkoutKind.STRIDES and easy_only:  # easy running only: no strides
            return adjust.easy_run(easy, adjust.easy_part_s(w) * factor)
        if w.is_quality:
            return w.mini or w
        return adjust.shortened(w, factor) if w.kind is not WorkoutKind.RACE else w

    draft.swap_runs(smaller)


def _spike_cap(s: Situation, day: date, draft: Draft) -> None:
    longest = longest_before(s.log, day)
    if longest is None:
        return
    cap = SPIKE_CAP * longest.distance_m
    for w in draft.runs:
        if w.kind is WorkoutKind.RACE or w.total_distance_m() <= cap:
            continue
        draft.replace(w, _within(s, w, cap))
        text = (
            f"'{w.title}' would be more than 10 % longer than your longest run of the last 30 "
            f"days ({longest.distance_m / 1000:.1f} km): shortened"
        )
        draft.say(Change.SHORTENED, "single-run-growth", text, SOURCE_SPIKE)


def _within(s: Situation, workout: Workout, cap_m: float) -> Workout:
    """``workout`` cut to at most ``cap_m``: shorter, its mini version, or an easy run."""
    if workout.kind in adjust.SCALABLE:
        return adjust.shortened(workout, cap_m / workout.total_distance_m())
    if workout.mini is not None and workout.mini.total_distance_m() <= cap_m:
        return workout.mini
    easy = easy_pace(s)
    pace_s_per_m = easy.middle.seconds_per_km / 1000 if easy else 0.36
    return adjust.easy_run(easy, cap_m * pace_s_per_m)


def _repace(s: Situation, draft: Draft) -> None:
    if s.fitness is None or s.fitness.pace_factor == 1.0:
        return
    draft.swap_runs(lambda w: adjust.repaced(w, s.fitness.pace_factor) if s.fitness else w)
    draft.say(Change.REPACED, s.fitness.rule, s.fitness.told, s.fitness.source)
    draft.refresh_goal = True
