"""``sip-tui audit`` on the demo database as the manager of a unit runs it: search the
log (the search itself logged), CSV for Swedish Excel, a sample, a recorded spot check,
and refusals and bad input as one line with exit status 2."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sip_tui import identity
from tests.cli.watch_world import NOW, assert_one_line_error, build, sip_tui

Capsys = pytest.CaptureFixture[str]
PSY = "psyk-opv-umea"  # the demo user is its manager
PERIOD = ("--from", "2026-11-01", "--to", "2026-11-30")


@pytest.fixture
def demo_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    monkeypatch.setattr(identity, "os_login", lambda: "tester")
    return build(tmp_path / "demo.db")


def test_search_record_and_list_a_spot_check(demo_url: str, capsys: Capsys) -> None:
    first = sip_tui(capsys, "audit", "search", "--unit", PSY, *PERIOD, "--db", demo_url)
    assert first.code == 0, first
    found = sip_tui(
        capsys, "audit", "search", "--unit", PSY, *PERIOD, "--action", "audit", "--csv",
        "--db", demo_url,
    )  # fmt: skip
    assert found.code == 0, found
    rows = list(csv.reader(io.StringIO(found.out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["id", "at", "login"]
    assert [(row[2], row[5]) for row in rows[1:]] == [("tester", "audit-search")]
    entry = rows[1][0]
    recorded = sip_tui(
        capsys, "audit", "record", "--unit", PSY, "--entries", entry,
        "--finding", "Sökningen var min egen.", "--follow-up", "Ingen", "--db", demo_url,
    )  # fmt: skip
    assert recorded.code == 0, recorded
    assert recorded.out.startswith("spot check 1 recorded: 1 lines")
    listed = sip_tui(capsys, "audit", "checks", "--unit", PSY, "--db", demo_url)
    assert "Sökningen var min egen." in listed.out
    assert "Tea Testare" in listed.out


def test_a_sample_is_drawn(demo_url: str, capsys: Capsys) -> None:
    drawn = sip_tui(capsys, "audit", "sample", "3", "--unit", PSY, *PERIOD, "--db", demo_url)
    assert drawn.code == 0, drawn
    assert "drawn" in drawn.out.splitlines()[0]


def test_a_user_who_is_not_the_manager_is_refused(demo_url: str, capsys: Capsys) -> None:
    result = sip_tui(
        capsys, "audit", "search", "--unit", "umea-hsv-centrum", *PERIOD, "--db", demo_url
    )
    assert_one_line_error(result, "tester may not search the log", "verksamhetschef")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("search", "--unit", PSY, "--from", "1 nov", "--to", "2026-11-30"), "not a date"),
        (("search", "--unit", PSY, "--from", "2026-11-30", "--to", "2026-11-01"), "before"),
        (("record", "--unit", PSY, "--entries", "a,b", "--finding", "x"), "--entries"),
        (("record", "--unit", PSY, "--entries", "999999", "--finding", "x"), "finns inte"),
        (("search", "--unit", PSY, *PERIOD, "--personnummer", "12"), "Personnumret"),
    ],
)
def test_bad_input_is_one_line(
    demo_url: str, capsys: Capsys, args: tuple[str, ...], fragment: str
) -> None:
    assert_one_line_error(sip_tui(capsys, "audit", *args, "--db", demo_url), fragment)
