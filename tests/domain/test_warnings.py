from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.progress.load import HeartRateProfile
from runcoach.domain.run.logged import LoggedRun, logged_run
from runcoach.domain.run.runs import RaceResult, Run, WorkoutType
from runcoach.domain.today.warnings import Rule, Severity, ShoeWear, watch

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


HR = HeartRateProfile(resting_hr=50.0, max_hr=190.0)


def hour(days_ago: int, avg_hr: float | None, rpe: int | None = None) -> LoggedRun:
    """10 km in 60 minutes, at an average heart rate."""
    day = TODAY - timedelta(days=days_ago)
    return LoggedRun(day, 10_000, 3600, WorkoutKind.EASY, run_id=500 - days_ago, rpe=rpe,
                     avg_hr=avg_hr)  # fmt: skip


def four_weeks(last_week_hr: float, hr: float = 130.0) -> list[LoggedRun]:
    """Four 10 km hours a week for four weeks; the last week's at ``last_week_hr``."""
    days = [d for w in range(4) for d in (7 * w + 1, 7 * w + 2, 7 * w + 4, 7 * w + 6)]
    return sorted((hour(d, last_week_hr if d < 7 else hr) for d in days), key=lambda r: r.day)


def test_the_acute_chronic_ratio_is_of_training_load_not_distance():
    # Same 40 km every week, but the last week's hours were run hard (HR 175, not 130).
    # HRr = (130-50)/140 = 0.5714: TRIMP = 60 x 0.5714 x 0.64 x e^(1.92 x 0.5714) = 65.73;
    # an hour at threshold (HRr 0.86) is 60 x 0.86 x 0.64 x e^(1.6512) = 172.16 -> 38.18 points.
    # HRr = 125/140 = 0.8929: TRIMP = 190.38 -> 110.58 points.
    # acute = 4 x 110.58 = 442.3; chronic week = (12 x 38.18 + 442.3) / 4 = 225.1; ratio 1.965
    log = four_weeks(last_week_hr=175.0)
    found = {w.rule: w for w in watch(log, TODAY, heart_rate=HR)}
    assert Rule.WEEKLY_JUMP not in found  # the distance did not move
    ratio = found[Rule.ACUTE_CHRONIC]
    assert ratio.numbers["acute_load"] == pytest.approx(442.3, abs=0.2)
    assert ratio.numbers["chronic_load"] == pytest.approx(225.1, abs=0.2)
    assert ratio.numbers["ratio"] == pytest.approx(1.965, abs=0.002)
    assert ratio.numbers["runs_heart_rate"] == 16
    assert "442 load points, 1.96 times" in ratio.seen
    assert "loads from heart rate (16 runs)" in ratio.seen
    assert "Impellizzeri et al. 2020" in ratio.source and "Gabbett 2016" in ratio.source
    assert "conceptual issues and fundamental pitfalls" in ratio.source


def test_the_same_load_every_week_raises_no_ratio_warning():
    assert Rule.ACUTE_CHRONIC not in rules(four_weeks(last_week_hr=130.0), heart_rate=HR)


def test_without_heart_rate_the_load_comes_from_effort_and_says_so():
    # session RPE: 4 x 60 min at RPE 3 (180 AU = 42.86 points) a week, then at RPE 9 (128.57)
    days = [d for w in range(4) for d in (7 * w + 1, 7 * w + 2, 7 * w + 4, 7 * w + 6)]
    log = sorted((hour(d, None, 9 if d < 7 else 3) for d in days), key=lambda r: r.day)
    ratio = next(w for w in watch(log, TODAY) if w.rule is Rule.ACUTE_CHRONIC)
    # acute 514.3; chronic (12 x 42.86 + 514.3) / 4 = 257.1; ratio 2.0
    assert ratio.numbers["ratio"] == pytest.approx(2.0)
    assert "loads from session rpe (16 runs)" in ratio.seen


def test_small_chronic_loads_give_no_ratio():
    # two 20-minute runs, then four: the ratio is high, but 60 points a week is not reached
    log = [
        LoggedRun(TODAY - timedelta(days=d), 3000, 1200, WorkoutKind.EASY) for d in (1, 3, 20, 25)
    ]
    assert Rule.ACUTE_CHRONIC not in rules(log)


def test_a_resting_heart_rate_up_three_mornings_is_a_caution_with_its_source():
    from runcoach.domain.fitness.body import Reading

    mornings = [50, 52, 51, 49, 50, 52, 51, 57, 58, 56]
    readings = [Reading(TODAY - timedelta(9 - k), float(v)) for k, v in enumerate(mornings)]
    (found,) = watch([], TODAY, resting_hr=readings)
    assert (found.rule, found.severity) == (Rule.RESTING_HR_RISE, Severity.CAUTION)
    assert "57, 58, 56 bpm" in found.seen and "50.7 bpm" in found.seen
    assert "Dressendorfer" in found.source and "check in as sick" in found.instead
    assert watch([], TODAY + timedelta(1), resting_hr=readings) == []  # not measured today
