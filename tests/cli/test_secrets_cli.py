"""A database password is never on the command line (``ps`` shows it to every user):
``--db`` with one is refused in one line; ``SIP_TUI_DB`` (readable by its owner only) may
hold one."""

from __future__ import annotations

from pathlib import Path

import pytest

from sip_tui.cli import main
from sip_tui.config import load_settings
from sip_tui.store.engine import BadDatabaseUrl, database_url

WITH_PASSWORD = "postgresql://karin:hemligt@db.invalid/sip"


def refusal(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    assert exit_info.value.code == 2, captured
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("sip-tui: ")
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize(
    "command",
    [
        ("run",),
        ("db", "upgrade"),
        ("roster", "--unit", "x"),
        ("status", "--unit", "x"),
        ("notify",),
        ("downtime",),
        ("contacts", "export"),
        ("audit", "checks", "--unit", "x"),
    ],
)
@pytest.mark.parametrize(
    "url", [WITH_PASSWORD, "postgresql://karin@db.invalid/sip?password=hemligt"]
)
def test_a_password_in_db_is_refused_by_every_command(
    capsys: pytest.CaptureFixture[str], command: tuple[str, ...], url: str
) -> None:
    line = refusal(capsys, *command, "--db", url)
    assert "password on the command line" in line
    for way in ("~/.pgpass", "PGPASSWORD", "config file (chmod 600)"):
        assert way in line
    assert "hemligt" not in line


def test_db_without_a_password_is_used(isolated_config: Path) -> None:
    settings = load_settings({"SIP_TUI_CONFIG": str(isolated_config)})
    assert database_url(" postgresql://karin@db/sip ", settings) == "postgresql://karin@db/sip"


def test_sip_tui_db_may_hold_a_password(isolated_config: Path) -> None:
    settings = load_settings({"SIP_TUI_CONFIG": str(isolated_config), "SIP_TUI_DB": WITH_PASSWORD})
    assert database_url(None, settings) == WITH_PASSWORD


def test_the_refusal_is_a_store_error_naming_db(isolated_config: Path) -> None:
    settings = load_settings({"SIP_TUI_CONFIG": str(isolated_config)})
    with pytest.raises(BadDatabaseUrl) as caught:
        database_url(WITH_PASSWORD, settings)
    assert str(caught.value).startswith("--db postgresql://karin:***@db.invalid/sip: ")
