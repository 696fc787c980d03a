"""The server-rendered pages: one router per noun."""

from runcoach.web.pages import (
    auth,
    calendar,
    coaching,
    contracts,
    dashboard,
    goal,
    log,
    plan,
    reports,
    settings,
    upload,
)

ROUTERS = [
    auth.router,
    dashboard.router,
    log.router,
    upload.router,
    calendar.router,
    plan.router,
    goal.router,
    reports.router,
    settings.router,
    contracts.router,
    coaching.router,
]
