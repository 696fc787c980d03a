"""Repository functions for runs: write a run with its laps, efforts and samples; read back.

A run's summary numbers are columns (lists and reports read only those); laps and best
efforts are rows of their own tables ("best 5k ever" is one indexed query); splits and
halves are the ``analysis`` JSON of the run; samples are one compressed blob in ``streams``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Select,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from runcoach.domain.days import zone
from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.hints import Do, Hint
from runcoach.domain.run.efforts import RunAnalysis
from runcoach.domain.run.runs import (
    Lap,
    RaceResult,
    Run,
    Sport,
)
from runcoach.domain.run.tagging import InferredTags
from runcoach.store.athletes import lock_training_log
from runcoach.store.moments import aware
from runcoach.store.pipeline import Write, insert_returning_id, write_all
from runcoach.store.recent_log import RecentRuns
from runcoach.store.recent_log import recent_runs as recent_runs
from runcoach.store.run_list import RunFilter as RunFilter
from runcoach.store.run_list import where_sql
from runcoach.store.run_rows import DEVICE_NUMBERS, RACE_ATTRIBUTES, RACE_FIELDS, run_of
from runcoach.store.run_rows import LAP_FIELDS as _LAP_FIELDS
from runcoach.store.run_weeks import refresh_weeks, run_week_of
from runcoach.store.running import running_only
from runcoach.store.streams_codec import CODEC, decode_streams, encode_streams
from runcoach.store.tables import (
    athletes,
    best_efforts,
    laps,
    run_sources,
    runs,
    source_files,
    streams,
)

TAGS = ("workout_type", "surface", "terrain")


def local_date_of(start: datetime, zone_name: str | None) -> date:
    """The calendar day a run started on where it was run (UTC when the zone is unknown)."""
    try:
        return start.astimezone(zone(zone_name)).date()
    except InvalidInput:  # a zone name a device wrote that this machine does not know
        return start.astimezone(UTC).date()


def fingerprint_of(run: Run) -> str:
    """The activity's identity across formats: its sport family and start minute (UTC)."""
    family = "run" if run.sport.is_run else run.sport.value
    return f"{family}@{run.start.astimezone(UTC):%Y-%m-%dT%H:%M}"


_ATHLETE_TIMEZONE = select(athletes.c.timezone).where(athletes.c.id == bindparam("athlete_id"))


def athlete_timezone(conn: Connection, athlete_id: int) -> str | None:
    return conn.execute(_ATHLETE_TIMEZONE, {"athlete_id": athlete_id}).scalar()


# --- writing -------------------------------------------------------------------------------
# The statements an import runs for every file are built once: SQLAlchemy then finds each
# compiled form in its cache at once, instead of building, comparing and compiling a new
# statement per run (which cost more than the database's own work).

_INSERT_RUN = insert(runs)
_INSERT_LAPS = insert(laps)
_INSERT_EFFORTS = insert(best_efforts)
_INSERT_STREAMS = insert(streams)
_RUN_BY_ID = select(runs).where(runs.c.id == bindparam("run_id"))
_UPDATE_RUN = update(runs).where(runs.c.id == bindparam("run_id"))
_DELETE_DETAILS = [
    delete(table).where(table.c.run_id == bindparam("run_id"))
    for table in (laps, best_efforts, streams)
]


@dataclass(frozen=True)
class EncodedStreams:
    """A run's samples as the ``streams`` table keeps them (``streams_codec``)."""

    samples: int
    columns: tuple[str, ...]
    data: bytes


@dataclass(frozen=True)
class PreparedRun:
    """What the store writes of a run that needs no database: the run without its samples,
    its analysis (and the analysis' JSON) and the samples encoded. An import prepares it in
    the process that read the file; ``insert_prepared`` writes it."""

    run: Run  # its ``streams`` left out: they are ``encoded``
    analysis: RunAnalysis | None
    analysis_json: dict[str, Any] | None
    encoded: EncodedStreams | None

    @property
    def stream_count(self) -> int:
        return 0 if self.encoded is None else len(self.encoded.columns)


def prepare_run(run: Run, analysis: RunAnalysis | None = None) -> PreparedRun:
    """A run made ready to store: its samples encoded, its analysis as JSON."""
    encoded = None
    if run.streams is not None and len(run.streams):
        names = tuple(run.streams.named())
        encoded = EncodedStreams(len(run.streams), names, encode_streams(run.streams))
    return PreparedRun(
        run=dataclasses.replace(run, streams=None),
        analysis=analysis,
        analysis_json=None if analysis is None else _analysis_json(analysis),
        encoded=encoded,
    )


