"""The overview's title line names today's watcher (a cover marked as such); on a working
day with nobody on watch the unit's users read a warning, on a holiday they do not."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Static

from sip_tui.domain.roles import Role
from sip_tui.domain.watch import SetAbsence, SetCover, SetWeekdays
from sip_tui.store.service.api import Store
from sip_tui.ui.watch.today import WatchWarning
from tests.acting import as_user
from tests.ui.conftest import LOGIN, make_app
from tests.ui.helpers import loaded, until
from tests.ui.watch import HSV, grant, store_at, watcher_and_cover


def title(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#title", Static).render())


def warning(pilot: Pilot[None]) -> str | None:
    line = pilot.app.screen.query_one(WatchWarning)
    return str(line.render()) if line.display else None


async def test_the_title_names_todays_watcher(store: Store) -> None:
    watcher, _ = watcher_and_cover(store)
    name = store.roster(HSV).members[watcher]
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "Bevakar" in title(pilot))
        assert f"Bevakar: {name}" in title(pilot)
        assert "Ersättare" not in title(pilot)
        assert warning(pilot) is None


async def test_the_cover_takes_over_when_the_watcher_is_away(store: Store) -> None:
    watcher, cover = watcher_and_cover(store)
    grant(store, Role.MANAGER)
    monday = date(2026, 11, 23)
    store.change_roster(as_user(LOGIN, HSV), SetAbsence(watcher, monday, monday))
    name = store.roster(HSV).members[cover]
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "bevakar" in title(pilot))
        assert f"Ersättare bevakar: {name}" in title(pilot)
        assert warning(pilot) is None


async def test_nobody_on_watch_warns_on_a_working_day_not_on_a_holiday(store: Store) -> None:
    watcher, cover = watcher_and_cover(store)
    grant(store, Role.MANAGER)
    boss = as_user(LOGIN, HSV)
    store.change_roster(boss, SetWeekdays(watcher, frozenset()))
    for period in store.roster(HSV).covers:
        store.change_roster(boss, SetCover(cover, period.first, period.last, on=False))

    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:  # Monday
        await loaded(pilot)
        await until(pilot, lambda: warning(pilot) is not None)
        assert "Bevakar: INGEN" in title(pilot)
        text = warning(pilot)
        assert text is not None
        assert text.startswith("VARNING: Ingen bevakar enhetens brevlåda mån 23 nov")

    christmas = store_at(store.engine, "2026-12-25 09:00")  # juldagen, a Friday
    async with make_app(christmas, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: getattr(pilot.app.screen, "today", None) is not None)
        assert warning(pilot) is None
        assert "Bevakar" not in title(pilot)
