"""Copies of a runner: the club benchmark's filler (``benchmarks.club --stages``).

``copy_athlete(engine, source, n)`` makes a new athlete (and account) holding a copy of
everything the source athlete owns, in SQL (``INSERT ... SELECT``), ids remapped, so that a
database grows to 50 runners' decades in minutes instead of 50 real imports. The measured
imports of the benchmark stay real; only the filler is copied.

What is copied is derived from the schema (``runcoach.store.tables.metadata``), so a new
table is not forgotten: a table is the athlete's when one of its foreign keys with ``ON
DELETE CASCADE`` points at the athlete or at a row that is the athlete's (runs -> laps,
accounts -> api_tokens, ...). Per table, in the schema's order (parents first):

- the rows selected are those whose cascading key names a copied row (any of them: a
  partnership is copied when the source invited or was invited);
- an integer ``id`` gets a new value after the table's largest (kept in a temporary table of
  old -> new ids); every foreign key naming a copied row is rewritten to the copy's row, one
  naming anything else (another runner, a group) is kept;
- a column unique on its own that is not a key (an e-mail, a token's or session's hash, an
  invitation code's hash) gets the prefix ``copyN.``: the copy's account has its own e-mail
  and the copied secrets open nothing (a hash with a '.' is no SHA-256 hex digest).

Run ids inside documents (``ID_DOCUMENTS``: JSON naming ``run_id``/``run_ids``, links to
``/runs/N``) and the references the schema does not declare (``UNDECLARED``) are rewritten
too; tests/test_club_copy.py fails when a new JSON column or an undeclared ``*_id``/``*_by``
column appears that nobody has classified. On PostgreSQL the tables written are locked for
the copy and their id sequences moved past the new ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    UniqueConstraint,
    select,
    text,
    update,
)

from runcoach.store.tables import metadata

ROOT = "athletes"
IDS = "club_copy_ids"  # the temporary table of old -> new ids of one copy
# Integer columns that name a row without a declared foreign key: (table, column) -> table
UNDECLARED = {("partnerships", "ended_by"): "athletes"}
# Columns whose documents name runs by id: JSON (keys run_id / run_ids), JSON held as text,
# links of this runcoach ("/runs/12"). Rewritten row by row after the copy.
ID_DOCUMENTS = {
    ("upload_jobs", "outcomes"): "json",
    ("contract_periods", "run_ids"): "json",
    ("plan_adjustments", "detail"): "json text",
    ("notifications", "link"): "link",
}
# JSON columns known to hold no ids (a new JSON column must be put here or in ID_DOCUMENTS)
NO_IDS = {
    ("runs", "analysis"),
    ("contracts", "history"),
    ("contract_periods", "unwell_days"),
    ("sharing_settings", "skipped_types"),
}
LINK = re.compile(r"^/runs/(\d+)\b")


@dataclass(frozen=True)
class TableCopy:
    """How one table of the athlete's is copied."""

    table: Table
    owners: tuple[tuple[str, str], ...]  # (column, parent table): the cascading keys
    remapped: dict[str, str] = field(default_factory=dict)  # column -> table whose ids it names
    mangled: tuple[str, ...] = ()  # unique columns given the copy's prefix

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def has_ids(self) -> bool:
        pk = list(self.table.primary_key.columns)
        return len(pk) == 1 and pk[0].name == "id" and isinstance(pk[0].type, Integer)


# The athlete's tables a copy leaves empty: answers kept for the pages (services/page_cache.py),
# made again from the copied data; a copy of them would name the original's data version.
NOT_COPIED = frozenset({"page_answers"})


def copy_plan() -> list[TableCopy]:
    """The athlete's tables in the order they are copied (the root, athletes, first)."""
    owned = {ROOT}
    plan = [TableCopy(metadata.tables[ROOT], ())]
    for table in metadata.sorted_tables:
        if table.name in NOT_COPIED:
            continue
        owners = tuple(
            (fk.parent.name, fk.column.table.name)
            for fk in table.foreign_keys
            if fk.ondelete == "CASCADE" and fk.column.table.name in owned
        )
        if table.name == ROOT or not owners:
            continue
        owned.add(table.name)
        plan.append(_table_copy(table, owners))
    return [_with_references(step, owned) for step in plan]


