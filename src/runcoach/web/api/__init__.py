"""The HTTP API, /api/v1: one router per noun."""

from runcoach.web.api import (
    account,
    coaching,
    comments,
    contracts,
    feed,
    fitness,
    groups,
    notifications,
    partners,
    plans,
    privacy,
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
    privacy.router,
    comments.router,
    partners.router,
    groups.router,
    notifications.router,
    contracts.router,
    coaching.router,
]
