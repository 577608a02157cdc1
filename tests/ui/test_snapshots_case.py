"""How the case screen and the Kartläggning form look at 80x24 (each SVG looked at)."""

from __future__ import annotations

from textual.pilot import Pilot

from sip_tui.domain.commands import AcceptInitiative, SaveMapping
from sip_tui.domain.documents import MappingText
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, SARA
from tests.store.seed import sent_case
from tests.ui.forms import app_as, open_case, open_part


def a_case_with_a_mapping(store: Store) -> int:
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "Tisdag eftermiddag passar"))
    store.execute(
        as_user(SARA.user, HSV),
        SaveMapping(
            case_id,
            MappingText(
                situation="Elsa, 81, skrivs ut från avd 10 på fredag.",
                background="Diabetes typ 2, [bold]insulin[/bold] morgon och kväll.",
            ),
            None,
        ),
    )
    return case_id


def test_case_screen(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    case_id = a_case_with_a_mapping(world)

    async def opened(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        await pilot.pause()

    assert snap_compare(app_as(world, AHMED), terminal_size=(80, 24), run_before=opened)


def test_mapping_form_locked_by_someone_else(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    case_id = a_case_with_a_mapping(world)
    assert HC  # Ahmed coordinates; Sara at hemsjukvården holds the edit lock

    async def opened(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        await open_part(pilot, Part.MAPPING)
        await pilot.pause()

    assert snap_compare(app_as(world, AHMED), terminal_size=(80, 24), run_before=opened)


def test_decline_asks_for_a_reason_then_a_confirmation(snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
    case_id = sent_case(world, [HSV])

    async def declining(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Fel enhet; prova hemtjänsten", "enter")
        await pilot.pause()

    assert snap_compare(app_as(world, KARIN), terminal_size=(80, 24), run_before=declining)
