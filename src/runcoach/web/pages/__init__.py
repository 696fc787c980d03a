"""The server-rendered pages: one router per noun."""

from runcoach.web.pages import (
    auth,
    calendar,
    coaching,
    contracts,
    dashboard,
    goal,
    groups,
    log,
    partners,
    plan,
    reports,
    settings,
    sharing,
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
    sharing.router,
    partners.router,
    groups.router,
    contracts.router,
    coaching.router,
]
