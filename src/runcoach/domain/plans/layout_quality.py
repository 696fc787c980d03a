"""The week's quality sessions: which ones, sized to the week, and on which days.

A session rotates through the phase's sessions (never last week's: variety), sized down until
it fits the week's hard share, its share of the week and a day that holds it; it goes on a
day spaced from the hard days, never next to one, never on a protected day (after a kept
exception, before the goal race). A week whose free days hold the long run gets a short
session on a short day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.layout_limits import (
    BENCHMARK_SHARE,
    HARD_SHARE,
    LEAST_RUN_DAYS,
    MIN_EASY_MIN,
    QUALITY_SHARE,
    SAFETY,
)
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.sessions import Session
from runcoach.domain.plans.workouts import Workout

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout

OTHER_SIZES = (0.75, 0.5, 0.35, 1.25)  # the week's one session at another size than last
# week's, smaller first; a quarter longer when every smaller one is the same session (a runner
# who likes progression runs alone: 30 minutes one week, 37 the next, not the same 30 twice
# nor none, as a coach varies a session by its length, Daniels 2014's steady runs of 20-40 min)


def place_quality(lay: WeekLayout) -> None:
    races = sum(1 for d in lay.wk.dates if d in lay.wk.races)
    wanted = len(lay.wk.fixed) if lay.wk.fixed else lay.wk.quality - races
    if lay.wk.benchmark is not None:
        wanted = max(wanted, 1)  # a benchmark carried over into a recovery week
    for n in range(max(wanted, 0)):
        session = next_session(lay, n)
        options = [] if session is None else [
            i for i in range(7) if quality_ok(lay, i, session)]  # fmt: skip
        if session is not None and session.benchmark and not options:
            session, options = _benchmark_with_short_ends(lay, session)
        if (session is None or not options) and n == 0 and lay.wk.benchmark is not None:
            session, options = _own_session(lay, wanted - (lay.wk.quality - races))
        if session is None or not options:
            if n > 0 or lay.wk.fixed:
                return
            place_short_day_session(lay)  # the week's only session: on a short day
            return
        i = max(options, key=lambda i: session_rank(lay, i))
        lay.put(i, session, hard=True)


def _benchmark_with_short_ends(lay: WeekLayout, full: Workout) -> tuple[Workout, list[int]]:
    """No day spaced from the hard days holds the whole benchmark: with a 10-minute warm-up
    and a 5-minute cool-down one may (library.benchmark_on_a_short_day), before the layout
    puts the benchmark the day before the long run (WeekLayout.build's key-first layout)."""
    short = lib.benchmark_on_a_short_day(lay.wk.paces, full)
    options = [] if short is None else [i for i in range(7) if quality_ok(lay, i, short)]
    return (short, options) if short is not None and options else (full, [])


def place_short_day_session(lay: WeekLayout) -> None:
    """No session fits the week's free days (they hold the long run): a short one on a
    short day, within its time limit, never next to another hard day; as many reps as
    the day holds, fewer where the week's share or its easy runs leave less (a 59-minute
    day's 9 x 3 min is over a third of a 30 km week on 3 days: 6 x 3 min is not)."""
    options: list[tuple[int, Workout]] = []
    for i, t in enumerate(lay.wk.types):
        if t.allowance is not Allowance.SHORT or t.max_duration_s is None:
            continue
        for rep_min in (3, 2):  # not last week's session (variety)
            session = short_day_session(lay, i, t.max_duration_s / 60 * SAFETY, rep_min)
            if session is not None:
                options.append((i, session))
                break
    if options:
        i, session = max(options, key=lambda x: spacing(lay, x[0]))
        lay.put(i, session, hard=True)


def short_day_session(lay: WeekLayout, i: int, minutes: float, rep_min: int) -> Workout | None:
    """The largest short-day session day ``i`` holds, within ``minutes``, that the week
    holds, not last week's; ``None`` when none of 3 reps or more does."""
    step = rep_min * (1 + lib.SHORT_DAY_JOG_S / lib.SHORT_DAY_REP_S)  # one rep (minutes)
    while True:
        session = lib.short_day_intervals(lay.wk.paces, minutes, rep_min)
        if session is None:
            return None
        fresh = session.title not in lay.carry.last_titles
        if fresh and quality_ok(lay, i, session) and fits(lay, session):
            return session
        minutes -= step


def _own_session(lay: WeekLayout, carried: int) -> tuple[Workout | None, list[int]]:
    """The benchmark fits none of the week's days (it passes to the next week): the week's own
    session from the rotation, where the week wants one of its own (``carried`` is 0; a
    recovery week that took the benchmark carried over wants none). A 47 km marathon week whose
    3 x 2 km left its 19-minute days under 20 minutes of easy running went without any, though
    a progression run fitted its free Wednesday."""
    if lay.wk.fixed or carried > 0:
        return None, []
    session = rotation_session(lay, 0)
    options = [] if session is None else [i for i in range(7) if quality_ok(lay, i, session)]
    return session, options


def next_session(lay: WeekLayout, n: int) -> Workout | None:
    if lay.wk.fixed:
        return sized(lay, lay.wk.fixed[n]) if n < len(lay.wk.fixed) else None
    if n == 0 and lay.wk.benchmark is not None:
        return sized(lay, lay.wk.benchmark)
    return rotation_session(lay, n)


def rotation_session(lay: WeekLayout, n: int) -> Workout | None:
    """Session ``n`` of the week from the phase's rotation (not last week's, not the week's)."""
    sessions = lay.wk.sessions
    taken = {w.title for s in lay.slots for w in s}
    for k in range(len(sessions)):
        session = sessions[(lay.carry.rotation + k) % len(sessions)]
        workout = sized_session(lay, session)
        if workout and workout.title not in lay.carry.last_titles | taken:
            lay.carry.rotation += k + 1
            return workout
    if n > 0:
        return None
    # the week's one session, when every session that fits was last week's: the same kind
    # at another size (a runner who dislikes intervals, hills and tempo has progression
    # runs alone, and a 103 km ultra week went without any for variety's sake; identical
    # sessions two weeks in a row stay out, the variety rule); a session at its smallest
    # already (a progression run's 30 minutes) varies longer, by a quarter (OTHER_SIZES)
    seen = lay.carry.last_titles | taken
    for k in range(len(sessions)):
        session = sessions[(lay.carry.rotation + k) % len(sessions)]
        for scale in OTHER_SIZES:
            workout = session(lay.wk.paces, lay.wk.volume_m / 1000 * scale)
            if workout.title not in seen and fits(lay, workout):
                lay.carry.rotation += k + 1
                return workout
    # ... and when none of the phase's sessions fits the week at all (a 15k runner who
    # dislikes hills and tempo has 3 x 1.6 km at 10k pace, 9.5 km, over 28 % of a 32 km
    # week), a smaller session of the base phase's: a progression run, a fartlek
    for session in lay.wk.smaller:
        workout = sized_session(lay, session)
        if workout and workout.title not in seen:
            return workout
    return None


def sized_session(lay: WeekLayout, session: Session) -> Workout | None:
    for scale in (1.0, 0.75, 0.5, 0.35):
        workout = session(lay.wk.paces, lay.wk.volume_m / 1000 * scale)
        if fits(lay, workout):
            return workout
    return None


def sized(lay: WeekLayout, workout: Workout) -> Workout | None:
    return workout if fits(lay, workout) else None


def fits(lay: WeekLayout, workout: Workout) -> bool:
    week_s = lay.wk.volume_m / 1000 * lay.wk.paces.easy.middle.seconds_per_km
    hard_s = sum(
        w.total_duration_s() - w.easy_duration_s()
        for s in lay.slots
        for w in s
        if w.is_run and w.kind.value != "race"
    )
    hard_s += workout.total_duration_s() - workout.easy_duration_s()
    if hard_s > week_s * HARD_SHARE:
        return False
    dist = workout.total_distance_m()
    room = any(lay.free(i) and day_holds(lay, i, workout) for i in range(7))
    share = BENCHMARK_SHARE if workout.benchmark else quality_share(lay)
    fits_week = dist <= min(lay.wk.volume_m * share, lay.remaining_m())
    return fits_week and room and leaves_easy_runs(lay, dist, bool(workout.benchmark))


def day_holds(lay: WeekLayout, i: int, session: Workout) -> bool:
    """Day ``i`` holds ``session``: its time limit by the session's duration and the 10 %
    single-run rule by its distance (a 41-minute day holds 6 x 3 min at interval pace,
    7.9 km: its fast minutes cover more ground than the 7.3 km of easy running the day's
    limit holds, and measuring it as easy running left a 29 km build week without one)."""
    limit = lay.wk.types[i].max_duration_s
    fits = limit is None or session.total_duration_s() <= limit * SAFETY
    return fits and session.total_distance_m() <= lay.session_cap(i)


def quality_share(lay: WeekLayout) -> float:
    """One session's largest share of the week: QUALITY_SHARE, a run's share on few days."""
    return max(QUALITY_SHARE, lay.few_share) if lay.few_days else QUALITY_SHARE


def leaves_easy_runs(lay: WeekLayout, dist: float, benchmark: bool = False) -> bool:
    """After a session of ``dist`` the week still holds its easy days as real runs (20
    minutes or more each), not 13-minute leftovers. The week's first session may take a
    run day of a runner who runs more than the system's 4 days: a 28 km build week on 6
    days (a 10 km long run, five 20-minute runs) is a long run, a session and 3 easy runs
    on 5 days, not six days of easy running (``layout_easy.thin_easy_days`` then lays out fewer,
    real runs); a second session never thins the week, nor does a recovery week's."""
    runs = sum(1 for s in lay.slots if any(w.is_run for w in s)) + 1
    free = sum(1 for i in range(7) if lay.wk.types[i].can_run and not lay.slots[i]) - 1
    easy_days = max(0, min(lay.wk.run_days, lay.wk.max_days, runs + free) - runs)
    left, real = lay.remaining_m() - dist, lay.minutes_m(MIN_EASY_MIN + 5)
    if left >= easy_days * real:
        return True
    if lay.holds_session() or (lay.wk.recovery and not benchmark):
        return False
    return left >= min(easy_days, max(0, LEAST_RUN_DAYS - runs)) * real


def quality_ok(lay: WeekLayout, i: int, session: Workout) -> bool:
    after = lay.hard[i + 1] if i + 1 < 7 else False
    return (
        lay.free(i)
        and day_holds(lay, i, session)
        and not lay.hard_before(i)
        and not after
        and lay.wk.dates[i] not in lay.wk.protected
    )


def session_rank(lay: WeekLayout, i: int) -> tuple[int, int, int]:
    """Where a session goes: spaced from the hard days; on 4 run days or fewer a short
    day that holds it before a free day, which then holds the week's medium-long run (a
    30-minute session on a free day left an 8-day rota's week 4 km of its 27 under the
    runner's volume while its 36-minute days held 33 minutes each)."""
    gap, whole = spacing(lay, i)
    if lay.four_days:  # an easy day between hard days is the hard/easy rule's spacing
        return (min(gap, 2), 1 - whole, gap)
    return (gap, whole, 0)


def spacing(lay: WeekLayout, i: int) -> tuple[int, int]:
    """Farthest from the hard days, a whole day first. A week whose next day is a free day
    of the rota counts that day as hard: a session on its last day would take it from the
    next week (a block of 7 free days across two weeks, long run on its first day: a
    session on Sunday left Monday-Wednesday a recovery run, an easy run and the long run;
    on Saturday, Monday holds the next week's session, Wednesday its long run)."""
    hard_days = [j for j in range(7) if lay.hard[j]] + ([-1] if lay.carry.prev_hard else [])
    hard_days += [7] if next_day_free(lay) else []
    gap = min((abs(i - j) for j in hard_days), default=7)
    return (min(gap, 3), 1 if lay.wk.types[i].allowance is Allowance.ANY else 0)


def next_day_free(lay: WeekLayout) -> bool:
    """The day after the week is a day of one of the week's free types (a rota's block)."""
    free = {t.name for t in lay.wk.types if t.allowance is Allowance.ANY}
    return lay.wk.next_type in free
