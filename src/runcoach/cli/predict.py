"""``runcoach predict``: a race time from your results and weekly volume, with its interval."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.fitness import old_results_note
from runcoach.cli.output import emit, json_option
from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.own_model import Prediction
from runcoach.domain.units import UnitSystem, distance_label, format_distance, format_duration
from runcoach.inputs.documents import BATCH_LINE, bounded_lines
from runcoach.inputs.fitness import parse_prediction_request
from runcoach.services.fitness import predict_batch, predict_race
from runcoach.views.fitness import batch_answer_json, prediction_json


@click.command("predict")
@click.option(
    "--result",
    "results",
    multiple=True,
    metavar="DIST=TIME",
    help="A result, e.g. 10k=41:30 (repeat for more).",
)
@click.option("--weekly-distance", metavar="DIST", help="Typical weekly volume, e.g. 35mi or 55km.")
@click.option(
    "--to", "to", metavar="DIST", help="The race to predict: 5k, 10k, half, marathon, 50k..."
)
@click.option(
    "--batch", type=click.File("rb"), help="A JSON-lines file, one runner a line ('-' = stdin)."
)
@json_option
@pass_app
def predict_command(
    app: AppContext,
    results: tuple[str, ...],
    weekly_distance: str | None,
    to: str | None,
    batch: Any,
    as_json: bool,
) -> None:
    """Predict a race time from your results (runcoach's own model, with an 80 % interval)."""
    if batch is not None:
        for answer in predict_batch(bounded_lines(batch, BATCH_LINE.max_bytes)):
            click.echo(to_jsonable_line(batch_answer_json(answer)))
        return
    if to is None:
        raise InvalidInput("say which race to predict", hint="for example --to marathon")
    asked = parse_prediction_request(results, to, weekly_distance)
    prediction = predict_race(
        asked.results, asked.target_m, asked.weekly_m, open_log=app.athlete_log
    )
    data = {**prediction_json(prediction), "source": "given" if results else "log"}
    emit(as_json, data, lambda: render(prediction, app.settings.units) + _log_note(results))


def _log_note(results: tuple[str, ...]) -> str:
    if results:
        return ""
    return (
        "\nread from the training log: races, time trials and hard best efforts of the last "
        "year, weekly volume of the last 4 weeks (docs/fitness.md)"
    )


def to_jsonable_line(answer: Mapping[str, object]) -> str:
    return json.dumps(answer, ensure_ascii=False)


def render(p: Prediction, units: UnitSystem) -> str:
    used = ", ".join(
        f"{distance_label(r.distance_m)} {format_duration(r.time_s)}"
        + (f" ({r.days_ago:.0f} days ago)" if r.days_ago else "")
        for r in p.used
    )
    volume = (
        "unknown (assumed 30 mi/week)"
        if p.weekly_distance_m is None
        else f"{format_distance(p.weekly_distance_m, units, 0)}/week"
    )
    return "\n".join(
        [
            f"{distance_label(p.target_m)}: {format_duration(p.time_s)} "
            f"(80 % interval {format_duration(p.low_s)} - {format_duration(p.high_s)})",
            f"from: {used}; weekly volume {volume}",
            f"model: {p.model} (see docs/models.md)",
            *[note for note in (old_results_note(p.results_age_days or 0),) if note],
        ]
    )


COMMANDS = [predict_command]
