"""Comments and kudos on a run: only from those who may see the run's summary; the run's
owner, or an admin of a group the owner is in, may hide a comment; its author may delete it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine

from runcoach.domain.errors import InvalidInput, NotFound, PermissionDenied
from runcoach.services.notifications import notify_on
from runcoach.services.sharing import require_summary
from runcoach.store import comments as store
from runcoach.store import sharing as sharing_store
from runcoach.store.db import read_only
from runcoach.store.moments import aware

MAX_COMMENT_CHARS = 2_000  # a comment, not a blog post (Strava allows about as much)


@dataclass(frozen=True)
class Comment:
    id: int
    run_id: int
    author_id: int
    author: str
    body: str
    created_at: datetime
    hidden: bool
    may_hide: bool  # the viewer may hide (or show again) this comment
    may_delete: bool  # the viewer wrote it


@dataclass(frozen=True)
class Kudos:
    athlete_id: int
    name: str


@dataclass(frozen=True)
class RunSocial:
    """The comments and kudos of one run, as one viewer sees them."""

    run_id: int
    comments: tuple[Comment, ...]
    kudos: tuple[Kudos, ...]
    gave_kudos: bool
    may_give_kudos: bool


def _owner_seen_by(conn: Connection, run_id: int, viewer: int) -> int:
    """The run's owner, when the viewer may see the run's summary (NotFound otherwise)."""
    owner = sharing_store.run_owner_or_none(conn, run_id)
    if owner is None:
        raise NotFound(f"there is no run {run_id} that you may see")
    require_summary(conn, viewer_athlete_id=viewer, athlete_id=owner, run_id=run_id)
    return owner


def add_comment(engine: Engine, run_id: int, body: str, *, athlete_id: int) -> int:
    """A comment by ``athlete_id`` on a run they may see; its owner is told."""
    text = body.strip()
    if not text:
        raise InvalidInput("a comment needs some words")
    if len(text) > MAX_COMMENT_CHARS:
        raise InvalidInput(f"a comment may have at most {MAX_COMMENT_CHARS} characters")
    with engine.begin() as conn:
        owner = _owner_seen_by(conn, run_id, athlete_id)
        comment_id = store.add_comment(conn, run_id, athlete_id, text, datetime.now(UTC))
        if owner != athlete_id:
            who = sharing_store.athlete_name(conn, athlete_id)
            notify_on(conn, owner, "comment", f"{who} commented on your run", text,
                      f"/runs/{run_id}#comments")  # fmt: skip
    return comment_id


def give_kudos(engine: Engine, run_id: int, *, athlete_id: int) -> None:
    """Kudos from ``athlete_id`` on another runner's run they may see (once; the owner is
    told the first time)."""
    with engine.begin() as conn:
        owner = _owner_seen_by(conn, run_id, athlete_id)
        if owner == athlete_id:
            raise InvalidInput("kudos are for other runners' runs")
        if store.give_kudos(conn, run_id, athlete_id, datetime.now(UTC)):
            who = sharing_store.athlete_name(conn, athlete_id)
            notify_on(conn, owner, "kudos", f"{who} gave kudos to your run",
                      f"{who} gave kudos to your run.", f"/runs/{run_id}")  # fmt: skip


def take_back_kudos(engine: Engine, run_id: int, *, athlete_id: int) -> None:
    with engine.begin() as conn:
        _owner_seen_by(conn, run_id, athlete_id)
        store.take_back_kudos(conn, run_id, athlete_id)


def _may_moderate(conn: Connection, viewer: int, owner: int) -> bool:
    return viewer == owner or store.moderates_group_of(conn, viewer, owner)


def hide_comment(engine: Engine, comment_id: int, *, athlete_id: int, hidden: bool = True) -> None:
    """Hide a comment (or show it again): the run's owner, or an admin of a group the owner
    is in who may see the run. A hidden comment is shown to nobody but them."""
    with engine.begin() as conn:
        found = store.comment(conn, comment_id)
        owner = _owner_seen_by(conn, found.run_id, athlete_id)
        if not _may_moderate(conn, athlete_id, owner):
            raise PermissionDenied("only the run's owner or a group admin may hide a comment")
        now = datetime.now(UTC)
        store.set_hidden(conn, comment_id, athlete_id if hidden else None, now if hidden else None)


def delete_comment(engine: Engine, comment_id: int, *, athlete_id: int) -> None:
    """Delete one's own comment."""
    with engine.begin() as conn:
        found = store.comment(conn, comment_id)
        _owner_seen_by(conn, found.run_id, athlete_id)
        if found.author_id != athlete_id:
            raise PermissionDenied("only its author may delete a comment")
        store.delete_comment(conn, comment_id)


def run_social(engine: Engine, run_id: int, *, athlete_id: int) -> RunSocial:
    """The comments and kudos of a run the viewer (``athlete_id``) may see."""
    with read_only(engine) as conn:
        owner = _owner_seen_by(conn, run_id, athlete_id)
        return social_on(conn, [run_id], athlete_id, owner)[run_id]


def social_on(
    conn: Connection, run_ids: Sequence[int], viewer: int, owner: int
) -> dict[int, RunSocial]:
    """Comments and kudos of some runs of one owner, all of which the viewer may see."""
    moderator = _may_moderate(conn, viewer, owner)
    found: dict[int, list[Comment]] = {run_id: [] for run_id in run_ids}
    for row in store.comments_of(conn, run_ids):
        hidden = row.hidden_at is not None
        if hidden and not moderator:
            continue
        found[row.run_id].append(Comment(
            row.id, row.run_id, row.author_id, row.author_name, row.body,
            aware(row.created_at), hidden, moderator, row.author_id == viewer,
        ))  # fmt: skip
    given: dict[int, list[Kudos]] = {run_id: [] for run_id in run_ids}
    for row in store.kudos_of(conn, run_ids):
        given[row.run_id].append(Kudos(row.athlete_id, row.name))
    return {
        run_id: RunSocial(
            run_id, tuple(found[run_id]), tuple(given[run_id]),
            any(k.athlete_id == viewer for k in given[run_id]), viewer != owner,
        )
        for run_id in run_ids
    }  # fmt: skip
