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
DEFAULT_SMTP_PORT = 587  # message submission with STARTTLS (RFC 6409)
DEFAULT_MAIL_FROM = "runcoach <runcoach@localhost>"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
SMTP_SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    units: UnitSystem = UnitSystem.METRIC
    shoe_retirement_m: float = DEFAULT_SHOE_RETIREMENT_M
    secret_key: str | None = None
    # Email (notifications): sent only when an SMTP server is configured.
    smtp_host: str | None = None
    smtp_port: int = DEFAULT_SMTP_PORT
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_security: str = "starttls"  # starttls / ssl / none
    mail_from: str = DEFAULT_MAIL_FROM
    # The address runners reach this runcoach at, for the links in emails.
    base_url: str = DEFAULT_BASE_URL

    @property
    def mail_configured(self) -> bool:
        return bool(self.smtp_host)

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
        **_mail(pick),
    )


def _mail(pick: Any) -> dict[str, Any]:
    """The SMTP server and the address of this runcoach, for notifications by email."""
    security = str(pick("smtp_security", "starttls")).lower()
    if security not in SMTP_SECURITY:
        raise InvalidInput(
            f"smtp_security must be one of {', '.join(SMTP_SECURITY)}, not '{security}'"
        )
    port = pick("smtp_port", DEFAULT_SMTP_PORT)
    try:
        port = int(port)
    except ValueError:
        raise InvalidInput(f"smtp_port must be a number, not '{port}'") from None
    return {
        "smtp_host": pick("smtp_host", None) or None,
        "smtp_port": port,
        "smtp_user": pick("smtp_user", None),
        "smtp_password": pick("smtp_password", None),
        "smtp_security": security,
        "mail_from": str(pick("mail_from", DEFAULT_MAIL_FROM)),
        "base_url": str(pick("base_url", DEFAULT_BASE_URL)).rstrip("/"),
    }


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
