"""Settings: one TOML file, overridable by environment variables.

The file is ``platformdirs.user_config_path("sip-tui") / "config.toml"``, or the path in
``SIP_TUI_CONFIG``. A missing file means the defaults. Every key can be overridden by
``SIP_TUI_<SECTION>__<KEY>`` (``SIP_TUI_CALENDAR__CUTOFF=11:30``), and ``SIP_TUI_DB``
overrides ``store.url``. Precedence: ``SIP_TUI_DB``, then ``SIP_TUI_*``, then the file.
A bad file or variable raises :class:`ConfigError`, whose message is one line naming
where the value came from, the key and what is expected.

Example file::

    [calendar]
    cutoff = "12:00"
    closed_days = { "2026-05-15" = "Klämdag" }

    [store]
    url = "postgresql://sip@db.example.org/sip"

    [ui]
    bell = false
    colors = "auto"    # or "16", or "none" (as NO_COLOR): see sip_tui/ui/colors.py

    [addressing]
    partners = { "alidhems-hc" = ["umea-hsv-centrum", "umea-bistand"] }

    [notify]
    remind_at = "10:30"

    [mail]
    host = "smtp.example.org"
    user = "sip-tui"
    password = "…"

    [sms]
    url = "https://sms.example.org/send"

    [keymap]
    "overview.search" = "s"          # binding id = keys, comma-separated, Textual style
    "document.save" = "f2,ctrl+s"
    "case.accept" = "ctrl+a"

``[keymap]`` maps a binding id (shown in the help screen, ``?``) to the keys that run it
instead of its own; keys are Textual key names (``f5``, ``ctrl+s``, ``question_mark``,
``ö``), several separated by commas. ``case.accept = "y"`` without quotes is read the same.
An unknown id or a key that is not one is a :class:`ConfigError` at start
(:func:`keymap_error`: the UI knows the ids).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final

from platformdirs import user_config_path
from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from sip_tui.config_sections import (
    APP_NAME,
    AddressingSettings,
    CalendarSettings,
    KeyList,
    MailSettings,
    NotifySettings,
    SmsSettings,
    StoreSettings,
    UiSettings,
    _flat_keymap,
    url_has_password,
)
from sip_tui.domain.calendar import WorkCalendar

CONFIG_VARIABLE: Final = "SIP_TUI_CONFIG"
DB_VARIABLE: Final = "SIP_TUI_DB"
ENV_PREFIX: Final = "SIP_TUI_"
ENV_DELIMITER: Final = "__"


class ConfigError(Exception):
    """The configuration cannot be used. ``str(error)`` is one line meant for the user."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The config file: ``SIP_TUI_CONFIG`` if set, else the platform's config directory."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    return user_config_path(APP_NAME) / "config.toml"


class Settings(BaseSettings):
    """All settings; build them with :func:`load_settings`."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_DELIMITER,
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
    )

    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    """The working-day calendar: cut-off time and closed days."""

    store: StoreSettings = Field(default_factory=StoreSettings)
    """The database."""

    ui: UiSettings = Field(default_factory=UiSettings)
    """The terminal interface."""

    addressing: AddressingSettings = Field(default_factory=AddressingSettings)
    """Proposed recipients of a new initiative."""

    notify: NotifySettings = Field(default_factory=NotifySettings)
    """Notices to the unit's watcher: when to remind before the cut-off."""

    mail: MailSettings = Field(default_factory=MailSettings)
    """E-mail notices over SMTP."""

    sms: SmsSettings = Field(default_factory=SmsSettings)
    """SMS notices through an HTTP gateway or a command."""

    keymap: Annotated[dict[str, KeyList], NoDecode] = Field(default_factory=dict)
    """Binding id = keys (``"case.accept" = "ctrl+a"``): the user's own keys."""

    @field_validator("keymap", mode="before")
    @classmethod
    def _keymap_flat(cls, value: object) -> object:
        return _flat_keymap(value)

    def work_calendar(self) -> WorkCalendar:
        return WorkCalendar(cutoff=self.calendar.cutoff, closed_days=self.calendar.closed_days)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        origin = _ORIGIN.get() or _Origin.of(os.environ)
        return (
            init_settings,
            _DatabaseVariableSource(settings_cls, origin.environ),
            EnvironmentSource(settings_cls, origin.environ),
            TomlConfigSettingsSource(settings_cls, toml_file=origin.path),
        )


# --- loading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Origin:
    """Where one load reads from: the config file and the environment."""

    path: Path
    environ: Mapping[str, str]

    @classmethod
    def of(cls, environ: Mapping[str, str]) -> _Origin:
        return cls(config_path(environ), environ)


# Passes the origin of one load_settings() call to settings_customise_sources(), a classmethod
# that pydantic-settings calls without arguments of ours.
_ORIGIN: ContextVar[_Origin | None] = ContextVar("sip_tui_config_origin", default=None)


