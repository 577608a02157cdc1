"""The case screen: its parts, and a change by another unit arriving by itself."""

from __future__ import annotations

from textual.widgets import OptionList

from sip_tui.domain.model import Answer
from sip_tui.store.services import Store
from tests.domain.world import AHMED, HSV, KARIN
from tests.store.seed import sent_case
from tests.ui.forms import app_as, open_case
from tests.ui.test_overview import until


def part_line(screen, index: int) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#parts", OptionList).get_option_at_index(index).prompt)


async def test_an_answer_from_another_unit_shows_up_on_an_open_case(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, case_id)
        assert "0 har accepterat, 1 väntar på svar" in part_line(screen, 0)
        world.accept_initiative(KARIN.user, HSV, case_id, "Tisdag passar")
        await until(pilot, lambda: "1 har accepterat" in part_line(screen, 0))
        assert screen.case is not None
        assert screen.case.participants[HSV].state is Answer.ACCEPTED
