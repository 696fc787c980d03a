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


# Rotating shift patterns from real rotas: a nurse's 14 days, 4 on 4 off with nights, a
# physician's 7 on 7 off, "7 on, 5 on, a week off", a continental 2-2-3.
SHIFT_PATTERNS = (
    ["day", "day", "day", "off", "off", "night", "night", "night", "recover", "off", "off",
     "day", "day", "off"],
    ["day"] * 4 + ["off"] * 4 + ["night"] * 4 + ["recover"] + ["off"] * 3,
    ["on"] * 7 + ["off"] * 7,
    ["on"] * 12 + ["off"] * 9,
    ["day", "day", "night", "night", "recover", "off", "off", "off"],
)  # fmt: skip


@st.composite
def shift_lives(draw: st.DrawFn) -> dict[str, Any]:
    """A runner on a rotating rota with nights, training for a race."""
    days = draw(st.sampled_from(SHIFT_PATTERNS))
    short = st.integers(20, 60).map(lambda m: f"short {m}")
    types = {
        "day": draw(short),
        "on": draw(short),
        "night": draw(st.one_of(st.just("none"), st.integers(20, 30).map(lambda m: f"short {m}"))),
        "recover": draw(st.one_of(st.just("none"), short)),
        "off": "any",
    }
    weekly_km = draw(st.floats(12, 80))
    weeks = draw(st.integers(8, 30))
    race = TODAY + timedelta(days=7 * weeks + draw(st.integers(0, 6)))
    run_days = draw(st.one_of(st.integers(3, 7).map(str), st.just("3-4"), st.just("4-5")))
    return {
        "goal": {"race": draw(st.sampled_from(["10k", "half", "marathon"])),
                 "date": race.isoformat()},
        "weekly_distance": f"{weekly_km:.1f}km",
        "longest_run_30d": f"{weekly_km * draw(st.floats(0.2, 0.45)):.1f}km",
        "years_running": draw(st.sampled_from([0.5, 1, 3, 8])),
        "run_days_per_week": int(run_days) if run_days.isdigit() else run_days,
        "availability": {"cycle": {
            "start": (TODAY - timedelta(days=draw(st.integers(0, 27)))).isoformat(),
            "days": days,
            "types": {k: v for k, v in types.items() if k in days},
        }},
        "long_run_day": "off",
    }  # fmt: skip
