"""Privacy, partners, groups, comments and notifications as JSON (the API and ``--json``).

Another runner's run is written from a whitelist: only what its parts allow (the summary's
numbers; heart rate only when shared; never notes, shoes, effort, feel, files or devices)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from runcoach.domain.accountability.privacy import Audience, SharedPart
from runcoach.services.comments import RunSocial
from runcoach.services.groups import GroupBoard
from runcoach.services.notifications import KindSwitch, Notification
from runcoach.services.partners import Partner, PartnerWeek
from runcoach.services.shared_feed import FeedPage, FeedRun
from runcoach.services.sharing import PrivacySettings, SharedRun, SharedSummary
from runcoach.views.json import IsoDate, IsoDateTime, to_jsonable

__all__ = [
    "CommentedJson",
    "CreatedJson",
    "FeedPageJson",
    "InviterJson",
    "JoinedJson",
    "MarkedReadJson",
    "NotificationSettingsJson",
    "NotificationsJson",
    "PartnershipJson",
    "PrivacyJson",
    "ReminderJson",
    "RunSharingJson",
    "SharedRunJson",
    "SharedSummaryJson",
    "SkippedJson",
    "created_json",
    "feed_page_json",
    "group_board_json",
    "inviter_json",
    "notification_json",
    "notification_settings_json",
    "notifications_json",
    "partner_week_json",
    "privacy_json",
    "run_sharing_json",
    "shared_run_json",
    "shared_summary_json",
    "skipped_json",
    "social_json",
    "switch_json",
]

HEART_RATE_FIELDS = ("avg_hr", "max_hr")


class CreatedJson(TypedDict):
    """Something created (a privacy zone, a group, a challenge, a partner session): its id."""

    id: int


def created_json(new_id: int) -> CreatedJson:
    return {"id": new_id}


class FeedPageJson(TypedDict):
    """A page of runs shared with the runner (``shared``) or of a group board's runs, newest
    first; ``next`` is the cursor of the older page, null on the last."""

    runs: list[FeedRun]
    next: str | None


def feed_page_json(found: FeedPage) -> FeedPageJson:
    return {"runs": list(found.runs), "next": found.next}


def group_board_json(found: GroupBoard) -> dict[str, Any]:
    """A group's board as JSON (``services.groups.GroupBoard``: the group's fields, its
    goal date as ISO 8601)."""
    return to_jsonable(found)  # type: ignore[no-any-return]


def partner_week_json(found: PartnerWeek) -> dict[str, Any]:
    """A partner's week as JSON (``services.partners.PartnerWeek``)."""
    return to_jsonable(found)  # type: ignore[no-any-return]


class AudiencesJson(TypedDict):
    """Who sees each part of a run: private, partners, group or public."""

    summary: Audience
    map: Audience
    heart_rate: Audience


class PrivacyZoneJson(TypedDict):
    id: int
    name: str
    latitude: float
    longitude: float
    radius_m: float


class PrivacyJson(TypedDict):
    """The runner's audiences for every run, the metres hidden at each end of a shared
    track, and the privacy zones no shared point leaves."""

    defaults: AudiencesJson
    trim_m: float
    zones: list[PrivacyZoneJson]


def privacy_json(found: PrivacySettings) -> PrivacyJson:
    return {
        "defaults": {  # type: ignore[typeddict-item]
            part.value: audience.value for part, audience in found.defaults.items()
        },
        "trim_m": found.trim_m,
        "zones": [
            {"id": zone_id, "name": z.name, "latitude": z.latitude, "longitude": z.longitude,
             "radius_m": z.radius_m}
            for zone_id, z in found.zones
        ],
    }  # fmt: skip


class RunSharingJson(TypedDict):
    """One run's own audiences: null where the run follows the runner's defaults."""

    summary: Audience | None
    map: Audience | None
    heart_rate: Audience | None


def run_sharing_json(found: Mapping[SharedPart, Audience | None]) -> RunSharingJson:
    return {  # type: ignore[return-value]
        p.value: None if a is None else a.value for p, a in found.items()
    }


class SkippedJson(TypedDict):
    """The kinds of run the runner marked as the ones they skip, and those runcoach found
    skipped in planned vs done (what a partner is shown)."""

    marked: list[str]
    found: list[str]


def skipped_json(found: Mapping[str, list[str]]) -> SkippedJson:
    return {"marked": list(found["marked"]), "found": list(found["found"])}


def _parts(parts: frozenset[SharedPart]) -> list[str]:
    return sorted(p.value for p in parts)


class SharedLapJson(TypedDict):
    distance_m: float | None
    elapsed_s: float
    moving_s: float | None
    avg_hr: float | None  # null unless heart rate is shared


