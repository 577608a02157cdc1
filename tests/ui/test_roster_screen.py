"""Bevakningsschema as the unit's manager uses it: changes saved through the store, bad
input and refusals shown in Swedish with what was typed kept; others have no key."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, Static

from sip_tui.domain.roles import Role
from sip_tui.domain.watch import Period
from sip_tui.store.service.api import Store
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.watch.entry import RosterEntryDialog
from sip_tui.ui.watch.roster import RosterScreen
from tests.ui.conftest import make_app
from tests.ui.helpers import loaded, until
from tests.ui.watch import HSV, footer_fits, grant, watcher_and_cover


def problem(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#problem", Static).render())


async def replace_text(pilot: Pilot[None], field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *text)


async def test_the_manager_adds_an_absence_and_the_week_shows_the_cover(store: Store) -> None:
    grant(store, Role.MANAGER)
    watcher, cover = watcher_and_cover(store)
    names = store.roster(HSV).members
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        roster_screen = pilot.app.screen
        await until(pilot, lambda: roster_screen.roster is not None)
        assert "x Ta bort" in " ".join(await footer_fits(pilot))
        await pilot.press("f")
        await until(pilot, lambda: isinstance(pilot.app.screen, RosterEntryDialog))
        dialog = pilot.app.screen
        await footer_fits(pilot)
        dialog.query_one("#login").value = watcher  # type: ignore[attr-defined]
        await replace_text(pilot, "first", "2026-11-23")
        await replace_text(pilot, "last", "2026-13-01")
        await pilot.press("f2")
        await until(pilot, lambda: "inget datum" in problem(pilot))
        assert dialog.query_one("#last", Input).value == "2026-13-01"  # kept
        await replace_text(pilot, "last", "2026-11-20")  # before the first day: the domain says
        await pilot.press("f2")
        await until(pilot, lambda: "före första dagen" in problem(pilot))
        assert store.roster(HSV).absences == frozenset()
        await replace_text(pilot, "last", "2026-11-24")
        await pilot.press("f2")
        await until(pilot, lambda: pilot.app.screen is roster_screen)
        assert store.roster(HSV).absences == {
            Period(watcher, date(2026, 11, 23), date(2026, 11, 24))
        }
        week = str(roster_screen.query_one("#week", Static).render())
        assert f"mån 23 nov: {names[cover]} (ersättare)" in week
        assert f"ons 25 nov: {names[watcher]}" in week


async def test_the_manager_sets_weekdays_and_removes_a_cover(store: Store) -> None:
    grant(store, Role.MANAGER)
    watcher, cover = watcher_and_cover(store)
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        roster_screen = pilot.app.screen
        await until(pilot, lambda: roster_screen.roster is not None)
        await pilot.press("v")  # on the watcher's row: their weekdays prefilled
        await until(pilot, lambda: isinstance(pilot.app.screen, RosterEntryDialog))
        assert pilot.app.screen.query_one("#weekdays", Input).value == "mån tis ons tor fre"
        await replace_text(pilot, "weekdays", "mån-ons, fredag")
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen is roster_screen)
        assert {w.weekday for w in store.roster(HSV).weekly if w.login == watcher} == {0, 1, 2, 4}
        await pilot.press("down")  # past the Datum and Ersättare headings: the cover
        await pilot.press("x")
        await pilot.press("j")
        await until(pilot, lambda: not store.roster(HSV).covers)
        assert cover not in {c.login for c in store.roster(HSV).covers}


async def test_without_the_manager_role_there_is_no_roster_key(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()  # the key has been handled: no dialog came
        assert isinstance(pilot.app.screen, OverviewScreen)
