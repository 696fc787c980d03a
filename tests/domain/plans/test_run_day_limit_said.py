"""A runner who can run at most 3 days a week is told the plan keeps that limit, not that
"the extra days are short easy runs" (which the plan, rightly, does not add), and the
limitation says it is the runner's limit, not days that cannot hold a run (issue 15, 3)."""

from __future__ import annotations

from datetime import date

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check

TODAY = date(2026, 12, 4)


def _plan(doc):
    profile = profile_from_dict(doc)
    return generate(profile, TODAY, DANIELS)


def test_three_days_as_a_limit_is_said_as_a_limit():
    plan = _plan({
        "goal": {"race": "5k", "date": "2027-03-07"},
        "weekly_distance": "5km", "longest_run_30d": "3km", "years_running": 0,
        "run_days_per_week": 3,
    })  # fmt: skip
    assert max(w.run_days for w in plan.weeks) <= 3
    notes = " ".join(str(n) for n in plan.notes)
    assert "extra days" not in notes
    assert "You can run at most 3 days a week" in notes
    (limit,) = [x for x in plan.limitations if x.rule == "run-days-per-week"]
    assert "you can run at most 3 days a week" in limit.why
    assert "days that can hold a run" not in limit.why
    assert [v for v in check(plan) if v.rule == "run-days-per-week" and v.accepted is None] == []


def test_a_rota_that_leaves_three_days_is_said_as_the_days():
    plan = _plan({
        "goal": {"race": "10k", "date": "2027-03-07"},
        "weekly_distance": "25km", "longest_run_30d": "9km", "years_running": 3,
        "run_days_per_week": 5,
        "availability": {"weekdays": {"mon": "none", "tue": "none", "wed": "none",
                                      "thu": "none", "fri": "any", "sat": "any", "sun": "any"}},
    })  # fmt: skip
    (limit,) = [x for x in plan.limitations if x.rule == "run-days-per-week"]
    assert "days that can hold a run" in limit.why
    assert not any("at most" in str(n) for n in plan.notes)
