"""The report screen on the hand-built store: opened from the overview with R (only for
the manager), the same figures as ``sip-tui report`` and its CSV, the period picker, and
the CSV in the documents folder (0600)."""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from sip_tui.domain.report_rows import rows
from sip_tui.store.service.api import Store
from sip_tui.ui.report.screen import ReportScreen
from tests.acting import as_user
from tests.domain.world import BIST, HSV
from tests.store.report_seed import FIRST, LAST
from tests.ui.conftest import LOGIN, make_app
from tests.ui.helpers import loaded, until
from tests.ui.report_app import report_store
from tests.ui.test_deviation_screens import exports
from tests.ui.watch import footer_fits


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    made = report_store(tmp_path)
    yield made
    made.engine.dispose()


async def open_report(pilot: Pilot[None]) -> ReportScreen:
    await loaded(pilot)
    await pilot.press("R")
    await until(pilot, lambda: getattr(pilot.app.screen, "report", None) is not None)
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    return screen


async def test_the_screen_shows_what_the_cli_and_the_csv_say(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))
    expected = {key: value for key, _, value in rows(store.report(as_user(LOGIN, HSV), [HSV],
                                                                  FIRST, LAST))}  # fmt: skip
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_report(pilot)
        assert (screen.first, screen.last) == (FIRST, LAST)  # last month first
        shown = screen.shown()
        assert shown == {k: v for k, v in expected.items() if k not in ("period", "units")}
        assert (shown["incoming"], shown["share_in_time"], shown["median"]) == (
            "5", "50,0 %", "21 h 0 min")  # fmt: skip
        assert {"m Månaden", "f Förra mån", "d Datum", "x CSV"} <= set(await footer_fits(pilot))
        await pilot.press("x")
        await until(pilot, lambda: list(tmp_path.glob("*.csv")))
        (path,) = tmp_path.glob("*.csv")
        await until(pilot, lambda: [n for n in pilot.app._notifications if str(path) in n.message])
    assert path.name == f"verksamhetsrapport-{HSV}-2026-11-01--2026-11-30.csv"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    assert data.startswith("\ufeffkey;uppgift;värde\r\n".encode())
    exported = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    assert {row[0]: row[2] for row in exported} == expected
    assert exports(store, "export-report") == [f"{len(expected)} rows"]  # logged


async def test_the_period_this_month_and_typed_dates(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_report(pilot)
        await pilot.press("m")
        await until(pilot, lambda: screen.report is not None and screen.report.first.month == 12)
        assert screen.shown()["incoming"] == "1"  # the message of 1 Dec
        await pilot.press("d")
        first = screen.query_one("#first", Input)
        first.value = "1 nov"
        await pilot.press("enter")
        await until(pilot, lambda: "inget datum" in str(screen.query_one("#problem").render()))
        first.value = "2026-11-11"
        screen.query_one("#last", Input).value = "2026-11-20"
        await pilot.press("enter")
        await until(pilot, lambda: screen.shown().get("incoming") == "2")
        await pilot.press("f")
        await until(pilot, lambda: screen.shown().get("incoming") == "5")


async def test_only_the_manager_gets_the_key(store: Store, tmp_path: Path) -> None:
    from sqlalchemy import delete

    from sip_tui.store import models as t
    from sip_tui.store.models import table_of

    with store.engine.begin() as conn:
        membership = table_of(t.Membership)
        conn.execute(delete(membership).where(membership.c.login == LOGIN))
        conn.execute(membership.insert().values(login=LOGIN, unit=HSV, role="watcher"))
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert pilot.app.screen is overview


async def test_an_administrator_types_several_units(tmp_path: Path) -> None:
    store = report_store(tmp_path, role="admin")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_report(pilot)
        assert screen.shown()["incoming"] == "5"
        units = screen.query_one("#units", Input)
        units.value = f"{HSV}, nope"
        units.focus()
        await pilot.press("enter")
        problem = screen.query_one("#problem")
        await until(pilot, lambda: "Enheten nope finns inte" in str(problem.render()))
        units.value = f"{HSV} {BIST}"
        units.focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen.shown().get("incoming") == "6")
        assert screen.shown()["unwatched_days"] == "25"
        assert f"({HSV}, {BIST})" in str(problem.render())
        assert pilot.app.screen is screen  # no outage banner, no other screen
    store.engine.dispose()
