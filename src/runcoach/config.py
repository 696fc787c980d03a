"""The one place settings are read.

Precedence: command-line flag > environment (``RUNCOACH_*``) > config file
(``$RUNCOACH_HOME/config.toml``) > default. ``load_settings`` is called once at start-up
and the resulting ``Settings`` is passed down; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import UnitSystem

DEFAULT_SHOE_RETIREMENT_M = 700_000.0  # common running-shoe life, 500-800 km (manufacturers)


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    units: UnitSystem = UnitSystem.METRIC
    shoe_retirement_m: float = DEFAULT_SHOE_RETIREMENT_M
    secret_key: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def default_home() -> Path:
    return Path(platformdirs.user_data_dir("runcoach", appauthor=False))


def load_settings(
    flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build the settings from flags, the environment, the config file and defaults."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    env = os.environ if environ is None else environ
    home = Path(flags.get("home") or env.get("RUNCOACH_HOME") or default_home()).expanduser()
    file_values = _read_config_file(home / "config.toml")

    def pick(name: str, default: Any) -> Any:
        if name in flags:
            return flags[name]
        env_value = env.get(f"RUNCOACH_{name.upper()}")
        if env_value:
            return env_value
        return file_values.get(name, default)

    url = pick("database_url", None) or f"sqlite:///{home / 'runcoach.db'}"
    return Settings(
        home=home,
        database_url=_normalise_url(str(url)),
        units=_units(pick("units", UnitSystem.METRIC.value)),
        shoe_retirement_m=float(pick("shoe_retirement_km", DEFAULT_SHOE_RETIREMENT_M / 1000))
        * 1000,
        secret_key=pick("secret_key", None),
    )


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            f"{path}: {exc}", hint='the config file is TOML: units = "metric"'
        ) from exc


def _units(value: Any) -> UnitSystem:
    try:
        return UnitSystem(str(value).lower())
    except ValueError as exc:
        raise InvalidInput(f"units must be 'metric' or 'imperial', not '{value}'") from exc


def _normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given in the common short form."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
