"""The public JSON schema, written from the view layer's own types.

Every shape that ``--json`` and ``/api/v1`` return is a ``TypedDict`` of ``runcoach.views``
or a service result turned into JSON field by field (``views.json.to_jsonable``: a
dataclass). ``SHAPES`` names them with the doors that return them; ``schema_of`` turns one
into JSON Schema (draft 2020-12) by reading its type hints, so the schema cannot drift from
the code. ``python -m runcoach.views.schema`` writes ``docs/schema/*.json``;
``tests/views/test_schema.py`` checks that the committed files are the code's and that the
golden files of ``tests/golden`` (what the CLI really prints) validate against them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import (
    Annotated,
    Any,
    Literal,
    NotRequired,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from runcoach.domain.fitness.goals import Verdict, VerdictKind
from runcoach.domain.plans.race_plan import RacePlan
from runcoach.domain.progress.report import Report
from runcoach.domain.progress.wins import Win
from runcoach.services.backup import BackupSummary
from runcoach.services.calendar import Calendar, MoveAnswer
from runcoach.services.coaching import PlanChangeLine
from runcoach.services.comments import RunSocial
from runcoach.services.group_invitations import GroupInvitation, InvitationInfo, JoinRequest
from runcoach.services.groups import GroupBoard, GroupInfo
from runcoach.services.notifications import KindSwitch, Notification
from runcoach.services.partners import (
    Partner,
    PartnerInvitation,
    PartnerSession,
    PartnerWeek,
    SuggestedSession,
)
from runcoach.views import (
    account,
    accountability,
    checkins,
    coaching,
    contracts,
    fitness,
    imports,
    info,
    plans,
    runs,
    shoes,
    today,
)
from runcoach.views.json import omitted_when_none

# Types a module names for type checks only (imported lazily, for the command line's start-up):
# the schema needs them to read the hints of the results that hold them.
_LAZY_TYPES: dict[str, Any] = {"RacePlan": RacePlan}

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DOCS = Path("docs/schema")


@dataclass(frozen=True)
class Shape:
    """One public JSON shape: what it is, the doors that return it, the golden steps
    (``tests/golden``) whose output it is, and keys a door adds beside the type's own."""

    name: str
    kind: Any  # a TypedDict or a dataclass
    title: str
    doors: tuple[str, ...]
    golden: tuple[str, ...] = ()
    many: bool = False  # a JSON array of them
    lines: bool = False  # JSON lines: one of them a line (the schema is of one line)
    extra: Mapping[str, Any] = field(default_factory=dict)  # optional keys a door adds


