"""The ``sip-tui`` command line: output, and one-line errors with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sip_tui import __version__
from sip_tui.cli import main

SIP_TUI = Path(sys.executable).with_name("sip-tui")

CALENDAR_2026 = """\
2026-01-01 Nyårsdagen
2026-01-06 Trettondedag jul
2026-04-03 Långfredagen
2026-04-06 Annandag påsk
2026-05-01 Första maj
2026-05-14 Kristi himmelsfärdsdag
2026-06-19 Midsommarafton
2026-12-24 Julafton
2026-12-25 Juldagen
2026-12-31 Nyårsafton
"""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``sip-tui ARGS`` in this process through main(), as the console script does."""

    def invoke(*args: str) -> Result:
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        captured = capsys.readouterr()
        code = exit_info.value.code
        return Result(0 if code is None else int(code), captured.out, captured.err)

    return invoke


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.code == 2
    assert result.out == ""
    assert result.err.endswith("\n")
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("sip-tui: ")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


# --- deadline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "deadline"),
    [
        ("2026-06-18 10:00", "2026-06-22T12:00:00+02:00"),  # Midsommarafton
        ("2026-06-18T10:00", "2026-06-22T12:00:00+02:00"),
        ("2026-06-18T10:00:00+02:00", "2026-06-22T12:00:00+02:00"),
        ("2026-06-18 08:00Z", "2026-06-22T12:00:00+02:00"),
        ("2026-11-20 09:00", "2026-11-23T12:00:00+01:00"),
        ("2026-12-23 16:00", "2026-12-28T12:00:00+01:00"),
        # Naive is Stockholm time: Thursday evening -> Friday.
        ("2026-11-19 23:30", "2026-11-20T12:00:00+01:00"),
        # With an offset it is already Friday in Stockholm -> Monday.
        ("2026-11-19T23:30-02:00", "2026-11-23T12:00:00+01:00"),
    ],
)
def test_deadline_prints_the_acknowledge_deadline(run: Run, sent: str, deadline: str) -> None:
    assert run("deadline", sent) == Result(0, deadline + "\n", "")


