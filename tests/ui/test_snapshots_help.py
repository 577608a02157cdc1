"""How the help screen (`?`) and the command palette (ctrl+p) look at 80×24 (SVG snapshots,
each looked at before it was accepted)."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from sip_tui.store.service.api import Store
from sip_tui.ui.help.screen import HelpScreen
from tests.domain.world import HSV, KARIN
from tests.store.seed import sent_case
from tests.ui.conftest import make_app
from tests.ui.forms import app_as, open_case
from tests.ui.helpers import gathered, loaded, until


def test_help_on_the_overview(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    async def help_open(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await pilot.pause()

    app = make_app(store, unit="alidhems-hc")
    assert snap_compare(app, terminal_size=(80, 24), run_before=help_open)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no_color"])
def test_help_scrolled_to_the_symbols(  # type: ignore[no-untyped-def]
    snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")

    async def scrolled(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        screen = pilot.app.screen
        screen.query_one("#help").scroll_to_widget(
            screen.query_one("#help-symbols"), top=True, animate=False
        )
        await until(pilot, lambda: screen.query_one("#help").scroll_y > 0)
        await pilot.pause()

    app = make_app(store, unit="alidhems-hc")
    assert snap_compare(app, terminal_size=(80, 24), run_before=scrolled)


def test_palette_on_a_received_initiative(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    case_id = sent_case(world, [HSV])

    async def palette_open(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        palette = pilot.app.screen  # its hits arrive from a worker
        await until(pilot, lambda: palette.query_one("CommandList").option_count > 0)
        await until(pilot, lambda: gathered(palette))
        await pilot.pause()

    assert snap_compare(app_as(world, KARIN), terminal_size=(80, 24), run_before=palette_open)