class SharedRunJson(TypedDict):
    """Another runner's run as shared with the reader: only the parts it allows (the map's
    ascent and heart rate are null unless those parts are shared)."""

    id: int | None  # as in ``runs show``: a stored run's
    athlete_id: int
    athlete: str
    parts: list[str]  # summary, map, heart_rate
    date: IsoDate
    start_utc: IsoDateTime
    sport: str
    name: str | None
    distance_m: float | None
    moving_s: float | None
    elapsed_s: float | None
    ascent_m: float | None
    pace_s_per_km: float | None
    workout_type: str | None
    is_race: bool
    race_official_time_s: float | None
    avg_hr: float | None
    max_hr: float | None
    laps: list[SharedLapJson]


def shared_run_json(shared: SharedRun) -> SharedRunJson:
    run, detail = shared.detail.run, shared.detail
    heart = SharedPart.HEART_RATE in shared.parts
    return {
        "id": run.id, "athlete_id": shared.owner, "athlete": shared.owner_name,
        "parts": _parts(shared.parts), "date": detail.local_date.isoformat(),
        "start_utc": run.start.isoformat(), "sport": run.sport.value, "name": run.name,
        "distance_m": run.distance_m, "moving_s": run.moving_s, "elapsed_s": run.elapsed_s,
        "ascent_m": run.ascent_m if SharedPart.MAP in shared.parts else None,
        "pace_s_per_km": None if run.pace is None else run.pace.seconds_per_km,
        "workout_type": None if run.workout_type is None else run.workout_type.value,
        "is_race": run.race is not None,
        "race_official_time_s": None if run.race is None else run.race.official_time_s,
        "avg_hr": run.avg_hr if heart else None, "max_hr": run.max_hr if heart else None,
        "laps": [
            {"distance_m": lap.distance_m, "elapsed_s": lap.elapsed_s,
             "moving_s": lap.moving_s, "avg_hr": lap.avg_hr if heart else None}
            for lap in run.laps
        ],
    }  # fmt: skip


class SharedSummaryJson(TypedDict):
    """One line of another runner's recent runs, as shared with the reader."""

    id: int
    athlete_id: int
    parts: list[str]
    date: IsoDate
    sport: str
    name: str | None
    distance_m: float | None
    duration_s: float | None
    pace_s_per_km: float | None
    workout_type: str | None
    is_race: bool
    avg_hr: float | None  # null unless heart rate is shared


def shared_summary_json(shared: SharedSummary) -> SharedSummaryJson:
    run = shared.run
    heart = SharedPart.HEART_RATE in shared.parts
    return {
        "id": run.id, "athlete_id": shared.owner, "parts": _parts(shared.parts),
        "date": run.local_date.isoformat(), "sport": run.sport, "name": run.name,
        "distance_m": run.distance_m, "duration_s": run.duration_s,
        "pace_s_per_km": run.pace_s_per_km, "workout_type": run.workout_type,
        "is_race": run.is_race, "avg_hr": run.avg_hr if heart else None,
    }  # fmt: skip


def social_json(social: RunSocial) -> dict[str, Any]:
    return to_jsonable(social)  # type: ignore[no-any-return]


def notification_json(found: Notification) -> dict[str, Any]:
    return to_jsonable(found)  # type: ignore[no-any-return]


def switch_json(found: KindSwitch) -> dict[str, Any]:
    return to_jsonable(found)  # type: ignore[no-any-return]


class NotificationsJson(TypedDict):
    """The runner's notifications, newest first (the items ``notifications list --json``
    prints), and how many are unread."""

    unread: int
    notifications: list[Notification]


def notifications_json(found: list[Notification], unread: int) -> NotificationsJson:
    return {"unread": unread, "notifications": plain(found)}


class MarkedReadJson(TypedDict):
    """How many notifications were marked read."""

    marked: int


class ReminderJson(TypedDict):
    """The time of day (HH:MM) of today's session reminder, null: none."""

    reminder_time: str | None


class NotificationSettingsJson(ReminderJson):
    """Every kind of notification, on or off in the app and by email, and the reminder."""

    kinds: list[KindSwitch]


def notification_settings_json(
    kinds: list[KindSwitch], reminder_time: str | None
) -> NotificationSettingsJson:
    return {"kinds": plain(kinds), "reminder_time": reminder_time}


class InviterJson(TypedDict):
    """Who sent a partner invitation, told before it is accepted."""

    partnership_id: int
    athlete_id: int | None
    name: str | None


def inviter_json(found: Partner) -> InviterJson:
    return {"partnership_id": found.partnership_id, "athlete_id": found.athlete_id,
            "name": found.name}  # fmt: skip


class PartnershipJson(TypedDict):
    """A partner invitation accepted: the partnership's id."""

    partnership_id: int


class JoinedJson(TypedDict):
    """A group joined by an invitation: its id."""

    group_id: int


class CommentedJson(TypedDict):
    """A coach's comment on an athlete's run: its id and the run's."""

    id: int
    run_id: int


def plain(value: Any) -> Any:
    """Any other service result (partners, sessions, groups) as plain JSON."""
    return to_jsonable(value)
