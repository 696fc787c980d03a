"""What one runner may see of another: the parts of a run, and a track with the runner's
privacy zones cut out and its start and end trimmed.

Every door that shows a runner's data to someone else (a partner's week, a group board, a
run page, the API, a GPX export for someone else, a feed) asks here first; the owner sees
everything of their own. The rules are in ``domain/accountability/privacy.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import Connection, Engine

from runcoach.domain.accountability.privacy import (
    ALL_PARTS,
    Audience,
    Relation,
    SharedPart,
    Sharing,
    visible,
)
from runcoach.domain.accountability.zones import (
    PrivacyZone,
    blank_hidden,
    check_trim,
    hidden_points,
)
from runcoach.domain.errors import NotFound
from runcoach.domain.run.runs import Streams
from runcoach.exporters.gpx_track import run_gpx
from runcoach.services.checkins import local_today
from runcoach.services.run_files import ChartSamples, chart_samples
from runcoach.services.runs import RunDetail, RunSummary, list_runs, show_run
from runcoach.store import coaching as coaching_store
from runcoach.store import run_rows
from runcoach.store import runs as run_store
from runcoach.store import sharing as store
from runcoach.store.db import read_only

FEED_DAYS = 28  # another runner's recent runs: four weeks


@dataclass(frozen=True)
class PrivacySettings:
    """A runner's sharing defaults per part, the start and end trimmed, and their zones."""

    defaults: Mapping[SharedPart, Audience]
    trim_m: float
    zones: tuple[tuple[int, PrivacyZone], ...]


def relations(conn: Connection, viewer_athlete_id: int, athlete_id: int) -> frozenset[Relation]:
    """How the viewer stands to the runner (empty for a stranger)."""
    if viewer_athlete_id == athlete_id:
        return frozenset({Relation.OWNER})
    found = set()
    if store.are_partners(conn, viewer_athlete_id, athlete_id):
        found.add(Relation.PARTNER)
    if store.share_a_group(conn, viewer_athlete_id, athlete_id):
        found.add(Relation.GROUP_MEMBER)
    if coaching_store.live_grant(conn, athlete_id, viewer_athlete_id) is not None:
        found.add(Relation.COACH)
    return frozenset(found or {Relation.STRANGER})


def parts_on(
    conn: Connection, *, viewer_athlete_id: int, athlete_id: int, run_id: int | None = None
) -> frozenset[SharedPart]:
    """``visible_parts`` inside a transaction a caller already holds."""
    related = relations(conn, viewer_athlete_id, athlete_id)
    if Relation.OWNER in related:
        if run_id is not None:
            run_store.get_row(conn, athlete_id, run_id)  # NotFound for another runner's run
        return ALL_PARTS
    overrides = None
    if run_id is not None:
        if store.run_owner_or_none(conn, run_id) != athlete_id:
            return frozenset()
        overrides = store.run_overrides(conn, run_id)
    return visible(store.sharing_of(conn, athlete_id), related, overrides)


def visible_parts(
    engine: Engine, *, viewer_athlete_id: int, athlete_id: int, run_id: int | None = None
) -> frozenset[SharedPart]:
    """What the viewer may see of that runner (their defaults) or of one of their runs (its
    overrides first): everything for the owner; for partners and group members what the
    audience admits; for anyone else only what is public. A run of another runner, or no run
    at all, shows nothing."""
    with engine.connect() as conn:
        return parts_on(
            conn, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
        )


def require_summary(
    conn: Connection, *, viewer_athlete_id: int, athlete_id: int, run_id: int
) -> frozenset[SharedPart]:
    """The parts of a run the viewer may see; NotFound (nothing says it exists) when they
    may not even see its summary."""
    parts = parts_on(
        conn, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
    )
    if SharedPart.SUMMARY not in parts:
        raise NotFound(f"there is no run {run_id} that you may see")
    return parts


