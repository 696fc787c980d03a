"""The command line's words for what the runner can do next (``domain.hints``).

The lower layers say what to do (``Do``) and with which values; this table says it the way a
terminal user does it: the command and its flags. A hint of another door's making, or plain
text, is shown as it is.
"""

from __future__ import annotations

from typing import Any

from runcoach.domain.hints import Do, Hint, Pointer, phrase_all

WHAT_WOULD_HELP = (
    "what would help: mark a race you ran (runcoach runs edit ID --race --official-time 41:30), "
    "or run a time trial (5 km as hard as you can hold, then runcoach runs edit ID --type race)"
)

CLI: dict[Do, str] = {
    Do.ASK_TODAY: "{note} `runcoach today` shortens it for you",
    Do.CHECK_DATABASE: "check --database-url (or RUNCOACH_DATABASE_URL) and that the server is up",
    Do.CHECK_DISTANCE_AND_DURATION: (
        "check --distance and --duration; a ride goes in with --sport cycling"
    ),
    Do.CHECK_GOAL: "{note} Check the goal's verdict with `runcoach goal`.",
    Do.CHECK_IN: "for example --feel tired, --can-run, --strength, --slept 7.5h",
    Do.CHECK_IN_CAN_RUN: "{note} When you can run without pain: runcoach checkin --can-run",
    Do.CREATE_PLAN: "create one: runcoach plan create --profile me.yaml",
    Do.CREATE_OR_GIVE_PLAN: (
        "create one: runcoach plan create --profile me.yaml; or give --plan FILE"
    ),
    Do.EXPORT_PLAN: "export one with: runcoach plan export --json plan.json",
    Do.GIVE_CHANGE: "for example --type tempo --shoes Pegasus",
    Do.GIVE_DISTANCE_OR_DURATION: "runcoach runs add --distance 8km --duration 45:00",
    Do.GIVE_ELEVATION_GAIN: "give the course's total elevation gain, e.g. --elevation-gain 250m",
    Do.GIVE_HEART_RATES: "e.g. --max-hr 186 --resting-hr 52",
    Do.GIVE_HUMIDITY: "e.g. --humidity 70%",
    Do.GIVE_MAX_HR: "e.g. --max-hr 186",
    Do.GIVE_OFFICIAL_TIME: (
        "give the official time as h:mm:ss or mm:ss, e.g. --official-time 44:30, "
        "and --race-distance if the race was not the run's distance"
    ),
    Do.GIVE_PERIOD: "for example --from 2026-01-01 --to 2026-03-31",
    Do.GIVE_RACE_DATE: "give a race date after {after}, e.g. --date {example}",
    Do.GIVE_RESTING_HR: "for example --resting-hr 52",
    Do.GIVE_RESULT: "for example --result 10k=41:30",
    Do.GIVE_RESULTS_INSTEAD: "give your results instead, for example --result {example}",
    Do.GIVE_RETIREMENT: "--retire-at 800km",
    Do.GIVE_SLEEP: "for example --slept 7.5h or --slept 7h30",
    Do.GIVE_WEIGHT: "for example --weight 70.4kg or --weight 155lb",
    Do.GIVE_RPE: "--rpe 6",
    Do.LIST_QUARANTINE: "runcoach quarantine lists the files held back, with their numbers",
    Do.LIST_RUNS: "runcoach runs list shows the run ids",
    Do.LIST_RUNS_BETWEEN: "runcoach runs list --from {from} --to {to}",
    Do.LIST_WINS: "runcoach wins --from {from} --to {to}",
    Do.LIST_OR_ADD_SHOES: "runcoach shoes list shows your pairs; runcoach shoes add NAME adds one",
    Do.MAP_SHIFT_KIND: (
        "say what {kind} shifts are with --map {kind}=TYPE: one of the plan's day types "
        "({types}), or none, 'short 30', any; e.g. --map {kind}=none"
    ),
    Do.MARK_A_RACE: "mark a race in the log: runcoach runs edit ID --race --official-time 41:30",
    Do.MARK_AS_RACE: "add --race to mark it with its result",
    Do.NAME_THE_PAIR: 'runcoach shoes add "Pegasus 40 blue"',
    Do.PREVIEW_OR_ACCEPT_BREAKS: (
        "see every rule it breaks with --dry-run; save it anyway with --accept-breaks"
    ),
    Do.RELEASE_FROM_QUARANTINE: "{note} (runcoach quarantine release {id} takes it in)",
    Do.RESTORE_A_BACKUP: "restore a file made by `runcoach backup`",
    Do.RESTORE_INTO_EMPTY: (
        "restore into a new home folder (--home DIR) or an empty database (--database-url)"
    ),
    Do.SEE_GOAL_NUMBERS: "{note} See `runcoach goal check` for the numbers.",
    Do.SEE_REPORT: "{before}runcoach report{after}",
    Do.TELL_SYMPTOMS: "runcoach today --feel sick --symptoms above-neck",
}


def phrase_result(value: Any) -> Any:
    """A result with every pointer inside it (``domain.hints.Pointer``) in the command
    line's words: what ``--json`` and the text renderers print."""
    return phrase_all(value, _say)


def said(text: str) -> str:
    """One text of a result in the command line's words (a ``Pointer`` phrased)."""
    return _say(text.hint) if isinstance(text, Pointer) else text


def _say(hint: Hint) -> str:
    said = phrase(hint)
    assert said is not None
    return said


def phrase(hint: str | Hint | None) -> str | None:
    """The hint in the command line's words (its text when the CLI has none of its own)."""
    if hint is None or isinstance(hint, str):
        return hint
    if hint.do is Do.FIND_FITNESS:
        return f"{WHAT_WOULD_HELP}; or {phrase(hint.values['or'])}"
    template = CLI.get(hint.do)
    return hint.text if template is None else template.format(**hint.values)