def insert_run(
    conn: Connection,
    athlete_id: int,
    run: Run,
    analysis: RunAnalysis | None = None,
    tags: InferredTags | None = None,
) -> int:
    """Store a run with its laps, best efforts and samples; return its id."""
    return insert_prepared(conn, athlete_id, prepare_run(run, analysis), tags)


def insert_prepared(
    conn: Connection,
    athlete_id: int,
    prepared: PreparedRun,
    tags: InferredTags | None = None,
    *,
    weeks: set[date] | None = None,
    recent: RecentRuns | None = None,
) -> int:
    """Store a prepared run with its laps, best efforts and samples; return its id.
    ``weeks``: when given, the run's day is added to it and the caller recounts its week
    (``refresh_weeks``) before the transaction ends (an import, once per batch); else here.
    ``recent``: the import's runs kept for the tags' context, told of the run."""
    run = prepared.run
    values = {
        **_measured_values(conn, athlete_id, prepared),
        **_own_values(run),
        **_tag_values(run, tags),
    }
    run_id = insert_returning_id(conn, _INSERT_RUN, {"athlete_id": athlete_id, **values})
    _write_details(conn, athlete_id, run_id, prepared)
    _weeks_changed(conn, athlete_id, [values["local_date"]], weeks)
    if recent is not None:
        recent.stored(conn, run_id, values)
    return run_id


def _weeks_changed(
    conn: Connection, athlete_id: int, days: list[date], weeks: set[date] | None
) -> None:
    if weeks is None:
        refresh_weeks(conn, athlete_id, days)
    else:
        weeks.update(days)


def replace_measurements(
    conn: Connection,
    athlete_id: int,
    run_id: int,
    run: Run,
    analysis: RunAnalysis | None,
    tags: InferredTags | None,
) -> None:
    """Take a richer file's numbers for a stored run; the runner's own fields stay."""
    replace_prepared(conn, athlete_id, run_id, prepare_run(run, analysis), tags)


def replace_prepared(
    conn: Connection,
    athlete_id: int,
    run_id: int,
    prepared: PreparedRun,
    tags: InferredTags | None,
    *,
    weeks: set[date] | None = None,
) -> None:
    """``replace_measurements`` of a prepared run (``weeks`` as for ``insert_prepared``)."""
    current = conn.execute(_RUN_BY_ID, {"run_id": run_id}).one()
    values = _measured_values(conn, athlete_id, prepared)
    for tag, value in _tag_values(prepared.run, tags).items():
        base = tag.removesuffix("_inferred").removesuffix("_reason")
        if getattr(current, base) is None or getattr(current, f"{base}_inferred"):
            values[tag] = value
    values["updated_at"] = datetime.now(UTC)
    conn.execute(_UPDATE_RUN.values(**values), {"run_id": run_id})
    for statement in _DELETE_DETAILS:
        conn.execute(statement, {"run_id": run_id})
    _write_details(conn, athlete_id, run_id, prepared)
    _weeks_changed(conn, athlete_id, [current.local_date, values["local_date"]], weeks)


def replace_analysis(
    conn: Connection,
    athlete_id: int,
    run_id: int,
    analysis: RunAnalysis,
    tags: InferredTags | None,
) -> None:
    """A stored run's analysis re-derived from its samples: halves, efforts and the tags
    runcoach inferred (the runner's own tags stay)."""
    current = get_row(conn, athlete_id, run_id)
    halves = analysis.halves
    values: dict[str, Any] = {
        "first_half_s_per_km": None if halves is None else halves.first_pace.seconds_per_km,
        "second_half_s_per_km": None if halves is None else halves.second_pace.seconds_per_km,
        "split_kind": None if halves is None else halves.kind.value,
        "analysis": _analysis_json(analysis),
    }
    untagged = dataclasses.replace(run_of(current), workout_type=None, surface=None, terrain=None)
    for tag, value in _tag_values(untagged, tags).items():
        base = tag.removesuffix("_inferred").removesuffix("_reason")
        if getattr(current, base) is None or getattr(current, f"{base}_inferred"):
            values[tag] = value
    conn.execute(update(runs).where(runs.c.id == run_id).values(**values))
    conn.execute(delete(best_efforts).where(best_efforts.c.run_id == run_id))
    write_all(conn, [(_INSERT_EFFORTS, _effort_rows(athlete_id, run_id, analysis))])
    refresh_weeks(conn, athlete_id, [current.local_date])


