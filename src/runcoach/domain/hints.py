"""What the runner can do next, said without any door's words.

A lower layer (domain, services, store) that wants to point the runner somewhere returns a
``Hint``: an action (``Do``), the values that go with it, and a plain sentence that names no
command, flag or button. Each door phrases it in its own words: the command line names its
command and flags (``cli/hints.py``), the web its pages and forms (``web/hints.py``); a door
with no phrasing of its own shows ``text``. ``tests/test_hints.py`` keeps CLI words out of the
lower layers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Do(StrEnum):
    """The actions a hint can point to."""

    CHECK_DATABASE = "check-database"
    CHECK_DISTANCE_AND_DURATION = "check-distance-and-duration"
    CHECK_IN = "check-in"
    CREATE_PLAN = "create-plan"
    CREATE_OR_GIVE_PLAN = "create-or-give-plan"
    EXPORT_PLAN = "export-plan"
    FIND_FITNESS = "find-fitness"  # a race or a time trial marked; or ``values["or"]``
    GIVE_CHANGE = "give-change"
    GIVE_DISTANCE_OR_DURATION = "give-distance-or-duration"
    GIVE_ELEVATION_GAIN = "give-elevation-gain"
    GIVE_HEART_RATES = "give-heart-rates"
    GIVE_HUMIDITY = "give-humidity"
    GIVE_MAX_HR = "give-max-hr"
    GIVE_OFFICIAL_TIME = "give-official-time"
    GIVE_PERIOD = "give-period"
    GIVE_RACE_DATE = "give-race-date"
    GIVE_RESTING_HR = "give-resting-hr"
    GIVE_RESULT = "give-result"
    GIVE_RESULTS_INSTEAD = "give-results-instead"
    GIVE_RETIREMENT = "give-retirement"
    GIVE_RPE = "give-rpe"
    GIVE_SLEEP = "give-sleep"
    GIVE_WEIGHT = "give-weight"
    LIST_QUARANTINE = "list-quarantine"
    MAP_SHIFT_KIND = "map-shift-kind"  # values: kind (of shift), types (the plan's day types)
    LIST_RUNS = "list-runs"
    LIST_OR_ADD_SHOES = "list-or-add-shoes"
    MARK_A_RACE = "mark-a-race"
    MARK_AS_RACE = "mark-as-race"
    NAME_THE_PAIR = "name-the-pair"
    PREVIEW_OR_ACCEPT_BREAKS = "preview-or-accept-breaks"  # a plan change refused
    RESTORE_A_BACKUP = "restore-a-backup"
    RESTORE_INTO_EMPTY = "restore-into-empty"
    TELL_SYMPTOMS = "tell-symptoms"


@dataclass(frozen=True)
class Hint:
    """An action with its values, and the sentence any door may show as it is."""

    do: Do
    text: str  # door-neutral: names no command, flag, page or button
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text
