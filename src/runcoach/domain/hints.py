"""What the runner can do next, said without any door's words.

A lower layer (domain, services, store) that wants to point the runner somewhere returns a
``Hint``: an action (``Do``), the values that go with it, and a plain sentence that names no
command, flag or button. Each door phrases it in its own words: the command line names its
command and flags (``cli/hints.py``), the web its pages and forms (``web/hints.py``); a door
with no phrasing of its own shows ``text``. ``tests/test_hints.py`` keeps CLI words out of the
lower layers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Do(StrEnum):
    """The actions a hint can point to."""

    CHECK_DATABASE = "check-database"
    CHECK_DISTANCE_AND_DURATION = "check-distance-and-duration"
    CHECK_IN = "check-in"
    CHECK_IN_CAN_RUN = "check-in-can-run"  # a note: ``values["note"]``, then this
    CHECK_GOAL = "check-goal"  # a note: ``values["note"]``, then this
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
    ASK_TODAY = "ask-today"  # a note: ``values["note"]``, then this
    LIST_QUARANTINE = "list-quarantine"
    MAP_SHIFT_KIND = "map-shift-kind"  # values: kind (of shift), types (the plan's day types)
    LIST_RUNS = "list-runs"
    LIST_RUNS_BETWEEN = "list-runs-between"  # values: from, to (ISO days)
    LIST_WINS = "list-wins"  # values: from, to (ISO days)
    LIST_OR_ADD_SHOES = "list-or-add-shoes"
    MARK_A_RACE = "mark-a-race"
    MARK_AS_RACE = "mark-as-race"
    NAME_THE_PAIR = "name-the-pair"
    PREVIEW_OR_ACCEPT_BREAKS = "preview-or-accept-breaks"  # a plan change refused
    RELEASE_FROM_QUARANTINE = "release-from-quarantine"  # ``values["note"]``, ``["id"]``
    RESTORE_A_BACKUP = "restore-a-backup"
    RESTORE_INTO_EMPTY = "restore-into-empty"
    SEE_GOAL_NUMBERS = "see-goal-numbers"  # a note: ``values["note"]``, then this
    SEE_REPORT = "see-report"  # inside a source: ``values["before"]``, this, ``["after"]``
    TELL_SYMPTOMS = "tell-symptoms"


@dataclass(frozen=True)
class Hint:
    """An action with its values, and the sentence any door may show as it is."""

    do: Do
    text: str  # door-neutral: names no command, flag, page or button
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text


class Pointer(str):
    """Text inside a result that points the runner somewhere: a ``str`` holding the hint's
    door-neutral words (so any code, template or JSON encoder can show it as it is), and
    carrying the ``Hint`` a door phrases in its own words (``cli/hints.py``, ``web/hints.py``)
    where it prints a result (a plan's note, a workout's tip, a warning, an import's reason).

    Concatenating a ``Pointer`` gives a plain ``str``: build the whole sentence first."""

    hint: Hint

    def __new__(cls, hint: Hint) -> Pointer:
        made = super().__new__(cls, hint.text)
        made.hint = hint
        return made

    def __getnewargs__(self) -> tuple[Hint]:  # type: ignore[override]  # pickled plans
        return (self.hint,)

    def to_json(self) -> dict[str, Any]:
        """The pointer as stored in a document (a plan file): its words and its action."""
        return {"text": str(self), "do": self.hint.do.value, "values": dict(self.hint.values)}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Pointer:
        return cls(Hint(Do(doc["do"]), str(doc["text"]), dict(doc.get("values") or {})))


def note(do: Do, note: str, pointer: str, **values: Any) -> Pointer:
    """A note ending with a pointer: ``note`` says what is so, ``pointer`` (door-neutral)
    where to go; a door phrases the ending (``values["note"]`` is the note alone)."""
    return Pointer(Hint(do, f"{note} {pointer}", {"note": note, **values}))


def phrase_all(value: Any, phrase: Callable[[Hint], str]) -> Any:
    """``value`` with every ``Pointer`` inside its dicts and lists phrased by a door, in
    place (a renderer that holds the same dict sees the door's words); the value returned
    is the phrased one (a bare ``Pointer`` becomes a ``str``)."""
    if isinstance(value, Pointer):
        return phrase(value.hint)
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = phrase_all(item, phrase)
    elif isinstance(value, list):
        value[:] = [phrase_all(item, phrase) for item in value]
    return value


def pointers_to_json(value: Any) -> Any:
    """A copy of a JSON-able document with each ``Pointer`` as its stored form
    (``Pointer.to_json``): what a stored plan or a plan file keeps, so a door can phrase it
    again when it is read back (``text_in``)."""
    if isinstance(value, Pointer):
        return value.to_json()
    if isinstance(value, dict):
        return {key: pointers_to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [pointers_to_json(item) for item in value]
    return value


def text_in(value: Any) -> str:
    """A text of a document as written: a plain string, or a stored ``Pointer``."""
    if isinstance(value, dict) and "do" in value:
        return Pointer.from_json(value)
    return str(value)
