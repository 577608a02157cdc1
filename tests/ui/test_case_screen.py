"""The case screen: its parts, and a change by another unit arriving by itself."""

from __future__ import annotations

from textual.widgets import OptionList

from sip_tui.domain.commands import AcceptInitiative, SendCall
from sip_tui.domain.model import Answer, CallKind
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, HC, HSV, KARIN, at
from tests.store.seed import sent_case
from tests.ui.cases import locked_plan_case
from tests.ui.forms import app_as, open_case, open_part
from tests.ui.helpers import until


def part_line(screen, index: int) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#parts", OptionList).get_option_at_index(index).prompt)


async def test_an_answer_from_another_unit_shows_up_on_an_open_case(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, case_id)
        assert "0 har accepterat, 1 väntar på svar" in part_line(screen, 0)
        world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "Tisdag passar"))
        await until(pilot, lambda: "1 har accepterat" in part_line(screen, 0))
        assert screen.case is not None
        assert screen.case.participants[HSV].state is Answer.ACCEPTED


async def test_one_listener_however_many_screens_are_open(world: Store) -> None:
    """One LISTEN connection per user on PostgreSQL: the screens share the app's feed."""
    case_id = sent_case(world, [HSV])
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await open_part(pilot, Part.MAPPING)
        assert len([w for w in pilot.app.workers if w.group == "changes"]) == 1
        await pilot.press("escape", "escape")  # back to the overview
        assert len([w for w in pilot.app.workers if w.group == "changes"]) == 1


async def test_notifications_show_typed_text_literally(world: Store) -> None:
    """Notifications quote what users typed: never read as markup, however a screen asks."""
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        pilot.app.screen.notify("Makulerat: meddelandet [bold]Ring mig[/bold].", markup=True)
        await until(pilot, lambda: bool(list(pilot.app._notifications)))
        (shown,) = list(pilot.app._notifications)
        assert shown.message == "Makulerat: meddelandet [bold]Ring mig[/bold]."
        assert shown.markup is False


async def test_the_call_line_names_the_evaluation_meeting(world: Store) -> None:
    case_id = locked_plan_case(world)
    world.execute(
        as_user(AHMED.user, HC),
        SendCall(
            case_id,
            kind=CallKind.EVALUATION,
            meeting_form="Video",
            place="Teams",
            meeting_at=at("2027-01-20 10:00"),
            recipients={HSV: True, BIST: False},
        ),
    )
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, case_id)
        line = part_line(screen, list(Part).index(Part.CALL))
        assert "Kallelse     utvärderingsmöte ons 20 jan 10:00" in line
