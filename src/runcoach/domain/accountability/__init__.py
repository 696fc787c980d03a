"""Accountability: privacy, partners, groups, comments and notifications (the rules, not the
storage). Nobody reaches a stretch goal as an island (SPEC §4, §6); nothing a runner has is
visible to anyone until the runner grants it."""

from runcoach.domain.accountability.notices import KINDS, check_kind
from runcoach.domain.accountability.privacy import (
    ALL_PARTS,
    Audience,
    Relation,
    SharedPart,
    Sharing,
    admits,
    visible,
)
from runcoach.domain.accountability.zones import (
    DEFAULT_TRIM_M,
    DEFAULT_ZONE_RADIUS_M,
    PrivacyZone,
    blank_hidden,
    hidden_points,
    in_zones,
    trimmed_ends,
)

__all__ = [
    "ALL_PARTS",
    "DEFAULT_TRIM_M",
    "DEFAULT_ZONE_RADIUS_M",
    "KINDS",
    "Audience",
    "PrivacyZone",
    "Relation",
    "SharedPart",
    "Sharing",
    "admits",
    "blank_hidden",
    "check_kind",
    "hidden_points",
    "in_zones",
    "trimmed_ends",
    "visible",
]
