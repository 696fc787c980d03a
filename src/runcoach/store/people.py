"""Who an athlete is to someone else: their name and their account's email (referees,
coaches and athletes see each other by these)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from runcoach.store.tables import accounts, athletes


@dataclass(frozen=True)
class Person:
    athlete_id: int
    name: str
    email: str | None  # None: the local athlete of a command-line install, without an account

    @property
    def label(self) -> str:
        return f"{self.name} ({self.email})" if self.email else self.name


def people(conn: Connection, athlete_ids: Iterable[int]) -> dict[int, Person]:
    ids = sorted(set(athlete_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(athletes.c.id, athletes.c.name, accounts.c.email)
        .select_from(athletes.outerjoin(accounts, accounts.c.athlete_id == athletes.c.id))
        .where(athletes.c.id.in_(ids))
    ).all()
    return {r.id: Person(r.id, r.name, r.email) for r in rows}


def person(conn: Connection, athlete_id: int) -> Person:
    return people(conn, [athlete_id]).get(athlete_id) or Person(athlete_id, "someone", None)


def athlete_by_email(conn: Connection, email: str) -> int | None:
    row = conn.execute(select(accounts.c.athlete_id).where(accounts.c.email == email)).first()
    return None if row is None else int(row[0])
