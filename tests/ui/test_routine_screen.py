"""Lokal rutin: every member of the unit reads it, the manager writes and saves it."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from sip_tui.domain.roles import Role
from sip_tui.domain.routine import LocalRoutine
from sip_tui.store.service.api import Store
from sip_tui.ui.watch.routine import RoutineScreen
from tests.acting import as_user
from tests.ui.conftest import LOGIN, make_app
from tests.ui.helpers import loaded, until
from tests.ui.watch import HSV, footer_fits, grant


async def open_routine(pilot: Pilot[None]) -> RoutineScreen:
    await loaded(pilot)
    await pilot.press("t")
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, RoutineScreen) and pilot.app.screen.saved is not None,
    )
    screen = pilot.app.screen
    assert isinstance(screen, RoutineScreen)
    return screen


async def test_the_manager_writes_the_routine_and_saves_it(store: Store) -> None:
    grant(store, Role.MANAGER)
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_routine(pilot)
        assert "inte skrivit sin lokala rutin" in str(screen.query_one("#state", Static).render())
        assert "f2 Spara" in await footer_fits(pilot)
        await pilot.press(*"Undersköterskan i tjänst")  # the first field has focus
        screen.query_one("#support", TextArea).focus()
        await pilot.press(*"Prator KP [Maj]")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Senast ändrad" in str(screen.query_one("#state").render()))
    saved = store.local_routine(as_user(LOGIN, HSV))
    assert saved.watch_function == "Undersköterskan i tjänst"
    assert saved.support == "Prator KP [Maj]"
    assert saved.updated_by == LOGIN


async def test_a_member_reads_it_and_cannot_change_it(store: Store) -> None:
    grant(store, Role.MANAGER)
    store.save_local_routine(as_user(LOGIN, HSV), LocalRoutine(HSV, cover="Olle täcker upp"))
    with store.engine.begin() as conn:  # the test user is the unit's watcher again only
        conn.exec_driver_sql("DELETE FROM membership WHERE role = 'manager'")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_routine(pilot)
        area = screen.query_one("#cover", TextArea)
        assert area.text == "Olle täcker upp"
        assert area.read_only
        assert "Bara enhetschefen" in str(screen.query_one("#state", Static).render())
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(pilot.app.screen, RoutineScreen))
    assert store.local_routine(as_user(LOGIN, HSV)).cover == "Olle täcker upp"
