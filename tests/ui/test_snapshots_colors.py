"""The overview and a form with a focused field at 80x24 in each colour mode: the default
theme, 16 colours (the terminal's ANSI colours) and none (NO_COLOR). SVG snapshots, each
one looked at before it was accepted."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.colors import ColorMode
from sip_tui.ui.forms.initiative.form import InitiativeForm
from tests.domain.world import AHMED
from tests.ui.conftest import LOGIN
from tests.ui.helpers import loaded, until

MODES = ["full", "16", "none"]


def _app(store: Store, login: str, name: str, unit: str, mode: str, monkeypatch) -> SipApp:  # type: ignore[no-untyped-def]
    colors: ColorMode = "16" if mode == "16" else "full"
    if mode == "none":
        monkeypatch.setenv("NO_COLOR", "1")  # as a user sets it
    return SipApp(
        store, login, name, store.memberships(login), unit=unit, bell=False, colors=colors
    )


@pytest.mark.parametrize("mode", MODES)
def test_overview(snap_compare, store: Store, mode: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = _app(store, LOGIN, "Tea Testare", "umea-hsv-centrum", mode, monkeypatch)

    async def ready(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("down", "right", "right", "right", "right", "right")  # onto KAL
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("mode", MODES)
def test_new_case_with_a_focused_field(snap_compare, world: Store, mode: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = _app(world, AHMED.user, AHMED.name, AHMED.unit, mode, monkeypatch)

    async def fill(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(pilot.app.screen, InitiativeForm))
        await pilot.press(*"19450612-1237", "tab", *"Elsa Andersson")  # the name has focus
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=fill)
