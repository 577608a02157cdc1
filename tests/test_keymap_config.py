"""``[keymap]``: binding id = keys, checked when read (the keys' form) and at start (the ids,
which only the UI knows); a bad entry is one line naming it and where it came from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sip_tui.config import ConfigError, load_settings
from sip_tui.ui.help.keys import all_bindings, check_keymap, our_bindings

SIP_TUI = Path(sys.executable).with_name("sip-tui")


def settings_from(config: Path, text: str) -> dict[str, str]:
    config.write_text(text, encoding="utf-8")
    return load_settings().keymap


def test_quoted_ids_and_tables_mean_the_same(isolated_config: Path) -> None:
    keymap = settings_from(
        isolated_config,
        '[keymap]\n"case.accept" = "ctrl+a"\ncase.decline = " ctrl+n , f9 "\n'
        '[keymap.overview]\nsearch = "s"\n',
    )
    assert keymap == {"case.accept": "ctrl+a", "case.decline": "ctrl+n,f9", "overview.search": "s"}
    check_keymap(keymap)  # all known


@pytest.mark.parametrize(
    ("value", "expected"),
    [('""', "empty key"), ('"f5,,f6"', "empty key"), ('"ctrl a"', "not a key: 'ctrl a'")],
)
def test_an_empty_or_malformed_key_is_one_line(
    isolated_config: Path, value: str, expected: str
) -> None:
    isolated_config.write_text(f'[keymap]\n"case.accept" = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f'config file {isolated_config}: keymap."case.accept": expected')
    assert expected in message


def test_an_unknown_id_names_the_entry_and_the_ids_nearby(isolated_config: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        check_keymap({"case.acept": "y"})
    message = str(raised.value)
    assert message.startswith(f'config file {isolated_config}: keymap."case.acept": no key')
    assert "case.accept" in message  # the ids of the same screen, to pick from


def test_a_key_textual_does_not_know_is_named(isolated_config: Path) -> None:
    with pytest.raises(ConfigError, match=r"keymap.\"case.accept\": 'ctrl\+foo' is not a key"):
        check_keymap({"case.accept": "a,ctrl+foo"})


def test_a_keymap_in_an_environment_variable_is_named(isolated_config: Path) -> None:
    environ = {"SIP_TUI_CONFIG": str(isolated_config), "SIP_TUI_KEYMAP": '{"nope": "x"}'}
    keymap = load_settings(environ).keymap
    with pytest.raises(ConfigError, match=r"^environment variable SIP_TUI_KEYMAP: keymap\.nope"):
        check_keymap(keymap, environ)


def test_every_binding_has_an_id_and_a_swedish_tooltip() -> None:
    assert {"app.help", "case.accept", "document.save", "overview.search"} <= set(our_bindings())
    for binding in all_bindings():
        assert binding.id, binding
        assert binding.tooltip, binding


def test_a_bad_keymap_stops_sip_tui_run_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"overview.serch" = "s"\n', encoding="utf-8")
    env = {"SIP_TUI_CONFIG": str(config), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    url = f"sqlite:///{tmp_path / 'sip.db'}"

    def sip_tui(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SIP_TUI), *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    assert sip_tui("db", "upgrade", "--db", url).returncode == 0
    result = sip_tui("run", "--db", url)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert 'keymap."overview.serch": no key binding has this id' in result.stderr
    assert str(config) in result.stderr
    assert "overview.search" in result.stderr  # the ids of that screen, to choose from
