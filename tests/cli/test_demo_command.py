"""``sip-tui demo``: the default demo is built once and kept; the user has a name in it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import sip_tui.demo.setup
from sip_tui.cli import main
from sip_tui.identity import os_login


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SIP_TUI_NOW", "2026-11-23T09:15")
    return tmp_path / "data" / "sip-tui"


def demo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--no-launch", *args])
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def query(path: Path, sql: str, *params: str) -> object:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, params).fetchone()[0]


def cases_in(path: Path) -> object:
    return query(path, "SELECT count(*) FROM sip_case")


def test_the_demo_is_kept_and_rebuilt_only_when_asked(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = demo(capsys, "--cases", "3")
    assert code == 0
    database = data_dir / "demo.db"
    assert cases_in(database) == 3
    assert "open it again: sip-tui demo" in out
    assert sorted(p.name for p in data_dir.iterdir()) == ["demo.db"]  # no demo.db.new left

    code, out, err = demo(capsys)  # default --cases 150: but the demo is kept
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    assert "as you left it" in out
    assert "demo --rebuild`" in out
    assert cases_in(database) == 3

    code, out, err = demo(capsys, "--cases", "4")  # options for a new build, no --rebuild
    assert code == 2
    assert err.count("\n") == 1
    assert "add --rebuild" in err
    assert cases_in(database) == 3

    code, out, err = demo(capsys, "--rebuild", "--cases", "4")
    assert (code, err) == (0, "")
    assert "4 cases" in out
    assert cases_in(database) == 4


def test_a_failed_build_keeps_the_old_demo_and_leaves_no_half_one(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo(capsys, "--cases", "2")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise sip_tui.demo.setup.DemoError("the county is closed")

    monkeypatch.setattr(sip_tui.demo.setup, "build_demo", broken)
    code, _, err = demo(capsys, "--rebuild")
    assert code == 2
    assert "the county is closed" in err
    assert sorted(p.name for p in data_dir.iterdir()) == ["demo.db"]
    assert cases_in(data_dir / "demo.db") == 2


def test_rebuild_with_db_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = demo(capsys, "--rebuild", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 2
    assert "--rebuild replaces the default demo database only" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("real_name", "expected"),
    [(None, "Demo Användare ({login})"), ("Karin Berg", "Karin Berg")],
)
def test_the_person_running_the_demo_has_a_name_in_it(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    real_name: str | None,
    expected: str,
) -> None:
    monkeypatch.setattr(sip_tui.demo.setup, "os_real_name", lambda: real_name)
    login = os_login()
    name = expected.format(login=login)
    code, out, _ = demo(capsys, "--cases", "1")
    assert code == 0
    stored = query(data_dir / "demo.db", "SELECT name FROM sip_user WHERE login = ?", login)
    assert stored == name
    assert f"as {name}" in out


def test_the_printout_shows_how_to_freeze_the_clock_at_the_build(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _, out, _ = demo(capsys, "--cases", "1")
    lines = out.splitlines()
    assert "its deadlines count from 2026-11-23 09:15" in out
    freeze = next(line for line in lines if "SIP_TUI_NOW=" in line)
    assert freeze.split()[0] == "SIP_TUI_NOW=2026-11-23T09:15"
    assert freeze.split()[-1] == "demo"
    hint = lines.index(freeze) - 1
    assert "freeze the clock" in lines[hint]
    assert max(len(lines[hint]), len(freeze)) <= 80
