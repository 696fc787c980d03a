"""Check-ins as JSON (``runcoach checkin --json``, ``POST /api/v1/checkins``)."""

from __future__ import annotations

from typing import NotRequired, TypedDict, cast

from runcoach.services.checkins import CheckedIn, checkin_to_dict
from runcoach.views.json import IsoDate


class HabitsJson(TypedDict):
    """The habits said that day: null is "not said", false "said not done"."""

    strength: bool | None
    warm_up: bool | None
    ate_well: bool | None
    sleep_s: float | None
    enough_sleep: bool | None  # slept at least the night the habit asks for
    weight_kg: float | None
    resting_hr: float | None


class CheckInJson(TypedDict):
    """A day's check-in as kept (what was said earlier that day, with what was said now)."""

    day: IsoDate
    feel: str | None
    symptoms: str | None
    note: str
    can_run: bool | None
    habits: HabitsJson
    can_run_means: NotRequired[str]  # after "I can run": the return-to-run stage or way back


def checked_in_json(told: CheckedIn) -> CheckInJson:
    """The check-in kept; ``services.checkins.checkin_to_dict`` writes its keys (the account
    export writes the same), ``tests/views/test_schema.py`` holds them to this type."""
    data = cast(CheckInJson, checkin_to_dict(told.checkin))
    if told.can_run_means is not None:
        data["can_run_means"] = told.can_run_means
    return data
