"""The limits a week's layout keeps: shares of the week, run lengths, the days around races.

Each limit is named with its unit and source; ``layout`` and the passes it orders
(``layout_long``, ``layout_quality``, ``layout_easy``, ``layout_routines``, ``layout_half``)
read them from here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from runcoach.domain.plans.workouts import Workout
from runcoach.domain.safety import MIN_LONGEST_M, single_run_limit_m

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import Carry, WeekInput

ULTRA_LONG_SHARE = 0.40  # the same for ultras, which are excepted from the 30 % rule
QUALITY_SHARE = 0.28  # the largest share of the week one quality session may take
# ... on fewer than 4 run days, the share of one run (a third on 3 days: FIRST's three runs a
# week, Pierce, Murr & Moss 2007, each a third of the week, one of them the session)
LONG_KEPT = 0.85  # a benchmark takes the long run's day only if the long run keeps this much
BENCHMARK_SHARE = 0.4  # the same for the benchmark, mostly warm-up and cool-down jogging in a
# small week (a 15 km week holds 3 x 1 km with its 25 minutes of easy running around it)
EASY_SHARE_MAX = 0.25  # the largest share of the week one easy run may take
EASY_SHARE_FOUR_DAYS = 0.3  # ... on 4 run days or fewer: a medium-long run (ratio), Pfitzinger
# & Douglas 2009 (11-15 mi midweek in 55-70 mi weeks); few days must each carry more
FOUR_DAYS = 4  # run days a week at or under which each run carries more of the week (days)
WEEKEND_DAYS = 2  # ... and so when the week's days without a time limit are the weekend's two
# (days): the other days are 30 minutes before work, and Saturday carries the medium-long run
# (Higdon's Intermediate marathon: a 10 mi Saturday run before the 20 mi Sunday)
MEDIUM_LONG_MIN = 105.0  # the longest easy run on those weeks (minutes), Pfitzinger 2009
MIN_EASY_MIN = 15.0  # shortest easy run (minutes)
EASY_RANK_STEP_MIN = 10  # short days this many minutes apart rank by what they hold before
# the runs' spacing (minutes; a 31-minute day before a 20-minute one, 31 and 39 by spacing)
LEAST_RUN_DAYS = 4  # the run days a week keeps (days), rules.MIN_RUN_DAYS (SPEC principle 1)
SHORTEST_RUN_MIN = 10.0  # minutes; when the week's volume leaves less for a run day, the day
# gets no run: a few minutes of running is not training (runcoach's rule)
MAX_EASY_MIN = 80.0  # longest easy (non-long) run (minutes)
AFTER_LONG_MAX_MIN = 45.0  # the run the day after a long run or race: an easy 45 minutes at
# most (coaching practice: the day after the long run is for recovery, not more volume)
NEXT_BLOCK_DAYS = 4  # a block of free days running on into the next week for this many days
# or more holds the next week's own long run and session after this week's long run (days):
# the 45-minute day after it, the session, an easy day, then the long run (hard/easy, Bowerman)
BACK_TO_BACK_SHARE = 0.55  # an ultra's second long run vs the first (ratio), Koop 2016
FEW_DAYS_SHARE_MAX = 0.5  # with fewer than 4 run days, no run over half the week (ratio)
GOAL_QUIET_DAYS = 3  # nothing hard in the days before a goal race (days)
SHAKE_OUT_MAX_MIN = 30.0  # an easy run in those days: a shake-out (minutes), taper practice
RACE_WEEK_DAYS = 6  # the goal race's week (days before it)
PRE_RACE_LONG = 0.5  # a long run in those days vs the plan's longest (ratio), taper practice
RACE_WEEK_MAX_MIN = 50.0  # an easy run in race week (minutes), Mujika & Padilla 2003: keep
# the frequency, cut the volume
RACE_WEEK_MIN_MIN = 30.0  # ... but never cut below this by the distance cap (minutes)
RACE_RECOVERY_DAYS = 2  # easy days protected after a race kept against the rules (days)
HARD_SHARE_MAX = 0.22  # hard share a built week may keep (the rule's "about 80 %" easy)
HARD_SHARE = 0.17  # the most running time the generator makes hard (the rule allows ~0.2)
TUNE_UP_SHARE = 0.5  # the largest share of its week a tune-up race may take
SAFETY = 0.98  # margin kept under a cap so estimates rounding never break a rule
HALF_THE_WEEK = 0.5  # no long run over half its week's running (ratio): issue 15's "the long
# run over half of the week"; Higdon's Novice marathon, the most a novice programme gives
SHORT_LONG_M = 8000.0  # a long run this short or shorter is held to no share (m): a 6 km
# week's 3.5 km run is a share of nothing (a start from little running)


def single_run_cap(carry: Carry, day: date, wk: WeekInput) -> float:
    """The longest run allowed on ``day``: 10 % over the longest of the 30 days before it."""
    window = [m for d, m in carry.history.items() if day - timedelta(days=30) <= d < day]
    if day - timedelta(days=30) < wk.start:
        window.append(wk.baseline_longest_m)
    return single_run_limit_m(max(window, default=MIN_LONGEST_M)) * SAFETY


def is_easy(w: Workout) -> bool:
    return w.kind.value in ("easy", "recovery", "strides")
