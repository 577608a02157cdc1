"""The refusals a user can meet in the forms, each shown in Swedish where it happens:
wrong role, a locked part, a unit that has not accepted, a unit that declined. (Someone
else's edit lock and a conflict: test_mapping_form.py; a voided call: test_call_form.py.)"""

from __future__ import annotations

from textual.widgets import Static

from sip_tui.domain.commands import AcceptInitiative, DeclineInitiative, Lock, SaveMapping
from sip_tui.domain.documents import DocumentKind, MappingText
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, PSY, PSY_PRO, SARA
from tests.store.seed import sent_case
from tests.ui.forms import app_as, footer_keys, open_case, open_part, state
from tests.ui.helpers import loaded, until


async def test_a_watcher_may_not_write_in_the_mapping(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        assert (
            "Du kan inte ändra nu: Din roll (bevakare) får inte redigera kartläggningen; "
            "det kräver rollen samordningsansvarig eller yrkesutövare." in state(form)
        )
        assert "Spara" not in footer_keys(pilot)
        await pilot.press(*"text", "f2")
        assert world.open_case(as_user(KARIN.user, HSV), case_id).mapping is None


async def test_a_locked_mapping_cannot_be_changed(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    world.execute(
        as_user(AHMED.user, HC), SaveMapping(case_id, MappingText(situation="Klar"), None)
    )
    world.execute(as_user(AHMED.user, HC), Lock(case_id, DocumentKind.MAPPING))
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        assert "LÅST" in state(form)
        assert (
            "Kartläggningen är låst av samordningsansvarig och kan inte längre redigeras."
            in state(form)
        )
        assert not ({"Spara", "Signera", "Lås"} & footer_keys(pilot))


async def test_a_unit_must_accept_before_it_writes(world: Store) -> None:
    case_id = sent_case(world, [HSV])  # Sara's unit has not answered yet
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        assert "Er enhet måste först acceptera initiativet." in state(form)


async def test_a_unit_that_declined_sees_nothing_more(world: Store) -> None:
    case_id = sent_case(world, [HSV, PSY])
    async with app_as(world, PSY_PRO).run_test(size=(80, 24)) as pilot:
        case_screen = await open_case(pilot, case_id)
        world.execute(
            as_user(PSY_PRO.user, PSY), DeclineInitiative(case_id, "Inget åtagande hos oss")
        )
        case_screen.load()  # a screen left open after the answer reads the case again
        await until(
            pilot,
            lambda: (
                "nekat initiativet och har inte längre behörighet"
                in str(case_screen.query_one("#who", Static).render())
            ),
        )
        assert case_screen.case is None  # nothing of the case is left on the screen
        assert not footer_keys(pilot) & {"Acceptera", "Neka", "Öppna"}
        await pilot.press("escape")
        overview = await loaded(pilot)
        await until(pilot, lambda: all(r.case_id != case_id for r in overview.visible_rows()))
        assert isinstance(pilot.app.screen, type(overview))
        assert not isinstance(pilot.app.screen, CaseScreen)
