"""A decade from a modern watch: one-hour runs recorded every second, imported.

    python -m benchmarks.watch_decade [--years 10] [--runs-per-week 6] [--repeat 1]
                                      [--postgres URL] [--out DIR]

1. Writes (not timed) ``VARIANTS`` one-hour FIT activity files from the published FIT
   protocol with fit-tool (the FIT writer runcoach already uses for workouts): one record a
   second with position, distance, speed, altitude, heart rate, cadence and power, a lap per
   km, a session and an activity; easy, tempo, intervals, hills and progression sessions.
   They are replayed (``benchmarks.replay.shift_fit``) on the run days of ``--years`` years
   (6 a week: 3,120 files and 11.2 M records for a decade).
2. Times fitfast alone reading every file in one process: the fastest decoder's floor.
3. Times ``runcoach import DIR --json`` into a new SQLite home (or, with ``--postgres``, a new
   PostgreSQL database on that server), median of ``--repeat``, with the CPU time of the
   import and its reader processes.
Results are printed as JSON and belong in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.replay import shift_fit
from benchmarks.stores import fresh_store, load_average, run_runcoach

RUN_S = 3600  # s; one hour, one record a second
VARIANTS = ("easy", "tempo", "intervals", "hills", "progression", "long_easy")
FIRST_DAY = date(2016, 1, 4)  # a Monday
START_HOUR_UTC = 6
RUN_DAYS = (0, 1, 2, 3, 5, 6, 4)  # weekday order in which run days are added to a week
EASY_SPEED_M_S = 3.0  # 5:33/km
HOME = (48.8566, 2.3522)  # degrees; where the loops start
METRES_PER_DEGREE = 111_195.0
SECONDS_PER_DAY = 86_400  # a multiple of 32 s, as shift_fit needs


def speed_at(variant: str, second: int) -> float:
    """The runner's speed (m/s) ``second`` s into a session of ``variant``."""
    minute = second / 60.0
    wobble = 0.05 * math.sin(second / 7.0)
    if variant == "tempo" and 15 <= minute < 45:
        return 3.9 + wobble
    if variant == "intervals" and 15 <= minute < 47:
        return (4.6 if (second - 900) % 240 < 120 else 2.6) + wobble
    if variant == "progression":
        return 2.9 + 1.1 * minute / 60.0 + wobble
    if variant == "long_easy":
        return 2.8 + wobble
    return EASY_SPEED_M_S + wobble


def altitude_at(variant: str, distance_m: float) -> float:
    if variant == "hills":
        return 60.0 + 35.0 * math.sin(distance_m / 400.0)
    return 40.0 + 6.0 * math.sin(distance_m / 2500.0)


def samples(variant: str) -> list[dict[str, float]]:
    rows, distance_m = [], 0.0
    for second in range(RUN_S):
        speed = speed_at(variant, second)
        distance_m += speed
        angle = distance_m / 5000.0 * 2 * math.pi  # a 5 km loop
        radius_deg = 5000.0 / (2 * math.pi) / METRES_PER_DEGREE
        rows.append(
            {
                "second": second,
                "speed": speed,
                "distance": distance_m,
                "lat": HOME[0] + radius_deg * math.sin(angle),
                "lon": HOME[1] + radius_deg * (1 - math.cos(angle)) / math.cos(math.radians(48.9)),
                "alt": altitude_at(variant, distance_m),
                "hr": 120 + 45 * (speed - 2.5) / 2.0 + 5 * math.sin(second / 300.0),
                "cadence": 80 + 6 * (speed - 2.5),
                "power": 180 + 70 * (speed - 2.5),
            }
        )
    return rows


