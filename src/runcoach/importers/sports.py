"""Sport names as devices write them -> ``Sport``: one table per format, one place."""

from __future__ import annotations

from runcoach.domain.run.runs import Sport

# FIT: (sport, sub_sport) first, then sport alone (FIT profile, Garmin FIT SDK 21.x).
_FIT_SUB_SPORTS: dict[tuple[str, str], Sport] = {
    ("running", "treadmill"): Sport.TREADMILL,
    ("running", "indoor_running"): Sport.TREADMILL,
    ("running", "virtual_activity"): Sport.TREADMILL,
    ("running", "trail"): Sport.TRAIL_RUNNING,
    ("running", "track"): Sport.TRACK,
    ("fitness_equipment", "treadmill"): Sport.TREADMILL,
    ("fitness_equipment", "elliptical"): Sport.ELLIPTICAL,
    ("fitness_equipment", "indoor_rowing"): Sport.ROWING,
    ("fitness_equipment", "strength_training"): Sport.STRENGTH,
    ("training", "strength_training"): Sport.STRENGTH,
}
_FIT_SPORTS: dict[str, Sport] = {
    "running": Sport.RUNNING,
    "walking": Sport.WALKING,
    "hiking": Sport.HIKING,
    "cycling": Sport.CYCLING,
    "e_biking": Sport.CYCLING,
    "swimming": Sport.SWIMMING,
    "rowing": Sport.ROWING,
    "cross_country_skiing": Sport.SKIING,
    "alpine_skiing": Sport.SKIING,
    "snowboarding": Sport.SKIING,
    "training": Sport.STRENGTH,
}

# Free-text names from GPX <type>, TCX Sport="..." and Strava exports, lower-cased.
_NAMES: dict[str, Sport] = {
    "running": Sport.RUNNING, "run": Sport.RUNNING, "9": Sport.RUNNING,
    "trail_running": Sport.TRAIL_RUNNING, "trailrun": Sport.TRAIL_RUNNING,
    "treadmill": Sport.TREADMILL, "treadmill_running": Sport.TREADMILL,
    "virtualrun": Sport.TREADMILL, "indoor_running": Sport.TREADMILL,
    "track_running": Sport.TRACK, "walking": Sport.WALKING, "walk": Sport.WALKING,
    "10": Sport.WALKING, "hiking": Sport.HIKING, "hike": Sport.HIKING, "4": Sport.HIKING,
    "biking": Sport.CYCLING, "cycling": Sport.CYCLING, "ride": Sport.CYCLING,
    "1": Sport.CYCLING, "virtualride": Sport.CYCLING, "swimming": Sport.SWIMMING,
    "swim": Sport.SWIMMING, "rowing": Sport.ROWING, "elliptical": Sport.ELLIPTICAL,
    "nordicski": Sport.SKIING, "cross_country_skiing": Sport.SKIING,
    "alpineski": Sport.SKIING, "weighttraining": Sport.STRENGTH,
}  # fmt: skip


def fit_sport(sport: object, sub_sport: object) -> Sport:
    key = (str(sport), str(sub_sport))
    if key in _FIT_SUB_SPORTS:
        return _FIT_SUB_SPORTS[key]
    return _FIT_SPORTS.get(str(sport), Sport.OTHER)


def named_sport(name: str | None, default: Sport = Sport.RUNNING) -> Sport:
    """The sport a free-text name means; ``default`` when no name is given."""
    if not name or not name.strip():
        return default
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return _NAMES.get(key, _NAMES.get(key.replace("_", ""), Sport.OTHER))
