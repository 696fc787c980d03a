"""The athlete's active plan as reports and ``today`` read it, in plain SQL (``store.sql``).

Read through SQLAlchemy or through sqlite3 alike (issue 18); the stored JSON document is
decoded here, once per document text (``decoded_plan``).
"""

from __future__ import annotations

import json
import pickle
from functools import lru_cache

from runcoach.domain.plans.codec import plan_from_dict
from runcoach.domain.plans.model import Plan
from runcoach.store.sql import Db, one

ACTIVE = "active"  # plans.status of the athlete's one active plan
# Decoded plans kept, keyed by their stored JSON text: a few per runner who opened a page
# lately (a 20-week plan's document is ~110 KB; its decoded form pickled ~90 KB).
DECODED_PLANS_KEPT = 256


def active_plan_of(db: Db, athlete_id: int) -> tuple[int, Plan] | None:
    """The athlete's active plan and its id (the newest, should there be two), None
    without one."""
    row = one(
        db,
        "SELECT id, document FROM plans WHERE athlete_id = :athlete_id AND status = :active "
        "ORDER BY id DESC LIMIT 1",
        {"athlete_id": athlete_id, "active": ACTIVE},
    )
    return None if row is None else (int(row[0]), decoded_plan(str(row[1])))


def decoded_plan(document: str) -> Plan:
    """The plan of a stored JSON document: a new object every time (callers change plans in
    place), made from a pickled copy of the plan decoded once per document text.

    Decoding a 20-week plan (``json.loads`` and ``plan_from_dict``) takes ~50 ms, unpickling
    it ~7 ms, and every page of the web app reads the plan. The cache is exact: the key is the
    whole document, so a plan changed in the store is a new key and decoded anew."""
    plan: Plan = pickle.loads(_pickled_plan(document))  # runcoach's own pickle, made below
    return plan


@lru_cache(maxsize=DECODED_PLANS_KEPT)
def _pickled_plan(document: str) -> bytes:
    return pickle.dumps(plan_from_dict(json.loads(document)), protocol=pickle.HIGHEST_PROTOCOL)
