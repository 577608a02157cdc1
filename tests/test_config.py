"""Settings from the TOML file and the environment."""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import platformdirs
import pytest

from sip_tui.config import ConfigError, config_path, load_settings

SE = ZoneInfo("Europe/Stockholm")

FULL_FILE = """\
[calendar]
cutoff = "11:30"
closed_days = { "2026-05-15" = "Klämdag", "2026-12-23" = "Lilla julafton" }

[store]
url = "postgresql://sip@db.example.org/sip"

[ui]
bell = false
colors = "16"
"""


def env(config: Path, **variables: str) -> dict[str, str]:
    return {"SIP_TUI_CONFIG": str(config), **variables}


@pytest.fixture
def config(isolated_config: Path) -> Path:
    """The config file of the test (absent until written)."""
    return isolated_config


def test_no_file_means_the_defaults(config: Path) -> None:
    settings = load_settings(env(config))
    assert settings.calendar.cutoff == time(12, 0)
    assert settings.calendar.closed_days == {}
    assert settings.store.url is None
    assert settings.ui.bell is True
    assert settings.ui.colors == "auto"


def test_the_default_database_is_sqlite_in_the_user_data_directory(config: Path) -> None:
    url = load_settings(env(config)).store.resolved_url()
    expected = platformdirs.user_data_path("sip-tui") / "sip-tui.db"
    assert url == f"sqlite:///{expected}"


