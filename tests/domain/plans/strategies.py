"""Hypothesis strategies for runner profiles: every distance, tight and loose availability,
rotating cycles, beginners and veterans."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

TODAY = date(2026, 11, 22)
DISTANCES = [
    "mile",
    "3000m",
    "5k",
    "8k",
    "10k",
    "15k",
    "half",
    "30k",
    "marathon",
    "50k",
    "100k",
    "100mi",
]
DAY_SPECS = st.one_of(
    st.just("any"),
    st.just("any"),
    st.just("none"),
    st.integers(15, 90).map(lambda m: f"short {m}"),
)


def examples(wanted: int) -> int:
    """``wanted`` examples, or more when a bigger profile (thorough) is loaded."""
    return max(wanted, settings.default.max_examples)


@st.composite
def availability(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return {"weekdays": {n: draw(DAY_SPECS) for n in names}}
    n_types = draw(st.integers(2, 4))
    types = {f"t{i}": draw(DAY_SPECS) for i in range(n_types)}
    length = draw(st.integers(2, 21))
    days = [draw(st.sampled_from(sorted(types))) for _ in range(length)]
    start = TODAY - timedelta(days=draw(st.integers(0, 40)))
    return {"cycle": {"start": start.isoformat(), "days": days, "types": types}}


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    weekly_km = draw(st.floats(0, 140))
    doc: dict[str, Any] = {
        "weekly_distance": f"{weekly_km:.1f}km",
        "longest_run_30d": f"{draw(st.floats(0, 1)) * min(weekly_km, 42):.1f}km",
        "years_running": draw(st.sampled_from([0, 0.5, 1, 2, 5, 15])),
        "run_days_per_week": draw(st.integers(2, 7)),
        "availability": draw(availability()),
        "facilities": draw(
            st.lists(st.sampled_from(["track", "hills", "treadmill", "trails"]), unique=True)
        ),
        "shoes": draw(st.lists(st.sampled_from(["A", "B", "C"]), unique=True)),
        "dislikes": draw(st.lists(st.sampled_from(["hills", "intervals", "tempo"]), unique=True)),
    }
    if draw(st.booleans()):
        doc["recent_injury"] = "calf strain"
    if draw(st.integers(0, 5)) == 0:
        doc["goal"] = draw(st.sampled_from(["base", "health"]))
        doc["weeks"] = draw(st.integers(4, 30))
    else:
        weeks = draw(st.integers(1, 40))
        race = TODAY + timedelta(days=7 * weeks + draw(st.integers(0, 6)))
        doc["goal"] = {"race": draw(st.sampled_from(DISTANCES)), "date": race.isoformat()}
        if draw(st.booleans()):
            doc["goal"]["target"] = draw(
                st.sampled_from(
                    ["4:59", "19:30", "45:00", "1:45:00", "2:59:00", "4:30:00", "23:59:00"]
                )
            )
        doc["tune_up_races"] = [
            {
                "date": (TODAY + timedelta(days=draw(st.integers(7, 7 * weeks)))).isoformat(),
                "distance": draw(st.sampled_from(["5k", "10k", "half"])),
                "insist": draw(st.booleans()),
            }
            for _ in range(draw(st.integers(0, 3)))
        ]
    if draw(st.booleans()):
        doc["recent_results"] = [
            {
                "date": "2026-10-01",
                "distance": "10k",
                "time": draw(st.sampled_from(["35:00", "45:00", "60:00"])),
            }
        ]
    if isinstance(doc["availability"].get("cycle"), dict) and draw(st.booleans()):
        doc["long_run_day"] = draw(st.sampled_from(sorted(doc["availability"]["cycle"]["types"])))
    elif "weekdays" in doc["availability"]:
        doc["long_run_day"] = draw(st.sampled_from(["saturday", "sunday", "wed"]))
    return doc