def owner_of_run(engine: Engine, run_id: int, *, athlete_id: int) -> int:
    """The runner a run belongs to, when the asker (``athlete_id``) may see its summary."""
    with engine.connect() as conn:
        owner = store.run_owner_or_none(conn, run_id)
        if owner is None:
            raise NotFound(f"there is no run {run_id} that you may see")
        require_summary(conn, viewer_athlete_id=athlete_id, athlete_id=owner, run_id=run_id)
    return owner


# --- tracks ----------------------------------------------------------------------------------


def _hidden_mask(conn: Connection, athlete_id: int, streams: Streams) -> np.ndarray:
    assert streams.latitude is not None and streams.longitude is not None
    zones = [zone for _, zone in store.zones_of(conn, athlete_id)]
    return hidden_points(
        streams.latitude, streams.longitude, zones, store.trim_of(conn, athlete_id)
    )


def shared_streams(
    engine: Engine, *, viewer_athlete_id: int, athlete_id: int, run_id: int
) -> Streams | None:
    """A run's samples as the viewer may see them: without the track when the map is not
    shared, without heart rate when it is not, and with every point in a privacy zone or in
    the trimmed start and end blanked (its position NaN; its time, pace and heart rate stay,
    so charts still line up). The owner gets them all, untouched."""
    with engine.connect() as conn:
        parts = require_summary(
            conn, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
        )
        streams: Streams | None = run_store.streams_of(conn, run_id)
        if streams is None or viewer_athlete_id == athlete_id:
            return streams
        if SharedPart.HEART_RATE not in parts:
            streams = replace(streams, heart_rate=None)
        if SharedPart.MAP not in parts or streams.latitude is None or streams.longitude is None:
            return replace(streams, latitude=None, longitude=None, altitude_m=None)
        lat, lon = blank_hidden(
            streams.latitude, streams.longitude, _hidden_mask(conn, athlete_id, streams)
        )
    return replace(streams, latitude=lat, longitude=lon)


def shared_track(
    engine: Engine, *, viewer_athlete_id: int, athlete_id: int, run_id: int
) -> Streams | None:
    """The run's track made for someone else (a GPX export, a feed): only the samples whose
    position may be seen, every point in a privacy zone and the trimmed start and end
    removed, and nothing the viewer may not see (heart rate unless shared). None when the
    viewer may not see the map or the run has no track. Made for the owner, it is the same
    trimmed track: what the owner sends on goes to someone else."""
    viewing = shared_streams(
        engine, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
    )
    if viewing is None or viewing.latitude is None or viewing.longitude is None:
        return None
    if viewer_athlete_id == athlete_id:
        with engine.connect() as conn:
            hidden = _hidden_mask(conn, athlete_id, viewing)
    else:
        hidden = ~(np.isfinite(viewing.latitude) & np.isfinite(viewing.longitude))
    keep = ~hidden
    if not keep.any():
        return None
    named = {name: values[keep] for name, values in viewing.named().items()}
    return Streams(**named)


# --- the runner's own settings ---------------------------------------------------------------


def privacy_settings(engine: Engine, *, athlete_id: int) -> PrivacySettings:
    with read_only(engine) as conn:
        sharing = store.sharing_of(conn, athlete_id)
        return PrivacySettings(
            defaults={part: sharing.audience(part) for part in SharedPart},
            trim_m=store.trim_of(conn, athlete_id),
            zones=tuple(store.zones_of(conn, athlete_id)),
        )


def set_privacy_defaults(
    engine: Engine,
    *,
    athlete_id: int,
    defaults: Mapping[SharedPart, Audience],
    trim_m: float | None = None,
) -> PrivacySettings:
    """Change the audience of some parts (the others stay) and the start and end trimmed."""
    values: dict[str, object] = dict(store.defaults_values(defaults))
    if trim_m is not None:
        check_trim(trim_m)
        values["trim_m"] = trim_m
    values["updated_at"] = datetime.now(UTC)
    with engine.begin() as conn:
        store.save_settings(conn, athlete_id, values)
    return privacy_settings(engine, athlete_id=athlete_id)