SHAPES: tuple[Shape, ...] = (
    Shape("today", today.AnswerJson, "What to run today, or a better session, and why",
          ("runcoach today --json", "GET /api/v1/today", "POST /api/v1/today"),
          ("today", "today-tired", "today-sick", "today-injured", "today-comeback",
           "today-plan-file")),
    Shape("warnings", today.WarningJson, "The three too's watched: too far, too soon, too fast",
          ("runcoach warnings --json", "GET /api/v1/warnings"),
          ("warnings", "warnings-later", "warnings-plan-file"), many=True),
    Shape("plan-progress", today.WeekJson, "Planned vs done, week by week",
          ("runcoach plan progress --json", "GET /api/v1/progress"),
          ("plan-progress", "plan-progress-file", "plan-progress-shifts"), many=True),
    Shape("plan-shift", plans.ShiftJson,
          "A shift change or a rota: what it moved, the rules it breaks, whether it was saved",
          ("runcoach plan shift --json", "runcoach plan rota --json",
           "POST /api/v1/plans/active/shifts", "POST /api/v1/plans/active/shifts/preview",
           "POST /api/v1/plans/active/rota"),
          ("plan-shift-swap", "plan-shift-day", "plan-shift-insert-preview",
           "plan-rota-preview", "plan-rota-accepted")),
    Shape("plan-history", plans.HistoryJson, "The changes kept of a plan, the newest first",
          ("runcoach plan history --json", "GET /api/v1/plans/active/history"),
          ("plan-history",)),
    Shape("plan-undo", plans.UndoJson, "The last change to a plan undone",
          ("runcoach plan undo --json", "POST /api/v1/plans/active/undo"), ("plan-undo",)),
    Shape("plan-built", plans.PlanBuiltJson,
          "A plan built from a profile and stored as the active plan, with the rules it breaks",
          ("runcoach plan create --json", "POST /api/v1/plans",
           "PUT /api/v1/plans/active/days/{day}"),
          ("plan-create", "plan-create-shifts")),
    Shape("plan-shown", plans.PlanShownJson, "A stored plan, week by week",
          ("runcoach plan show --json", "GET /api/v1/plans/active"),
          ("plan-show", "plan-show-week", "plan-show-shifts")),
    Shape("plan-document", plans.PlanDocJson,
          "A training plan as a JSON document (docs/plan-format.md): the file plan export "
          "writes and plan import reads (a coach may write one by hand)",
          ("runcoach plan export --json FILE", "GET /api/v1/plans/active/plan.json")),
    Shape("plan-stored", plans.PlanStoredJson, "A plan imported or changed by hand, re-checked",
          ("runcoach plan edit --json", "runcoach plan import --json"),
          ("plan-edit", "plan-edit-rest", "plan-import")),
    Shape("plan-check", plans.CheckJson, "The rules a plan breaks",
          ("runcoach plan check --json",), ("plan-check", "plan-check-broken")),
    Shape("calendar", Calendar, "Days with the planned sessions, how each went, and the runs",
          ("GET /api/v1/calendar",)),
    Shape("plan-move", MoveAnswer,
          "A session moved to another day: what moved, the rules it newly breaks",
          ("POST /api/v1/plans/active/moves", "POST /api/v1/plans/active/moves/preview")),
    Shape("runs", runs.RunSummaryJson, "The training log, one line a run",
          ("runcoach runs list --json", "GET /api/v1/runs"),
          ("runs-list", "runs-list-easy", "runs-list-period", "runs-list-all", "runs-list-rides",
           "runs-list-after", "runs-list-imperial"), many=True),
    Shape("run", runs.RunDetailJson, "One run in full: laps, splits, halves, best efforts",
          ("runcoach runs show ID --json", "GET /api/v1/runs/{id}",
           "PATCH /api/v1/runs/{id}"),
          ("runs-show-fit", "runs-show-gpx", "runs-show-tcx", "runs-show-trusted",
           "runs-show-added"),
          extra={"worn_out": list[shoes.WornShoeJson]}),  # PATCH: the pairs it wore out
    Shape("run-added", shoes.RunWrittenJson, "A run added, and the pairs now worn out",
          ("POST /api/v1/runs",)),
    Shape("import", imports.ImportSummaryJson, "An import: the counts, then file by file",
          ("runcoach import --json",), ("import", "import-again")),
    Shape("quarantine-release", imports.FileOutcomeJson,
          "A quarantined file's runs taken into the log", ("runcoach quarantine release --json",),
          ("quarantine-release",)),
    Shape("run-samples", runs.SamplesJson, "A run's samples for its charts and map",
          ("GET /api/v1/runs/{id}/samples",
           "GET /api/v1/athletes/{athlete_id}/runs/{run_id}/samples")),
    Shape("shoes", shoes.ShoeJson, "Shoes and the distance run in them",
          ("runcoach shoes list --json", "GET /api/v1/shoes"),
          ("shoes-list", "shoes-list-all"), many=True),
    Shape("prediction", fitness.PredictionJson, "A race time predicted, with its interval",
          ("runcoach predict --json", "POST /api/v1/predictions"),
          ("predict", "predict-from-log"),
          extra={"source": Literal["given", "log"]}),  # the CLI says where the results came from
    Shape("paces", fitness.PacesJson, "Training paces and heart-rate zones",
          ("runcoach paces --json", "POST /api/v1/paces"), ("paces", "paces-from-log")),
    Shape("goal-check", Verdict, "A goal's verdict: within reach, a stretch or not realistic",
          ("runcoach goal check --json", "POST /api/v1/goal-check"),
          ("goal-check", "goal-check-conditions"),
          extra={"verdict": Literal[tuple(k.value for k in VerdictKind)],
                 "today": fitness.PredictionJson}),  # the prediction as predict shows it
    Shape("fitness", fitness.FitnessJson, "Current fitness (VDOT), what it rests on, its history",
          ("runcoach fitness --json",), ("fitness", "fitness-now")),
    Shape("report", Report, "A progress report: volume, run days, load, variety, wins, habits",
          ("runcoach report --json", "GET /api/v1/reports"),
          ("report-week", "report-month", "report-year", "report-period", "report-charts"),
          extra={"files": list[str], "empty": bool, "nearest_period_with_runs": Any}),
    Shape("checkin", checkins.CheckInJson, "A day's check-in: how the runner is, the habits kept",
          ("runcoach checkin --json", "POST /api/v1/checkins"),
          ("checkin-sore", "checkin-note", "checkin-injured", "checkin-can-run")),
    Shape("backup", BackupSummary, "What a backup holds, or what a restore loaded",
          ("runcoach backup --json", "runcoach verify --json", "runcoach restore --json"),
          ("backup", "verify", "restore")),
    # the story's backups are normalised ($SIZE, $STAMP; tests/golden): the test puts a size
    # and an instant back before validating, and validates a real backup's answer too
    Shape("wins", Win, "Small wins found in the log, newest first",
          ("runcoach wins --json", "GET /api/v1/wins"), ("wins", "wins-since"), many=True),
    Shape("info", info.InfoJson, "Where runcoach keeps its data, and what the store holds",
          ("runcoach info --json",), ("info", "info-restored")),
    Shape("run-id", runs.RunAddedJson, "A run added by hand, or today's session logged: its id",
          ("runcoach runs add --json", "POST /api/v1/today/done"),
          ("runs-add-easy", "runs-add-long", "runs-add-race", "runs-add-tempo",
           "runs-add-treadmill")),
    Shape("run-changed", runs.RunChangedJson, "A run changed",
          ("runcoach runs edit ID --json",),
          ("runs-edit-check", "runs-edit-race", "runs-edit-tags", "runs-edit-trust")),
    Shape("run-deleted", runs.RunDeletedJson, "A run deleted",
          ("runcoach runs edit ID --delete --yes --json",), ("runs-delete",)),
    Shape("runs-export", runs.ExportJson, "The log exported as CSV and/or GPX files",
          ("runcoach runs export --json",), ("runs-export",)),
    Shape("runs-reanalyse", runs.ReanalysedJson, "The runs analysed again from their samples",
          ("runcoach runs reanalyse --json",), ("runs-reanalyse",)),
    Shape("shoe-added", shoes.ShoeAddedJson, "A pair of shoes added",
          ("runcoach shoes add --json", "POST /api/v1/shoes"),
          ("shoes-add-ghost", "shoes-add-kinvara")),
    Shape("shoe-retired", shoes.ShoeRetiredJson, "A pair retired, or back in use",
          ("runcoach shoes retire --json", "POST /api/v1/shoes/{name}/retire"),
          ("shoes-retire", "shoes-retire-undo")),
    Shape("predict-batch", fitness.BatchPredictionJson | fitness.BatchErrorJson,
          "A line of a batch of predictions: the time predicted, or the line's error",
          ("runcoach predict --batch FILE",), ("predict-batch",), lines=True),
    Shape("contract", contracts.ContractJson,
          "A commitment contract: its terms, every period's verdict and why, what is owed",
          ("runcoach contracts sign|show|harder|end|dispute|review|accept|referee --json",
           "POST /api/v1/contracts", "GET /api/v1/contracts/{contract_id}",
           "PUT /api/v1/contracts/{contract_id}", "POST /api/v1/contracts/{contract_id}/end",
           "POST /api/v1/contracts/{contract_id}/periods/{number}/dispute",
           "POST /api/v1/contracts/{contract_id}/periods/{number}/review",
           "POST /api/v1/contracts/{contract_id}/referee/accept",
           "PUT /api/v1/contracts/{contract_id}/referee"),
          ("contracts-sign", "contracts-show", "contracts-harder", "contracts-end")),
    Shape("contracts", contracts.ContractJson,
          "The runner's contracts and those they referee, each judged up to today",
          ("runcoach contracts list --json", "GET /api/v1/contracts"), ("contracts-list",),
          many=True),
    Shape("contracts-judge", contracts.JudgedJson, "The periods judged now",
          ("runcoach contracts judge --json", "POST /api/v1/contracts/judge"),
          ("contracts-judge",)),
    Shape("coach-invitation", coaching.CoachInvitationJson,
          "An invitation for a coach (its code shown once)",
          ("runcoach coach invite --json", "POST /api/v1/coaching/invitations"),
          ("coach-invite",)),
    Shape("coach-accepted", coaching.CoachingJson, "An athlete's invitation accepted by a coach",
          ("runcoach coach accept CODE --json", "POST /api/v1/coach/invitations/accept")),
    Shape("coaches", coaching.GrantJson, "The runner's coaches and open invitations",
          ("runcoach coach coaches --json", "GET /api/v1/coaching/coaches"),
          ("coach-coaches",), many=True),
    Shape("coach-athletes", coaching.GlanceJson,
          "A coach's athletes: the last 7 days marked, and their warnings",
          ("runcoach coach athletes --json", "GET /api/v1/coach/athletes"),
          ("coach-athletes",), many=True),
    Shape("coach-changes", PlanChangeLine,
          "What the runner's coaches changed in their plan, and why, newest first",
          ("runcoach coach changes --json", "GET /api/v1/coaching/plan-changes"),
          ("coach-changes",), many=True),
    Shape("coach-athlete", coaching.CoachAthleteJson,
          "One athlete as their coach sees them: glance, plan and its rules, runs, changes",
          ("runcoach coach show ATHLETE --json", "GET /api/v1/coach/athletes/{athlete_id}")),
    Shape("coach-edit", coaching.CoachEditJson,
          "A coach's edit of one day of an athlete's plan",
          ("runcoach coach edit ATHLETE DAY --json",
           "PUT /api/v1/coach/athletes/{athlete_id}/plan/days/{day}")),
    Shape("coach-change", coaching.CoachChangeJson,
          "A coach's plan built from a profile, or a shift or rota recorded for an athlete",
          ("runcoach coach plan|shift|rota ATHLETE --json",
           "POST /api/v1/coach/athletes/{athlete_id}/plans",
           "POST /api/v1/coach/athletes/{athlete_id}/plan/shifts",
           "POST /api/v1/coach/athletes/{athlete_id}/plan/rota")),
    Shape("run-social", RunSocial, "A run's comments and kudos, and what the reader may do",
          ("runcoach comments list RUN_ID --json", "GET /api/v1/runs/{run_id}/social",
           "POST /api/v1/runs/{run_id}/comments", "POST /api/v1/runs/{run_id}/kudos",
           "DELETE /api/v1/runs/{run_id}/kudos"),
          ("comments-list",), extra={"id": int}),  # POST comments: the new comment's id
    Shape("coach-comment", accountability.CommentedJson, "A coach's comment on an athlete's run",
          ("POST /api/v1/coach/athletes/{athlete_id}/runs/{run_id}/comments",)),
    Shape("shared-runs", accountability.SharedSummaryJson,
          "Another runner's recent runs that the reader may see, newest first",
          ("GET /api/v1/athletes/{athlete_id}/runs",), many=True),
    Shape("shared-run", accountability.SharedRunJson, "Another runner's run, as shared",
          ("GET /api/v1/athletes/{athlete_id}/runs/{run_id}",)),
    Shape("coach-predict", coaching.TeamPredictionJson | coaching.TeamPredictionErrorJson,
          "A predicted time for each of a coach's athletes, or why there is none",
          ("runcoach coach predict --json", "POST /api/v1/coach/predictions"),
          ("coach-predict",), many=True),
    Shape("created", accountability.CreatedJson,
          "Something created: a privacy zone, a group, a challenge, a partner session",
          ("runcoach privacy zone-add --json", "runcoach groups create --json",
           "runcoach groups challenge --json", "runcoach partners session --json",
           "POST /api/v1/privacy/zones", "POST /api/v1/groups",
           "POST /api/v1/groups/{group_id}/challenges", "POST /api/v1/partner-sessions"),
          ("privacy-zone-add", "groups-create", "groups-challenge")),
    Shape("privacy", accountability.PrivacyJson,
          "Who sees what of the runner's runs, and their privacy zones",
          ("runcoach privacy show --json", "runcoach privacy set --json", "GET /api/v1/privacy",
           "PUT /api/v1/privacy"), ("privacy-show", "privacy-set")),
    Shape("run-sharing", accountability.RunSharingJson, "One run's own audiences",
          ("runcoach privacy set --run ID --json", "GET /api/v1/runs/{run_id}/sharing",
           "PUT /api/v1/runs/{run_id}/sharing"), ("privacy-set-run",)),
    Shape("partners", Partner, "The runner's training partners and the invitations sent",
          ("runcoach partners list --json", "GET /api/v1/partners"), ("partners-list",),
          many=True),
    Shape("partner-invitation", PartnerInvitation, "A partner invitation (its code shown once)",
          ("runcoach partners invite --json", "POST /api/v1/partners/invitations"),
          ("partners-invite",), extra={"link": str}),  # the API adds the link
    Shape("partner-week", PartnerWeek,
          "A partner's week: the sessions planned and how they went, the runs they share",
          ("runcoach partners week ATHLETE_ID --json",
           "GET /api/v1/partners/{athlete_id}/week")),
    Shape("partner-inviter", accountability.InviterJson, "Who sent a partner invitation",
          ("GET /api/v1/partners/invitations/{code}",)),
    Shape("partnership", accountability.PartnershipJson, "A partner invitation accepted",
          ("POST /api/v1/partners/invitations/{code}/accept",)),
    Shape("partner-suggestions", SuggestedSession,
          "Coming sessions of the kinds the runner skips, to do with a partner",
          ("GET /api/v1/partners/suggestions",), many=True),
    Shape("partner-sessions", PartnerSession,
          "Sessions with partners, from a week ago on", ("GET /api/v1/partner-sessions",),
          many=True),
    Shape("partner-session", PartnerSession,
          "A session with a partner, as answered: accepted, declined or another day proposed",
          ("runcoach partners answer --json",
           "POST /api/v1/partner-sessions/{session_id}/answer")),
    Shape("partners-skipped", accountability.SkippedJson,
          "The kinds of run the runner marks or tends to skip",
          ("runcoach partners skipped --json", "GET /api/v1/partners/skipped",
           "PUT /api/v1/partners/skipped"),
          ("partners-skipped",)),
    Shape("group-board", GroupBoard,
          "A group's board: members' consistency, streaks, wins and races, runs, challenges",
          ("runcoach groups board --json", "GET /api/v1/groups/{group_id}/board"),
          ("groups-board",)),
    Shape("feed-page", accountability.FeedPageJson,
          "A page of runs shared with the runner, or of a group board's runs, newest first",
          ("runcoach shared --json", "runcoach groups runs --json", "GET /api/v1/shared-runs",
           "GET /api/v1/groups/{group_id}/runs"), ("shared", "groups-runs")),
    Shape("groups", GroupInfo, "The runner's groups, then the open groups they may join",
          ("runcoach groups list --json", "GET /api/v1/groups"), ("groups-list",), many=True),
    Shape("group-suggestions", GroupInfo, "Open groups with a goal like the runner's plan's",
          ("GET /api/v1/groups/suggestions",), many=True),
    Shape("group-invitation-info", InvitationInfo, "The group an invitation link is for",
          ("GET /api/v1/group-invitations/{code}",)),
    Shape("group-joined", accountability.JoinedJson, "A group joined by an invitation",
          ("POST /api/v1/group-invitations/{code}/accept",)),
    Shape("group-invitation", GroupInvitation, "An invitation into a group (its code shown once)",
          ("runcoach groups invite --json", "POST /api/v1/groups/{group_id}/invitations"),
          ("groups-invite",), extra={"url": str}),
    Shape("join-requests", JoinRequest, "The runners asking to join a group, oldest first",
          ("runcoach groups requests --json", "GET /api/v1/groups/{group_id}/requests"),
          ("groups-requests",), many=True),
    Shape("notifications", Notification, "The runner's notifications, newest first",
          ("runcoach notifications list --json",), ("notifications-list",), many=True),
    Shape("notifications-page", accountability.NotificationsJson,
          "The runner's notifications, newest first, and how many are unread",
          ("GET /api/v1/notifications",)),
    Shape("notifications-read", accountability.MarkedReadJson, "Notifications marked read",
          ("POST /api/v1/notifications/read",)),
    Shape("notification-settings", accountability.NotificationSettingsJson,
          "Every kind of notification on or off, and the time of the session reminder",
          ("GET /api/v1/notifications/settings",)),
    Shape("notification-reminder", accountability.ReminderJson,
          "The time of today's session reminder", ("PUT /api/v1/notifications/reminder",)),
    Shape("notification-kinds", KindSwitch,
          "Every kind of notification, on or off in the app and by email",
          ("runcoach notifications kinds --json",), ("notifications-kinds",), many=True),
    Shape("notification-switch", KindSwitch, "A kind of notification switched on or off",
          ("runcoach notifications switch --json", "PUT /api/v1/notifications/settings/{kind}"),
          ("notifications-switch",)),
    Shape("account", account.AccountJson, "The account, its settings and its athlete id",
          ("GET /api/v1/account",)),
    Shape("account-settings", account.SettingsJson, "The account and its settings, changed",
          ("PUT /api/v1/account/settings",)),
    Shape("calendar-feed", account.UrlJson, "A new private calendar feed URL",
          ("POST /api/v1/account/feed",)),
    Shape("tokens", account.TokenJson, "The account's API tokens (never their secrets)",
          ("GET /api/v1/tokens",), many=True),
    Shape("token-created", account.TokenCreatedJson, "A new API token, its secret shown once",
          ("POST /api/v1/tokens",)),
    Shape("signups", account.SignupsJson, "Sign-ups open or closed",
          ("PUT /api/v1/admin/signups",)),
    Shape("signup-invitation", account.SignupInvitationJson, "An invitation to sign up",
          ("POST /api/v1/admin/invitations",)),
    Shape("upload", account.UploadJobJson,
          "An upload's job: its progress, each file's outcome, the pairs now worn out",
          ("POST /api/v1/uploads", "GET /api/v1/uploads/{job_id}")),
)  # fmt: skip


