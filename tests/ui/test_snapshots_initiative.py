"""How the new case (initiative), the forward dialog and the message form look at 80x24
(SVG snapshots, each one looked at before it was accepted)."""

from __future__ import annotations

from textual.pilot import Pilot

from sip_tui.domain.commands import AcceptInitiative, MarkMessageRead, SendMessage
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.dialogs.forward import ForwardDialog
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.widgets.unit_picker import UnitPicker
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN
from tests.store.seed import sent_case
from tests.ui.forms import app_as, open_case, open_part
from tests.ui.helpers import loaded, until


async def units_loaded(pilot: Pilot[None], screen: object) -> None:
    await until(pilot, lambda: bool(pilot.app.screen.query_one(UnitPicker).units))


async def fill_new_case(pilot: Pilot[None]) -> None:
    """AHMED: n, then the individual, consent, reason, one unit, and "u" in the search."""
    await loaded(pilot)
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, InitiativeForm))
    form = pilot.app.screen
    await units_loaded(pilot, form)
    await pilot.press(*"19450612-1237", "tab", *"Elsa Andersson", "tab", "space")
    form.query_one("#reason").focus()
    await pilot.pause()
    await pilot.press(*"Utskrivning med behov av hemsjukvård och hemtjänst.")
    form.query_one(UnitPicker).focus()
    await pilot.pause()
    await pilot.press(*"hemsjuk", "enter", *"u")  # one chosen, suggestions for "u"
    await pilot.pause()


def test_new_case_unit_search(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_as(world, AHMED), terminal_size=(80, 24), run_before=fill_new_case)


def test_new_case_filled_in(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    async def top(pilot: Pilot[None]) -> None:
        await fill_new_case(pilot)
        await pilot.press("ctrl+u")
        pilot.app.screen.query_one("#name").focus()
        await pilot.pause()
        pilot.app.screen.query_one("#form-body").scroll_home(animate=False)
        await pilot.pause()

    assert snap_compare(app_as(world, AHMED), terminal_size=(80, 24), run_before=top)


def test_forward_dialog(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    case_id = sent_case(world, [HSV])

    async def forward(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(pilot.app.screen, ForwardDialog))
        await units_loaded(pilot, pilot.app.screen)
        await pilot.press(*"umeå")
        await pilot.pause()

    assert snap_compare(app_as(world, KARIN), terminal_size=(80, 24), run_before=forward)


def test_message_form(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    case_id = sent_case(world, [HSV])
    world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    world.execute(
        as_user(AHMED.user, HC),
        SendMessage(case_id, text="Elsa har fått ny medicin.", recipients=[HSV]),
    )
    world.execute(as_user(KARIN.user, HSV), MarkMessageRead(case_id, 1))

    async def write(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MESSAGES)
        assert isinstance(form, FormScreen)
        await units_loaded(pilot, form)
        await pilot.press(*"Hemtjänsten börjar på måndag.")
        await pilot.pause()

    assert snap_compare(app_as(world, AHMED), terminal_size=(80, 24), run_before=write)