def test_the_file_is_read(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    settings = load_settings(env(config))
    assert settings.calendar.cutoff == time(11, 30)
    assert settings.calendar.closed_days == {
        date(2026, 5, 15): "Klämdag",
        date(2026, 12, 23): "Lilla julafton",
    }
    assert settings.store.url == "postgresql://sip@db.example.org/sip"
    assert settings.store.resolved_url() == "postgresql://sip@db.example.org/sip"
    assert settings.ui.bell is False
    assert settings.ui.colors == "16"


def test_a_section_may_be_left_out(config: Path) -> None:
    config.write_text("[ui]\nbell = false\n", encoding="utf-8")
    settings = load_settings(env(config))
    assert settings.ui.bell is False
    assert settings.calendar.cutoff == time(12, 0)


def test_a_toml_time_is_accepted_as_cutoff(config: Path) -> None:
    config.write_text("[calendar]\ncutoff = 11:45:00\n", encoding="utf-8")
    assert load_settings(env(config)).calendar.cutoff == time(11, 45)


def test_the_work_calendar_follows_the_settings(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    calendar = load_settings(env(config)).work_calendar()
    assert calendar.closed_reason(date(2026, 5, 15)) == "Klämdag"
    assert not calendar.is_working_day(date(2026, 12, 23))
    deadline = calendar.acknowledge_deadline(datetime(2026, 11, 20, 9, 0, tzinfo=SE))
    assert deadline.isoformat() == "2026-11-23T11:30:00+01:00"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CONFIG_HOME is the Linux location")
def test_the_file_is_found_in_the_platform_config_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "sip-tui").mkdir()
    (tmp_path / "sip-tui" / "config.toml").write_text("[ui]\nbell = false\n", encoding="utf-8")
    assert config_path({}) == tmp_path / "sip-tui" / "config.toml"
    assert load_settings({}).ui.bell is False


def test_sip_tui_config_names_the_file(config: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text("[ui]\nbell = false\n", encoding="utf-8")
    assert config_path({"SIP_TUI_CONFIG": str(other)}) == other
    assert load_settings({"SIP_TUI_CONFIG": str(other)}).ui.bell is False


# --- environment overrides --------------------------------------------------------------------


def test_environment_variables_override_the_file(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    settings = load_settings(
        env(
            config,
            SIP_TUI_CALENDAR__CUTOFF="10:00",
            SIP_TUI_UI__BELL="true",
            SIP_TUI_CALENDAR__CLOSED_DAYS='{"2026-11-27": "Personaldag"}',
        )
    )
    assert settings.calendar.cutoff == time(10, 0)
    assert settings.ui.bell is True
    # A table from a variable replaces the file's table; it is not merged into it.
    assert settings.calendar.closed_days == {date(2026, 11, 27): "Personaldag"}
    assert settings.store.url == "postgresql://sip@db.example.org/sip"  # untouched


def test_the_process_environment_is_the_default(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    monkeypatch.setenv("SIP_TUI_UI__BELL", "true")
    assert load_settings().ui.bell is True
    assert load_settings().calendar.cutoff == time(11, 30)  # the file from SIP_TUI_CONFIG


def test_sip_tui_db_overrides_the_store_url(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    settings = load_settings(
        env(config, SIP_TUI_DB="sqlite:////tmp/x.db", SIP_TUI_STORE__URL="postgresql://b/c")
    )
    assert settings.store.url == "sqlite:////tmp/x.db"


def test_an_empty_sip_tui_db_is_ignored(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    assert load_settings(env(config, SIP_TUI_DB="")).store.url == (
        "postgresql://sip@db.example.org/sip"
    )


def test_other_sip_tui_variables_are_not_settings(config: Path) -> None:
    settings = load_settings(env(config, SIP_TUI_NOW="2026-11-23T11:15"))
    assert settings.calendar.cutoff == time(12, 0)


# --- errors: one line naming the file (or variable), the key and what is expected ----------


@pytest.mark.parametrize(
    ("content", "key", "expected"),
    [
        ('[calendar]\ncutoff = "noon"\n', "calendar.cutoff", '"12:00"'),
        ("[calendar]\ncutoff = 12\n", "calendar.cutoff", '"12:00"'),
        ('[calendar]\ncutoff = "12:00+01:00"\n', "calendar.cutoff", "without zone"),
        ('[calendar]\ncutof = "12:00"\n', "calendar.cutof", "cutoff, closed_days"),
        ('[calender]\ncutoff = "12:00"\n', "calender", "calendar, store, ui"),
        ("calendar = 5\n", "calendar", "[calendar] table"),
        ('[calendar]\nclosed_days = { "2026-13-01" = "x" }\n', "calendar.closed_days", "ISO"),
        ('[calendar]\nclosed_days = { "2026-05-15" = "" }\n', "calendar.closed_days", "ISO"),
        ('[calendar]\nclosed_days = ["2026-05-15"]\n', "calendar.closed_days", "ISO"),
        ('[ui]\nbell = "maybe"\n', "ui.bell", "true or false"),
        ('[ui]\ncolors = "mono"\n', "ui.colors", '"auto", "16" or "none"'),
        ("[ui]\ncolors = 16\n", "ui.colors", '"auto", "16" or "none"'),
        ('[store]\nurl = "/var/lib/sip.db"\n', "store.url", "database URL"),
    ],
)
def test_a_bad_value_names_file_key_and_expectation(
    config: Path, content: str, key: str, expected: str
) -> None:
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(env(config))
    message = str(error.value)
    assert message.startswith(f"config file {config}: ")
    assert key in message
    assert expected in message
    assert "\n" not in message
    assert "pydantic" not in message


def test_invalid_toml_is_reported_with_its_position(config: Path) -> None:
    config.write_text("[calendar\ncutoff = 12\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not valid TOML.*line 1") as error:
        load_settings(env(config))
    assert str(config) in str(error.value)
    assert "\n" not in str(error.value)


def test_a_file_that_is_not_utf8_is_reported(config: Path) -> None:
    config.write_bytes('[calendar]\nclosed_days = { "2026-05-15" = "Klämdag" }\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(env(config))


def test_a_directory_is_not_a_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings({"SIP_TUI_CONFIG": str(tmp_path)})


def test_several_problems_are_counted_on_the_one_line(config: Path) -> None:
    config.write_text('[calendar]\ncutoff = "noon"\n[ui]\nbell = "maybe"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"calendar\.cutoff.*\(and 1 more\)$"):
        load_settings(env(config))


def test_a_bad_environment_variable_is_named_instead_of_the_file(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(env(config, SIP_TUI_CALENDAR__CUTOFF="noon"))
    message = str(error.value)
    assert message.startswith("environment variable SIP_TUI_CALENDAR__CUTOFF: calendar.cutoff:")
    assert str(config) not in message


def test_a_bad_sip_tui_db_is_named(config: Path) -> None:
    with pytest.raises(ConfigError, match=r"^environment variable SIP_TUI_DB: store\.url"):
        load_settings(env(config, SIP_TUI_DB="not a url"))


def test_bad_json_in_an_environment_variable_names_it(config: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(env(config, SIP_TUI_CALENDAR__CLOSED_DAYS="2026-05-15"))
    message = str(error.value)
    assert message.startswith("environment variable SIP_TUI_CALENDAR__CLOSED_DAYS: ")
    assert "calendar.closed_days" in message
    assert "JSON" in message


def test_a_whole_section_as_bad_json_is_one_line(config: Path) -> None:
    with pytest.raises(ConfigError, match=r"SIP_TUI_.*JSON") as error:
        load_settings(env(config, SIP_TUI_CALENDAR="cutoff=12:00"))
    assert "\n" not in str(error.value)


def test_addressing_partners_from_the_file_and_from_the_environment(config: Path) -> None:
    config.write_text(
        '[addressing]\npartners = { "alidhems-hc" = ["umea-hsv-centrum", "umea-bistand"] }\n',
        encoding="utf-8",
    )
    settings = load_settings(env(config))
    assert settings.addressing.partners == {"alidhems-hc": ["umea-hsv-centrum", "umea-bistand"]}
    replaced = load_settings(
        env(config, SIP_TUI_ADDRESSING__PARTNERS='{"savar-hc": ["umea-bistand"]}')
    )
    assert replaced.addressing.partners == {"savar-hc": ["umea-bistand"]}


def test_a_bad_partner_list_names_the_key(config: Path) -> None:
    config.write_text('[addressing]\npartners = { "alidhems-hc" = "umea-bistand" }\n')
    with pytest.raises(ConfigError, match=r"addressing\.partners"):
        load_settings(env(config))


# --- secrets: a config file holding a password is readable by its owner only ------------


@pytest.mark.parametrize(
    ("section", "line"),
    [
        ("store", 'url = "postgresql://karin:hemligt@db.example.org/sip"'),
        ("store", 'url = "postgresql://karin@db.example.org/sip?password=hemligt"'),
        ("mail", 'password = "hemligt"'),
        ("sms", 'password = "hemligt"'),
    ],
)
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_file_with_a_password_readable_by_others_is_refused(
    config: Path, section: str, line: str, mode: int
) -> None:
    config.write_text(f"[{section}]\n{line}\n", encoding="utf-8")
    config.chmod(mode)
    with pytest.raises(ConfigError) as caught:
        load_settings(env(config))
    message = str(caught.value)
    assert "\n" not in message
    assert str(config) in message
    assert f"mode {mode:04o}" in message
    assert f"chmod 600 {config}" in message
    assert "hemligt" not in message


def test_a_file_with_a_password_readable_by_its_owner_only_is_read(config: Path) -> None:
    config.write_text('[store]\nurl = "postgresql://karin:hemligt@db/sip"\n', encoding="utf-8")
    config.chmod(0o600)
    assert load_settings(env(config)).store.url == "postgresql://karin:hemligt@db/sip"


def test_a_file_without_a_password_may_be_readable_by_others(config: Path) -> None:
    config.write_text(FULL_FILE, encoding="utf-8")
    config.chmod(0o644)
    assert load_settings(env(config)).store.url == "postgresql://sip@db.example.org/sip"
