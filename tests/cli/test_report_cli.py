"""``sip-tui report`` on the hand-built store (``tests.store.report_seed``): the known
figures as a table, as CSV for Swedish Excel and as JSON; who may; bad input one line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from sip_tui import identity
from sip_tui.store.engine import make_engine
from sip_tui.store.schema import upgrade
from tests.cli.watch_world import assert_one_line_error, sip_tui
from tests.domain.world import BIST, HC, HSV, KARIN, MANAGER
from tests.store.report_seed import ADMIN, seed_report_world

Capsys = pytest.CaptureFixture[str]
PERIOD = ("--from", "2026-11-01", "--to", "2026-11-30")


def build_report_db(path: Path) -> str:
    url = f"sqlite:///{path}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    seed_report_world(engine)
    engine.dispose()
    return url


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SIP_TUI_NOW", "2026-12-01T09:00")
    monkeypatch.setattr(identity, "os_login", lambda: MANAGER.user)
    return build_report_db(tmp_path / "report.db")


def csv_figures(text: str) -> dict[str, str]:
    assert text.startswith("\ufeffkey;uppgift;värde\r\n")
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")
    return {row[0]: row[2] for row in list(reader)[1:]}


def test_the_same_figures_as_table_csv_and_json(capsys: Capsys, url: str) -> None:
    table = sip_tui(capsys, "report", "--unit", HSV, *PERIOD, "--db", url)
    assert table.code == 0, table.err
    lines = table.out.splitlines()
    assert lines[2].split() == ["Inkomna", "5"]
    shown = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines)
    assert shown["Andel i tid"] == "50,0 %"
    assert shown["Median tid till kvittens"] == "21 h 0 min"
    assert shown["90:e percentil"] == "1 d 2 h 12 min"

    exported = sip_tui(capsys, "report", "--unit", HSV, *PERIOD, "--format", "csv", "--db", url)
    figures = csv_figures(exported.out)
    assert figures["incoming"] == "5"
    assert figures["share_in_time"] == "50,0 %"
    assert figures["median"] == "21 h 0 min"
    assert figures["p90"] == "1 d 2 h 12 min"
    assert figures["worst_overdue"] == "7 d 21 h 0 min"
    assert (figures["open_SIP"], figures["deviations"], figures["unwatched_days"]) == (
        "1",
        "2",
        "4",
    )
    assert figures["week_2026_45_in_time"] == "2"
    for line in lines:  # the table says what the CSV says
        assert line.split("  ")[-1].strip() in figures.values()

    data = json.loads(sip_tui(capsys, "report", "--unit", HSV, *PERIOD, "--format", "json",
                              "--db", url).out)  # fmt: skip
    assert (data["incoming"], data["share_in_time"], data["median_minutes"]) == (5, 0.5, 1260)
    assert data["p90_minutes"] == 26 * 60 + 12


def test_several_units_for_the_administrator(
    capsys: Capsys, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = sip_tui(capsys, "report", "--unit", HSV, "--unit", BIST, *PERIOD, "--db", url)
    assert_one_line_error(refused, f"maj may not take out a report on {HSV}, {BIST}")
    monkeypatch.setattr(identity, "os_login", lambda: ADMIN)
    args = ("--unit", HSV, "--unit", BIST, "--on", HC, *PERIOD, "--format", "json")
    data = json.loads(sip_tui(capsys, "report", *args, "--db", url).out)
    assert (data["incoming"], data["unwatched_days"]) == (6, 25)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--from", "1 nov", "--to", "2026-11-30"), "--from '1 nov' is not a date"),
        (("--from", "2026-11-30", "--to", "2026-11-01"), "is before --from"),
        ((*PERIOD, "--format", "xls"), "xls"),
    ],
)
def test_bad_arguments_are_one_line(
    capsys: Capsys, url: str, args: tuple[str, ...], fragment: str
) -> None:
    assert_one_line_error(sip_tui(capsys, "report", "--unit", HSV, *args, "--db", url), fragment)


def test_a_watcher_and_an_unknown_unit_are_one_line(
    capsys: Capsys, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unknown = sip_tui(capsys, "report", "--unit", "nope", *PERIOD, "--db", url)
    assert_one_line_error(unknown, "unknown unit 'nope'")
    monkeypatch.setattr(identity, "os_login", lambda: KARIN.user)
    watcher = sip_tui(capsys, "report", "--unit", HSV, *PERIOD, "--db", url)
    assert_one_line_error(watcher, "karin may not take out a report", "Bara enhetschefen")


def test_the_help_says_it_opens_in_swedish_excel(capsys: Capsys) -> None:
    shown = sip_tui(capsys, "report", "--help")
    assert "Swedish Excel" in " ".join(shown.out.split())
