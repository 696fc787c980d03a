"""The app for uvicorn's worker processes (``runcoach serve --workers N``): each builds it
from the settings the serve command put in its environment."""

from __future__ import annotations

import os

from fastapi import FastAPI

from runcoach.config import load_settings
from runcoach.web.app import create_app

TILE_URL_ENV = "RUNCOACH_TILE_URL"
HTTPS_ENV = "RUNCOACH_HTTPS"


def app_from_environment() -> FastAPI:
    settings = load_settings()
    return create_app(
        settings,
        https=os.environ.get(HTTPS_ENV) == "1",
        tile_url=os.environ.get(TILE_URL_ENV) or None,
    )
