"""The web's words for what the runner can do next (``domain.hints``): its pages and forms.

An action the web says differently from the plain text of the hint is listed here; any other
hint is shown as its text, which names no command line flag.
"""

from __future__ import annotations

from markupsafe import Markup

from runcoach.domain.hints import Do, Hint, Pointer

WEB: dict[Do, str] = {
    Do.ASK_TODAY: "{note} the Today page shortens it for you",
    Do.CHECK_GOAL: "{note} Check the goal's verdict on the Goal page.",
    Do.CHECK_IN: "on Today, tap how you feel, or tell the habits you kept",
    Do.CHECK_IN_CAN_RUN: "{note} When you can run without pain, tell Today that you can run.",
    Do.CREATE_PLAN: "create one on the Plan page from your profile",
    Do.CREATE_OR_GIVE_PLAN: "create one on the Plan page from your profile",
    Do.EXPORT_PLAN: "download a plan from the Plan page (plan.json) and start from it",
    Do.LIST_RUNS: "the Log page lists your runs",
    Do.LIST_RUNS_BETWEEN: "the Log page, from {from} to {to}",
    Do.LIST_WINS: "the wins of the API, /api/v1/wins?from={from}&to={to}",
    Do.LIST_OR_ADD_SHOES: "Settings lists your shoes; add a pair there by its name",
    Do.MAP_SHIFT_KIND: (
        "say what {kind} shifts are in Kinds, e.g. {kind}=none: one of the plan's day types "
        "({types}), or none, short 30, any"
    ),
    Do.MARK_A_RACE: "open a race in the Log and mark it a race with its official time",
    Do.MARK_AS_RACE: "tick 'race' and give the official time",
    Do.SEE_GOAL_NUMBERS: "{note} The Goal page has the numbers.",
    Do.SEE_REPORT: "{before}the Reports page{after}",
    Do.PREVIEW_OR_ACCEPT_BREAKS: (
        "check the change to see every rule it breaks; tick 'I accept the broken rules' "
        "and save to keep it anyway"
    ),
    Do.TELL_SYMPTOMS: "tap 'sick' on Today and say where the symptoms are",
}


# Where the web does what a pointer inside a result says: a link beside its words.
LINKS: dict[Do, tuple[str, str]] = {
    Do.ASK_TODAY: ("/", "Today"),
    Do.CHECK_GOAL: ("/goal", "Goal"),
    Do.CHECK_IN_CAN_RUN: ("/", "Today"),
    Do.SEE_GOAL_NUMBERS: ("/goal", "Goal"),
    Do.SEE_REPORT: ("/reports", "Reports"),
}


def phrase(hint: str | Hint | None) -> str | None:
    """The hint in the web's words (its text when the web has none of its own); a pointer
    inside a result (``domain.hints.Pointer``) too."""
    if isinstance(hint, Pointer):
        hint = hint.hint
    if hint is None or isinstance(hint, str):
        return hint
    template = WEB.get(hint.do)
    return hint.text if template is None else template.format(**hint.values)


def say(text: str | None) -> Markup:
    """A text of a result on a page (a Jinja filter): a pointer in the web's words with a
    link to the page that does it; any other text escaped as it is."""
    if not isinstance(text, Pointer):
        return Markup.escape(text or "")
    said = Markup.escape(phrase(text) or "")
    link = LINKS.get(text.hint.do)
    if link is None:
        return said
    return said + Markup(' <a class="hint-link" href="{}">{}</a>').format(*link)


def action(hint: str | Hint | None) -> str | None:
    """The hint's action for a program reading the API (``None`` for plain text)."""
    return hint.do.value if isinstance(hint, Hint) else None
