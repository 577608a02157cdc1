"""Every kind of usage error is one line on stderr and exit status 2, never a Rich box."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sip_tui.cli import main

SIP_TUI = Path(sys.executable).with_name("sip-tui")


def usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``sip-tui ARGS`` through main(); assert one line and status 2; that line."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    assert exit_info.value.code == 2, captured
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("sip-tui: ")
    for box in ("╭", "│", "Usage:", "Traceback"):
        assert box not in captured.err
    return captured.err


@pytest.mark.parametrize(
    ("args", "says", "help_of"),
    [
        (("frobnicate",), "no such command 'frobnicate'", "sip-tui"),
        (("calendar", "--bogus"), "no such option: --bogus", "sip-tui calendar"),
        (("demo", "--cases", "many"), "invalid value for '--cases'", "sip-tui demo"),
        (("demo", "--cases", "-1"), "greater than or equal to 0", "sip-tui demo"),
        (("demo", "--units", "0"), "invalid value for '--units'", "sip-tui demo"),
        (("run", "--db"), "option '--db' requires an argument", "sip-tui"),
        (("deadline", "2026-06-18", "10:00"), "unexpected extra argument", "sip-tui deadline"),
        (("db",), "missing command (one of: upgrade)", "sip-tui db"),
        (("db", "downgrade"), "no such command 'downgrade'", "sip-tui db"),
    ],
)
def test_a_usage_error_is_one_line_naming_it_and_where_help_is(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str, help_of: str
) -> None:
    line = usage_error(capsys, *args)
    assert says in line
    assert f"see `{help_of} --help`" in line


def test_help_is_plain_text_that_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (("--help",), ("demo", "--help"), ("db", "--help"), ("run", "--help")):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        out = capsys.readouterr().out
        assert exit_info.value.code == 0
        assert out.startswith("Usage: sip-tui")
        assert "╭" not in out
        summaries = out.partition("Commands:")[2].splitlines()
        assert not [line for line in summaries if line.endswith("...")], out  # none cut short
        assert max(len(line) for line in out.splitlines()) <= 80, out


@pytest.mark.parametrize(
    "command",
    [[str(SIP_TUI)], [sys.executable, "-m", "sip_tui"]],
    ids=["console-script", "python-m"],
)
def test_the_installed_entry_points_give_one_line_and_status_2(command: list[str]) -> None:
    for args in (["frobnicate"], ["demo", "--cases", "many"], ["db"]):
        result = subprocess.run(
            [*command, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "80"},
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, result
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("sip-tui: ")
