"""The HTTP API, /api/v1: one router per noun."""

from runcoach.web.api import (
    account,
    coaching,
    contracts,
    feed,
    fitness,
    plans,
    reports,
    runs,
    shoes,
    today,
    uploads,
)

ROUTERS = [
    runs.router,
    uploads.router,
    today.router,
    plans.router,
    fitness.router,
    reports.router,
    shoes.router,
    account.router,
    feed.router,
    contracts.router,
    coaching.router,
]
