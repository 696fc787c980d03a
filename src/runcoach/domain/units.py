"""Distance, duration and pace: parsing what runners type and formatting what they read.

Inside runcoach everything is metres and seconds. This module is the one place where
"10k", "half", "35mi", "1:32:05" and "4:50/km" become numbers, and where numbers become
"4:50/km" or "7:47/mi" again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from runcoach.domain.errors import InvalidInput

METRES_PER_MILE = 1609.344  # international mile, exact by definition (1959)
METRES_PER_KM = 1000.0
MARATHON_M = 42195.0  # IAAF/World Athletics marathon distance
HALF_MARATHON_M = 21097.5  # half of the marathon distance

# Names runners use for standard race distances, in metres.
NAMED_DISTANCES_M: dict[str, float] = {
    "marathon": MARATHON_M,
    "full": MARATHON_M,
    "fm": MARATHON_M,
    "half": HALF_MARATHON_M,
    "half-marathon": HALF_MARATHON_M,
    "halfmarathon": HALF_MARATHON_M,
    "hm": HALF_MARATHON_M,
    "mile": METRES_PER_MILE,
    "1mile": METRES_PER_MILE,
}

DISTANCE_EXAMPLES = "5k, 10k, half, marathon, mile, 8k, 50k, 3000m, 12.5km, 10mi"
DURATION_EXAMPLES = "41:30, 1:32:05, 2:59:59, 45min, 90s"
PACE_EXAMPLES = "4:50/km, 7:45/mi"

_DISTANCE_RE = re.compile(
    r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>k|km|m|mi|mile|miles|meters|metres|kilometers|kilometres)?$"
)
_UNIT_METRES = {
    "k": METRES_PER_KM,
    "km": METRES_PER_KM,
    "kilometers": METRES_PER_KM,
    "kilometres": METRES_PER_KM,
    "m": 1.0,
    "meters": 1.0,
    "metres": 1.0,
    "mi": METRES_PER_MILE,
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
}


class UnitSystem(StrEnum):
    """How a runner wants distances and paces shown."""

    METRIC = "metric"
    IMPERIAL = "imperial"


def parse_distance(text: str) -> float:
    """Parse a distance as runners write it and return metres.

    Accepts named races ("half", "marathon", "mile"), numbers with a unit ("10k", "12.5km",
    "3000m", "35mi", "10 miles") and a bare number, which is metres ("800").
    """
    cleaned = text.strip().lower().replace("_", "-")
    if cleaned in NAMED_DISTANCES_M:
        return NAMED_DISTANCES_M[cleaned]
    match = _DISTANCE_RE.match(cleaned.replace(" ", ""))
    if not match:
        raise InvalidInput(
            f"'{text}' is not a distance runcoach understands",
            hint=f"for example {DISTANCE_EXAMPLES}",
        )
    value = float(match["num"])
    metres = value * _UNIT_METRES[match["unit"] or "m"]
    if metres <= 0:
        raise InvalidInput(
            f"'{text}' is not a positive distance", hint=f"for example {DISTANCE_EXAMPLES}"
        )
    return metres


_CLOCK_RE = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2}(?:\.\d+)?)$")
_UNIT_DURATION_RE = re.compile(
    r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>h|hr|hrs|hours?|min|mins|minutes?|s|sec|secs|seconds?)$"
)
_DURATION_UNIT_S = {"h": 3600.0, "m": 60.0, "s": 1.0}


def parse_duration(text: str) -> float:
    """Parse "h:mm:ss", "mm:ss", "45min", "1.5h" or "90s" and return seconds."""
    cleaned = text.strip().lower()
    clock = _CLOCK_RE.match(cleaned)
    if clock:
        return _clock_seconds(text, clock)
    unit = _UNIT_DURATION_RE.match(cleaned.replace(" ", ""))
    if unit:
        seconds = float(unit["num"]) * _DURATION_UNIT_S[unit["unit"][0]]
        if seconds > 0:
            return seconds
    raise InvalidInput(
        f"'{text}' is not a time runcoach understands",
        hint=f"write h:mm:ss or mm:ss, for example {DURATION_EXAMPLES}",
    )


def _clock_seconds(text: str, clock: re.Match[str]) -> float:
    hours = int(clock["h"]) if clock["h"] is not None else 0
    minutes = int(clock["m"])
    seconds = float(clock["s"])
    if seconds >= 60 or (clock["h"] is not None and minutes >= 60):
        raise InvalidInput(
            f"'{text}' is not a valid time: minutes and seconds run from 00 to 59",
            hint=f"for example {DURATION_EXAMPLES}",
        )
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise InvalidInput(
            f"'{text}' is not a positive time", hint=f"for example {DURATION_EXAMPLES}"
        )
    return total


@dataclass(frozen=True, order=True)
class Pace:
    """Time per distance, stored as seconds per kilometre."""

    seconds_per_km: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.seconds_per_km) or self.seconds_per_km <= 0:
            raise InvalidInput(
                f"a pace must be a positive time per distance, not {self.seconds_per_km}"
            )

    @classmethod
    def from_distance_time(cls, distance_m: float, duration_s: float) -> Pace:
        if distance_m <= 0 or duration_s <= 0:
            raise InvalidInput("a pace needs a positive distance and a positive time")
        return cls(duration_s / distance_m * METRES_PER_KM)

    @classmethod
    def from_speed(cls, speed_m_per_s: float) -> Pace:
        if speed_m_per_s <= 0:
            raise InvalidInput("a pace needs a positive speed")
        return cls(METRES_PER_KM / speed_m_per_s)

    @property
    def seconds_per_mile(self) -> float:
        return self.seconds_per_km * METRES_PER_MILE / METRES_PER_KM

    @property
    def speed_m_per_s(self) -> float:
        return METRES_PER_KM / self.seconds_per_km

    def time_for(self, distance_m: float) -> float:
        """Seconds needed to cover ``distance_m`` at this pace."""
        return self.seconds_per_km * distance_m / METRES_PER_KM

    def scaled(self, factor: float) -> Pace:
        """This pace multiplied by ``factor`` (> 1 is slower)."""
        return Pace(self.seconds_per_km * factor)

    def format(self, system: UnitSystem = UnitSystem.METRIC) -> str:
        return format_pace(self, system)


_PACE_RE = re.compile(r"^(?P<clock>[\d:.]+)\s*(?:/|per|min/)\s*(?P<unit>km|k|mi|mile)$")


def parse_pace(text: str) -> Pace:
    """Parse "4:50/km", "7:45/mi" or "7:45 per mile"."""
    match = _PACE_RE.match(text.strip().lower())
    if not match:
        raise InvalidInput(
            f"'{text}' is not a pace runcoach understands", hint=f"for example {PACE_EXAMPLES}"
        )
    seconds = parse_duration(match["clock"])
    per_metres = METRES_PER_KM if match["unit"] in ("km", "k") else METRES_PER_MILE
    return Pace(seconds / per_metres * METRES_PER_KM)


def counted(count: int, one: str, many: str | None = None) -> str:
    """ "1 run", "3 runs", "1,204 runs"; ``many`` for plurals that are not one + "s"."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def format_duration(seconds: float) -> str:
    """Format seconds as "h:mm:ss" (or "m:ss" under an hour), rounded to the second."""
    total = round(seconds)
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def format_pace(pace: Pace, system: UnitSystem = UnitSystem.METRIC) -> str:
    """Format a pace as "4:50/km" or "7:47/mi"."""
    if system is UnitSystem.IMPERIAL:
        return f"{format_duration(pace.seconds_per_mile)}/mi"
    return f"{format_duration(pace.seconds_per_km)}/km"


