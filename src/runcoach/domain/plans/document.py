"""The plan document's types: what ``codec`` writes and reads (docs/plan-format.md).

One ``TypedDict`` per object of the document, so that mypy checks the codec's output and
``views.schema`` publishes the same keys as JSON Schema (docs/schema/plan-document.json): a
coach writing a plan file by hand has a schema to validate it against. A key the codec leaves
out when it has no value is ``NotRequired``, and so is a key the reader gives a default to
(a plan's notes, limitations and waivers, a week's ``recovery``, a day's ``workouts``...): a
coach's hand-written file need not spell out what is empty. ``Annotated[str, SomeEnum]`` is a
text that is one of the enum's values; ``Annotated[str, "date"]`` an ISO 8601 date.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, TypedDict, final

from runcoach.domain.hints import Do
from runcoach.domain.plans.model import GoalKind, Phase
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import Effort, StepKind, WorkoutKind
from runcoach.domain.run.runs import Surface, Terrain

DateText = Annotated[str, "date"]  # YYYY-MM-DD


class PointerDocJson(TypedDict):
    """A note or tip that points somewhere: its plain words, the action, what the action's
    phrasing needs (``domain.hints.Pointer.to_json``)."""

    text: str
    do: Annotated[str, Do]
    values: NotRequired[dict[str, Any]]


TextDocJson = str | PointerDocJson  # a note or a tip: plain words, or words that point


class PaceBandJson(TypedDict):
    """A pace band in seconds per kilometre: its fast and its slow end."""

    fast_s_per_km: float
    slow_s_per_km: float


@final  # closed: ``"repeat" in block`` tells a repeat from a step
class StepDocJson(TypedDict):
    """A step: a time or a distance, with a pace band and/or an effort as its target."""

    step: Annotated[str, StepKind]
    duration_s: NotRequired[float]
    distance_m: NotRequired[float]
    pace: NotRequired[PaceBandJson]
    effort: NotRequired[Annotated[str, Effort]]
    note: NotRequired[str]


@final
class RepeatDocJson(TypedDict):
    """Steps run ``repeat`` times in a row."""

    repeat: int
    steps: list[StepDocJson]


class ExerciseDocJson(TypedDict):
    """One exercise of a routine (strength, drills, warm-up)."""

    name: str
    amount: str
    how: str


class WorkoutDocJson(TypedDict):
    """A prescribed session: steps for a run, exercises and a duration for a routine."""

    kind: Annotated[str, WorkoutKind]
    title: str
    tip: NotRequired[TextDocJson]
    blocks: NotRequired[list[StepDocJson | RepeatDocJson]]
    exercises: NotRequired[list[ExerciseDocJson]]
    mini: NotRequired[WorkoutDocJson]  # the shorter, easier version for a tired day
    surface: NotRequired[Annotated[str, Surface]]
    terrain: NotRequired[Annotated[str, Terrain]]
    shoe: NotRequired[str]
    benchmark: NotRequired[str]  # the name of the benchmark series it belongs to
    notes: NotRequired[list[TextDocJson]]
    duration_s: NotRequired[float]


class DayTypeDocJson(TypedDict):
    """What a day allows: anything, a short run (within ``max_minutes``) or no run."""

    name: str
    allowance: Annotated[str, Allowance]
    max_minutes: NotRequired[float]


class DayDocJson(TypedDict):
    date: DateText
    day_type: NotRequired[DayTypeDocJson]  # a free day (anything goes) when left out
    note: NotRequired[str]
    workouts: NotRequired[list[WorkoutDocJson]]  # a rest day when left out


class WeekDocJson(TypedDict):
    index: int  # 1-based
    phase: Annotated[str, Phase]
    recovery: NotRequired[bool]  # false when left out
    notes: NotRequired[list[TextDocJson]]
    days: list[DayDocJson]


class GoalDocJson(TypedDict):
    kind: Annotated[str, GoalKind]
    distance_m: NotRequired[float]
    race_date: NotRequired[DateText]
    target_time_s: NotRequired[float]
    name: NotRequired[str]
    also: NotRequired[list[DateText]]  # the goal's other race days


class BaselineDocJson(TypedDict):
    """The volume and longest run (last 30 days) the plan starts from."""

    weekly_distance_m: float
    longest_run_m: float
    weekly_duration_s: NotRequired[float]


class LimitationDocJson(TypedDict):
    """A rule the plan cannot keep, and why."""

    rule: str
    why: str


class WaiverDocJson(TypedDict):
    """A rule the runner insisted on breaking on a date."""

    date: DateText
    rule: str
    reason: str


class PlanDocJson(TypedDict):
    """A training plan as a JSON document (docs/plan-format.md): metres, seconds, paces in
    seconds per km, dates YYYY-MM-DD."""

    format: Literal["runcoach-plan"]
    version: Literal[1]
    title: NotRequired[str]
    program: NotRequired[str | None]  # the ready program it came from
    created: DateText
    goal: GoalDocJson
    baseline: BaselineDocJson
    vdot: NotRequired[float | None]
    paces: NotRequired[dict[str, PaceBandJson]]
    notes: NotRequired[list[TextDocJson]]
    limitations: NotRequired[list[LimitationDocJson]]
    waivers: NotRequired[list[WaiverDocJson]]
    max_run_days: NotRequired[int]  # the runner's limit of run days a week
    min_run_days: NotRequired[int]  # the low end of a range of run days ('3-4')
    weeks: list[WeekDocJson]