_ZONES = "runcoach_athlete_zones"  # Connection.info: the athletes' time zones, per transaction


def _athlete_zone(conn: Connection, athlete_id: int) -> str | None:
    """``athlete_timezone``, read once per transaction (an import writes many runs in one)."""
    known: tuple[object, dict[int, str | None]] | None = conn.info.get(_ZONES)
    if known is None or known[0] is not conn.get_transaction() or athlete_id not in known[1]:
        zone = athlete_timezone(conn, athlete_id)
        transaction = conn.get_transaction()  # begun by the read when none was
        if known is None or known[0] is not transaction:
            known = (transaction, {})
            conn.info[_ZONES] = known
        known[1][athlete_id] = zone
    return known[1][athlete_id]


def _measured_values(conn: Connection, athlete_id: int, prepared: PreparedRun) -> dict[str, Any]:
    run, analysis = prepared.run, prepared.analysis
    zone = run.timezone or _athlete_zone(conn, athlete_id)
    halves = None if analysis is None else analysis.halves
    return {
        "start_utc": run.start.astimezone(UTC),
        "timezone": run.timezone,
        "local_date": local_date_of(run.start, zone),
        "sport": run.sport.value,
        "sub_sport": run.sub_sport,
        **{name: getattr(run, name) for name in DEVICE_NUMBERS},
        "source": run.source,
        "fingerprint": fingerprint_of(run),
        "first_half_s_per_km": None if halves is None else halves.first_pace.seconds_per_km,
        "second_half_s_per_km": None if halves is None else halves.second_pace.seconds_per_km,
        "split_kind": None if halves is None else halves.kind.value,
        "analysis": prepared.analysis_json,
    }


def _analysis_json(analysis: RunAnalysis) -> dict[str, Any]:
    data = analysis.to_dict()
    data.pop("best_efforts", None)  # a table of their own
    return data


def _own_values(run: Run) -> dict[str, Any]:
    race = run.race
    return {
        "name": run.name,
        "notes": run.notes,
        "shoe_id": run.shoe_id,
        "rpe": run.rpe,
        "feel": None if run.feel is None else run.feel.value,
        "is_race": race is not None,
        "samples_trusted": run.samples_trusted,
        **_race_values(race),
    }


def _race_values(race: RaceResult | None) -> dict[str, Any]:
    if race is None:
        return {f"race_{name}": None for name in RACE_FIELDS}
    return {f"race_{name}": getattr(race, RACE_ATTRIBUTES[name]) for name in RACE_FIELDS}


def _tag_values(run: Run, tags: InferredTags | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in TAGS:
        own = getattr(run, name)
        guess = None if tags is None else getattr(tags, name)
        chosen = own if own is not None or guess is None else guess.value
        values[name] = None if chosen is None else chosen.value
        values[f"{name}_inferred"] = own is None and guess is not None
    guess_type = None if tags is None else tags.workout_type
    inferred = guess_type is not None and values["workout_type_inferred"]
    values["workout_type_reason"] = guess_type.reason[:500] if guess_type and inferred else None
    return values


def _write_details(conn: Connection, athlete_id: int, run_id: int, prepared: PreparedRun) -> None:
    """The run's laps, best efforts and samples (one round trip on PostgreSQL: pipeline.py)."""
    run, analysis, encoded = prepared.run, prepared.analysis, prepared.encoded
    writes: list[Write] = [
        (_INSERT_LAPS, [_lap_row(run_id, i, lap) for i, lap in enumerate(run.laps)]),
        (_INSERT_EFFORTS, _effort_rows(athlete_id, run_id, analysis)),
    ]
    if encoded is not None:
        row = {"run_id": run_id, "codec": CODEC, "samples": encoded.samples}
        row.update(columns=",".join(encoded.columns), data=encoded.data)
        writes.append((_INSERT_STREAMS, row))
    write_all(conn, writes)


def _effort_rows(
    athlete_id: int, run_id: int, analysis: RunAnalysis | None
) -> list[dict[str, Any]]:
    if analysis is None:
        return []
    return [
        {
            "run_id": run_id,
            "athlete_id": athlete_id,
            "distance_m": effort.distance_m,
            "elapsed_s": effort.elapsed_s,
            "start_s": effort.start_s,
            "start_m": effort.start_m,
        }
        for effort in analysis.best_efforts
    ]


def _lap_row(run_id: int, index: int, lap: Lap) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "number": index + 1,
        "start_utc": lap.start.astimezone(UTC),
        "elapsed_s": lap.elapsed_s,
        "moving_s": lap.moving_s,
        "distance_m": lap.distance_m,
        "avg_hr": lap.avg_hr,
        "max_hr": lap.max_hr,
        "avg_cadence_spm": lap.avg_cadence_spm,
        "avg_power_w": lap.avg_power_w,
        "ascent_m": lap.ascent_m,
        "intensity": lap.intensity,
    }


