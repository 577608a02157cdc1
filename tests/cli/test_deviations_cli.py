"""``sip-tui deviations`` on the demo database as a unit's watcher runs it: the register
of the unit (proposals for its overdue items), CSV for Swedish Excel, the read logged,
and bad input as one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from sip_tui import identity
from sip_tui.store import models as t
from sip_tui.store.engine import make_engine
from sip_tui.store.models import table_of
from tests.cli.watch_world import HSV, NOW, assert_one_line_error, build, sip_tui

Capsys = pytest.CaptureFixture[str]
PERIOD = ("--from", "2026-11-01", "--to", "2026-11-30")


@pytest.fixture
def demo_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    monkeypatch.setattr(identity, "os_login", lambda: "tester")  # the demo's own user
    return build(tmp_path / "demo.db")


def read_lines(url: str) -> list[tuple[str, str, str]]:
    log = table_of(t.AccessLog)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            query = select(log.c.login, log.c.unit, log.c.detail).where(
                log.c.action == "deviations-read"
            )
            return [(row.login, row.unit, row.detail) for row in conn.execute(query)]
    finally:
        engine.dispose()


def test_the_csv_opens_in_swedish_excel_and_lists_one_proposal_per_overdue_task(
    capsys: Capsys, demo_url: str
) -> None:
    status = sip_tui(capsys, "status", "--unit", HSV, "--db", demo_url, "--json")
    overdue = json.loads(status.out)["counts"]["overdue"]
    assert overdue > 0

    result = sip_tui(capsys, "deviations", "--unit", HSV, *PERIOD, "--db", demo_url, "--csv")
    assert result.code == 0, result.err
    assert result.out.startswith("\ufeffid;occurred_at;status;case;")
    assert "\r\n" in result.out
    rows = list(csv.DictReader(io.StringIO(result.out.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == overdue
    assert {row["status"] for row in rows} == {"proposed"}
    assert {row["reported_by"] for row in rows} == {"sip-tui"}
    first = rows[0]
    assert first["description"].startswith(f"Ärende {first['case']}: ")
    assert first["occurred_at"].endswith(":01")  # the first overdue second
    assert read_lines(demo_url) == [
        (
            "tester",
            HSV,
            f"from 2026-11-01 to 2026-11-30, status all: {overdue} rows; cases "
            + ", ".join(sorted({row["case"] for row in rows}, key=int)),
        )
    ]


def test_a_second_read_proposes_nothing_new_and_the_status_filter_holds(
    capsys: Capsys, demo_url: str
) -> None:
    first = sip_tui(capsys, "deviations", "--unit", HSV, *PERIOD, "--db", demo_url)
    again = sip_tui(capsys, "deviations", "--unit", HSV, *PERIOD, "--db", demo_url)
    assert first.code == again.code == 0
    assert first.out == again.out
    assert first.out.splitlines()[0].startswith("Hemsjukvården Umeå centrum (umea-hsv-centrum)")
    dismissed = sip_tui(
        capsys, "deviations", "--unit", HSV, *PERIOD, "--status", "dismissed", "--db", demo_url
    )
    assert dismissed.out.splitlines()[0].endswith(": 0")
    earlier = sip_tui(
        capsys,
        "deviations",
        "--unit",
        HSV,
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--db",
        demo_url,
    )
    assert earlier.out.splitlines()[0].endswith(": 0")


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--from", "23/11", "--to", "2026-11-30"), ("--from '23/11' is not a date", "YYYY-MM-DD")),
        (("--from", "2026-11-30", "--to", "2026-11-01"), ("is before --from",)),
        ((*PERIOD, "--status", "open"), ("'open' is not a status", "proposed, confirmed")),
    ],
)
def test_bad_arguments_are_one_line(
    capsys: Capsys, demo_url: str, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    result = sip_tui(capsys, "deviations", "--unit", HSV, *args, "--db", demo_url)
    assert_one_line_error(result, *fragments)
    assert read_lines(demo_url) == []


def test_an_unknown_unit_and_a_non_member_are_one_line(
    capsys: Capsys, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unknown = sip_tui(capsys, "deviations", "--unit", "nope", *PERIOD, "--db", demo_url)
    assert_one_line_error(unknown, "unknown unit 'nope'")
    monkeypatch.setattr(identity, "os_login", lambda: "stranger")
    stranger = sip_tui(capsys, "deviations", "--unit", HSV, *PERIOD, "--db", demo_url)
    assert_one_line_error(stranger, "stranger may not read the deviations", "finns inte")
    assert read_lines(demo_url) == []
