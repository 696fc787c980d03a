"""``runcoach info``: where runcoach keeps its data, and what is in the store."""

from __future__ import annotations

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.services.info import store_info
from runcoach.views.info import info_json


@click.command("info")
@json_option
@pass_app
def info_command(app: AppContext, as_json: bool) -> None:
    """Show the home folder, the database and what the store holds."""
    data = info_json(store_info(app.settings, app.engine))
    emit(as_json, data, lambda: "\n".join(f"{key}: {value}" for key, value in data.items()))


COMMANDS = [info_command]
