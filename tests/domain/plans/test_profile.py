from __future__ import annotations

from datetime import date

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.model import GoalKind
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.schedule import Allowance, Cycle

RACE = {"race": "half", "date": "2027-03-14"}


def test_a_minimal_profile_needs_only_a_goal() -> None:
    profile = profile_from_dict({"goal": RACE})
    assert profile.goal.distance_m == pytest.approx(21097.5)
    assert profile.goal.race_date == date(2027, 3, 14)


def test_an_open_ended_goal_is_base_building_or_staying_healthy() -> None:
    assert profile_from_dict({"goal": "base"}).goal.kind is GoalKind.BASE
    assert profile_from_dict({"goal": "health"}).goal.kind is GoalKind.HEALTH


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"goal": {"race": "200mi", "date": "2027-03-14"}}, "goal.race"),
        ({"goal": {"race": "half", "date": "14/03/2027"}}, "goal.date"),
        ({"goal": {"race": "half", "date": "2027-03-14", "target": "fast"}}, "goal.target"),
        ({"goal": RACE, "weekly_distance": "lots"}, "weekly_distance"),
        ({"goal": RACE, "availability": {"weekdays": {"funday": "any"}}}, "funday"),
        ({"goal": RACE, "availability": {"weekdays": {"monday": "maybe"}}}, "weekdays.monday"),
        ({"goal": RACE, "availability": {"weekdays": {"monday": "short"}}}, "time limit"),
        ({"goal": RACE, "facilities": ["pool"]}, "facilities"),
        ({"goal": RACE, "tune_up_races": [{"date": "2027-02-01"}]}, "tune_up_races[0].distance"),
        ({"goal": RACE, "dislikes": ["swimming"]}, "dislikes[0]"),
        ({"goal": RACE, "program": "couch-to-moon"}, "program"),
        ({"goal": RACE, "run_days_per_week": 9}, "run days"),
    ],
)
def test_a_wrong_field_is_named_with_an_example(doc: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        profile_from_dict(doc)
    assert field in str(caught.value)


def test_a_rotating_cycle_reads_its_day_types_in_order() -> None:
    profile = profile_from_dict(
        {
            "goal": RACE,
            "availability": {
                "cycle": {
                    "start": "2026-11-16",
                    "days": ["day", "night", "off"],
                    "types": {"day": "short 30", "night": "none", "off": "any"},
                }
            },
            "long_run_day": "off",
        }
    )
    pattern = profile.availability.pattern
    assert isinstance(pattern, Cycle)
    assert [t.allowance for t in pattern.days] == [Allowance.SHORT, Allowance.NONE, Allowance.ANY]
    assert pattern.days[0].max_minutes == 30
    assert profile.availability.long_run_day_type == "off"


def test_a_cycle_day_that_names_no_type_says_which() -> None:
    with pytest.raises(InvalidInput, match=r"cycle.days\[1\]: 'late'"):
        profile_from_dict(
            {
                "goal": RACE,
                "availability": {
                    "cycle": {
                        "start": "2026-11-16",
                        "days": ["day", "late"],
                        "types": {"day": "any"},
                    }
                },
            }
        )


def test_a_bare_off_that_yaml_reads_as_false_is_still_the_day_type_off() -> None:
    profile = profile_from_dict(
        {
            "goal": RACE,
            "availability": {
                "cycle": {
                    "start": "2026-11-16",
                    "days": ["day", False],
                    "types": {"day": "short 30", False: "any"},
                }
            },
            "long_run_day": False,
        }
    )
    pattern = profile.availability.pattern
    assert isinstance(pattern, Cycle)
    assert pattern.days[1].name == "off"
    assert profile.availability.long_run_day_type == "off"


def test_age_and_training_history_are_read_and_checked() -> None:
    profile = profile_from_dict({"goal": RACE, "age": 52, "longest_run_ever": "42.2km"})
    assert profile.age == 52 and profile.is_masters
    assert profile.longest_run_ever_m == pytest.approx(42200)
    assert not profile_from_dict({"goal": RACE, "age": 35}).is_masters
    with pytest.raises(InvalidInput, match="age"):
        profile_from_dict({"goal": RACE, "age": 250})
    with pytest.raises(InvalidInput, match="longest_run_ever"):
        profile_from_dict({"goal": RACE, "longest_run_ever": "far"})


def test_a_result_faster_than_the_world_record_is_refused_where_it_stands() -> None:
    doc = {"goal": {"race": "10k", "date": "2027-05-02"}, "recent_results": [
        {"date": "2026-10-11", "distance": "10k", "time": "50:00"},
        {"date": "2026-10-18", "distance": "half", "time": "0:01"}]}  # fmt: skip
    with pytest.raises(InvalidInput) as raised:
        profile_from_dict(doc)
    assert raised.value.message.startswith("recent_results[1].time: 21.10 km in 0:01")
    assert "world record" in raised.value.message


def test_a_walker_s_slow_result_and_a_target_beyond_anyone_are_read() -> None:
    """Slow times are anyone's; a target beyond the world record goes to the goal's verdict
    (the plan trains for the realistic time, issue 15's observation 8), not refused here."""
    doc = {
        "goal": {"race": "marathon", "date": "2027-05-02", "target": "1:50:00"},
        "recent_results": [{"date": "2026-10-11", "distance": "5k", "time": "1:05:00"}],
    }
    profile = profile_from_dict(doc)
    assert profile.goal.target_time_s == 6600 and profile.results[0].time_s == 3900