def schema_of(shape: Shape) -> dict[str, Any]:
    """The JSON Schema of one shape, its nested types under ``$defs``."""
    defs: dict[str, Any] = {}
    # a door's key first: a field of the same name is shown as the door's view (the goal
    # check's ``today`` is the prediction as ``predict`` shows it, not the domain's fields)
    extra = {key: _schema(hint, defs) for key, hint in shape.extra.items()}
    one = _schema(shape.kind, defs)
    if extra:
        defs[_name(shape.kind)]["properties"].update(extra)
    body = {"type": "array", "items": one} if shape.many else one
    doors = "; ".join(shape.doors)
    if shape.lines:
        doors += " (JSON lines: one answer a line)"
    return {
        "$schema": DIALECT,
        "$id": f"https://runcoach.example/schema/{shape.name}.json",
        "title": shape.title,
        "description": f"Returned by {doors}.",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def _name(kind: type) -> str:
    return kind.__name__.removesuffix("Json").lstrip("_")


def _schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint is Any or hint is object:
        return {}
    if hint is type(None) or hint is None:
        return {"type": "null"}
    plain = {str: "string", bool: "boolean", int: "integer", float: "number"}
    if hint in plain:
        return {"type": plain[hint]}
    if hint is datetime:
        return {"type": "string", "format": "date-time"}
    if hint is date:
        return {"type": "string", "format": "date"}
    if hint is Path:
        return {"type": "string"}
    origin, args = get_origin(hint), get_args(hint)
    if origin is NotRequired:  # a key one door adds: not in ``required``
        return _schema(args[0], defs)
    if origin is Annotated:  # views.json.IsoDate: text in a known format
        formats = [a for a in args[1:] if a in ("date", "date-time")]
        choices = [a for a in args[1:] if isinstance(a, type) and issubclass(a, Enum)]
        if choices:  # Annotated[str, SomeEnum]: a text that is one of the enum's values
            return {**_schema(args[0], defs), "enum": [m.value for m in choices[0]]}
        return {**_schema(args[0], defs), **({"format": formats[0]} if formats else {})}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema(a, defs) for a in args]}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (list, tuple, set, frozenset, Sequence) or hint in (list, tuple):
        items = [a for a in args if a is not Ellipsis]
        if origin is tuple and len(items) > 1 and Ellipsis not in args:
            return {"type": "array", "prefixItems": [_schema(a, defs) for a in items]}
        return {"type": "array", "items": _schema(items[0], defs) if items else {}}
    if origin in (dict, Mapping) or hint is dict:
        value = _schema(args[1], defs) if args else {}
        return {"type": "object", "additionalProperties": value}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [m.value for m in hint]}
    if isinstance(hint, type) and (is_typeddict(hint) or dataclasses.is_dataclass(hint)):
        return _object(hint, defs)
    raise TypeError(f"no JSON schema for {hint!r}")


