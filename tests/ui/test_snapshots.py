"""How the overview looks (SVG snapshots, each one looked at before it was accepted)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from sip_tui.store.service.api import Store
from tests.ui.conftest import make_app
from tests.ui.helpers import loaded


async def _loaded(pilot: Pilot[None]) -> None:
    await loaded(pilot)
    await pilot.pause()  # let the table paint


class TestOverview:
    @pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
    def test_watcher_unit(self, snap_compare, store: Store, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
        app = make_app(store, unit="umea-hsv-centrum")
        assert snap_compare(app, terminal_size=size, run_before=_loaded)

    def test_no_color(self, snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
        monkeypatch.setenv("NO_COLOR", "1")
        app = make_app(store, unit="alidhems-hc")
        assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)

    def test_legend(self, snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
        app = make_app(store, unit="alidhems-hc")

        async def open_legend(pilot: Pilot[None]) -> None:
            await _loaded(pilot)
            await pilot.press("l")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=open_legend)
