"""Re-derive stored runs' analysis from their kept samples.

The samples of every imported run are kept, so a better analysis (the glitch check of
``domain/run/glitches.py``) or the runner's word that a run's samples are right
(``runs edit --trust-samples``) re-derives the halves, best efforts and inferred tags of
stored runs without importing anything again. The runner's own tags stay as they are.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.tagging import infer_tags
from runcoach.domain.run.workout_shapes import RECENT_DAYS, runner_context
from runcoach.store import run_rows
from runcoach.store import runs as run_store


def reanalyse_runs(engine: Engine, *, athlete_id: int) -> int:
    """Every run of the athlete with samples analysed again; how many."""
    with engine.begin() as conn:
        run_ids = run_store.ids_with_samples(conn, athlete_id)
        for run_id in run_ids:
            reanalyse_run(conn, run_id, athlete_id=athlete_id)
    return len(run_ids)


def reanalyse_run(conn: Connection, run_id: int, *, athlete_id: int) -> None:
    """One stored run analysed again from its samples, laps and the runs before it."""
    run = run_rows.run_of(run_store.get_row(conn, athlete_id, run_id))
    run.laps = run_store.laps_of(conn, run_id)
    run.streams = run_store.streams_of(conn, run_id)
    recent = run_store.recent_runs(conn, athlete_id, run.start, RECENT_DAYS)
    tags = infer_tags(run, runner_context(recent))
    run_store.replace_analysis(conn, athlete_id, run_id, analyse_run(run), tags)
