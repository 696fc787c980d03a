"""Who sees what of a runner: audiences, the parts of a run that are shared, and the rule
that decides what one viewer may see.

Nothing is visible to anyone until the runner grants it (every default is PRIVATE). The
audiences nest as Garmin Connect's do ("only me" < "my connections" < "groups and
connections" < "everyone"): a run shared with a group is seen by partners too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from runcoach.domain.errors import InvalidInput


class Audience(StrEnum):
    """Who may see a part of a run."""

    PRIVATE = "private"  # the runner only
    PARTNERS = "partners"  # the runner's partners
    GROUP = "group"  # partners and the members of any group the runner is in
    PUBLIC = "public"  # every account of this runcoach

    @classmethod
    def parse(cls, text: str) -> Audience:
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(a.value for a in cls)
            raise InvalidInput(f"'{text}' is not an audience", hint=f"one of {choices}") from None


class SharedPart(StrEnum):
    """A part of a run that is shared (or not) on its own."""

    SUMMARY = "summary"  # date, type, distance, time, pace, name, wins: the run itself
    MAP = "map"  # the track, trimmed and with privacy zones cut out
    HEART_RATE = "heart_rate"  # heart rate, its zones and the load computed from it

    @classmethod
    def parse(cls, text: str) -> SharedPart:
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(p.value for p in cls)
            raise InvalidInput(
                f"'{text}' is not a part of a run", hint=f"one of {choices}"
            ) from None


class Relation(StrEnum):
    """How a viewer stands to the runner."""

    OWNER = "owner"
    PARTNER = "partner"
    GROUP_MEMBER = "group_member"
    COACH = "coach"  # the runner granted this account coaching access (domain/.../coaching.py)
    STRANGER = "stranger"  # another account, neither partner nor in a group with the runner


# Which relations each audience admits (the nesting above).
ADMITS: Mapping[Audience, frozenset[Relation]] = {
    Audience.PRIVATE: frozenset(),
    Audience.PARTNERS: frozenset({Relation.PARTNER}),
    Audience.GROUP: frozenset({Relation.PARTNER, Relation.GROUP_MEMBER}),
    Audience.PUBLIC: frozenset({Relation.PARTNER, Relation.GROUP_MEMBER, Relation.STRANGER}),
}
ALL_PARTS = frozenset(SharedPart)
NOTHING: frozenset[SharedPart] = frozenset()


@dataclass(frozen=True)
class Sharing:
    """A runner's defaults per part, and one run's overrides of them."""

    defaults: Mapping[SharedPart, Audience] = field(
        default_factory=lambda: {part: Audience.PRIVATE for part in SharedPart}
    )

    def audience(
        self, part: SharedPart, overrides: Mapping[SharedPart, Audience] | None = None
    ) -> Audience:
        if overrides and part in overrides:
            return overrides[part]
        return self.defaults.get(part, Audience.PRIVATE)


def admits(audience: Audience, relations: frozenset[Relation]) -> bool:
    """Whether a viewer with these relations to the runner is in ``audience``."""
    if Relation.OWNER in relations:
        return True
    return bool(ADMITS[audience] & (relations or {Relation.STRANGER}))


def visible(
    sharing: Sharing,
    relations: frozenset[Relation],
    overrides: Mapping[SharedPart, Audience] | None = None,
) -> frozenset[SharedPart]:
    """The parts a viewer may see. The map and the heart rate belong to a run: a viewer who
    may not see the run's summary sees neither (a track without its run would be a leak of
    where the runner was, with nothing to show it for)."""
    if Relation.OWNER in relations or Relation.COACH in relations:
        return ALL_PARTS  # a coach granted access sees the whole log (tracks still zoned)
    seen = frozenset(p for p in SharedPart if admits(sharing.audience(p, overrides), relations))
    return seen if SharedPart.SUMMARY in seen else NOTHING


def widest(audiences: Mapping[SharedPart, Audience]) -> Audience:
    """The widest audience among the parts (what a feed of the runner may reach)."""
    order = list(Audience)
    return max(audiences.values(), key=order.index, default=Audience.PRIVATE)
