"""One account's data in one zip, for the runner to keep or take elsewhere: the log as JSON,
every original device file as it was uploaded, every plan (docs/plan-format.md), the
check-ins, the commitment contracts with their judged weeks (as runner and as referee), the
changes coaches made to the plan, the settings, and the accountability: privacy settings
and zones, partners and partner sessions, groups, comments written, coach grants and
notification preferences (docs/accountability.md). (The whole store's backup, every
account, is ``runcoach backup``.)"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.domain.plans.codec import plan_document
from runcoach.services import coaching, contracts
from runcoach.services.athletes import athlete_settings
from runcoach.services.checkins import checkin_to_dict
from runcoach.services.runs import list_runs
from runcoach.store import account_rows
from runcoach.store import checkins as checkin_store
from runcoach.store import plans as plan_store
from runcoach.store.source_files import original_bytes, source_ids_of

EXPORT_FORMAT = "runcoach-account-export/1"


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def export_account(engine: Engine, *, athlete_id: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        settings = dataclasses.asdict(athlete_settings(engine, athlete_id=athlete_id))
        archive.writestr(
            "manifest.json",
            _json(
                {
                    "format": EXPORT_FORMAT,
                    "made_at": datetime.now(UTC).isoformat(),
                    "settings": settings,
                }
            ),
        )
        runs = [dataclasses.asdict(r) for r in list_runs(engine, athlete_id=athlete_id)]
        archive.writestr("runs.json", _json(runs))
        signed = contracts.list_contracts(engine, datetime.now(UTC), athlete_id=athlete_id)
        own = [dataclasses.asdict(c) for c in signed if c.role == "runner"]
        archive.writestr("contracts.json", _json(own))
        refereed = [dataclasses.asdict(c) for c in signed if c.role != "runner"]
        archive.writestr("contracts-refereed.json", _json(refereed))
        archive.writestr(
            "plan-changes.json", _json(coaching.plan_changes(engine, athlete_id=athlete_id))
        )
        with engine.connect() as conn:
            plans = [
                {"id": p.id, "status": p.status, "plan": plan_document(p.plan)}
                for p in plan_store.list_plans(conn, athlete_id)
            ]
            told = [checkin_to_dict(c) for c in checkin_store.list_checkins(conn, athlete_id)]
            archive.writestr("plans.json", _json(plans))
            archive.writestr("checkins.json", _json(told))
            for name, rows in accountability(conn, athlete_id).items():
                archive.writestr(name, _json(rows))
            for source_id, name in source_ids_of(conn, athlete_id):
                leaf = PurePosixPath(name.replace("!", "/").replace("\\", "/")).name
                archive.writestr(f"files/{source_id:06d}-{leaf}", original_bytes(conn, source_id))
    return out.getvalue()


def accountability(conn: Connection, athlete_id: int) -> dict[str, Any]:
    """The account's sharing, partners, groups, comments, coach grants and notification
    preferences, one file each (the other accounts they name are named, not exported)."""
    privacy = account_rows.privacy_of(conn, athlete_id)
    return {
        "privacy.json": privacy,
        "partners.json": {
            "partnerships": account_rows.partnerships_of(conn, athlete_id),
            "sessions": account_rows.partner_sessions_of(conn, athlete_id),
        },
        "groups.json": account_rows.memberships_of(conn, athlete_id),
        "comments.json": account_rows.comments_by(conn, athlete_id),
        "coach-grants.json": account_rows.coach_grants_of(conn, athlete_id),
        "notifications.json": {
            "switches": account_rows.notification_switches_of(conn, athlete_id),
            "reminder_time": (privacy["settings"] or {}).get("reminder_time"),
        },
    }