def _table_copy(table: Table, owners: tuple[tuple[str, str], ...]) -> TableCopy:
    for fk in table.foreign_keys:
        pk = [c.name for c in fk.column.table.primary_key.columns]
        if pk != [fk.column.name]:
            raise ValueError(f"{table.name}.{fk.parent.name}: a key on a non-id column")
    return TableCopy(table, owners)


def _with_references(step: TableCopy, owned: set[str]) -> TableCopy:
    remapped = {fk.parent.name: fk.column.table.name for fk in step.table.foreign_keys}
    remapped.update({c: t for (name, c), t in UNDECLARED.items() if name == step.name})
    remapped = {c: t for c, t in remapped.items() if t in owned}
    if step.has_ids:
        remapped["id"] = step.name
    uniques = _unique_sets(step.table)
    mangled = tuple(sorted({next(iter(u)) for u in uniques if len(u) == 1} - set(remapped)))
    for name in mangled:
        if not isinstance(step.table.columns[name].type, String):
            raise ValueError(f"{step.name}.{name}: unique, not a key, not text: how to copy?")
    for names in uniques:
        if not names & (set(remapped) | set(mangled)):
            raise ValueError(f"{step.name}{sorted(names)}: unique and unchanged by a copy")
    return TableCopy(step.table, step.owners, remapped, mangled)


def _unique_sets(table: Table) -> list[set[str]]:
    """The sets of columns whose values must not repeat: the primary key, unique
    constraints, unique indexes and columns."""
    sets = [{c.name for c in table.primary_key.columns}]
    sets += [{c.name for c in u.columns} for u in table.constraints
             if isinstance(u, UniqueConstraint)]  # fmt: skip
    sets += [{c.name for c in i.columns} for i in table.indexes if i.unique]
    sets += [{c.name} for c in table.columns if c.unique]
    return [s for s in sets if s]


@dataclass(frozen=True)
class Copied:
    athlete_id: int
    ids: dict[str, dict[int, int]]  # table -> {original id: the copy's id}


def copy_athlete(engine: Engine, source: int, *, lock: bool = True) -> Copied:
    """A new athlete holding a copy of all of ``source``'s rows, in one transaction."""
    plan = copy_plan()
    with engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres and lock:
            names = ", ".join(f'"{s.name}"' for s in plan)
            conn.execute(text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))
        conn.execute(text(f"CREATE TEMPORARY TABLE {IDS} (tbl VARCHAR(64) NOT NULL, "
                          "old_id INTEGER NOT NULL, new_id INTEGER NOT NULL, "
                          "PRIMARY KEY (tbl, old_id))"))  # fmt: skip
        try:
            new_athlete = _copy_rows(conn, plan, source)
            ids = _ids(conn)
            _rewrite_documents(conn, plan, ids)
            if postgres:
                _advance_sequences(conn, plan)
        finally:
            conn.execute(text(f"DROP TABLE {IDS}"))
    return Copied(new_athlete, ids)


def _copy_rows(conn: Connection, plan: list[TableCopy], source: int) -> int:
    new_athlete = 0
    for step in plan:
        where = _selection(step) if step.owners else "id = :source"
        if step.has_ids:
            conn.execute(
                text(
                    f"INSERT INTO {IDS} (tbl, old_id, new_id) SELECT '{step.name}', id, "
                    f"(SELECT coalesce(max(id), 0) FROM {step.name}) "
                    f"+ row_number() OVER (ORDER BY id) FROM {step.name} t WHERE {where}"
                ),
                {"source": source},
            )
        if step.name == ROOT:
            new_athlete = conn.execute(
                text(f"SELECT new_id FROM {IDS} WHERE tbl = '{ROOT}'")
            ).scalar_one()
        columns = [c.name for c in step.table.columns]
        values = [_value(step, c, new_athlete) for c in columns]
        quoted = ", ".join(f'"{c}"' for c in columns)
        conn.execute(
            text(
                f'INSERT INTO "{step.name}" ({quoted}) SELECT {", ".join(values)} '
                f'FROM "{step.name}" t WHERE {where}'
            ),
            {"source": source},
        )
    return int(new_athlete)


def _selection(step: TableCopy) -> str:
    return " OR ".join(
        f"t.\"{column}\" IN (SELECT old_id FROM {IDS} WHERE tbl = '{parent}')"
        for column, parent in step.owners
    )


