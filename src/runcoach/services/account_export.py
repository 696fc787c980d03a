"""One account's data in one zip, for the runner to keep or take elsewhere: the log as JSON,
every original device file as it was uploaded, every plan (docs/plan-format.md), the
check-ins, the commitment contracts with their judged weeks, the changes coaches made to the
plan, and the settings. (The whole store's backup, every account, is ``runcoach backup``.)"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Engine

from runcoach.domain.plans.codec import plan_document
from runcoach.services import coaching, contracts
from runcoach.services.athletes import athlete_settings
from runcoach.services.checkins import checkin_to_dict
from runcoach.services.runs import list_runs
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
        own = [dataclasses.asdict(c) for c in contracts.list_contracts(
            engine, datetime.now(UTC), athlete_id=athlete_id) if c.role == "runner"]  # fmt: skip
        archive.writestr("contracts.json", _json(own))
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
            for source_id, name in source_ids_of(conn, athlete_id):
                leaf = PurePosixPath(name.replace("!", "/").replace("\\", "/")).name
                archive.writestr(f"files/{source_id:06d}-{leaf}", original_bytes(conn, source_id))
    return out.getvalue()
