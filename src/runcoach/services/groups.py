"""Groups: create (a club, a team, a goal), join, leave; suggestions of groups with a goal
like the runner's; the group board (members' consistency, weekly streaks with a forgiven
week, small wins, upcoming races, the latest runs with comments and kudos); challenges
measured by consistency or distance; admins remove members and hide comments.

A board shows of each member only what they share with their groups (an audience of
``group`` or ``public``, per run): a member who shares nothing is listed with nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypedDict

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.accountability.groups import (
    MAX_SUGGESTIONS,
    GoalOf,
    GroupKind,
    Measure,
    Role,
    check_challenge,
    consistency,
    goal_similarity,
    measured,
)
from runcoach.domain.accountability.privacy import Relation, SharedPart, visible
from runcoach.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runcoach.services.checkins import local_today
from runcoach.services.notifications import notify_on
from runcoach.services.reports import recent_wins
from runcoach.services.shared_feed import PAGE_RUNS, FeedPage, FeedRun, page_of
from runcoach.store import groups as store
from runcoach.store import plans as plan_store
from runcoach.store import sharing as sharing_store

BOARD_WEEKS = 4  # the board's consistency: the last four weeks
STREAK_HISTORY_WEEKS = 52  # a streak is counted back at most a year
MAX_NAME_CHARS = 200
SEEN_BY_GROUP = frozenset({Relation.GROUP_MEMBER})
GROUP_NEWS = "group"  # the notification kind of everything a group tells its people


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str
    kind: str
    description: str | None
    members: int
    is_open: bool
    role: str | None  # the asker's: admin, member or None
    goal_distance_m: float | None
    goal_time_s: float | None
    goal_date: date | None


def _now() -> datetime:
    return datetime.now(UTC)


def _info(row: Any, role: str | None, members: int) -> GroupInfo:
    return GroupInfo(row.id, row.name, row.kind, row.description, members, bool(row.is_open),
                     role, row.goal_distance_m, row.goal_time_s, row.goal_date)  # fmt: skip


def create_group(
    engine: Engine, name: str, kind: GroupKind, *, athlete_id: int, description: str | None = None,
    goal_distance_m: float | None = None, goal_time_s: float | None = None,
    goal_date: date | None = None, is_open: bool = True,
) -> int:  # fmt: skip
    """A new group; its creator is its first admin."""
    if not name.strip() or len(name) > MAX_NAME_CHARS:
        raise InvalidInput("a group needs a name (at most 200 characters)")
    with engine.begin() as conn:
        group_id = store.add_group(conn, {
            "name": name.strip(), "kind": kind.value, "description": description,
            "goal_distance_m": goal_distance_m, "goal_time_s": goal_time_s,
            "goal_date": goal_date, "is_open": is_open, "created_by": athlete_id,
            "created_at": _now()})  # fmt: skip
        store.add_member(conn, group_id, athlete_id, Role.ADMIN.value, _now())
    return group_id


def list_groups(engine: Engine, *, athlete_id: int) -> list[GroupInfo]:
    """The runner's groups first, then every other group: open ones to join, invite-only
    ones to ask to join (their name and size only; their board is for members)."""
    with engine.connect() as conn:
        found = [
            _info(row, store.role_of(conn, row.id, athlete_id), int(row.members))
            for row in store.all_groups(conn)
        ]
    return sorted(found, key=lambda g: (g.role is None, g.name.lower()))


def suggest_groups(engine: Engine, *, athlete_id: int) -> list[GroupInfo]:
    """Open groups the runner is not in whose goal is like the goal of their active plan
    (the same race distance, a race date within eight weeks), most alike first."""
    with engine.connect() as conn:
        try:
            goal = plan_store.get_plan(conn, athlete_id).plan.goal
        except NotFound:
            return []
    mine = GoalOf(goal.distance_m, goal.race_date)
    scored = [
        (goal_similarity(mine, GoalOf(g.goal_distance_m, g.goal_date)), g)
        for g in list_groups(engine, athlete_id=athlete_id)
        if g.role is None and g.is_open
    ]
    ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: -s[0])
    return [g for _, g in ranked[:MAX_SUGGESTIONS]]


def join_group(engine: Engine, group_id: int, *, athlete_id: int) -> None:
    with engine.begin() as conn:
        group = store.group(conn, group_id)
        if store.role_of(conn, group_id, athlete_id) is not None:
            raise Conflict(f"you are in {group.name} already")
        if not group.is_open:
            how = "ask to join (an admin approves), or use an admin's link"
            raise PermissionDenied(f"{group.name} is invite-only", hint=how)
        store.add_member(conn, group_id, athlete_id, Role.MEMBER.value, _now())
        who = sharing_store.athlete_name(conn, athlete_id)
        news = f"{who} joined {group.name}"
        tell_admins(conn, group_id, news, f"{news}. Say hello on the board.", but=athlete_id)


def tell_admins(conn: Connection, group_id: int, subject: str, body: str, *, but: int) -> None:
    """Tell the group's admins (but the one who did it) something (kind ``group``)."""
    for member in store.members(conn, group_id):
        if member.role == Role.ADMIN.value and member.athlete_id != but:
            notify_on(conn, member.athlete_id, GROUP_NEWS, subject, body, _board(group_id))


