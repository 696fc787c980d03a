"""Who sees what (domain/accountability): audiences nest, nothing is shared by default, and
a shared track shows nothing inside a privacy zone or in its trimmed start and end."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcoach.domain.accountability import (
    ALL_PARTS,
    Audience,
    PrivacyZone,
    Relation,
    SharedPart,
    Sharing,
    hidden_points,
    visible,
)
from runcoach.domain.accountability.zones import metres_between, trimmed_ends
from runcoach.domain.errors import InvalidInput

PARTNER = frozenset({Relation.PARTNER})
MATE = frozenset({Relation.GROUP_MEMBER})
STRANGER = frozenset({Relation.STRANGER})
OWNER = frozenset({Relation.OWNER})


def sharing(summary: Audience, map_: Audience = Audience.PRIVATE,
            heart: Audience = Audience.PRIVATE) -> Sharing:  # fmt: skip
    return Sharing({SharedPart.SUMMARY: summary, SharedPart.MAP: map_,
                    SharedPart.HEART_RATE: heart})  # fmt: skip


def test_nothing_is_visible_to_anyone_until_the_runner_grants_it():
    for who in (PARTNER, MATE, STRANGER, PARTNER | MATE):
        assert visible(Sharing(), who) == frozenset()


def test_the_owner_sees_everything_even_of_a_private_run():
    assert visible(Sharing(), OWNER) == ALL_PARTS


def test_audiences_nest_partners_within_group_within_public():
    assert visible(sharing(Audience.PARTNERS), PARTNER) == {SharedPart.SUMMARY}
    assert visible(sharing(Audience.PARTNERS), MATE) == frozenset()
    assert visible(sharing(Audience.GROUP), PARTNER) == {SharedPart.SUMMARY}
    assert visible(sharing(Audience.GROUP), MATE) == {SharedPart.SUMMARY}
    assert visible(sharing(Audience.GROUP), STRANGER) == frozenset()
    assert visible(sharing(Audience.PUBLIC), STRANGER) == {SharedPart.SUMMARY}


def test_a_map_or_heart_rate_without_the_run_itself_shows_nothing():
    assert visible(sharing(Audience.PRIVATE, Audience.PUBLIC, Audience.PUBLIC), PARTNER) == set()


def test_a_runs_own_audience_overrides_the_default_per_part():
    defaults = sharing(Audience.GROUP, Audience.GROUP, Audience.PRIVATE)
    assert visible(defaults, MATE) == {SharedPart.SUMMARY, SharedPart.MAP}
    override = {SharedPart.MAP: Audience.PRIVATE, SharedPart.HEART_RATE: Audience.PARTNERS}
    assert visible(defaults, MATE, override) == {SharedPart.SUMMARY}
    assert visible(defaults, PARTNER, override) == {SharedPart.SUMMARY, SharedPart.HEART_RATE}


def test_an_audience_is_parsed_with_a_helpful_error():
    assert Audience.parse(" Partners ") is Audience.PARTNERS
    with pytest.raises(InvalidInput, match="one of private, partners, group, public"):
        Audience.parse("friends")


def test_a_privacy_zone_must_be_big_enough_to_hide_the_door():
    with pytest.raises(InvalidInput, match="radius"):
        PrivacyZone("home", 46.05, 14.5, 20)
    with pytest.raises(InvalidInput, match="not a place"):
        PrivacyZone("home", 95, 14.5, 300)


def _line(points: int = 200, step_deg: float = 0.0001) -> tuple[np.ndarray, np.ndarray]:
    """A straight track east along 46° N: 0.0001° of longitude is about 7.7 m."""
    lon = 14.5 + step_deg * np.arange(points)
    return np.full(points, 46.0), lon


def test_the_first_and_last_metres_of_a_track_are_trimmed():
    lat, lon = _line()
    hidden = trimmed_ends(lat, lon, 200)
    along = metres_between(lat, lon, 46.0, 14.5)
    total = float(along[-1])
    assert hidden[along <= 200].all() and hidden[along >= total - 200].all()
    assert not hidden[(along > 210) & (along < total - 210)].any()


def test_a_point_without_a_position_is_never_shown():
    lat, lon = _line()
    lat[100] = np.nan
    assert hidden_points(lat, lon, [], 0)[100]


@given(
    radius=st.floats(100, 2000),
    centre=st.integers(0, 199),
    trim=st.floats(0, 500),
)
def test_no_point_inside_a_zone_is_ever_shown(radius: float, centre: int, trim: float):
    lat, lon = _line()
    zone = PrivacyZone("home", float(lat[centre]), float(lon[centre]), radius)
    hidden = hidden_points(lat, lon, [zone], trim)
    inside = metres_between(lat, lon, zone.latitude, zone.longitude) <= radius
    assert hidden[inside].all()


def test_starts_and_ends_a_street_apart_are_one_place_and_the_busiest_comes_first():
    from runcoach.domain.accountability.zones import cluster_places

    home = [(46.0500, 14.5000), (46.0510, 14.5010), (46.0495, 14.4990)]  # within ~150 m
    work = [(46.0700, 14.5300)]  # about 3 km away
    places = cluster_places(work + home)
    assert [p.count for p in places] == [3, 1]
    assert abs(places[0].latitude - 46.05017) < 1e-4 and abs(places[1].longitude - 14.53) < 1e-9
    assert cluster_places([]) == []
