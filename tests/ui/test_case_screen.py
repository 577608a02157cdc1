"""The case screen: its parts, and a change by another unit arriving by itself."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import OptionList, Static

from sip_tui.domain.commands import AcceptInitiative, SendCall, SendMessage
from sip_tui.domain.model import Answer, CallKind
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.dialogs.answer import AnswerDialog
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


async def test_a_unit_added_by_a_message_is_shown_as_added_not_as_accepted(world: Store) -> None:
    """ "En enhet som inte finns med i mottagarlistan sedan tidigare kan så läggas till i
    SIP – ärendet" (seed 001): added, never "accepterat"; INI counts only its recipients."""
    case_id = sent_case(world, [HSV])
    world.execute(
        as_user(AHMED.user, HC), SendMessage(case_id, text="Hej", recipients=[], add_units=[BIST])
    )
    async with app_as(world, AHMED).run_test(size=(100, 40)) as pilot:
        screen = await open_case(pilot, case_id)
        tables = [s.content for s in screen.query("#body Static") if isinstance(s.content, Table)]
        table = tables[0]  # Enheter
        units = "\n".join(str(cell) for column in table.columns for cell in column.cells)
        assert "tillagd via meddelande" in units
        assert "accepterat" not in units
        assert "0 har accepterat, 1 väntar på svar" in part_line(screen, 0)


async def test_declining_a_call_asks_for_another_time(world: Store) -> None:
    """ "Du nekar … en kallelse om tiden inte passar din enhet" (seed 001): the dialog asks
    for another time, not for the right recipient (that is the initiative's decline)."""
    case_id = sent_case(world, [HSV])
    world.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    world.execute(
        as_user(AHMED.user, HC),
        SendCall(
            case_id,
            kind=CallKind.PLANNING,
            meeting_form="Fysiskt möte",
            place="Ålidhems HC",
            meeting_at=at("2026-11-26 13:00"),
            recipients={HSV: True},
        ),
    )
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        text = "\n".join(str(s.render()) for s in pilot.app.screen.query(Static))
        assert "Neka kallelsen till planeringsmöte tor 26 nov 13:00" in text
        assert "annan tid" in text
        assert "rätt mottagare" not in text