def test_deadline_without_argument_uses_sip_tui_now(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", "2026-12-23T15:00")
    assert run("deadline") == Result(0, "2026-12-28T12:00:00+01:00\n", "")


@pytest.mark.parametrize("bad", ["yesterday", "2026-06-31 10:00", "18/6/2026", ""])
def test_a_bad_moment_is_one_line_saying_the_format(run: Run, bad: str) -> None:
    assert_one_line_error(run("deadline", bad), "ISO 8601", "2026-11-23 11:15")


def test_a_bad_sip_tui_now_is_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", "tomorrow")
    assert_one_line_error(run("deadline"), "SIP_TUI_NOW", "tomorrow", "ISO 8601")
    assert_one_line_error(run("calendar"), "SIP_TUI_NOW")


def test_a_moment_the_calendar_does_not_cover_is_one_line(run: Run) -> None:
    assert_one_line_error(run("deadline", "2100-12-31 10:00"), "2101")


def test_the_configured_cutoff_is_used(run: Run, isolated_config: Path) -> None:
    isolated_config.write_text('[calendar]\ncutoff = "11:30"\n', encoding="utf-8")
    assert run("deadline", "2026-11-20 09:00").out == "2026-11-23T11:30:00+01:00\n"


# --- calendar ---------------------------------------------------------------------------------


def test_calendar_lists_the_non_working_weekdays(run: Run) -> None:
    assert run("calendar", "2026") == Result(0, CALENDAR_2026, "")


def test_calendar_without_year_uses_the_current_year(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", "2027-03-01T09:00")
    result = run("calendar")
    assert result.code == 0
    assert result.out.splitlines()[0] == "2027-01-01 Nyårsdagen"
    assert result.out.splitlines()[-1] == "2027-12-31 Nyårsafton"


def test_configured_closed_days_are_listed(run: Run, isolated_config: Path) -> None:
    isolated_config.write_text(
        "[calendar]\n"
        'closed_days = { "2026-05-15" = "Klämdag", "2026-05-16" = "Lördag, redan ledig" }\n',
        encoding="utf-8",
    )
    lines = run("calendar", "2026").out.splitlines()
    expected = CALENDAR_2026.splitlines()
    expected.insert(expected.index("2026-05-14 Kristi himmelsfärdsdag") + 1, "2026-05-15 Klämdag")
    assert lines == expected  # the Saturday is not a weekday: not listed


@pytest.mark.parametrize("bad", ["0", "1899", "2201", "99999999", "abc", "20x6", "2026.5"])
def test_a_bad_year_is_one_line(run: Run, bad: str) -> None:
    assert_one_line_error(run("calendar", bad), bad)


# --- configuration errors ---------------------------------------------------------------------


@pytest.mark.parametrize("args", [("deadline", "2026-06-18 10:00"), ("calendar", "2026")])
def test_a_bad_config_file_is_one_line_naming_the_key(
    run: Run, isolated_config: Path, args: tuple[str, ...]
) -> None:
    isolated_config.write_text('[calendar]\ncutoff = "noon"\n', encoding="utf-8")
    assert_one_line_error(run(*args), str(isolated_config), "calendar.cutoff", '"12:00"')


def test_invalid_toml_is_one_line(run: Run, isolated_config: Path) -> None:
    isolated_config.write_text("[calendar\n", encoding="utf-8")
    assert_one_line_error(run("calendar", "2026"), str(isolated_config), "TOML")


# --- the rest ---------------------------------------------------------------------------------


def test_version(run: Run) -> None:
    assert run("version") == Result(0, f"sip-tui {__version__}\n", "")


def test_help_lists_the_commands(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    assert "Usage" in result.out
    for command in ("run", "demo", "deadline", "calendar", "version"):
        assert command in result.out


def test_no_command_starts_the_app_on_the_default_database(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sip_tui.launch

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert run("db", "upgrade").code == 0
    started: list[tuple[object, ...]] = []
    monkeypatch.setattr(sip_tui.launch, "start_app", lambda *args: started.append(args))
    assert run().code == 0
    assert len(started) == 1
    db, unit = started[0][:2]
    assert (db, unit) == (f"sqlite:///{tmp_path / 'sip-tui' / 'sip-tui.db'}", None)


# --- the installed console script, under other machine time zones ---------------------------


def sip_tui(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SIP_TUI), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,  # no terminal: nobody to ask
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "now", "expected"),
    [
        (("deadline", "2026-06-18 10:00"), "", "2026-06-22T12:00:00+02:00\n"),
        # Thursday 23:30 in Stockholm, but already Friday in UTC and New York's evening:
        # only Stockholm time gives Friday.
        (("deadline", "2026-11-19 23:30"), "", "2026-11-20T12:00:00+01:00\n"),
        (("deadline",), "2026-11-19T23:30", "2026-11-20T12:00:00+01:00\n"),
    ],
)
def test_the_machine_time_zone_does_not_matter(
    args: tuple[str, ...], now: str, expected: str
) -> None:
    results = [sip_tui(*args, TZ=zone, SIP_TUI_NOW=now) for zone in ("UTC", "America/New_York")]
    assert [(r.returncode, r.stdout, r.stderr) for r in results] == [(0, expected, "")] * 2


def test_the_console_script_reports_bad_input_without_traceback() -> None:
    result = sip_tui("deadline", "yesterday")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert "ISO 8601" in result.stderr


def test_the_console_script_reports_a_bad_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[ui]\nbell = "maybe"\n', encoding="utf-8")
    result = sip_tui("calendar", "2026", SIP_TUI_CONFIG=str(config))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "ui.bell" in result.stderr
    assert str(config) in result.stderr


def test_an_unknown_user_is_told_whom_to_ask(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert sip_tui("db", "upgrade", "--db", url).returncode == 0
    result = sip_tui("run", "--db", url)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "are not a user of sip-tui" in result.stderr
    assert "administrator" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_on_a_database_without_schema_says_to_upgrade(tmp_path: Path) -> None:
    result = sip_tui("run", "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert result.returncode == 2
    assert "sip-tui db upgrade" in result.stderr
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # no empty database left behind