def _board(group_id: int) -> str:
    return f"/groups/{group_id}"


def leave_group(engine: Engine, group_id: int, *, athlete_id: int) -> None:
    """Leave a group. The last admin leaving hands the group to its longest member; the last
    member leaving ends the group."""
    with engine.begin() as conn:
        _role(conn, group_id, athlete_id)
        store.remove_member(conn, group_id, athlete_id)
        left = store.members(conn, group_id)
        if not left:
            store.delete_group(conn, group_id)
        elif all(m.role != Role.ADMIN.value for m in left):
            store.set_role(conn, group_id, left[0].athlete_id, Role.ADMIN.value)


def _role(conn: Connection, group_id: int, athlete_id: int) -> str:
    store.group(conn, group_id)
    role = store.role_of(conn, group_id, athlete_id)
    if role is None:
        raise PermissionDenied("you are not in this group", hint="join it first")
    return role


def require_admin(conn: Connection, group_id: int, athlete_id: int) -> None:
    if _role(conn, group_id, athlete_id) != Role.ADMIN.value:
        raise PermissionDenied("only the group's admins may do this")


def remove_member(engine: Engine, group_id: int, member_id: int, *, athlete_id: int) -> None:
    """An admin removes a member (not themselves: they leave)."""
    with engine.begin() as conn:
        require_admin(conn, group_id, athlete_id)
        if member_id == athlete_id:
            raise InvalidInput("to take yourself out, leave the group")
        if store.role_of(conn, group_id, member_id) is None:
            raise NotFound(f"runner {member_id} is not in this group")
        store.remove_member(conn, group_id, member_id)
        name = store.group(conn, group_id).name
        why = f"An admin of {name} took you out of the group; its board is closed to you."
        notify_on(conn, member_id, GROUP_NEWS, f"You are no longer in {name}", why)


def set_role(engine: Engine, group_id: int, member_id: int, role: Role, *, athlete_id: int) -> None:
    """An admin makes a member an admin (or an admin a member again)."""
    with engine.begin() as conn:
        require_admin(conn, group_id, athlete_id)
        if store.role_of(conn, group_id, member_id) is None:
            raise NotFound(f"runner {member_id} is not in this group")
        store.set_role(conn, group_id, member_id, role.value)
        if member_id != athlete_id:
            name = store.group(conn, group_id).name
            now_one = "an admin" if role is Role.ADMIN else "a member"
            why = f"An admin of {name} made you {now_one} of the group."
            notify_on(conn, member_id, GROUP_NEWS, f"You are {now_one} of {name} now", why,
                      _board(group_id))  # fmt: skip


