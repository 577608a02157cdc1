"""The sections of the configuration file (``[calendar]``, ``[store]``, ``[addressing]``,
``[ui]``, ``[notify]``, ``[mail]``, ``[sms]``): every key, its default and what it means.
:mod:`sip_tui.config` reads them (with ``[keymap]``) into one ``Settings``."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path
from typing import Annotated, Final, Literal

from platformdirs import user_data_path
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_settings import NoDecode

from sip_tui.domain.calendar import DEFAULT_CUTOFF

APP_NAME: Final = "sip-tui"


def default_database_path() -> Path:
    """The SQLite file used when no ``store.url`` is configured."""
    return user_data_path(APP_NAME) / "sip-tui.db"


DayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
UnitCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def url_has_password(url: str) -> bool:
    """Whether a database URL carries a password (``user:secret@host`` or ``?password=``)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        in_query = urllib.parse.parse_qs(parts.query).get("password", [""])
        return bool(parts.password) or any(in_query)
    except ValueError:  # not a URL at all: the store says so when it parses it
        return "@" in url and ":" in url.split("://", 1)[-1].split("@", 1)[0]


def _json_table(value: object) -> object:
    """A table given as an environment variable is JSON (it replaces the file's table)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise ValueError("not a JSON object") from None
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class CalendarSettings(_Section):
    """``[calendar]``: the working-day calendar."""

    cutoff: time = DEFAULT_CUTOFF
    """The daily cut-off (brytpunkt) as Stockholm wall-clock time, e.g. "12:00"."""

    # NoDecode: an environment variable holds JSON that *replaces* the file's table (decoded
    # below) instead of being merged into it key by key.
    closed_days: Annotated[dict[date, DayName], NoDecode] = Field(default_factory=dict)
    """The organisation's own closed days (e.g. a klämdag): ISO date = the name users see."""

    @field_validator("cutoff", mode="before")
    @classmethod
    def _cutoff_is_a_clock_time(cls, value: object) -> object:
        # pydantic would read a bare number as seconds after midnight: 12 -> 00:00:12.
        if not isinstance(value, str | time):
            raise ValueError("not a time of day")
        return value

    @field_validator("closed_days", mode="before")
    @classmethod
    def _closed_days_from_json(cls, value: object) -> object:
        return _json_table(value)

    @field_validator("cutoff")
    @classmethod
    def _cutoff_has_no_zone(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("the cut-off is Stockholm time; give it without zone")
        return value


class StoreSettings(_Section):
    """``[store]``: where the data lives."""

    url: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9+.-]*://")] | None = None
    """Database URL (SQLite or PostgreSQL); unset means the SQLite file in the user data
    directory. ``SIP_TUI_DB`` overrides it."""

    def resolved_url(self) -> str:
        """The URL to connect to, the default SQLite file when none is configured."""
        return self.url or f"sqlite:///{default_database_path()}"


class AddressingSettings(_Section):
    """``[addressing]``: proposed recipients of a new initiative."""

    # NoDecode: as closed_days, an environment variable holds JSON replacing the table.
    partners: Annotated[dict[UnitCode, list[UnitCode]], NoDecode] = Field(default_factory=dict)
    """Per unit code, the units it usually sends initiatives to; proposed (ticked, and
    removable) when that unit starts a new case, e.g.
    ``partners = { "alidhems-hc" = ["umea-hsv-centrum", "umea-bistand"] }``."""

    @field_validator("partners", mode="before")
    @classmethod
    def _partners_from_json(cls, value: object) -> object:
        return _json_table(value)


#: One key: modifiers, then one character or a key name (Textual's: ``ctrl+shift+f5``).
_KEY = re.compile(r"^((ctrl|shift|alt|meta|super|hyper)\+)*([^\s,+]|[a-z][a-z0-9_]+)$")


def _flat_keymap(value: object, prefix: str = "") -> object:
    """``case.accept = "y"`` (TOML: a table ``case`` with ``accept``) is ``"case.accept"``."""
    value = _json_table(value)
    if not isinstance(value, Mapping):
        return value
    flat: dict[object, object] = {}
    for key, keys in value.items():
        name = f"{prefix}{key}"
        if isinstance(keys, Mapping):
            inner = _flat_keymap(keys, f"{name}.")
            assert isinstance(inner, dict)
            flat.update(inner)
        else:
            flat[name] = keys
    return flat


def _key_list(value: str) -> str:
    keys = [key.strip() for key in value.split(",")]
    if not value.strip() or any(not key for key in keys):
        raise ValueError("empty key")
    for key in keys:
        if not _KEY.match(key):
            raise ValueError(f"not a key: {key!r}")
    return ",".join(keys)


KeyList = Annotated[str, AfterValidator(_key_list)]


class UiSettings(_Section):
    """``[ui]``: the terminal interface."""

    bell: bool = True
    """Ring the terminal bell when something becomes due for the logged-in unit."""

    colors: Literal["auto", "16", "none"] = "auto"
    """How many colours to use: "auto" (from NO_COLOR and the terminal), "16" (the
    terminal's own ANSI colours) or "none" (bold and reverse instead of colour)."""


class NotifySettings(_Section):
    """``[notify]``: notices (avisering) to the unit's watcher, by ``sip-tui notify``."""

    remind_at: time = time(10, 30)
    """On a working day from this Stockholm time until the cut-off, remind today's watcher
    while acknowledgements due at the cut-off are open, e.g. "10:30"."""

    @field_validator("remind_at", mode="before")
    @classmethod
    def _remind_at_is_a_clock_time(cls, value: object) -> object:
        if not isinstance(value, str | time):
            raise ValueError("not a time of day")
        return value


class MailSettings(_Section):
    """``[mail]``: e-mail notices over SMTP (none when ``host`` is unset)."""

    host: str = ""
    """The SMTP server, e.g. "smtp.example.org"; empty: no e-mail notices."""
    port: int = Field(default=587, ge=1, le=65535)
    """The SMTP port (587 submission with STARTTLS, 25 plain)."""
    starttls: bool = True
    """Upgrade the connection with STARTTLS before logging in and sending."""
    user: str = ""
    """The SMTP login; empty: no login."""
    password: str = ""
    """The SMTP password (keep the config file readable by its owner only)."""
    sender: str = "sip-tui@localhost"
    """The From address."""
    timeout: float = Field(default=30.0, gt=0)
    """Seconds to wait for the server."""


class SmsSettings(_Section):
    """``[sms]``: SMS notices through an HTTP gateway or a command (none when neither)."""

    url: str = ""
    """The gateway's URL; it gets a form POST with ``to``, ``from`` and ``message``."""
    user: str = ""
    """Basic-auth user for the gateway; empty: no authentication."""
    password: str = ""
    """Basic-auth password for the gateway."""
    sender: str = "SIP"
    """The ``from`` field: the sender name or number the gateway shows."""
    command: list[str] = Field(default_factory=list)
    """Instead of ``url``: a command run with the message on standard input, ``{to}`` in
    an argument replaced by the number, e.g. ``["/usr/local/bin/sms", "{to}"]``."""
    timeout: float = Field(default=30.0, gt=0)
    """Seconds to wait for the gateway or the command."""
