"""The web's words for what the runner can do next (``domain.hints``): its pages and forms.

An action the web says differently from the plain text of the hint is listed here; any other
hint is shown as its text, which names no command line flag.
"""

from __future__ import annotations

from runcoach.domain.hints import Do, Hint

WEB: dict[Do, str] = {
    Do.CHECK_IN: "on Today, tap how you feel, or tell the habits you kept",
    Do.CREATE_PLAN: "create one on the Plan page from your profile",
    Do.CREATE_OR_GIVE_PLAN: "create one on the Plan page from your profile",
    Do.EXPORT_PLAN: "download a plan from the Plan page (plan.json) and start from it",
    Do.LIST_RUNS: "the Log page lists your runs",
    Do.LIST_OR_ADD_SHOES: "Settings lists your shoes; add a pair there by its name",
    Do.MAP_SHIFT_KIND: (
        "say what {kind} shifts are in Kinds, e.g. {kind}=none: one of the plan's day types "
        "({types}), or none, short 30, any"
    ),
    Do.MARK_A_RACE: "open a race in the Log and mark it a race with its official time",
    Do.MARK_AS_RACE: "tick 'race' and give the official time",
    Do.PREVIEW_OR_ACCEPT_BREAKS: (
        "check the change to see every rule it breaks; tick 'I accept the broken rules' "
        "and save to keep it anyway"
    ),
    Do.TELL_SYMPTOMS: "tap 'sick' on Today and say where the symptoms are",
}


def phrase(hint: str | Hint | None) -> str | None:
    """The hint in the web's words (its text when the web has none of its own)."""
    if hint is None or isinstance(hint, str):
        return hint
    template = WEB.get(hint.do)
    return hint.text if template is None else template.format(**hint.values)


def action(hint: str | Hint | None) -> str | None:
    """The hint's action for a program reading the API (``None`` for plain text)."""
    return hint.do.value if isinstance(hint, Hint) else None