def create_challenge(
    engine: Engine, group_id: int, name: str, measure: Measure, starts_on: date, ends_on: date,
    *, athlete_id: int, target: float | None = None,
) -> int:  # fmt: skip
    """An admin sets the group a challenge: run days, a weekly streak or distance."""
    check_challenge(name, measure, starts_on, ends_on, target)
    with engine.begin() as conn:
        require_admin(conn, group_id, athlete_id)
        return store.add_challenge(conn, {
            "group_id": group_id, "name": name.strip(), "measure": measure.value,
            "target": target, "starts_on": starts_on, "ends_on": ends_on,
            "created_by": athlete_id, "created_at": _now()})  # fmt: skip


# --- the board ---------------------------------------------------------------------------------


def _shared_runs(conn: Connection, members: list[int], first: date, last: date) -> list[Any]:
    """The members' runs the group may see (their own audience, or their default)."""
    rows = store.run_rows(conn, members, first, last)
    overrides = sharing_store.overrides_of_runs(conn, [r.id for r in rows])
    sharing = {m: sharing_store.sharing_of(conn, m) for m in members}
    return [
        r for r in rows
        if SharedPart.SUMMARY in visible(sharing[r.athlete_id], SEEN_BY_GROUP, overrides.get(r.id))
    ]  # fmt: skip


def _shares_with_group(conn: Connection, athlete_id: int) -> bool:
    return SharedPart.SUMMARY in visible(sharing_store.sharing_of(conn, athlete_id), SEEN_BY_GROUP)


def group_runs(
    engine: Engine, group_id: int, *, athlete_id: int, cursor: str | None = None,
    limit: int = PAGE_RUNS,
) -> FeedPage:  # fmt: skip
    """A page of the board's runs (what each member shares with their groups), newest first."""
    with engine.connect() as conn:
        _role(conn, group_id, athlete_id)
        ids = [m.athlete_id for m in store.members(conn, group_id)]
        return page_of(conn, athlete_id, ids, lambda _: SEEN_BY_GROUP, cursor, limit)


class BoardRace(TypedDict):
    """A member's next race (their active plan's goal), when they share with the group."""

    name: str | None
    date: str  # ISO 8601
    distance_m: float | None


class BoardWin(TypedDict):
    """One of a member's recent small wins (on a run shared with the group, or none)."""

    day: str  # ISO 8601
    title: str
    run_id: int | None


class BoardMember(TypedDict):
    """A member's row on the board: consistency over the board's weeks, the weekly streak,
    the next race and recent wins (all empty when they share nothing with groups)."""

    athlete_id: int
    name: str
    role: str  # admin or member
    shares: bool
    run_days: int
    weeks_with_runs: int
    distance_m: float
    streak_weeks: int
    streak_forgiven: int  # empty weeks forgiven inside the streak
    upcoming_race: BoardRace | None
    wins: list[BoardWin]


class Standing(TypedDict):
    athlete_id: int
    name: str
    value: float  # the challenge's measure so far
    reached: bool  # the target is reached


class ChallengeStandings(TypedDict):
    """A group challenge and its standings today, the best first."""

    id: int
    name: str
    measure: str  # a domain.accountability.groups.Measure's value
    target: float | None
    starts_on: str  # ISO 8601
    ends_on: str
    standings: list[Standing]


class GroupBoard(TypedDict):
    """A group's board: the group, its members' rows over ``weeks`` weeks up to ``today``,
    the first page of the runs shared with it (``runs_next``: the older page), challenges."""

    group: GroupInfo
    today: str  # ISO 8601, the asker's local day
    weeks: int
    members: list[BoardMember]
    runs: list[FeedRun]
    runs_next: str | None
    challenges: list[ChallengeStandings]


