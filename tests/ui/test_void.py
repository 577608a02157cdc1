"""Makulera from the case screen (`x`): only the coordinator is offered it, only the parts
the domain would let us void are listed, a reason and a confirmation are required; voiding
the initiative voids the case; a recipient answering a voided call hears why not."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from sip_tui.domain.commands import SendMessage, VoidCall
from sip_tui.domain.model import Answer
from sip_tui.store.service.api import Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.dialogs.void import VoidChoice
from sip_tui.ui.overview.screen import OverviewScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN
from tests.ui.cases import accepted_case, send_planning_call
from tests.ui.forms import app_as, footer_keys, open_case
from tests.ui.helpers import until


def choices(pilot: Pilot[None]) -> list[str]:
    options = pilot.app.screen.query_one("#targets", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def reason_and_confirm(pilot: Pilot[None], reason: str) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
    await pilot.press(*reason, "enter", "enter")


async def test_makulera_is_offered_to_the_coordinator_only(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        assert "Makulera" not in footer_keys(pilot)
        await pilot.press("x")  # not offered: nothing opens
        assert isinstance(pilot.app.screen, CaseScreen)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        assert "Makulera" in footer_keys(pilot)


async def test_void_a_call_from_the_case_screen(world: Store) -> None:
    case_id = accepted_case(world)
    send_planning_call(world, case_id)
    world.execute(
        as_user(KARIN.user, HSV),
        SendMessage(case_id, text="[bold]Ring mig[/bold]", recipients=[HC]),
    )
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(pilot.app.screen, VoidChoice))
        # What the domain allows now: no mapping and no plan exist, so neither is listed.
        assert choices(pilot) == [
            "Initiativet (hela ärendet)",
            "Kallelsen till planeringsmöte mån 30 nov 10:00",
            "Meddelandet mån 23 nov 08:05: [bold]Ring mig[/bold]",
        ]
        assert {"Välj", "Avbryt"} <= footer_keys(pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        dialog = pilot.app.screen
        await pilot.press("enter")  # a reason is required
        assert str(dialog.query_one("#problem", Static).render()) == "Ange varför det makuleras."
        await pilot.press(*"Fel tid", "enter")
        confirm = str(dialog.query_one("#confirm", Static).render())
        assert confirm.startswith("Makulera kallelsen till planeringsmöte mån 30 nov 10:00?")
        await pilot.press("escape")  # cancelled at the confirmation: nothing is voided
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        assert world.open_case(as_user(AHMED.user, HC), case_id).calls[0].voided is None
        await pilot.press("x")
        await until(pilot, lambda: isinstance(pilot.app.screen, VoidChoice))
        await pilot.press("down", "enter")
        await reason_and_confirm(pilot, "Fel tid")
        await until(
            pilot, lambda: world.open_case(as_user(AHMED.user, HC), case_id).calls[0].voided
        )
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        await pilot.press("x")
        await until(pilot, lambda: isinstance(pilot.app.screen, VoidChoice))
        assert not any(c.startswith("Kallelsen") for c in choices(pilot))  # voided already
    call = world.open_case(as_user(AHMED.user, HC), case_id).calls[0]
    assert call.voided is not None
    assert call.voided.reason == "Fel tid"
    assert call.voided.user == AHMED.user


async def test_a_recipient_cannot_accept_a_voided_call(world: Store) -> None:
    case_id = accepted_case(world)
    number = send_planning_call(world, case_id)
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        assert "Acceptera" in footer_keys(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        # While Karin types, the coordinator voids the call.
        world.execute(as_user(AHMED.user, HC), VoidCall(case_id, number, "Fel datum"))
        await pilot.press(*"Passar bra", "enter")
        await until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, AnswerDialog)
                and "makulerad" in str(pilot.app.screen.query_one("#problem", Static).render())
            ),
        )
        dialog = pilot.app.screen
        assert str(dialog.query_one("#problem", Static).render()) == (
            "Kallelsen är makulerad; vänta på den nya kallelsen."
        )
        assert dialog.query_one("#text", Input).value == "Passar bra"  # kept
    recipient = world.open_case(as_user(KARIN.user, HSV), case_id).calls[0].recipients[HSV]
    assert recipient.state is Answer.PENDING


async def test_voiding_the_initiative_voids_the_case(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(pilot.app.screen, VoidChoice))
        assert choices(pilot)[0] == "Initiativet (hela ärendet)"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press(*"Fel person", "enter")
        confirm = str(pilot.app.screen.query_one("#confirm", Static).render())
        assert "Hela ärendet makuleras" in confirm
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
        overview = pilot.app.screen
        assert isinstance(overview, OverviewScreen)
        await until(pilot, lambda: all(r.case_id != case_id for r in overview.visible_rows()))
    case = world.open_case(as_user(AHMED.user, HC), case_id)
    assert case.initiative.voided is not None
    assert case.initiative.voided.reason == "Fel person"
    assert not case.is_open
    assert all(row.case_id != case_id for row in world.overview_for(HSV))
