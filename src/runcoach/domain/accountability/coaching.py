"""A coach and the athletes who granted access: what a grant allows, the week at a glance, and
what a coach's change to a plan says. Pure: the grants, the plans and the log are given.

Access is the athlete's to give and take back: a grant is made by an invitation link that the
athlete sends; it is ``read`` (see the log, the plan, compliance and warnings) or
``read-write`` (also write and edit the plan, as TrainingPeaks' coach accounts do). A revoked
grant ends access at once: every request checks the grant as it stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.errors import InvalidInput

INVITATION_DAYS = 14  # a coaching invitation link works this many days (as account invitations)
MAX_NOTE_CHARS = 2000
GLANCE_DAYS = 7  # the compliance glance: the last 7 days (today included)


class Access(StrEnum):
    READ = "read"
    READ_WRITE = "read-write"

    @property
    def can_write(self) -> bool:
        return self is Access.READ_WRITE


def parse_access(text: str) -> Access:
    try:
        return Access(text.strip().lower())
    except ValueError:
        raise InvalidInput(f"'{text}' is not an access level", hint="read or read-write") from None


class Mark(StrEnum):
    """The colour of a day in the compliance glance (as the calendar's, TrainingPeaks' green,
    amber and red)."""

    DONE = "done"  # every session as planned
    PARTLY = "partly"  # some done, or done short, or another kind of run
    MISSED = "missed"
    REST = "rest"  # nothing planned to run
    COMING = "coming"
    UNPLANNED = "unplanned"  # a run on a day without a planned one


_FULL = {"done"}
_SOME = {"short", "different"}


def day_mark(statuses: Sequence[str], ran: bool) -> Mark:
    """One day's colour from its run sessions' statuses (domain/compliance.Status values)."""
    if not statuses:
        return Mark.UNPLANNED if ran else Mark.REST
    kinds = set(statuses)
    if kinds <= {"coming"}:
        return Mark.COMING
    if kinds <= _FULL:
        return Mark.DONE
    if kinds & (_FULL | _SOME):
        return Mark.PARTLY
    return Mark.MISSED


@dataclass(frozen=True)
class DayGlance:
    day: date
    mark: Mark
    sessions: tuple[str, ...]  # the planned sessions' titles


def glance(
    sessions: Iterable[tuple[date, str, str]], run_days: Iterable[date], today: date
) -> list[DayGlance]:
    """The last ``GLANCE_DAYS`` days to ``today``: (day, title, status) of every planned run
    session, and the days with a run."""
    by_day: dict[date, list[tuple[str, str]]] = {}
    for day, title, status in sessions:
        by_day.setdefault(day, []).append((title, status))
    ran = set(run_days)
    days = [today - timedelta(days=n) for n in range(GLANCE_DAYS - 1, -1, -1)]
    return [
        DayGlance(
            d,
            day_mark([s for _, s in by_day.get(d, [])], d in ran),
            tuple(t for t, _ in by_day.get(d, [])),
        )
        for d in days
    ]


def share_done(marks: Sequence[DayGlance]) -> float | None:
    """Share of the days with sessions due that were done as planned (partly counts half)."""
    due = [m for m in marks if m.mark in (Mark.DONE, Mark.PARTLY, Mark.MISSED)]
    if not due:
        return None
    return sum(1.0 if m.mark is Mark.DONE else 0.5 if m.mark is Mark.PARTLY else 0.0
               for m in due) / len(due)  # fmt: skip


def check_note(note: str) -> str:
    """A coach's note on a change: why (the athlete sees it with the change)."""
    text = note.strip()
    if not text:
        raise InvalidInput("say why you change the plan: the athlete sees your note")
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(f"a note has at most {MAX_NOTE_CHARS} characters")
    return text


def describe_change(before: Sequence[str], after: Sequence[str]) -> str:
    """What a day's edit changed, in words: 'tempo 20 min -> easy 40 min'."""
    was = " + ".join(before) or "rest"
    now = " + ".join(after) or "rest"
    return f"{was} -> {now}"


def new_violations(
    before: Mapping[tuple[str, str], object], after: Mapping[tuple[str, str], object]
) -> list[tuple[str, str]]:
    """The (rule, day) pairs broken after a change and not before it."""
    return [key for key in after if key not in before]
