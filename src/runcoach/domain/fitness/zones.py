"""Heart-rate zones: Karvonen (heart-rate reserve) when resting HR is known, else % of max HR.

Karvonen M.J., Kentala E., Mustala O. (1957), Ann Med Exp Biol Fenn 35:307: a target heart
rate is resting + share x (max - resting). Without resting HR the same shares apply to max
HR (ACSM's Guidelines for Exercise Testing and Prescription, 11th ed. 2021), which is cruder.
"""

from __future__ import annotations

from dataclasses import dataclass

from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint

# Five zones as shares of heart-rate reserve (Karvonen 1957) or of max HR; common 5-zone model
ZONE_BOUNDS: tuple[tuple[str, float, float], ...] = (
    ("Z1 recovery", 0.50, 0.60),
    ("Z2 easy / aerobic", 0.60, 0.70),
    ("Z3 marathon / tempo", 0.70, 0.80),
    ("Z4 threshold", 0.80, 0.90),
    ("Z5 interval / VO2max", 0.90, 1.00),
)
MAX_HR_RANGE = (120, 230)  # bpm; plausible adult maximum heart rates
REST_HR_RANGE = (25, 110)  # bpm; plausible resting heart rates


@dataclass(frozen=True)
class HeartRateZone:
    name: str
    low_bpm: int
    high_bpm: int


@dataclass(frozen=True)
class HeartRateZones:
    method: str
    source: str
    zones: tuple[HeartRateZone, ...]


def heart_rate_zones(max_hr: int, resting_hr: int | None = None) -> HeartRateZones:
    """Five zones from max HR, with resting HR by Karvonen's heart-rate reserve."""
    _check(max_hr, resting_hr)
    base = 0 if resting_hr is None else resting_hr
    span = max_hr - base
    zones = tuple(
        HeartRateZone(name, round(base + low * span), round(base + high * span))
        for name, low, high in ZONE_BOUNDS
    )
    if resting_hr is None:
        return HeartRateZones("% of max HR", "ACSM Guidelines (2021), % HRmax", zones)
    return HeartRateZones("heart-rate reserve", "Karvonen et al. 1957", zones)


def _check(max_hr: int, resting_hr: int | None) -> None:
    if not MAX_HR_RANGE[0] <= max_hr <= MAX_HR_RANGE[1]:
        raise InvalidInput(
            f"a max heart rate of {max_hr} bpm is not plausible",
            hint=Hint(Do.GIVE_MAX_HR, "e.g. 186"),
        )
    if resting_hr is not None and not (
        REST_HR_RANGE[0] <= resting_hr <= REST_HR_RANGE[1] and resting_hr < max_hr
    ):
        raise InvalidInput(
            f"a resting heart rate of {resting_hr} bpm is not plausible",
            hint=Hint(Do.GIVE_RESTING_HR, "e.g. 52"),
        )
