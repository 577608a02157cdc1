"""How the watch and deviation screens look at 80×24 (SVG snapshots, each looked at before
it was accepted). The overview's title with today's watcher is in test_snapshots.py."""

from __future__ import annotations

from textual.pilot import Pilot

from sip_tui.store.service.api import Store
from sip_tui.ui.deviations.listing import DeviationListScreen
from tests.ui.conftest import make_app
from tests.ui.helpers import loaded, until
from tests.ui.watch import HSV, store_at


def test_deviation_list(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    later = store_at(store.engine, "2026-11-24 09:00")
    app = make_app(later, unit=HSV)

    async def open_list(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("v")
        await until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, DeviationListScreen) and bool(pilot.app.screen.found)
            ),
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_list)