def update_run(conn: Connection, athlete_id: int, run_id: int, values: dict[str, Any]) -> None:
    """Change the runner's own fields (tags, name, notes, shoes, effort, race) of a run."""
    lock_training_log(conn, athlete_id)  # before the row's lock: the order imports take
    found = conn.execute(
        update(runs)
        .where(runs.c.id == run_id, runs.c.athlete_id == athlete_id)
        .values(**values, updated_at=datetime.now(UTC))
    )
    if found.rowcount == 0:
        raise _not_found(run_id)
    week = run_week_of(conn, run_id)
    if week is not None:
        refresh_weeks(conn, athlete_id, [week[1]])


def delete_run(conn: Connection, athlete_id: int, run_id: int) -> None:
    """Delete a run, and the files that held only this run (so they can be imported again)."""
    lock_training_log(conn, athlete_id)  # before the row's lock: the order imports take
    linked = select(run_sources.c.source_file_id).where(run_sources.c.run_id == run_id)
    source_ids = list(conn.execute(linked).scalars())
    week = run_week_of(conn, run_id)
    found = conn.execute(delete(runs).where(runs.c.id == run_id, runs.c.athlete_id == athlete_id))
    if found.rowcount == 0 or week is None:
        raise _not_found(run_id)
    refresh_weeks(conn, athlete_id, [week[1]])
    still_used = select(run_sources.c.source_file_id).where(
        run_sources.c.source_file_id.in_(source_ids)
    )
    conn.execute(
        delete(source_files).where(
            source_files.c.id.in_(source_ids), source_files.c.id.not_in(still_used)
        )
    )


def _not_found(run_id: int) -> NotFound:
    return NotFound(
        f"there is no run {run_id}", hint=Hint(Do.LIST_RUNS, "the training log shows the run ids")
    )


# --- reading -------------------------------------------------------------------------------


def runs_oldest_first(conn: Connection, where: RunFilter) -> list[Run]:
    """The filtered runs as domain runs (without laps and samples), oldest first."""
    columns = [c for c in runs.c if c.name != "analysis"]
    query = _filtered(select(*columns).order_by(runs.c.start_utc), where)
    return [run_of(row) for row in conn.execute(query)]


def _filtered(query: Select[Any], where: RunFilter) -> Select[Any]:
    """``query`` on ``runs`` narrowed by ``where``: the conditions the log's listing uses
    (``store.run_list.where_sql``, one place), with their parameters bound by type."""
    conditions, params = where_sql(where)
    query = query.where(text(" AND ".join(conditions)).bindparams(**params))
    if where.limit is not None:
        query = query.limit(where.limit)
    return query


def get_row(conn: Connection, athlete_id: int, run_id: int) -> Row[Any]:
    row = conn.execute(
        select(runs).where(runs.c.id == run_id, runs.c.athlete_id == athlete_id)
    ).one_or_none()
    if row is None:
        raise _not_found(run_id)
    return row


def laps_of(conn: Connection, run_id: int) -> list[Lap]:
    rows = conn.execute(select(laps).where(laps.c.run_id == run_id).order_by(laps.c.number))
    return [_lap(row) for row in rows]


def laps_since(conn: Connection, athlete_id: int, since: date) -> dict[int, list[Lap]]:
    """The laps of the athlete's runs from ``since`` (local dates) on, by run id, in order."""
    query = (
        select(laps)
        .join(runs, runs.c.id == laps.c.run_id)
        .where(runs.c.athlete_id == athlete_id, runs.c.local_date >= since)
        .order_by(laps.c.run_id, laps.c.number)
    )
    found: dict[int, list[Lap]] = {}
    for row in conn.execute(query):
        found.setdefault(row.run_id, []).append(_lap(row))
    return found