def group_board(
    engine: Engine, settings: Settings, group_id: int, *, athlete_id: int
) -> GroupBoard:
    """The board of a group the runner is in."""
    with engine.connect() as conn:
        role = _role(conn, group_id, athlete_id)
        group = store.group(conn, group_id)
        members = store.members(conn, group_id)
        today = local_today(conn, athlete_id)
        ids = [m.athlete_id for m in members]
        history_from = today - timedelta(weeks=STREAK_HISTORY_WEEKS)
        runs = _shared_runs(conn, ids, history_from, today)
        board_from = today - timedelta(days=today.weekday()) - timedelta(weeks=BOARD_WEEKS - 1)
        rows = [_member(conn, m, runs, board_from, today) for m in members]
        feed = page_of(conn, athlete_id, ids, lambda _: SEEN_BY_GROUP, None, PAGE_RUNS)
        challenges = [
            challenge_standings(c, ids, conn, today) for c in store.challenges_of(conn, group_id)
        ]
    for row in rows:  # wins read the log on their own connections (SQLite: one at a time)
        row["wins"] = _wins(engine, settings, row, runs, board_from) if row["shares"] else []
    return {
        "group": _info(group, role, len(members)), "today": today.isoformat(),
        "weeks": BOARD_WEEKS, "members": rows, "runs": feed.runs, "runs_next": feed.next,
        "challenges": challenges,
    }  # fmt: skip


def _member(
    conn: Connection, member: Any, runs: list[Any], first: date, today: date
) -> BoardMember:
    mine = [
        (r.local_date, float(r.distance_m or 0)) for r in runs if r.athlete_id == member.athlete_id
    ]
    value = consistency(mine, first, today)
    shares = _shares_with_group(conn, member.athlete_id)
    return {
        "athlete_id": member.athlete_id, "name": member.name, "role": member.role,
        "shares": shares, "run_days": value.run_days, "weeks_with_runs": value.weeks_with_runs,
        "distance_m": round(value.distance_m, 1), "streak_weeks": value.streak.weeks,
        "streak_forgiven": value.streak.forgiven,
        "upcoming_race": _race(conn, member.athlete_id, today) if shares else None,
        "wins": [],  # filled in after: wins read the log on their own connections
    }  # fmt: skip


def _race(conn: Connection, athlete_id: int, today: date) -> BoardRace | None:
    try:
        goal = plan_store.get_plan(conn, athlete_id).plan.goal
    except NotFound:
        return None
    if goal.race_date is None or goal.race_date < today:
        return None
    race: BoardRace = {"name": goal.name or None, "date": goal.race_date.isoformat(),
                       "distance_m": goal.distance_m}  # fmt: skip
    return race


def _wins(
    engine: Engine, settings: Settings, member: BoardMember, runs: list[Any], first: date
) -> list[BoardWin]:
    athlete_id = member["athlete_id"]
    shared = {r.id for r in runs if r.athlete_id == athlete_id}
    found = recent_wins(engine, settings, first, athlete_id=athlete_id)
    wins: list[BoardWin] = [
        {"day": w.day.isoformat(), "title": w.title, "run_id": w.run_id}
        for w in found if w.run_id is None or w.run_id in shared
    ]  # fmt: skip
    return wins[:3]


def challenge_standings(
    row: Any, members: list[int], conn: Connection, today: date
) -> ChallengeStandings:
    """A challenge and its standings on ``today`` (only the runs shared with the group)."""
    measure = Measure(row.measure)
    last = min(row.ends_on, today)
    runs = _shared_runs(conn, members, row.starts_on, last) if last >= row.starts_on else []
    scores = []
    for member in members:
        mine = [(r.local_date, float(r.distance_m or 0)) for r in runs if r.athlete_id == member]
        value = measured(measure, consistency(mine, row.starts_on, max(last, row.starts_on)))
        scores.append((value, member))
    scores.sort(key=lambda s: -s[0])
    standings: list[Standing] = [
        {"athlete_id": member, "name": sharing_store.athlete_name(conn, member), "value": value,
         "reached": row.target is not None and value >= row.target}
        for value, member in scores
    ]  # fmt: skip
    return {
        "id": row.id, "name": row.name, "measure": measure.value, "target": row.target,
        "starts_on": row.starts_on.isoformat(), "ends_on": row.ends_on.isoformat(),
        "standings": standings,
    }  # fmt: skip
