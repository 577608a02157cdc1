"""``sip-tui`` where there is no database yet: asks on a terminal, creates nothing unasked."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

import sip_tui.first_run
import sip_tui.launch
from sip_tui.cli import main
from sip_tui.store.schema import REVISIONS


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The user data directory (where the default and the demo database live), empty."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SIP_TUI_NOW", "2026-11-23T09:15")
    return tmp_path / "data" / "sip-tui"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The database URLs the app was started on (instead of starting it)."""
    urls: list[str] = []

    def start_app(url: str, *_args: object) -> int:
        urls.append(url)
        return 0

    monkeypatch.setattr(sip_tui.launch, "start_app", start_app)
    return urls


def sip_tui_at(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    typed: str | None = None,
) -> Result:
    """``sip-tui ARGS``; ``typed``: on a terminal where that is typed, else without one."""
    if typed is not None:  # what first_run.ask_on_terminal gives on a terminal
        monkeypatch.setattr(sip_tui.first_run, "ask_on_terminal", lambda: sip_tui.first_run._ask)
    monkeypatch.setattr("sys.stdin", io.StringIO(typed or ""))
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    code = exit_info.value.code
    return Result(0 if code is None else int(code), captured.out, captured.err)


def files_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.parent.rglob("*") if p.is_file())


def revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_without_a_terminal_it_says_what_to_run_and_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    result = sip_tui_at(monkeypatch, capsys)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "there is no sip-tui database at" in result.err
    assert "db upgrade`" in result.err
    assert "demo`" in result.err
    assert files_in(data_dir) == []


@pytest.mark.parametrize("typed", ["q\n", "n\n", "", "maybe\nq\n"])
def test_declining_on_a_terminal_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path, typed: str
) -> None:
    result = sip_tui_at(monkeypatch, capsys, "run", typed=typed)
    assert "There is no sip-tui database at" in result.out
    assert "d  build the demo" in result.out
    assert result.code == 2
    assert "nothing created" in result.err
    assert result.err.count("\n") == 1
    assert files_in(data_dir) == []  # not even the directory's files: no empty database
    if typed.startswith("maybe"):
        assert "'maybe' is none of d, c, q" in result.out


def test_creating_gives_a_database_with_the_schema(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    started: list[str],
) -> None:
    result = sip_tui_at(monkeypatch, capsys, typed="c\n")
    assert result.code == 0, result.err
    database = data_dir / "sip-tui.db"
    assert f"created the sip-tui schema (revision {REVISIONS[-1]})" in result.out
    assert revision(database) == REVISIONS[-1]
    assert started == [f"sqlite:///{database}"]
    # Now it is there: the next start asks nothing (nothing typed would decline).
    again = sip_tui_at(monkeypatch, capsys, typed="")
    assert (again.code, again.out, again.err) == (0, "", "")
    assert len(started) == 2


def test_the_created_empty_database_says_whom_to_ask(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    monkeypatch.delenv("SIP_TUI_NOW")  # the database made is a real one: no pretended time
    result = sip_tui_at(monkeypatch, capsys, typed="c\n")
    assert result.code == 2
    assert "are not a user of sip-tui" in result.err
    assert result.err.count("\n") == 1
    assert revision(data_dir / "sip-tui.db") == REVISIONS[-1]


def test_choosing_the_demo_builds_it_and_starts_the_app_on_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    started: list[str],
) -> None:
    result = sip_tui_at(monkeypatch, capsys, typed="d\n")
    assert result.code == 0, result.err
    demo = data_dir / "demo.db"
    assert started == [f"sqlite:///{demo}"]
    assert "150 cases" in result.out
    assert "SIP_TUI_NOW=2026-11-23T09:15 " in result.out
    assert revision(demo) == REVISIONS[-1]
    assert not (data_dir / "sip-tui.db").exists()  # the default database is left alone


def test_an_empty_file_is_offered_the_schema_and_kept_empty_when_declined(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    result = sip_tui_at(monkeypatch, capsys, "run", "--db", f"sqlite:///{empty}", typed="q\n")
    assert "has no sip-tui schema yet" in result.out
    assert "c  create the sip-tui schema in it" in result.out
    assert result.code == 2
    assert sorted(tmp_path.iterdir()) == [empty]
    assert empty.stat().st_size == 0


def test_a_named_database_is_named_in_the_commands_suggested(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = sip_tui_at(monkeypatch, capsys, "run", "--db", url)
    assert result.code == 2
    assert f"db upgrade --db {url}`" in result.err
    assert list(tmp_path.iterdir()) == []
