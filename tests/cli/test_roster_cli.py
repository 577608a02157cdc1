"""``sip-tui roster``: a unit's roster as a table or CSV, and the week's watchers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.cli.watch_world import HSV, NOW, assert_one_line_error, build, sip_tui

Capsys = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(tmp_path_factory.mktemp("roster") / "demo.db")


def test_the_roster_lists_the_weekly_watcher_and_the_cover(capsys: Capsys, demo_url: str) -> None:
    result = sip_tui(capsys, "roster", "--unit", HSV, "--db", demo_url, "--csv")
    assert result.code == 0, result.err
    assert result.out.startswith("\ufeffkind;login;")  # for Swedish Excel: BOM and ";"
    rows = list(csv.DictReader(io.StringIO(result.out.removeprefix("\ufeff")), delimiter=";"))
    assert [row["kind"] for row in rows] == ["weekly", "cover"]
    assert rows[0]["weekdays"] == "måndag tisdag onsdag torsdag fredag"
    assert rows[1]["from"] == "2000-01-01"


def test_the_week_names_who_is_on_watch_and_nobody_at_the_weekend(
    capsys: Capsys, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    result = sip_tui(capsys, "roster", "--unit", HSV, "--db", demo_url, "--week")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Hemsjukvården Umeå centrum (umea-hsv-centrum)"
    days = lines[2:]
    assert [line.split()[0] for line in days] == [f"2026-11-{d}" for d in range(23, 30)]
    assert all(" yes " in line for line in days[:5])
    assert all(line.split()[2:3] == ["no"] for line in days[5:])


def test_an_unknown_unit_and_an_unreachable_store_are_one_line(
    capsys: Capsys, tmp_path: Path
) -> None:
    built = build(tmp_path / "x.db")
    assert_one_line_error(
        sip_tui(capsys, "roster", "--unit", "nope", "--db", built), "unknown unit 'nope'"
    )
    down = "postgresql://nobody@127.0.0.1:1/sip"
    assert_one_line_error(sip_tui(capsys, "roster", "--unit", HSV, "--db", down))