class EnvironmentSource(EnvSettingsSource):
    """The ordinary ``SIP_TUI_*`` source, reading a given mapping instead of ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # The one hook EnvSettingsSource has for where variables come from (pydantic-settings
        # 2.x; DotEnvSettingsSource overrides it the same way).
        if self.case_sensitive:
            return dict(self._environ)
        return {name.lower(): value for name, value in self._environ.items()}


class _DatabaseVariableSource(PydanticBaseSettingsSource):
    """``SIP_TUI_DB`` sets ``store.url`` (the conventional name, outside the nested scheme)."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        super().__init__(settings_cls)
        self._url = environ.get(DB_VARIABLE, "").strip()

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ builds the whole mapping

    def __call__(self) -> dict[str, Any]:
        return {"store": {"url": self._url}} if self._url else {}


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the config file and ``environ`` (default ``os.environ``).

    Raises :class:`ConfigError` with a one-line message when they cannot be used.
    """
    origin = _Origin.of(dict(os.environ if environ is None else environ))
    where = f"config file {origin.path}"
    if os.path.isdir(origin.path):
        raise ConfigError(f"{where}: is a directory, not a file")
    try:
        with _reading_from(origin):
            settings = Settings()
        _refuse_open_secrets(origin.path)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{where}: not UTF-8 text") from error
    except OSError as error:
        raise ConfigError(f"{where}: cannot be read: {error.strerror or error}") from error
    except SettingsError as error:
        example = f"""{ENV_PREFIX}CALENDAR__CLOSED_DAYS='{{"2026-05-15": "Klämdag"}}'"""
        raise ConfigError(
            f"environment variables {ENV_PREFIX}*: {error}; a table is given as JSON, "
            f"such as {example}"
        ) from error
    except ValidationError as error:
        raise ConfigError(_describe(error, origin)) from error
    return settings


#: Keys of the config file that hold a password, or a URL that may hold one.
_SECRET_KEYS: Final = (("store", "url"), ("mail", "password"), ("sms", "password"), ("sms", "url"))


def _refuse_open_secrets(path: Path) -> None:
    """Raise :class:`ConfigError` when the file holds a password and others may read it."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        return
    if not mode & 0o077:
        return
    with path.open("rb") as file:
        data = tomllib.load(file)
    for section, key in _SECRET_KEYS:
        table = data.get(section)
        value = table.get(key) if isinstance(table, dict) else None
        if not isinstance(value, str) or not value:
            continue
        if key == "password" or url_has_password(value):
            raise ConfigError(
                f"config file {path}: {section}.{key} holds a password but the file is "
                f"readable by others (mode {mode:04o}); run: chmod 600 {path}"
            )


@contextmanager
def _reading_from(origin: _Origin) -> Iterator[None]:
    token = _ORIGIN.set(origin)
    try:
        yield
    finally:
        _ORIGIN.reset(token)


# --- error messages ---------------------------------------------------------------------------

#: What each key expects, in the user's terms (a key missing here falls back to pydantic's).
_EXPECTED: Final[Mapping[str, str]] = {
    "calendar.cutoff": 'a time of day without zone, such as "12:00"',
    "calendar.closed_days": (
        'ISO dates mapped to names, such as "2026-05-15" = "Klämdag" (JSON in a variable)'
    ),
    "store.url": 'a database URL such as "postgresql://host/sip" or "sqlite:////path/sip.db"',
    "ui.bell": "true or false",
    "ui.colors": '"auto", "16" or "none"',
    "notify.remind_at": 'a time of day without zone, such as "10:30"',
}
_KEYMAP_EXPECTED: Final = (
    'keys such as "f5", "ctrl+s" or "j,down" (Textual key names, comma-separated)'
)


def _describe(error: ValidationError, origin: _Origin) -> str:
    """One line for the first problem in ``error``, naming its source, key and expectation."""
    problems = error.errors()
    first = problems[0]
    path = [str(part) for part in first["loc"] if part != "[key]"]
    key = ".".join(_toml_key(part) for part in path)
    where = _variable_for(path, origin.environ) or f"config file {origin.path}"
    if first["type"] == "extra_forbidden":
        known = ", ".join(_known_keys(path[:-1]))
        message = f"{where}: unknown key {key}; expected one of: {known}"
    else:
        message = f"{where}: {key}: expected {_expectation(path, first)} (got {_shown(first)})"
    if len(problems) > 1:
        message += f" (and {len(problems) - 1} more)"
    return message


def _expectation(path: list[str], problem: ErrorDetails) -> str:
    if path[:1] == ["keymap"]:
        reason = problem["msg"].removeprefix("Value error, ")
        return f"{_KEYMAP_EXPECTED}; {reason}" if len(path) > 1 else "a [keymap] table"
    field = ".".join(path[:2])
    if field in _EXPECTED:
        return _EXPECTED[field]
    if len(path) == 1 and path[0] in Settings.model_fields:
        return f"a [{path[0]}] table with keys: {', '.join(_known_keys(path))}"
    return problem["msg"][:1].lower() + problem["msg"][1:]


def _known_keys(section: list[str]) -> list[str]:
    model: type[BaseModel] = Settings
    for name in section:
        annotation = model.model_fields[name].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def _variable_for(path: list[str], environ: Mapping[str, str]) -> str | None:
    """The environment variable that supplied the value at ``path``, if one did."""
    names = {name.upper(): name for name in environ}
    if path[:2] == ["store", "url"] and environ.get(DB_VARIABLE, "").strip():
        return f"environment variable {DB_VARIABLE}"
    for depth in range(len(path), 0, -1):
        candidate = ENV_PREFIX + ENV_DELIMITER.join(path[:depth]).upper()
        if candidate in names:
            return f"environment variable {names[candidate]}"
    return None


def keymap_error(
    binding_id: str, problem: str, environ: Mapping[str, str] | None = None
) -> ConfigError:
    """The one line for a ``[keymap]`` entry the UI cannot use (an unknown binding id, a key
    Textual does not know), naming where it came from, as :func:`load_settings` does."""
    origin = _Origin.of(dict(os.environ if environ is None else environ))
    path = ["keymap", binding_id]
    where = _variable_for(path, origin.environ) or f"config file {origin.path}"
    return ConfigError(f"{where}: keymap.{_toml_key(binding_id)}: {problem}")


def _toml_key(part: str) -> str:
    bare = part.replace("_", "").replace("-", "").isalnum() and part.isascii()
    return part if bare else f'"{part}"'


def _shown(problem: ErrorDetails) -> str:
    text = repr(problem.get("input"))
    return text if len(text) <= 60 else text[:57] + "..."
