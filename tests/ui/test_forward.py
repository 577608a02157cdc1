"""Vidarebefordra a misdirected initiative from the case screen: the chosen unit gets it to
acknowledge, our unit loses access and is back on the overview."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sip_tui.domain.commands import AcceptInitiative
from sip_tui.domain.errors import NoAccess
from sip_tui.domain.model import Answer, Phase, Status
from sip_tui.store.service.api import Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.forward import ForwardDialog
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.widgets.unit_picker import UnitPicker
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, BIST_PRO, HC, HSV, KARIN, SUPPORT
from tests.store.seed import sent_case
from tests.ui.forms import app_as, footer_keys, open_case
from tests.ui.helpers import until


def error(dialog: ForwardDialog, widget_id: str) -> str:
    return str(dialog.query_one(f"#{widget_id}", Static).render())


async def forward_dialog(pilot: Pilot[None]) -> ForwardDialog:
    assert "Vidarebefordra" in footer_keys(pilot)
    await pilot.press("w")
    await until(pilot, lambda: isinstance(pilot.app.screen, ForwardDialog))
    dialog = pilot.app.screen
    assert isinstance(dialog, ForwardDialog)
    await until(pilot, lambda: bool(dialog.query_one(UnitPicker).units))
    return dialog


async def test_forward_to_the_right_unit(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        dialog = await forward_dialog(pilot)
        assert footer_keys(pilot) >= {"Vidarebefordra", "Avbryt"}
        await pilot.press("f5")  # no unit chosen
        await until(pilot, lambda: "Välj den enhet" in error(dialog, "to-unit-error"))
        await pilot.press(*"ålidhem")  # already in the case: not offered
        assert not dialog.query_one(UnitPicker).has_suggestions
        await pilot.press("ctrl+u", *"bistånd", "enter")
        assert dialog.query_one(UnitPicker).chosen == [BIST]
        dialog.query_one("#comment", Input).focus()
        await pilot.press(*"Gäller hemtjänst, inte hemsjukvård", "f5")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        assert (
            world.open_case(as_user(KARIN.user, HSV), case_id).participants[HSV].state
            is Answer.PENDING
        )
        await pilot.press("j")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
        overview = pilot.app.screen
        assert isinstance(overview, OverviewScreen)
        await until(
            pilot,
            lambda: (
                overview.loaded is not None
                and case_id not in {r.case_id for r in overview.loaded.rows}
            ),
        )
    with pytest.raises(NoAccess):
        world.open_case(as_user(KARIN.user, HSV), case_id)
    case = world.open_case(as_user(BIST_PRO.user, BIST), case_id)
    assert case.participants[BIST].state is Answer.PENDING
    assert case.participants[HSV].state is Answer.FORWARDED
    assert case.participants[HSV].comment == "Gäller hemtjänst, inte hemsjukvård"
    assert world.overview_for(BIST)[0].statuses[Phase.INI] is Status.OURS
    assert world.overview_for(HC)[0].statuses[Phase.INI] is Status.THEIRS


async def test_a_refusal_keeps_the_choice_and_the_comment(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        dialog = await forward_dialog(pilot)
        await pilot.press(*"bistånd", "enter")
        dialog.query_one("#comment", Input).focus()
        await pilot.press(*"Fel enhet", "f5")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        # Meanwhile Sara at the same unit accepts the initiative.
        world.execute(as_user("sara", HSV), AcceptInitiative(case_id))
        await pilot.press("j")
        await until(pilot, lambda: "redan kvitterat" in error(dialog, "problem"))
        assert pilot.app.screen is dialog
        assert dialog.query_one(UnitPicker).chosen == [BIST]
        assert dialog.query_one("#comment", Input).value == "Fel enhet"
        await pilot.press("escape")  # something typed: asks first
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    assert BIST not in world.open_case(as_user(KARIN.user, HSV), case_id).participants


@pytest.mark.parametrize(
    ("who", "unit", "answered"),
    [(AHMED, HC, False), (KARIN, HSV, True), (SUPPORT, HSV, False)],
    ids=["the-coordinator", "after-accepting", "support"],
)
async def test_not_offered_without_a_pending_initiative_or_the_role(
    world: Store, who: object, unit: str, answered: bool
) -> None:
    case_id = sent_case(world, [HSV])
    if answered:
        world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    async with app_as(world, who).run_test(size=(80, 24)) as pilot:  # type: ignore[arg-type]
        await open_case(pilot, case_id)
        assert "Vidarebefordra" not in footer_keys(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseScreen)
