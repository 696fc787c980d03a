"""Services take the athlete; only the command line's context picks the local one (issue 12).

The web app serves many athletes through the same services as the CLI: a service that picked
"the" athlete itself (``store.athletes.default_athlete_id``) would read or write someone
else's log. These checks keep it so as the code grows.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import runcoach.services

SRC = Path(__file__).resolve().parents[1] / "src" / "runcoach"

# The one definition, and the one door that resolves the local athlete (once, on first use).
MAY_NAME_THE_LOCAL_ATHLETE = {"store/athletes.py", "cli/context.py"}

# Use cases over the whole store, not one athlete's data: a backup, a restore, what it holds;
# and a queued upload, whose job row names the athlete it was accepted for.
STORE_WIDE = {
    "backup.write_backup",
    "backup.restore_backup",
    "info.store_info",
    "uploads.run_upload",
    # The email outbox is sent by a job for every runner at once; an unsubscribe link's
    # signed token names its runner (no login: the token is the credential, like the feed's).
    "notifications.deliver_emails",
    "notifications.unsubscribe",
    "notifications.unsubscribe_kind",
    # the jobs that go through every partnership and every runner's reminder time
    "digests.send_weekly_digests",
    "digests.send_session_reminders",
    # the job that judges every runner's contract periods that are over (issue 14)
    "contract_judging.judge_all_due",
    # the job that tells every group's members of its challenges starting and ended
    "group_news.send_challenge_news",
}
# Accounts, sessions and tokens answer "who is asking" (the web door's side of resolving the
# athlete): they take the account or its Actor, not an athlete's data.
WHO_IS_ASKING = {"accounts"}


def _names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.FunctionDef):
            found.add(node.name)
    return found


def test_only_the_cli_context_resolves_the_local_athlete():
    offenders = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if str(path.relative_to(SRC)) not in MAY_NAME_THE_LOCAL_ATHLETE
        and "default_athlete_id" in _names_in(path)
    ]
    assert offenders == []


def _service_functions() -> list[tuple[str, inspect.Signature]]:
    found = []
    for module_info in pkgutil.iter_modules(runcoach.services.__path__):
        module = importlib.import_module(f"runcoach.services.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found.append((f"{module_info.name}.{name}", inspect.signature(function)))
    return found


def _is_a_store(annotation: object) -> bool:
    """An engine, or a store read without SQLAlchemy (``store.sql.Reader``), or either."""
    return isinstance(annotation, str) and bool(
        {part.strip() for part in annotation.split("|")} & {"Engine", "Reader"}
    )


def test_every_service_over_the_store_takes_the_athlete_as_a_required_keyword():
    wrong = []
    for name, signature in _service_functions():
        takes_store = any(_is_a_store(p.annotation) for p in signature.parameters.values())
        if not takes_store or name in STORE_WIDE or name.split(".")[0] in WHO_IS_ASKING:
            continue
        athlete = signature.parameters.get("athlete_id")
        if (
            athlete is None
            or athlete.kind is not inspect.Parameter.KEYWORD_ONLY
            or athlete.default is not inspect.Parameter.empty
            or athlete.annotation != "int"
        ):
            wrong.append(name)
    assert wrong == []


def test_the_contract_sees_the_services_it_guards():
    names = {name for name, _ in _service_functions()}
    assert {"run_list.list_runs", "today.today", "importing.import_sources"} <= names
    assert {"fitness.read_log_inputs", "fitness.fitness_over_time"} <= names
