"""What every page route shares: the logged-in runner, with their units for the templates."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from runcoach.services.athletes import athlete_settings
from runcoach.web.auth import Access, authorize, engine_of


async def page_access(request: Request) -> Access:
    """A logged-in runner (a visitor is sent to log in); the templates get their units."""
    access = await authorize(request)
    own = athlete_settings(engine_of(request), athlete_id=access.actor.athlete_id)
    request.state.units, request.state.athlete_settings = own.units, own
    return access


Page = Annotated[Access, Depends(page_access)]
