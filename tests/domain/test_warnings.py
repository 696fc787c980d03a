from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.logged import LoggedRun, logged_run
from runcoach.domain.runs import RaceResult, Run, WorkoutType
from runcoach.domain.warnings import Rule, Severity, ShoeWear, watch
from runcoach.domain.workouts import WorkoutKind

TODAY = date(2027, 3, 28)  # a Sunday


def run(days_ago: int, km: float, kind: WorkoutKind | None = WorkoutKind.EASY, **kw) -> LoggedRun:
    ident = kw.pop("run_id", 1000 - days_ago)
    return LoggedRun(
        TODAY - timedelta(days=days_ago), km * 1000, km * 330, kind, run_id=ident, **kw
    )


def steady_weeks(weeks: int = 5, start_ago: int = 0) -> list[LoggedRun]:
    """Four 8 km runs and a 14 km long run a week: 46 km, nothing odd."""
    log = []
    for w in range(weeks):
        base = start_ago + 7 * w
        log += [run(base + 1, 8), run(base + 3, 8), run(base + 4, 8), run(base + 5, 8)]
        log.append(run(base + 0, 14, WorkoutKind.LONG))
    return sorted(log, key=lambda r: r.day)


def rules(log, **kw) -> list[Rule]:
    return [w.rule for w in watch(log, TODAY, **kw)]


def test_a_steady_log_raises_no_warning():
    assert rules(steady_weeks()) == []


def test_a_run_more_than_ten_percent_longer_than_the_longest_of_30_days_is_a_spike():
    log = [*steady_weeks(5, start_ago=1), run(0, 18, WorkoutKind.LONG, run_id=77)]
    spikes = [w for w in watch(log, TODAY) if w.rule is Rule.LONG_RUN_SPIKE]
    assert len(spikes) == 1
    spike = spikes[0]
    assert spike.day == TODAY and 77 in spike.run_ids
    assert spike.numbers["extra"] == 18 / 14 - 1
    assert "29% longer" in spike.seen and "14.0 km" in spike.seen
    assert "Frandsen" in spike.source and "10 %" in spike.instead


def test_a_run_just_ten_percent_longer_is_not_a_spike():
    log = [*steady_weeks(5, start_ago=1), run(0, 15.4, WorkoutKind.LONG)]
    assert Rule.LONG_RUN_SPIKE not in rules(log)


def test_a_spike_of_more_than_thirty_percent_is_a_warning_not_a_caution():
    log = [*steady_weeks(5, start_ago=1), run(0, 20, WorkoutKind.LONG)]
    spike = next(w for w in watch(log, TODAY) if w.rule is Rule.LONG_RUN_SPIKE)
    assert spike.severity is Severity.WARNING


def test_a_weekly_jump_above_ten_percent_and_thirty_percent_over_two_weeks_are_flagged():
    log = [*steady_weeks(4, start_ago=7), *[run(d, 12) for d in (1, 2, 3, 4, 5, 6)]]
    found = {w.rule: w for w in watch(log, TODAY)}
    assert Rule.WEEKLY_JUMP in found and Rule.TWO_WEEK_JUMP in found
    jump = found[Rule.TWO_WEEK_JUMP]
    assert jump.numbers["this_m"] == 72_000 and jump.numbers["earlier_m"] == 46_000
    assert "Nielsen" in jump.source


def test_jumps_from_tiny_weeks_are_not_flagged():
    log = [run(10, 3), run(9, 3), *[run(d, 6) for d in (1, 2, 3)]]
    assert Rule.WEEKLY_JUMP not in rules(log)


def test_two_quality_days_in_a_row_are_too_many_hard_days():
    log = [*steady_weeks(3, start_ago=7), run(3, 10, WorkoutKind.TEMPO), run(2, 10, None, rpe=8)]
    hard = next(w for w in watch(log, TODAY) if w.rule is Rule.HARD_DAYS)
    assert hard.day == TODAY - timedelta(days=2)
    assert set(hard.run_ids) == {997, 998}


def test_quality_the_day_after_a_long_run_is_too_little_recovery():
    log = [
        *steady_weeks(3, start_ago=7),
        run(2, 16, WorkoutKind.LONG),
        run(1, 10, WorkoutKind.HILLS),
    ]
    recovery = next(w for w in watch(log, TODAY) if w.rule is Rule.RECOVERY)
    assert "long run" in recovery.seen and recovery.run_ids == (998, 999)


def test_two_races_five_days_apart_are_too_close():
    log = [run(6, 10, WorkoutKind.RACE, is_race=True), run(1, 5, WorkoutKind.RACE, is_race=True)]
    close = next(w for w in watch(log, TODAY) if w.rule is Rule.RACES_CLOSE)
    assert close.numbers["gap_days"] == 5 and "7 days" in close.instead


def test_shoes_past_their_life_are_flagged():
    shoes = [ShoeWear(1, "Pegasus", 820_000, 700_000), ShoeWear(2, "Fresh", 100_000, 700_000)]
    worn = [w for w in watch([], TODAY, shoes=shoes)]
    assert [w.rule for w in worn] == [Rule.SHOE_WORN]
    assert "Pegasus" in worn[0].seen and "820.0 km" in worn[0].seen


def test_every_warning_says_what_was_seen_what_to_do_and_its_source():
    log = [*steady_weeks(4, start_ago=7), *[run(d, 12, WorkoutKind.TEMPO) for d in range(6)]]
    found = watch(log, TODAY)
    assert found
    assert all(w.seen and w.instead and w.source for w in found)


def test_a_run_from_the_log_counts_on_the_athletes_calendar_day():
    from datetime import timezone

    late = Run(
        datetime(2027, 3, 27, 23, 30, tzinfo=UTC), distance_m=10_000, moving_s=3000,
        workout_type=WorkoutType.RACE, race=RaceResult(official_time_s=2990), id=5,
    )  # fmt: skip
    seen = logged_run(late, timezone(timedelta(hours=2)))
    assert seen.day == date(2027, 3, 28) and seen.is_race and seen.is_hard