def _value(step: TableCopy, column: str, new_athlete: int) -> str:
    if column in step.remapped:
        parent = step.remapped[column]
        found = (
            f"SELECT m.new_id FROM {IDS} m WHERE m.tbl = '{parent}' AND m.old_id = t.\"{column}\""
        )
        return f'coalesce(({found}), t."{column}")'
    if column in step.mangled:
        kind = step.table.columns[column].type
        prefixed = f"'copy{new_athlete}.' || t.\"{column}\""
        length = getattr(kind, "length", None)
        return f"substr({prefixed}, 1, {length})" if length else prefixed
    return f't."{column}"'


def _ids(conn: Connection) -> dict[str, dict[int, int]]:
    ids: dict[str, dict[int, int]] = {}
    for tbl, old, new in conn.execute(text(f"SELECT tbl, old_id, new_id FROM {IDS}")):
        ids.setdefault(tbl, {})[int(old)] = int(new)
    return ids


def _rewrite_documents(
    conn: Connection, plan: list[TableCopy], ids: dict[str, dict[int, int]]
) -> None:
    runs = ids.get("runs", {})
    steps = {s.name: s for s in plan}
    for (name, column), kind in ID_DOCUMENTS.items():
        step = steps.get(name)
        if step is None or not runs:
            continue
        t = step.table.alias("t")
        keys = [c.name for c in step.table.primary_key.columns]
        rewrite = _REWRITES[kind]
        found = select(*(t.c[k] for k in keys), t.c[column]).where(text(_copied(step)))
        for row in conn.execute(found).all():
            new = rewrite(row[-1], runs)
            if new != row[-1]:
                where = [step.table.c[k] == v for k, v in zip(keys, row[:-1], strict=True)]
                conn.execute(update(step.table).where(*where).values({column: new}))


def _copied(step: TableCopy) -> str:
    """The copy's rows of a table (after the copy: the new ids)."""
    if step.has_ids:
        return f"t.id IN (SELECT new_id FROM {IDS} WHERE tbl = '{step.name}')"
    return " OR ".join(
        f"t.\"{column}\" IN (SELECT new_id FROM {IDS} WHERE tbl = '{parent}')"
        for column, parent in step.owners
    )


def remap_run_ids(value: Any, runs: dict[int, int]) -> Any:
    """A JSON value with every ``run_id`` (a number) and ``run_ids`` (a list) remapped."""
    if isinstance(value, list):
        return [remap_run_ids(v, runs) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key == "run_id" and isinstance(v, int | float) and int(v) in runs:
            out[key] = type(v)(runs[int(v)])
        elif key == "run_ids" and isinstance(v, list):
            out[key] = [runs.get(x, x) if isinstance(x, int) else x for x in v]
        else:
            out[key] = remap_run_ids(v, runs)
    return out


def _json(value: Any, runs: dict[int, int]) -> Any:
    if isinstance(value, list) and all(isinstance(x, int) for x in value):
        return [runs.get(x, x) for x in value]  # a list of run ids (contract_periods.run_ids)
    return remap_run_ids(value, runs)


def _json_text(value: Any, runs: dict[int, int]) -> Any:
    if value is None:
        return None
    try:
        loaded = json.loads(value)
    except ValueError:
        return value
    changed = _json(loaded, runs)
    return value if changed == loaded else json.dumps(changed)


def _link(value: Any, runs: dict[int, int]) -> Any:
    found = LINK.match(value) if isinstance(value, str) else None
    if found is None or int(found.group(1)) not in runs:
        return value
    return f"/runs/{runs[int(found.group(1))]}" + value[found.end() :]


_REWRITES: dict[str, Callable[[Any, dict[int, int]], Any]] = {
    "json": _json, "json text": _json_text, "link": _link,
}  # fmt: skip


def _advance_sequences(conn: Connection, plan: Iterable[TableCopy]) -> None:
    for step in plan:
        if step.has_ids:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{step.name}', 'id'), "
                    f'(SELECT max(id) FROM "{step.name}"))'
                )
            )


def json_columns() -> set[tuple[str, str]]:
    """Every JSON column of the schema (tests: each must be in ID_DOCUMENTS or NO_IDS)."""
    return {
        (t.name, c.name) for t in metadata.sorted_tables for c in t.columns
        if isinstance(c.type, JSON)
    }  # fmt: skip