def format_speed(pace: Pace, system: UnitSystem = UnitSystem.METRIC) -> str:
    """Format a pace as a speed, "28.4 km/h" or "17.6 mph" (how riders read theirs)."""
    if system is UnitSystem.IMPERIAL:
        return f"{3600 / pace.seconds_per_mile:.1f} mph"
    return f"{3600 / pace.seconds_per_km:.1f} km/h"


def format_distance(
    distance_m: float, system: UnitSystem = UnitSystem.METRIC, digits: int = 2
) -> str:
    """Format metres as "12.35 km" or "7.67 mi"."""
    if system is UnitSystem.IMPERIAL:
        return f"{distance_m / METRES_PER_MILE:.{digits}f} mi"
    return f"{distance_m / METRES_PER_KM:.{digits}f} km"


_KM_IN_TEXT = re.compile(r"(?<![\w.])(\d+(?:\.(\d+))?) ?km\b")


def distances_in(text: str, system: UnitSystem = UnitSystem.METRIC) -> str:
    """A sentence written in km (a plan's note, a long run's title) in the runner's units:
    "The long run reaches 13.9 km" -> "The long run reaches 8.6 mi" (same decimals)."""
    if system is not UnitSystem.IMPERIAL:
        return text

    def miles(found: re.Match[str]) -> str:
        digits = len(found[2] or "") or (1 if float(found[1]) < 10 else 0)
        return format_distance(float(found[1]) * METRES_PER_KM, system, digits=digits)

    return _KM_IN_TEXT.sub(miles, text)


def distance_label(distance_m: float) -> str:
    """A short human name for a race distance: "marathon", "half", "10k", "1 mile", "3000 m"."""
    for name, metres in (
        ("marathon", MARATHON_M),
        ("half", HALF_MARATHON_M),
        ("mile", METRES_PER_MILE),
    ):
        if abs(distance_m - metres) < 1:
            return name
    if distance_m >= METRES_PER_KM and distance_m % 100 == 0:
        return f"{distance_m / METRES_PER_KM:g}k"
    return f"{distance_m:g} m"


TEMPERATURE_EXAMPLES = "24C, 24°C, 75F"
_TEMPERATURE_RE = re.compile(r"^(?P<num>-?\d+(?:\.\d+)?)\s*°?\s*(?P<unit>c|f)?$")


