"""The duplicate-run rules (domain.run.duplicates): one activity in two files, whose numbers
the run keeps, and what an export's index adds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from runcoach.domain.run.duplicates import (
    filled_from_index,
    first_same_activity,
    is_same_activity,
    keeps_new_numbers,
    richness,
)
from runcoach.domain.run.runs import Run, Sport

START = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)


def _run(offset_s=0.0, *, sport=Sport.RUNNING, elapsed_s=3600.0, distance_m=10_000.0, **kw):
    return Run(
        start=START + timedelta(seconds=offset_s),
        sport=sport,
        elapsed_s=elapsed_s,
        distance_m=distance_m,
        source=kw.pop("source", "fit"),
        **kw,
    )


def test_the_gpx_of_a_watch_run_starting_forty_seconds_later_is_the_same_activity():
    assert is_same_activity(_run(source="fit"), _run(40, source="gpx", distance_m=9_700.0))


def test_starts_four_minutes_apart_are_one_activity_when_the_distances_agree():
    assert is_same_activity(_run(), _run(240, distance_m=10_400.0))
    assert not is_same_activity(_run(), _run(240, distance_m=6_000.0))


def test_close_starts_are_one_activity_whatever_the_distances_say():
    assert is_same_activity(_run(), _run(30, distance_m=6_000.0))


def test_a_run_entered_by_hand_is_never_merged_with_a_file():
    assert not is_same_activity(_run(source="manual"), _run())


def test_a_ride_is_not_the_run_that_started_at_the_same_moment():
    assert not is_same_activity(_run(sport=Sport.CYCLING), _run())
    assert is_same_activity(_run(sport=Sport.TRAIL_RUNNING), _run())


def test_activities_that_barely_overlap_are_two():
    assert not is_same_activity(_run(elapsed_s=500.0), _run(290, elapsed_s=3600.0))


def test_without_times_only_starts_within_a_minute_are_one_activity():
    assert is_same_activity(_run(elapsed_s=None), _run(50, elapsed_s=None))
    assert not is_same_activity(_run(elapsed_s=None), _run(90, elapsed_s=None))


def test_the_first_matching_stored_run_is_chosen():
    stored = [_run(-250, distance_m=3_000.0, id=1), _run(20, id=2), _run(25, id=3)]
    assert first_same_activity(stored, _run()) is stored[1]
    assert first_same_activity([], _run()) is None


def test_a_watchs_fit_replaces_the_numbers_of_its_gpx_copy_and_never_the_other_way():
    fit, gpx = richness("fit", streams=6, laps=5), richness(".gpx", streams=3, laps=0)
    assert keeps_new_numbers(fit, gpx)
    assert not keeps_new_numbers(gpx, fit)


def test_the_same_copy_again_changes_nothing_and_more_samples_win_within_a_format():
    once = richness("fit", streams=6, laps=5)
    assert not keeps_new_numbers(once, once)
    assert keeps_new_numbers(richness("fit", 7, 0), richness("FIT", 6, 5))
    assert not keeps_new_numbers(richness("manual", 0, 0), richness("gpx", 0, 0))


def test_an_export_index_only_fills_what_the_stored_run_lacks():
    bare = _run()
    filled = filled_from_index(bare, "Morning run", "felt easy", "Pegasus")
    assert (filled.name, filled.notes, filled.gear) == ("Morning run", "felt easy", "Pegasus")
    named = _run(name="Parkrun", notes="PB", shoe_id=3)
    assert not filled_from_index(named, "Morning run", "felt easy", "Pegasus")


def test_an_export_index_puts_no_shoes_on_a_ride():
    ride = _run(sport=Sport.CYCLING)
    assert filled_from_index(ride, None, None, "Pegasus").gear is None
