"""An employer's iCalendar rota read as the plan's day types (issue 15, point 9)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.plans.rota import (
    ShiftKind,
    WorkShift,
    day_types_for,
    local_shifts,
    shift_kinds,
)
from runcoach.domain.plans.schedule import Allowance, DayType
from runcoach.inputs.rota import rota_from_bytes

NIGHT = DayType("night shift", Allowance.NONE)
DAY = DayType("day", Allowance.SHORT, 30)
OFF = DayType("off", Allowance.ANY)


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


def event(summary: str, start: str, end: str = "", extra: str = "") -> str:
    text = f"SUMMARY:{summary}\r\nDTSTART{start}\r\n"
    return text + (f"DTEND{end}\r\n" if end else "") + extra


def test_a_night_across_midnight_is_a_night_then_an_after_night_day():
    shifts = rota_from_bytes(ics(event("Ward 4", ":20270104T190000", ":20270105T073000")), "r")
    assert shift_kinds(shifts) == {
        date(2027, 1, 4): ShiftKind.NIGHT,
        date(2027, 1, 5): ShiftKind.AFTER_NIGHT,
    }


def test_day_shifts_half_days_leave_and_the_gaps_between_them():
    shifts = rota_from_bytes(ics(
        event("Early", ":20270104T070000", ":20270104T193000"),
        event("Clinic", ":20270105T080000", ":20270105T120000"),
        event("Annual leave", ";VALUE=DATE:20270107", ";VALUE=DATE:20270109"),
        event("Late", ":20270110T120000", ":20270110T220000"),
    ), "r")  # fmt: skip
    kinds = shift_kinds(shifts)
    assert kinds[date(2027, 1, 4)] is ShiftKind.DAY
    assert kinds[date(2027, 1, 5)] is ShiftKind.SHORT
    assert kinds[date(2027, 1, 6)] is ShiftKind.OFF  # no shift: a day off
    assert kinds[date(2027, 1, 7)] is kinds[date(2027, 1, 8)] is ShiftKind.OFF
    assert kinds[date(2027, 1, 10)] is ShiftKind.DAY  # 12:00-22:00: a day shift, not a night


def test_a_repeating_night_is_expanded_and_times_with_a_zone_read_in_the_athletes_zone():
    rule = "RRULE:FREQ=DAILY;COUNT=3\r\n"
    shifts = rota_from_bytes(ics(event("N", ":20270104T180000Z", ":20270105T060000Z", rule)), "r")
    assert len(shifts) == 3
    tokyo = shift_kinds(local_shifts(shifts, ZoneInfo("Asia/Tokyo")))  # 03:00-15:00 there
    assert ShiftKind.NIGHT not in tokyo.values()
    utc = shift_kinds(local_shifts(shifts, ZoneInfo("UTC")))
    assert [utc[date(2027, 1, d)] for d in (4, 5, 6, 7)] == [
        ShiftKind.NIGHT, ShiftKind.NIGHT, ShiftKind.NIGHT, ShiftKind.AFTER_NIGHT
    ]  # fmt: skip


def test_kinds_take_the_plans_day_types_by_name_or_as_the_runner_says():
    kinds = {date(2027, 1, 4): ShiftKind.NIGHT, date(2027, 1, 5): ShiftKind.AFTER_NIGHT,
             date(2027, 1, 6): ShiftKind.DAY}  # fmt: skip
    types = day_types_for(kinds, [NIGHT, DAY, OFF], {})
    assert types[date(2027, 1, 4)] is NIGHT and types[date(2027, 1, 6)] is DAY
    assert types[date(2027, 1, 5)].max_minutes == 30  # after a night: a short run at most
    told = day_types_for(kinds, [NIGHT, DAY, OFF], {"after-night": "none", "day": "short 45"})
    assert told[date(2027, 1, 5)].allowance is Allowance.NONE
    assert told[date(2027, 1, 6)].max_minutes == 45


def test_a_kind_the_plan_cannot_place_is_a_clear_error_naming_the_map_to_write():
    with pytest.raises(InvalidInput, match="night shifts") as error:
        day_types_for({date(2027, 1, 4): ShiftKind.NIGHT}, [DAY, OFF], {})
    assert "say what night shifts are" in str(error.value.hint)
    hint = error.value.hint  # each door names its way to say it (CLI: --map night=...)
    assert isinstance(hint, Hint) and hint.do is Do.MAP_SHIFT_KIND
    assert hint.values == {"kind": "night", "types": "day, off"}
    with pytest.raises(InvalidInput, match="not a kind of shift"):
        day_types_for({date(2027, 1, 4): ShiftKind.DAY}, [DAY], {"evening": "none"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"this is not a calendar", "not an iCalendar file"),
        (ics(), "no event"),
        (ics("SUMMARY:Night\r\n"), "has no start"),
        (ics(event("N", ":20270104T190000", ":20270104T070000")), "ends before it starts"),
        (ics(event("N", ":20270104T190000", ":20270105T070000", "RRULE:FREQ=NEVER\r\n")),
         "repeat rule"),
    ],
)  # fmt: skip
def test_what_cannot_be_read_is_said_with_the_file_and_the_event(data: bytes, message: str):
    with pytest.raises(InvalidInput, match=message):
        shift_kinds(rota_from_bytes(data, "rota.ics"))


def test_a_timed_entry_named_as_time_off_is_a_day_off():
    shift = WorkShift("Leave (half day)", datetime(2027, 1, 4, 8), datetime(2027, 1, 4, 12))
    assert shift_kinds([shift]) == {date(2027, 1, 4): ShiftKind.OFF}