def fit_bytes(variant: str, start: datetime) -> bytes:
    """A one-hour FIT activity of ``variant`` starting at ``start``."""
    from fit_tool.fit_file_builder import FitFileBuilder

    rows = samples(variant)
    builder = FitFileBuilder(auto_define=True)
    builder.add(_file_id(start))
    builder.add(_event(start, start_event=True))
    lap_first = 0
    laps = []
    for index, row in enumerate(rows):
        builder.add(_record(start, row))
        crossed = int(row["distance"] // 1000) > int((row["distance"] - row["speed"]) // 1000)
        if crossed or index == len(rows) - 1:
            laps.append(_lap(start, rows[lap_first : index + 1]))
            lap_first = index + 1
    builder.add(_event(start + timedelta(seconds=RUN_S), start_event=False))
    builder.add_all(laps)
    builder.add(_session(start, rows, len(laps)))
    builder.add(_activity(start))
    return bytes(builder.build().to_bytes())


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _file_id(start: datetime) -> Any:
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer

    message = FileIdMessage()
    message.type = FileType.ACTIVITY
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.serial_number = 0x52430002
    message.time_created = _ms(start)
    return message


def _event(at: datetime, start_event: bool) -> Any:
    from fit_tool.profile.messages.event_message import EventMessage
    from fit_tool.profile.profile_type import Event, EventType

    message = EventMessage()
    message.timestamp = _ms(at)
    message.event = Event.TIMER
    message.event_type = EventType.START if start_event else EventType.STOP_ALL
    return message


def _record(start: datetime, row: dict[str, float]) -> Any:
    from fit_tool.profile.messages.record_message import RecordMessage

    message = RecordMessage()
    message.timestamp = _ms(start + timedelta(seconds=row["second"]))
    message.position_lat = row["lat"]
    message.position_long = row["lon"]
    message.distance = row["distance"]
    message.enhanced_speed = row["speed"]
    message.enhanced_altitude = row["alt"]
    message.heart_rate = round(row["hr"])
    message.cadence = round(row["cadence"])
    message.power = round(row["power"])
    return message


def _totals(message: Any, start: datetime, rows: list[dict[str, float]]) -> None:
    first, last = rows[0], rows[-1]
    elapsed = last["second"] - first["second"] + 1
    message.start_time = _ms(start + timedelta(seconds=first["second"]))
    message.timestamp = _ms(start + timedelta(seconds=last["second"] + 1))
    message.total_elapsed_time = elapsed
    message.total_timer_time = elapsed
    message.total_distance = last["distance"] - first["distance"] + first["speed"]
    message.avg_heart_rate = round(statistics.fmean(r["hr"] for r in rows))
    message.max_heart_rate = round(max(r["hr"] for r in rows))


def _lap(start: datetime, rows: list[dict[str, float]]) -> Any:
    from fit_tool.profile.messages.lap_message import LapMessage

    message = LapMessage()
    _totals(message, start, rows)
    return message


def _session(start: datetime, rows: list[dict[str, float]], laps: int) -> Any:
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import Sport, SubSport

    message = SessionMessage()
    _totals(message, start, rows)
    message.sport = Sport.RUNNING
    message.sub_sport = SubSport.GENERIC
    message.first_lap_index = 0
    message.num_laps = laps
    return message


def _activity(start: datetime) -> Any:
    from fit_tool.profile.messages.activity_message import ActivityMessage

    message = ActivityMessage()
    message.timestamp = _ms(start + timedelta(seconds=RUN_S))
    message.total_timer_time = RUN_S
    message.num_sessions = 1
    return message


def build_history(folder: Path, years: int, runs_per_week: int) -> dict[str, int]:
    first_start = datetime.combine(FIRST_DAY, datetime.min.time(), UTC).replace(hour=START_HOUR_UTC)
    base = {variant: fit_bytes(variant, first_start) for variant in VARIANTS}
    days = [
        FIRST_DAY + timedelta(weeks=week, days=weekday)
        for week in range(years * 52)
        for weekday in sorted(RUN_DAYS[:runs_per_week])
    ]
    total = 0
    for index, day in enumerate(days):
        variant = VARIANTS[index % len(VARIANTS)]
        data = shift_fit(base[variant], (day - FIRST_DAY).days * SECONDS_PER_DAY)
        out = folder / f"{day.year}" / f"{day.isoformat()}-{variant}.fit"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        total += len(data)
    return {"files": len(days), "bytes": total, "records": len(days) * RUN_S}


def fitfast_alone_s(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds fitfast takes to read every file of ``folder`` in this process."""
    import fitfast

    files = [path.read_bytes() for path in sorted(folder.rglob("*.fit"))]
    began, began_cpu = time.perf_counter(), time.process_time()
    for data in files:
        fitfast.parse(data)
    return time.perf_counter() - began, time.process_time() - began_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs-per-week", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: import into new databases")
    parser.add_argument("--out", type=Path, help="keep the history here (default: temporary)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="runcoach-watch-decade-"))
    history = args.out or work / "history"
    built = build_history(history, args.years, args.runs_per_week)
    floor_s, floor_cpu_s = fitfast_alone_s(history)
    times, cpus, loads = [], [], []
    for attempt in range(args.repeat):
        with fresh_store(work, attempt, args.postgres) as store:
            loads.append(load_average())
            seconds, cpu_s, out = run_runcoach(store, "import", str(history), "--json")
            times.append(seconds)
            cpus.append(cpu_s)
            summary = json.loads(out)
            engine = store.engine_name
    median = statistics.median(times)
    result = {
        "history": built,
        "engine": engine,
        "import_s_median": round(median, 2),
        "import_s_all": [round(t, 2) for t in times],
        "import_cpu_s_all": [round(c, 1) for c in cpus],
        "records_per_s": round(built["records"] / median),
        "fitfast_alone_s": round(floor_s, 2),
        "fitfast_alone_cpu_s": round(floor_cpu_s, 2),
        "import_vs_fitfast_alone": round(median / floor_s, 2),
        "import_cpu_vs_fitfast_alone_cpu": round(statistics.median(cpus) / floor_cpu_s, 2),
        "load_average_at_start": loads,
        "import_summary": {k: v for k, v in summary.items() if isinstance(v, int | float)},
    }
    print(json.dumps(result, indent=2))
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
