"""/api/v1/shared-runs: the runs shared with me (partners and groups), a page at a time."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from runcoach.services.shared_feed import PAGE_RUNS, shared_with_me
from runcoach.views.accountability import feed_page_json
from runcoach.web.auth import Authorized, engine_of

router = APIRouter(prefix="/shared-runs", tags=["partners"])


@router.get("", summary="Runs your partners and groups share with you, newest first, paged")
def shared_runs(
    request: Request, access: Authorized, cursor: str | None = None, limit: int = PAGE_RUNS
) -> dict[str, Any]:
    """``cursor``: the ``next`` of the page before (none: the newest page); ``next`` is null
    on the last page. New runs never move a run onto another page."""
    found = shared_with_me(
        engine_of(request), athlete_id=access.actor.athlete_id, cursor=cursor, limit=limit
    )
    return dict(feed_page_json(found))
