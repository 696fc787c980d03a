"""Repository functions for shoes: the pairs and the distance run in each."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from runcoach.domain.errors import Conflict, NotFound
from runcoach.domain.hints import Do, Hint
from runcoach.store.tables import runs, shoes


def add_shoe(conn: Connection, athlete_id: int, values: dict[str, Any]) -> int:
    if find_shoe(conn, athlete_id, values["name"]) is not None:
        raise Conflict(
            f"you already have a pair named '{values['name']}'",
            hint="give the new pair another name, e.g. with its colour or a number",
        )
    result = conn.execute(insert(shoes).values(athlete_id=athlete_id, **values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def find_shoe(conn: Connection, athlete_id: int, name: str) -> Row[Any] | None:
    """A pair by its id, its name (any case) or the start of its name when only one fits."""
    query = select(shoes).where(shoes.c.athlete_id == athlete_id)
    if name.strip().isdigit():
        by_id = conn.execute(query.where(shoes.c.id == int(name))).one_or_none()
        if by_id is not None:
            return by_id
    wanted = name.strip().lower()
    exact = conn.execute(query.where(func.lower(shoes.c.name) == wanted)).one_or_none()
    if exact is not None:
        return exact
    starting = list(conn.execute(query.where(func.lower(shoes.c.name).startswith(wanted))))
    return starting[0] if len(starting) == 1 else None


def get_shoe(conn: Connection, athlete_id: int, name: str) -> Row[Any]:
    found = find_shoe(conn, athlete_id, name)
    if found is None:
        raise NotFound(
            f"there is no pair of shoes named '{name}'",
            hint=Hint(
                Do.LIST_OR_ADD_SHOES, "your shoes list shows your pairs; add a pair by its name"
            ),
        )
    return found


def shoe_or_new(conn: Connection, athlete_id: int, name: str, today: date) -> int:
    """The id of the pair named ``name``, added when it is new (e.g. gear from an export)."""
    found = find_shoe(conn, athlete_id, name)
    if found is not None:
        return int(found.id)
    return add_shoe(conn, athlete_id, {"name": name.strip()[:200], "added_on": today})


def shoes_with_distance(conn: Connection, athlete_id: int) -> list[Row[Any]]:
    """Every pair with the distance and number of runs done in it."""
    totals = (
        select(
            runs.c.shoe_id,
            func.coalesce(func.sum(runs.c.distance_m), 0.0).label("distance_m"),
            func.count().label("run_count"),
            func.max(runs.c.local_date).label("last_run"),
        )
        .where(runs.c.athlete_id == athlete_id, runs.c.shoe_id.is_not(None))
        .group_by(runs.c.shoe_id)
        .subquery()
    )
    query = (
        select(
            shoes,
            func.coalesce(totals.c.distance_m, 0.0).label("distance_m"),
            func.coalesce(totals.c.run_count, 0).label("run_count"),
            totals.c.last_run,
        )
        .outerjoin(totals, totals.c.shoe_id == shoes.c.id)
        .where(shoes.c.athlete_id == athlete_id)
        .order_by(shoes.c.retired_on.is_not(None), shoes.c.added_on, shoes.c.id)
    )
    return list(conn.execute(query))


def retire_shoe(conn: Connection, shoe_id: int, on: date | None) -> None:
    conn.execute(update(shoes).where(shoes.c.id == shoe_id).values(retired_on=on))


def shoe_names(conn: Connection, athlete_id: int) -> dict[int, str]:
    """Every pair's name by id, retired ones too."""
    query = select(shoes.c.id, shoes.c.name).where(shoes.c.athlete_id == athlete_id)
    return {row.id: row.name for row in conn.execute(query)}
