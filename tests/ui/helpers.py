"""Helpers the UI tests share (imported by test modules, never from one test module into
another): waiting for the app with a cap, the overview once loaded, a store whose reads
can be made to fail, counted calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from sip_tui.store.errors import DatabaseUnreachable
from sip_tui.store.service.api import Store
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.widgets.status_bar import StatusBar


async def until(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds, at most ``timeout`` seconds (no fixed
    sleeps: the cap fails the test, it never passes one)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the screen"
        await pilot.pause(0.05)


async def loaded(pilot: Pilot[Any]) -> OverviewScreen:
    await until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, OverviewScreen) and pilot.app.screen.loaded is not None
        ),
    )
    screen = pilot.app.screen
    assert isinstance(screen, OverviewScreen)
    return screen


def status_line(screen: OverviewScreen) -> str:
    return str(screen.query_one(StatusBar).render())


class Outage:
    """Makes the named reads of one ``Store`` raise ``StoreError`` while ``down`` is set,
    as an unreachable database does; counts every call."""

    def __init__(self, store: Store, *methods: str) -> None:
        self.down = False
        self.calls: dict[str, int] = {}
        for name in methods:
            self._wrap(store, name)

    def _wrap(self, store: Store, name: str) -> None:
        real = getattr(store, name)
        self.calls[name] = 0

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            if self.down:
                raise DatabaseUnreachable("database at test is unreachable (simulated)")
            return real(*args, **kwargs)

        setattr(store, name, wrapper)


def gathered(palette: Any) -> bool:
    """The command palette has finished gathering its hits (its workers are done)."""
    group = type(palette)._GATHER_COMMANDS_GROUP  # Textual's name for that worker group
    gathering = [w for w in palette.workers if w.group == group]
    return all(worker.is_finished for worker in gathering)
