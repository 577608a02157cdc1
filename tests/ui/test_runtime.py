"""The UI runtime as a user meets it: a bug ends the app with a short Swedish message and a
crash.log without personal data; the overview follows the change feed correctly (cursor,
hidden screens, own changes, outages)."""

from __future__ import annotations

import dataclasses
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from textual.widgets import DataTable
from textual.worker import WorkerFailed

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.domain.commands import AcceptInitiative, CreateCase, SendInitiative
from sip_tui.domain.model import Consent, ConsentBy
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import TextScreen
from sip_tui.ui.overview.screen import OverviewScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, HSV_COORD, KARIN
from tests.store.seed import sent_case
from tests.ui.conftest import LOGIN, NOW, make_app
from tests.ui.forms import open_case, open_part, state
from tests.ui.helpers import Outage, loaded, status_line, until

PERSONNUMMER, NAME, TYPED = "19121212-1212", "Tolvan Tolvansson", "hemlig anteckning"


def messages(app: SipApp) -> list[str]:
    return [n.message for n in app._notifications]


def cursor_case(screen: OverviewScreen) -> str | None:
    table = screen.query_one(DataTable)
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


# --- one failure handler ------------------------------------------------------------------


async def test_a_failing_worker_ends_the_app_with_a_swedish_message_and_a_clean_crash_log(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def overview_for(unit: str, include_closed: bool = False) -> list[object]:
        typed = f"{NAME} {TYPED}"  # a local variable Textual would have printed
        raise KeyError(f"{PERSONNUMMER} {typed}")

    app = make_app(store, unit=HSV)
    app.crash_log = tmp_path / "logs" / "crash.log"

    async def crash() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            store.overview_for = overview_for  # type: ignore[method-assign]
            await pilot.press("r")
            await until(pilot, lambda: app.return_code is not None)

    with pytest.raises(WorkerFailed):  # the test harness re-raises what ended the app
        await crash()

    assert app.return_code == 1
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert "sip-tui stötte på ett fel och avslutas." in shown
    assert str(app.crash_log) in shown.replace("\n", "")  # folded at the test's 80 columns
    assert "Traceback" not in shown
    assert PERSONNUMMER not in shown

    log = app.crash_log.read_text()
    assert stat.S_IMODE(app.crash_log.stat().st_mode) == 0o600
    assert "builtins.KeyError" in log
    assert "in overview_for" in log  # where it happened: file, line, function
    for secret in (PERSONNUMMER, "19121212", NAME, TYPED, "typed ="):
        assert secret not in log


def test_run_passes_the_apps_crash_code_on(
    store: Store, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sip_tui import cli, launch

    def crashed_run(self: SipApp) -> None:
        self._return_code = 1  # what the crash handler leaves behind

    monkeypatch.setattr(launch, "os_login", lambda: LOGIN)
    monkeypatch.setattr(SipApp, "run", crashed_run)
    monkeypatch.setenv("SIP_TUI_NOW", "2026-11-23T08:05")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", "--db", str(engine.url), "--unit", HSV])
    assert exit_.value.code == 1


# --- live refresh -------------------------------------------------------------------------


async def test_the_cursor_stays_on_its_case_when_a_live_reload_sorts_anew(store: Store) -> None:
    real = store.overview_for
    urgent: set[int] = set()

    def overview_for(unit: str, include_closed: bool = False):  # type: ignore[no-untyped-def]
        rows = real(unit, include_closed)
        overdue = parse_moment("2025-01-02 12:00")  # before every other deadline
        return [
            dataclasses.replace(r, next_deadline=overdue) if r.case_id in urgent else r
            for r in rows
        ]

    store.overview_for = overview_for  # type: ignore[method-assign]
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("down", "down", "down", "down", "down")
        before = screen.query_one(DataTable).cursor_row
        chosen = cursor_case(screen)
        assert chosen is not None
        assert before == 5
        urgent.add(int(chosen))  # now overdue: it sorts to the top at the next read
        shown = screen.loaded
        await pilot.press("r")
        await until(pilot, lambda: screen.loaded is not shown)
        assert str(screen.visible_rows()[0].case_id) == chosen  # it moved ...
        assert cursor_case(screen) == chosen  # ... and the cursor with it
        assert screen.query_one(DataTable).cursor_row == 0


async def test_a_hidden_overview_reads_only_when_shown_again(store: Store, engine: Engine) -> None:
    other = Store(engine, Clock.frozen(NOW), WorkCalendar())
    reads = Outage(store, "overview_for", "case_stamp")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")  # the case under the cursor
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        hidden_reads = reads.calls["overview_for"]
        stamps = reads.calls["case_stamp"]
        case_id = other.execute(
            as_user(LOGIN, "alidhems-hc"),
            CreateCase(
                personnummer=PERSONNUMMER,
                name=NAME,
                reason="Behov",
                consent=Consent(True, ConsentBy.INDIVIDUAL, "Tea", date(2026, 11, 20)),
                recipients=[HSV],
            ),
        ).id
        other.execute(as_user(LOGIN, "alidhems-hc"), SendInitiative(case_id))
        # The change reached the app: the case screen looked whether its case changed.
        await until(pilot, lambda: reads.calls["case_stamp"] > stamps, timeout=5)
        assert reads.calls["overview_for"] == hidden_reads  # the hidden overview waited
        await pilot.press("escape")
        await until(pilot, lambda: case_id in {r.case_id for r in screen.loaded.rows})  # type: ignore[union-attr]
        assert reads.calls["overview_for"] == hidden_reads + 1


async def test_no_bell_for_ones_own_change_but_for_another_users(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "Passar"))
    app = SipApp(world, AHMED.user, AHMED.name, world.memberships(AHMED.user), unit=HC, bell=True)
    rung: list[None] = []
    app.bell = lambda: rung.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        before = next(r for r in overview.loaded.rows if r.case_id == case_id)  # type: ignore[union-attr]
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        await pilot.press(*"Utskrivningsklar fredag", "f2")  # our unit: now "sign" and "lock"
        await until(pilot, lambda: "redigeras av Ahmed Nilsson" in state(form))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        await pilot.press("escape")
        await until(
            pilot,
            lambda: (
                next(
                    r
                    for r in overview.loaded.rows
                    if r.case_id == case_id  # type: ignore[union-attr]
                ).open_tasks
                > before.open_tasks
            ),
        )
        # The overview decides on announcing in the same step that shows the rows.
        assert not any("Nytt att göra" in m for m in messages(app))
        assert rung == []

        # Another user sends our unit a new initiative: that is announced, with the bell.
        other = world.execute(
            as_user(HSV_COORD.user, HSV),
            CreateCase(
                personnummer=PERSONNUMMER,
                name=NAME,
                reason="Behov",
                consent=Consent(True, ConsentBy.INDIVIDUAL, "Olle", date(2026, 11, 20)),
                recipients=[HC],
            ),
        ).id
        world.execute(as_user(HSV_COORD.user, HSV), SendInitiative(other))
        await until(pilot, lambda: "Nytt att göra i 1 ärende(n)." in messages(app), timeout=5)
        assert rung == [None]


async def test_disconnected_clears_within_two_seconds_after_the_store_returns(
    store: Store,
) -> None:
    outage = Outage(store, "overview_for")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "FRÅNKOPPLAD" not in status_line(screen)
        outage.down = True
        await pilot.press("r")
        await until(pilot, lambda: "FRÅNKOPPLAD" in status_line(screen))
        rows = screen.query_one(DataTable).row_count
        assert rows > 0  # the last overview stays on screen
        outage.down = False
        await until(pilot, lambda: "FRÅNKOPPLAD" not in status_line(screen), timeout=2.0)
        assert screen.query_one(DataTable).row_count == rows


async def test_explain_during_an_outage_says_so_and_the_app_goes_on(store: Store) -> None:
    outage = Outage(store, "case_tasks")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("right", "right", "right")  # the INI cell of the first row
        outage.down = True
        await pilot.press("e")
        await until(pilot, lambda: any("går inte att nå" in m for m in messages(pilot.app)))  # type: ignore[arg-type]
        assert "FRÅNKOPPLAD" in status_line(screen)
        assert pilot.app.return_code is None
        assert pilot.app.screen is screen
        outage.down = False
        await pilot.press("e")  # back: explain works again
        await until(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
