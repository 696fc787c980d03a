"""What the generator says about the plan as a whole: up front, why a careful runner's plan
grows gently and how an ultra's or a double's long runs differ; after the weeks are laid out,
what they could not do (benchmarks, long-run share, held weeks, few days, the longest run)
and the races kept because the runner insisted."""

from __future__ import annotations

from runcoach.domain.plans.building import (
    Build,
    say_benchmarks,
    say_few_days,
    say_held_to_half,
    say_long_share,
    say_longest,
)
from runcoach.domain.plans.double import say_double
from runcoach.domain.plans.layout import Carry
from runcoach.domain.plans.model import Waiver, Week


def say_careful(b: Build) -> None:
    """A masters runner's or a recently injured runner's gentler plan, said why."""
    profile = b.profile
    if profile.is_masters:
        b.notes.append(
            f"At {profile.age}, recovery takes longer: a lighter week every third week and "
            "gentler growth; keep the strength routines, they matter more every year."
        )
    if profile.recent_injury is not None:
        b.notes.append(
            f"After '{profile.recent_injury}': gentler growth, a recovery week every "
            "third week, and an easy cross-training session most weeks."
        )


def say_long_efforts(b: Build, ultra: bool) -> None:
    """A double's days, or an ultra's long runs over the share rule, said up front."""
    p = b.profile
    if p.goal_races:
        say_double(b, ultra)
    elif ultra:
        b.notes.append(
            "Ultra: the long run may exceed 30 % of its week (ultras are excepted "
            "from that rule); back-to-back long efforts build time on feet."
        )


def say_after_weeks(
    b: Build, out: list[Week], bench_count: int, ultra: bool, longest_m: float, carry: Carry
) -> None:
    """What the laid-out weeks could not do, and the races kept because the runner insisted."""
    say_benchmarks(b, out, bench_count)
    say_long_share(b, out, ultra, longest_m)
    say_held_to_half(b, out, carry.held_to_half)
    if not ultra:
        say_few_days(b, out)
    say_longest(b, out, carry.max_long_m)
    b.notes.extend(carry.notes)
    for day, rule in carry.waived:
        b.waivers.append(Waiver(day, rule, "the runner insisted on this race"))
        b.notes.append(
            f"WARNING: the race on {day} is longer than your longest recent run "
            "allows (+10 %). Kept because you insisted: run it as a controlled effort "
            "(marathon pace) rather than all out."
        )
