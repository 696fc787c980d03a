"""The account, its settings, API tokens, sign-ups and uploads as JSON (``/api/v1``).

These answers have no command-line twin: the CLI works on the local athlete, without an
account, tokens or upload jobs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from runcoach.services.accounts import TokenInfo
from runcoach.services.athletes import AthleteSettings
from runcoach.services.uploads import UploadJob
from runcoach.views.imports import FileOutcomeJson
from runcoach.views.json import IsoDateTime
from runcoach.views.shoes import WornShoeJson


class SettingsJson(TypedDict):
    """The account's address and role, and the athlete's settings."""

    email: str
    is_admin: bool
    name: str
    units: str  # metric or imperial
    timezone: str | None
    max_hr: float | None
    resting_hr: float | None


class AccountJson(SettingsJson):
    """The account and settings, and the athlete id partners and group mates know it by
    (``/api/v1/athletes/ID/runs``)."""

    athlete_id: int


def settings_json(email: str, is_admin: bool, s: AthleteSettings) -> SettingsJson:
    return {
        "email": email, "is_admin": is_admin, "name": s.name, "units": s.units.value,
        "timezone": s.timezone, "max_hr": s.max_hr, "resting_hr": s.resting_hr,
    }  # fmt: skip


def account_json(email: str, is_admin: bool, s: AthleteSettings, athlete_id: int) -> AccountJson:
    return {**settings_json(email, is_admin, s), "athlete_id": athlete_id}


class UrlJson(TypedDict):
    """A private calendar feed's URL (the old one stops working)."""

    url: str


class TokenJson(TypedDict):
    """An API token, never its secret: its first characters, scope and when it was last used."""

    id: int
    name: str
    prefix: str
    scope: str  # read or write
    created_at: IsoDateTime
    last_used_at: IsoDateTime | None
    revoked: bool


class TokenCreatedJson(TokenJson):
    """A new API token with its secret, shown this once."""

    token: str


def token_json(t: TokenInfo) -> TokenJson:
    return {
        "id": t.id, "name": t.name, "prefix": t.prefix, "scope": t.scope,
        "created_at": t.created_at.isoformat(), "last_used_at": _iso(t.last_used_at),
        "revoked": t.revoked,
    }  # fmt: skip


def token_created_json(token: str, t: TokenInfo) -> TokenCreatedJson:
    return {**token_json(t), "token": token}


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


class SignupsJson(TypedDict):
    """Whether anyone may sign up, or only with an invitation."""

    open: bool


class SignupInvitationJson(TypedDict):
    """An invitation to sign up: its code (shown once) and the link that carries it."""

    code: str
    url: str


class UploadJobJson(TypedDict):
    """An upload's job: its progress, each file's outcome, and once done the pairs of shoes
    the new runs wore out."""

    id: int
    status: str  # queued, running, rebuilding (the reports), done or failed
    files_total: int
    files_done: int
    finished: bool
    outcomes: list[FileOutcomeJson]  # as ``runcoach import --json`` tells each file
    error: str | None
    created_at: IsoDateTime
    finished_at: IsoDateTime | None
    worn_out: list[WornShoeJson]


def upload_job_json(job: UploadJob, worn_out: list[WornShoeJson]) -> UploadJobJson:
    return {
        "id": job.id, "status": job.status, "files_total": job.files_total,
        "files_done": job.files_done, "finished": job.finished,
        "outcomes": [_outcome(o) for o in job.outcomes],
        "error": job.error, "created_at": job.created_at.isoformat(),
        "finished_at": _iso(job.finished_at), "worn_out": worn_out,
    }  # fmt: skip


def _outcome(stored: dict[str, Any]) -> FileOutcomeJson:
    """A file's outcome as the upload job stored it (a job stored before ``kind`` was kept
    has none: null)."""
    return {
        "name": stored["name"], "outcome": stored["outcome"], "reason": stored["reason"],
        "run_ids": list(stored["run_ids"]), "kind": stored.get("kind"),
        "warnings": list(stored["warnings"]),
    }  # fmt: skip
