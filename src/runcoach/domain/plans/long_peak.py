"""The peak week a marathoner's long run needs: the week grows with the long run.

A runner who already runs a 25-27 km long run on a 55-60 km week is where Pfitzinger &
Douglas' marathon schedules start (Advanced Marathoning 2009: 18/55 opens on ~33 mi with a
12-13 mi long run, 18/70 on ~43 mi with 15 mi): their long runs grow to 20-22 mi (32-35 km)
while the week grows to 55-70 mi (88-113 km), the long run staying about 36-40 % of it. The
distance's 70 km peak week (``shape._PEAK_KM``) carries a 28 km long run at the marathon's
40 % share (``rules.LONG_SHARE_MARATHON``): a runner whose long run is already 26 km would
have a plan whose long run cannot grow, though the runner is ready for the week that carries
it. For such a runner the peak week is the one that carries the long run grown by a fifth
(the plan's long run grows toward the distance's, a coach reads ~20 % over the first as
growing), never past the distance's long run, at the share the generator keeps: the share is
not loosened, the week grows, within the growth rules (``shape._growth``, the 10 % rule).
"""

from __future__ import annotations

from runcoach.domain.plans.building import goal_distance_m
from runcoach.domain.plans.model import Baseline, Phase, Week
from runcoach.domain.plans.profile import Profile
from runcoach.domain.plans.rules import HIGH_VOLUME_M, long_share_max
from runcoach.domain.plans.shape import ULTRA_M, peak_long_m, peak_volume_m
from runcoach.domain.units import MARATHON_M, format_distance

LONG_RUN_GROWTH = 1.2  # the long run a plan builds to vs what the runner runs now (ratio):
# Pfitzinger & Douglas' schedules grow it 12-15 mi -> 20-22 mi (+40-60 %); a fifth is the least
# a coach reads as growing (the week's growth, not the long run's, is the limit here)
BEGINNER_YEARS = 1.0  # a runner in his first year (years) is raised at most to ...
SEASONED_YEARS = 3.0  # ... a seasoned runner's peak for the distance (the table's 70 km for the
# marathon): Higdon's Novice 2 programme peaks at 40-45 mi (64-72 km) with its 20 mi long runs


def long_run_peak_m(p: Profile, longest_m: float, margin: float) -> float:
    """The peak week that carries the runner's long run grown (``LONG_RUN_GROWTH``, up to the
    distance's) at the week's share (``margin``: the generator's, just under the rule's), for
    a marathon-length goal (a marathon, or a double adding up to one); 0 for every other goal
    (a shorter race's long run fits its table week; an ultra's back-to-back weekends have no
    share)."""
    goal_m = p.goal_races_m
    if goal_m is None or not MARATHON_M - 1 <= goal_m <= ULTRA_M:
        return 0.0
    share = long_share_max(goal_m, HIGH_VOLUME_M)
    if share is None:
        return 0.0
    wanted = _grown_m(p, longest_m) / (share * margin)
    if p.years_running < BEGINNER_YEARS:  # a first-year runner's week stays a novice's
        wanted = min(wanted, peak_volume_m(p.goal.distance_m, SEASONED_YEARS, 0.0, p.also_m))
    return wanted


def _grown_m(p: Profile, longest_m: float) -> float:
    """The runner's long run grown by a fifth, up to the distance's (m)."""
    return min(
        longest_m * LONG_RUN_GROWTH, peak_long_m(p.goal.distance_m, p.years_running, p.also_m)
    )


def say_long_peak(
    notes: list[str], p: Profile, baseline: Baseline, weeks: list[Week], margin: float
) -> None:
    """The plan's note when the runner's long run, not the distance, set its peak week and
    the weeks as built reach it: the runner sees why the week grows past the usual peak."""
    usual_m = peak_volume_m(
        p.goal.distance_m, p.years_running, baseline.weekly_distance_m, p.also_m
    )
    wanted_m = long_run_peak_m(p, baseline.longest_run_m, margin)
    main = [w.distance_m - goal_distance_m(w, p.goal.race_days) for w in weeks
            if w.phase is not Phase.TAPER]  # fmt: skip
    peak_m = max(main, default=0.0)
    if wanted_m <= usual_m or peak_m <= usual_m * 1.05:
        return
    grown = format_distance(_grown_m(p, baseline.longest_run_m), digits=0)
    notes.append(
        f"Your long run is already {format_distance(baseline.longest_run_m, digits=0)}: the "
        f"plan grows it toward {grown} and the week with it, to a peak of about "
        f"{format_distance(peak_m, digits=0)} (more than the "
        f"{format_distance(usual_m, digits=0)} such a plan usually peaks at), so that the "
        "long run stays within its share of the week: Pfitzinger & Douglas' marathon "
        "schedules grow the week with the long run (docs/plans.md, long-run-share)."
    )