def _object(kind: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = _name(kind)
    ref = {"$ref": f"#/$defs/{name}"}
    if name in defs:
        return ref
    defs[name] = {}  # a placeholder: a type may hold itself
    hints = get_type_hints(kind, localns=_LAZY_TYPES, include_extras=True)
    if is_typeddict(kind):
        names = list(hints)  # NotRequired read from the hints: with postponed annotations
        # a TypedDict's __required_keys__ lists every key
        keys = kind.__required_keys__  # type: ignore[attr-defined]
        required = sorted(n for n in keys if get_origin(hints[n]) is not NotRequired)
        closed = True  # a view's TypedDict lists every key it writes
    else:
        names = [f.name for f in dataclasses.fields(kind)]
        left_out = omitted_when_none(kind)
        required = [n for n in names if n not in left_out]
        closed = False  # a view may add a key beside the fields (documented in docs/)
    doc = (kind.__doc__ or "").strip()
    defs[name] = {
        "type": "object",
        **({"description": doc} if doc and not doc.startswith(kind.__name__ + "(") else {}),
        "properties": {n: _schema(hints[n], defs) for n in names},
        "required": required,
        **({"additionalProperties": False} if closed else {}),
    }
    return ref


def write(folder: Path = DOCS) -> list[Path]:
    """Write every shape's schema into ``folder`` (one file a shape); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for shape in SHAPES:
        path = folder / f"{shape.name}.json"
        path.write_text(dumps(schema_of(shape)), encoding="utf-8")
        written.append(path)
    return written


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write runcoach's public JSON schema.")
    parser.add_argument("folder", nargs="?", type=Path, default=DOCS)
    args = parser.parse_args(argv)
    for path in write(args.folder):
        print(path)


if __name__ == "__main__":
    main()
