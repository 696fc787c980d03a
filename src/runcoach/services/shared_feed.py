"""The runs shared with me, in one list: my partners' and my fellow group members' runs,
newest first, each only when its owner's audience for it (the run's own, else their
default) admits me, a page at a time. The same paging serves a group's board (only what each
member shares with their groups). Feeds carry no positions at all, so no privacy zone can
leak through them.

A page's cursor is the key of its last run (its local date and id): the next page starts
strictly after it, so runs that arrive meanwhile never push a run onto two pages or off both.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from sqlalchemy import Connection, Engine

from runcoach.domain.accountability.privacy import Relation, SharedPart, visible
from runcoach.domain.errors import InvalidInput
from runcoach.services.comments import social_on
from runcoach.services.sharing import relations
from runcoach.store import sharing as store

PAGE_RUNS = 20  # runs on a page of a feed
MAX_PAGE_RUNS = 100  # the most one request may ask for
SCAN_FACTOR = 3  # rows read per wanted run while filtering by audience


class FeedComment(TypedDict):
    """A comment on a run of a feed, as the reader may see it."""

    id: int
    author: str
    body: str
    hidden: bool
    may_hide: bool  # the reader may hide it (the run's owner, or its author)


class FeedRun(TypedDict):
    """A run as a feed lists it: whose, when, how far, with its kudos and comments."""

    run_id: int
    athlete_id: int
    name: str  # the owner's name
    date: str  # the run's local day, ISO 8601
    distance_m: float | None
    title: str | None
    kudos: list[str]  # the names of those who gave kudos
    gave_kudos: bool  # the reader gave kudos
    may_give_kudos: bool
    comments: list[FeedComment]


@dataclass(frozen=True)
class FeedPage:
    runs: list[FeedRun]
    next: str | None  # the cursor of the next (older) page; None: this was the last


def parse_cursor(cursor: str | None) -> tuple[date, int] | None:
    if cursor is None or not cursor.strip():
        return None
    day, _, run_id = cursor.strip().partition("_")
    try:
        return date.fromisoformat(day), int(run_id)
    except ValueError:
        raise InvalidInput(f"'{cursor}' is not a page of this list",
                           hint="use the 'next' value of the page before") from None  # fmt: skip


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE_RUNS:
        raise InvalidInput(f"a page holds 1 to {MAX_PAGE_RUNS} runs, not {limit}")
    return limit


def shared_with_me(
    engine: Engine, *, athlete_id: int, cursor: str | None = None, limit: int = PAGE_RUNS
) -> FeedPage:
    """My partners' and my groups' runs that I may see, newest first."""
    with engine.connect() as conn:
        owners = sorted(set(store.partners_of(conn, athlete_id))
                        | set(store.group_mates_of(conn, athlete_id)))  # fmt: skip
        related = {owner: relations(conn, athlete_id, owner) for owner in owners}
        return page_of(conn, athlete_id, owners, lambda o: related[o], cursor, limit)


def page_of(
    conn: Connection,
    viewer: int,
    owners: list[int],
    related: Callable[[int], Collection[Relation]],
    cursor: str | None,
    limit: int,
) -> FeedPage:
    """One page of the owners' runs whose summary the viewer, standing ``related(owner)`` to
    each owner, may see."""
    check_limit(limit)
    after = parse_cursor(cursor)
    sharing = {owner: store.sharing_of(conn, owner) for owner in owners}
    kept: list[Any] = []
    while len(kept) <= limit:
        batch = store.runs_before(conn, owners, after, limit * SCAN_FACTOR)
        if not batch:
            break
        overrides = store.overrides_of_runs(conn, [r.id for r in batch])
        for row in batch:
            seen = visible(sharing[row.athlete_id], frozenset(related(row.athlete_id)),
                           overrides.get(row.id))  # fmt: skip
            if SharedPart.SUMMARY in seen:
                kept.append(row)
        after = (batch[-1].local_date, batch[-1].id)
    shown = kept[:limit]
    more = len(kept) > limit
    return FeedPage(run_items(conn, shown, viewer), _cursor(shown[-1]) if more else None)


def _cursor(row: Any) -> str:
    return f"{row.local_date.isoformat()}_{row.id}"


def run_items(conn: Connection, rows: list[Any], viewer: int) -> list[FeedRun]:
    """Runs as a feed lists them: whose, when, how far, with kudos and comments."""
    social: dict[int, Any] = {}
    for owner in {r.athlete_id for r in rows}:
        social |= social_on(conn, [r.id for r in rows if r.athlete_id == owner], viewer, owner)
    return [
        {"run_id": r.id, "athlete_id": r.athlete_id,
         "name": store.athlete_name(conn, r.athlete_id), "date": r.local_date.isoformat(),
         "distance_m": r.distance_m, "title": r.name,
         "kudos": [k.name for k in social[r.id].kudos], "gave_kudos": social[r.id].gave_kudos,
         "may_give_kudos": social[r.id].may_give_kudos,
         "comments": [{"id": c.id, "author": c.author, "body": c.body, "hidden": c.hidden,
                       "may_hide": c.may_hide} for c in social[r.id].comments]}
        for r in rows
    ]  # fmt: skip