def run_sharing(
    engine: Engine, run_id: int, *, athlete_id: int
) -> dict[SharedPart, Audience | None]:
    """One run's own audience per part (None: the runner's default applies)."""
    with read_only(engine) as conn:
        run_store.get_row(conn, athlete_id, run_id)
        overrides = store.run_overrides(conn, run_id)
    return {part: overrides.get(part) for part in SharedPart}


def set_run_sharing(
    engine: Engine,
    run_id: int,
    overrides: Mapping[SharedPart, Audience | None],
    *,
    athlete_id: int,
) -> dict[SharedPart, Audience | None]:
    """Set one run's audience per part; None brings a part back to the runner's default."""
    with engine.begin() as conn:
        run_store.get_row(conn, athlete_id, run_id)
        store.set_run_overrides(conn, run_id, overrides)
    return run_sharing(engine, run_id, athlete_id=athlete_id)


def add_privacy_zone(engine: Engine, zone: PrivacyZone, *, athlete_id: int) -> int:
    with engine.begin() as conn:
        return store.add_zone(conn, athlete_id, zone, datetime.now(UTC))


def delete_privacy_zone(engine: Engine, zone_id: int, *, athlete_id: int) -> None:
    with engine.begin() as conn:
        store.delete_zone(conn, athlete_id, zone_id)


def effective(sharing: Sharing, overrides: Mapping[SharedPart, Audience] | None) -> dict[str, str]:
    """The audience each part of a run has, its own or the default (for the run's page)."""
    return {part.value: sharing.audience(part, overrides).value for part in SharedPart}


# --- another runner's runs, as the viewer may see them -----------------------------------------


@dataclass(frozen=True)
class SharedRun:
    """A run of ``owner`` with the parts the viewer may see."""

    owner: int
    owner_name: str
    parts: frozenset[SharedPart]
    detail: RunDetail


@dataclass(frozen=True)
class SharedSummary:
    owner: int
    parts: frozenset[SharedPart]
    run: RunSummary


def shared_run(
    engine: Engine, *, viewer_athlete_id: int, athlete_id: int, run_id: int
) -> SharedRun:
    with engine.connect() as conn:
        parts = require_summary(
            conn, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
        )
        name = store.athlete_name(conn, athlete_id)
    detail = show_run(engine, run_id, athlete_id=athlete_id)
    return SharedRun(athlete_id, name, parts, detail)


def shared_runs(
    engine: Engine, *, viewer_athlete_id: int, athlete_id: int, days: int = FEED_DAYS
) -> list[SharedSummary]:
    """A runner's recent runs that the viewer may see, newest first (a feed)."""
    with engine.connect() as conn:
        related = relations(conn, viewer_athlete_id, athlete_id)
        sharing = store.sharing_of(conn, athlete_id)
        since = local_today(conn, athlete_id) - timedelta(days=days)
    found = list_runs(engine, athlete_id=athlete_id, date_from=since, limit=500)
    with engine.connect() as conn:
        overrides = store.overrides_of_runs(conn, [r.id for r in found])
    listed = []
    for run in found:
        parts = visible(sharing, related, overrides.get(run.id))
        if SharedPart.SUMMARY in parts:
            listed.append(SharedSummary(athlete_id, parts, run))
    return listed


def shared_samples(
    engine: Engine, *, viewer_athlete_id: int, athlete_id: int, run_id: int
) -> ChartSamples:
    """A run's samples for charts and a map, as the viewer may see them."""
    streams = shared_streams(
        engine, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
    )
    return chart_samples(streams)


def shared_gpx(engine: Engine, *, viewer_athlete_id: int, athlete_id: int, run_id: int) -> str:
    """A run's GPX made for someone else: the shared track only (zones cut, ends trimmed)."""
    track = shared_track(
        engine, viewer_athlete_id=viewer_athlete_id, athlete_id=athlete_id, run_id=run_id
    )
    if track is None:
        raise NotFound(f"run {run_id} has no track that you may see")
    with engine.connect() as conn:
        run = run_rows.run_of(run_store.get_row(conn, athlete_id, run_id))
    return run_gpx(replace(run, streams=track, notes=None))