def parse_temperature(text: str) -> float:
    """Parse "24C", "24 °C" or "75F" and return degrees Celsius (a bare number is Celsius)."""
    match = _TEMPERATURE_RE.match(text.strip().lower())
    if not match:
        raise InvalidInput(
            f"'{text}' is not a temperature runcoach understands",
            hint=f"for example {TEMPERATURE_EXAMPLES}",
        )
    value = float(match["num"])
    celsius = (value - 32.0) * 5.0 / 9.0 if match["unit"] == "f" else value
    if not -40.0 <= celsius <= 55.0:
        raise InvalidInput(
            f"{text} is outside the temperatures people race in (-40 to 55 °C)",
            hint=f"for example {TEMPERATURE_EXAMPLES}",
        )
    return celsius


def parse_percentage(text: str) -> float:
    """Parse "70%" or "70" and return 70.0 (0-100)."""
    cleaned = text.strip().rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 100.0:
        raise InvalidInput(f"'{text}' is not a percentage from 0 to 100", hint="for example 70%")
    return value


_TIME_OF_DAY_RE = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$")


def parse_time_of_day(text: str) -> float:
    """Parse "09:00", "21:30", "9pm" or "7:30am" and return the hour of day (21.5)."""
    match = _TIME_OF_DAY_RE.match(text.strip().lower())
    hours = int(match["h"]) if match else 99
    minutes = int(match["m"] or 0) if match else 0
    if match and match["ampm"]:
        hours = hours % 12 + (12 if match["ampm"] == "pm" else 0) if hours <= 12 else 99
    if not match or hours > 23 or minutes > 59:
        raise InvalidInput(f"'{text}' is not a time of day", hint="for example 09:00, 21:30 or 9pm")
    return hours + minutes / 60.0


KG_PER_LB = 0.45359237  # international avoirdupois pound, exact by definition (1959)
WEIGHT_EXAMPLES = "70.4kg, 155lb"
_WEIGHT_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>kg|kgs|lb|lbs|pounds?)?$")


def parse_weight(text: str, system: UnitSystem = UnitSystem.METRIC) -> float:
    """Parse "70.4kg" or "155lb" and return kilograms; a bare number is in ``system``'s unit
    (kg for metric, lb for imperial)."""
    match = _WEIGHT_RE.match(text.strip().lower())
    if not match:
        raise InvalidInput(
            f"'{text}' is not a weight runcoach understands", hint=f"for example {WEIGHT_EXAMPLES}"
        )
    unit = match["unit"] or ("lb" if system is UnitSystem.IMPERIAL else "kg")
    value = float(match["num"])
    return value if unit.startswith("kg") else value * KG_PER_LB


def format_weight(kg: float, system: UnitSystem = UnitSystem.METRIC, digits: int = 1) -> str:
    """Format kilograms as "70.4 kg" or "155.2 lb"."""
    if system is UnitSystem.IMPERIAL:
        return f"{kg / KG_PER_LB:.{digits}f} lb"
    return f"{kg:.{digits}f} kg"


HOURS_EXAMPLES = "7.5h, 7h30, 7:30, 450min"
_HOURS_RE = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)(?:h|hrs?|hours?)?|(?P<hh>\d+)(?:h|:)(?P<mm>\d{1,2})(?:m|min)?"
    r"|(?P<min>\d+)(?:min|mins|minutes?))$"
)


def parse_hours(text: str) -> float:
    """Parse a span of hours as people say how long they slept and return seconds:
    "7.5h", "7h30", "7h30m", "7:30" (h:mm), "450min", or a bare number of hours ("7.5")."""
    match = _HOURS_RE.match(text.strip().lower().replace(" ", ""))
    if match and match["mm"] is not None and int(match["mm"]) >= 60:
        match = None
    if not match:
        raise InvalidInput(
            f"'{text}' is not a number of hours runcoach understands",
            hint=f"for example {HOURS_EXAMPLES}",
        )
    if match["min"] is not None:
        return float(match["min"]) * 60.0
    if match["hh"] is not None:
        return int(match["hh"]) * 3600.0 + int(match["mm"]) * 60.0
    return float(match["h"]) * 3600.0


def signed(value: float, digits: int = 1) -> str:
    """A change with its sign: "+1.2", "-0.4", and "+0.0" for what rounds to nothing (never
    "-0.0", which reads as a loss)."""
    return f"{round(value, digits) + 0.0:+.{digits}f}"


def format_hours(seconds: float) -> str:
    """Format seconds as hours and minutes the way sleep is told: "7h30", "8h00"."""
    minutes = round(seconds / 60.0)
    return f"{minutes // 60}h{minutes % 60:02d}"


_BPM_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?:bpm)?$")


def parse_heart_rate(text: str) -> float:
    """Parse "52" or "52bpm" and return beats per minute."""
    match = _BPM_RE.match(text.strip().lower())
    if not match:
        raise InvalidInput(
            f"'{text}' is not a heart rate in beats per minute", hint="for example 52 or 52bpm"
        )
    return float(match["num"])
