"""Adaptations for a runner who is not well: injured (the plan pauses), coming back (the
run/walk progression, then the rebuild), sick (the neck check) and just over an illness."""

from __future__ import annotations

from datetime import date, timedelta

from runcoach.domain.hints import Do, note
from runcoach.domain.plans.model import Day
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.runs import Feel
from runcoach.domain.today import adjust
from runcoach.domain.today.comeback import (
    SOURCE_REBUILD,
    SOURCE_RETURN,
    Comeback,
    comeback_on,
    stage_workout,
)
from runcoach.domain.today.draft import Change, Draft, Reason, Situation, easy_pace
from runcoach.domain.today.health import (
    SOURCE_NECK_CHECK,
    SOURCE_WAY_BACK,
    Health,
    Status,
    Symptoms,
)
from runcoach.domain.today.moves import fits

ABOVE_NECK_MAX_S = 30 * 60.0  # easy running allowed with a head cold, s (Eichner 1993)
AFTER_ILLNESS_MAX_S = 45 * 60.0  # easy runs after illness at most this long, s
EASY_ONLY_SHARE = 0.5  # at half the volume or less, easy running only (Daniels 2014, breaks)
SOURCE_INJURY = (
    "coaching and sports-medicine practice: running through pain turns days off into weeks; "
    "cross-train only where it is pain-free and see a physiotherapist if it does not settle"
)


def paused(draft: Draft, health: Health) -> None:
    draft.workouts = [
        adjust.rest(
            "Rest: the plan is paused",
            note(
                Do.CHECK_IN_CAN_RUN,
                "Cross-train only if it is completely pain-free (cycling, swimming, pool running).",
                "When you can run without pain, check in that you can run again.",
            ),
        )
    ]
    text = f"injured since {health.since}: the plan pauses until you can run again"
    draft.say(Change.PAUSED, "injury-pause", text, SOURCE_INJURY)


def sick(s: Situation, health: Health, draft: Draft) -> None:
    way_back = f"afterwards one easy day per sick day ({health.sick_days} so far) before quality"
    if health.symptoms is Symptoms.ABOVE_NECK and draft.runs:
        minutes = min(ABOVE_NECK_MAX_S, sum(w.total_duration_s() for w in draft.runs))
        draft.workouts = [
            adjust.easy_run(easy_pace(s), minutes, "Easy run, only if you feel up to it")
        ]
        text = (
            "symptoms above the neck only: an easy run at most, no quality; stop and rest if "
            f"you feel worse after 10 minutes; {way_back}"
        )
        draft.say(Change.EASY_INSTEAD, "neck-check", text, SOURCE_NECK_CHECK)
        return
    draft.workouts = [adjust.rest("Rest: you are sick", "Sleep, fluids; no training today.")]
    told: dict[Symptoms | None, str] = {
        Symptoms.BELOW_NECK: "below the neck (chest, aches or stomach)",
        Symptoms.FEVER: "a fever: no running until a full day without it",
    }
    where = told.get(health.symptoms, "not given (say whether above or below the neck, or a fever)")
    text = f"sick, symptoms {where}: rest today; {way_back}"
    draft.say(Change.REST_SICK, "neck-check", text, SOURCE_NECK_CHECK)


def after_illness(s: Situation, health: Health, draft: Draft) -> None:
    """The way back from an illness: rest until a day without fever, easy running at reduced
    volume, then quality as its mini version (intensity back last)."""
    if not draft.runs:
        return
    if health.rest_days_left > 0:
        draft.workouts = [adjust.rest("Rest: a full day without fever before running",
                                      "Sleep, fluids; walk if you like.")]  # fmt: skip
        text = (f"after a fever: {health.rest_days_left} more day(s) without running, then "
                "easy running at reduced volume")  # fmt: skip
        draft.say(Change.REST_SICK, "after-illness", text, SOURCE_WAY_BACK)
        return
    if health.minis_only:
        if health.feel not in (Feel.TIRED, Feel.SORE):  # tired: the tired day's mini and win
            _minis(draft, health)
        return
    if any(w.is_quality or w.kind is WorkoutKind.LONG for w in draft.runs):
        minutes = min(AFTER_ILLNESS_MAX_S, sum(w.total_duration_s() for w in draft.runs))
        draft.workouts = [w for w in draft.workouts if not w.is_run]
        draft.workouts.append(adjust.easy_run(easy_pace(s), minutes))
        text = (f"back from {health.sick_days} sick day(s): easy running only, "
                f"{health.easy_days_left} easy day(s) left before quality or a long "
                "run")  # fmt: skip
        draft.say(Change.EASY_INSTEAD, "after-illness", text, SOURCE_WAY_BACK)
    if health.volume_share < 1.0:
        text = f"back from illness: {health.volume_share:.0%} of the plan's volume for now"
        draft.cuts.append((health.volume_share, Reason("after-illness", text, SOURCE_WAY_BACK)))
    draft.easy_only = True


def _minis(draft: Draft, health: Health) -> None:
    quality = [w for w in draft.runs if w.is_quality and w.mini is not None]
    if not quality:
        return
    for w in quality:
        assert w.mini is not None
        draft.replace(w, w.mini)
    text = (f"back from {health.sick_days} sick day(s): intensity comes back last, the first "
            "week of quality as its mini version")  # fmt: skip
    draft.say(Change.MINI, "after-illness", text, SOURCE_WAY_BACK)


def _where(s: Situation, day: date, health: Health) -> tuple[Comeback, set[date]]:
    assert health.since is not None
    sore = {c.day for c in s.checkins if c.feel in (Feel.SORE, Feel.INJURED)}
    return comeback_on(s.log, health.since, health.days_off, day, sore), sore


def settled(s: Situation, day: date, health: Health) -> Health:
    """A runner whose comeback is over is simply well again."""
    if health.status is not Status.RETURNING or not _where(s, day, health)[0].finished:
        return health
    return Health(Status.WELL, health.feel)


def comeback(s: Situation, day: date, health: Health, today: Day, draft: Draft) -> bool:
    """The return-to-run progression; False once it is over (the plan takes over)."""
    back, sore = _where(s, day, health)
    if back.finished:
        return False
    if back.stage is not None and day in sore:
        draft.workouts = [adjust.rest("Rest: sore on the way back", "")]
        text = "sore during the comeback: rest today and repeat the last stage next time"
        draft.say(Change.RETURN_TO_RUN, "return-to-run", text, SOURCE_RETURN)
        return True
    draft.refresh_goal = day == health.since or back.done_stages_on == day - timedelta(days=1)
    if back.stage is None:
        text = f"back to continuous running: {back.volume_factor:.0%} of the plan's volume"
        draft.cuts.append((back.volume_factor, Reason("return-rebuild", text, SOURCE_REBUILD)))
        draft.easy_only = back.volume_factor <= EASY_ONLY_SHARE
        return False
    if not back.rested_yesterday:
        draft.workouts = [adjust.rest("Rest or pain-free cross-training", "")]
        text = "return to running: every other day; you ran yesterday, so rest today"
        draft.say(Change.RETURN_TO_RUN, "return-to-run", text, SOURCE_RETURN)
        return True
    session = stage_workout(back.stage, easy_pace(s))
    if not fits(today, session):
        draft.workouts = [adjust.rest("Rest: today cannot hold a run", "")]
    else:
        draft.workouts = [session]
    text = f"can run again since {health.since} after {health.days_off} days off: {session.title}"
    draft.say(Change.RETURN_TO_RUN, "return-to-run", text, SOURCE_RETURN)
    return True
