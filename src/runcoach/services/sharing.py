"""What one runner may see of another: the parts of a run, and a track with the runner's
privacy zones cut out and its start and end trimmed.

Every door that shows a runner's data to someone else (a partner's week, a group board, a
run page, the API, a GPX export for someone else, a feed) asks here first; the owner sees
everything of their own. The rules are in ``domain/accountability/privacy.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

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
from runcoach.store import coaching as coaching_store
from runcoach.store import runs as run_store
from runcoach.store import sharing as store


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
    with engine.connect() as conn:
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
    with engine.connect() as conn:
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