def _lap(row: Any) -> Lap:
    return Lap(start=aware(row.start_utc), **{name: getattr(row, name) for name in _LAP_FIELDS})


def efforts_of(conn: Connection, run_id: int) -> list[Row[Any]]:
    query = select(best_efforts).where(best_efforts.c.run_id == run_id)
    return list(conn.execute(query.order_by(best_efforts.c.distance_m)))


def streams_of(conn: Connection, run_id: int) -> Any:
    blob = conn.execute(select(streams.c.data).where(streams.c.run_id == run_id)).scalar()
    return None if blob is None else decode_streams(blob)


def best_effort_ever(conn: Connection, athlete_id: int, distance_m: float) -> Row[Any] | None:
    """The fastest effort over ``distance_m`` in all the athlete's runs (indexed)."""
    query = (
        select(best_efforts)
        .where(best_efforts.c.athlete_id == athlete_id, best_efforts.c.distance_m == distance_m)
        .order_by(best_efforts.c.elapsed_s)
        .limit(1)
    )
    return conn.execute(query).one_or_none()


_ACTIVITIES_NEAR = select(
    runs.c.id, runs.c.start_utc, runs.c.sport, runs.c.elapsed_s, runs.c.moving_s,
    runs.c.distance_m, runs.c.source, runs.c.name, runs.c.notes, runs.c.shoe_id,
).where(
    runs.c.athlete_id == bindparam("athlete_id"),
    runs.c.start_utc >= bindparam("low", type_=runs.c.start_utc.type),
    runs.c.start_utc <= bindparam("high", type_=runs.c.start_utc.type),
).order_by(runs.c.start_utc, runs.c.id)  # fmt: skip


def activities_near(
    conn: Connection, athlete_id: int, start: datetime, within_s: float
) -> list[Run]:
    """Stored runs that started within ``within_s`` of ``start``, as summary runs (no laps,
    samples or JSON): what ``domain.run.duplicates`` needs to recognise a duplicate, and what
    an export's index may fill in (name, notes, shoes)."""
    low, high = start - timedelta(seconds=within_s), start + timedelta(seconds=within_s)
    window = {"athlete_id": athlete_id, "low": low.astimezone(UTC), "high": high.astimezone(UTC)}
    return [_nearby_run(row) for row in conn.execute(_ACTIVITIES_NEAR, window)]


def _nearby_run(row: Any) -> Run:
    return Run(
        id=row.id, start=aware(row.start_utc), sport=Sport(row.sport),
        elapsed_s=row.elapsed_s, moving_s=row.moving_s, distance_m=row.distance_m,
        source=row.source, name=row.name, notes=row.notes, shoe_id=row.shoe_id,
    )  # fmt: skip


_STREAM_COLUMNS = select(streams.c.columns).where(streams.c.run_id == bindparam("run_id"))
_LAP_COUNT = select(func.count()).select_from(laps).where(laps.c.run_id == bindparam("run_id"))


def stream_count(conn: Connection, run_id: int) -> int:
    columns = conn.execute(_STREAM_COLUMNS, {"run_id": run_id}).scalar()
    return 0 if not columns else len(columns.split(","))


def lap_count(conn: Connection, run_id: int) -> int:
    return int(conn.execute(_LAP_COUNT, {"run_id": run_id}).scalar_one())


def ids_with_samples(conn: Connection, athlete_id: int) -> list[int]:
    """The athlete's runs that have samples to analyse, oldest first."""
    query = (
        select(runs.c.id)
        .join(streams, streams.c.run_id == runs.c.id)
        .where(runs.c.athlete_id == athlete_id)
        .order_by(runs.c.start_utc)
    )
    return list(conn.execute(query).scalars())


def nearest_run_day(conn: Connection, athlete_id: int, first: date, last: date) -> date | None:
    """The local day of the athlete's last run before ``first``; without one, of the first
    run after ``last`` (running only, as reports count it)."""
    mine = (runs.c.athlete_id == athlete_id, running_only())
    before = select(func.max(runs.c.local_date)).where(*mine, runs.c.local_date < first)
    found = conn.execute(before).scalar()
    if found is None:
        after = select(func.min(runs.c.local_date)).where(*mine, runs.c.local_date > last)
        found = conn.execute(after).scalar()
    return found
