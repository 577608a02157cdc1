"""The unit picker finds what people type (issue 11, point 8): word prefixes in any order,
short names and codes; Enter on no match says so."""

from __future__ import annotations

from sip_tui.store.service.api import Store
from sip_tui.ui.widgets.unit_picker import PickableUnit, suggestions
from tests.domain.world import AHMED
from tests.ui.forms import app_as, focus, new_case_form
from tests.ui.helpers import until

UNITS = [
    PickableUnit("umea-bistand", "Biståndshandläggning Umeå", "Bistånd Umeå"),
    PickableUnit("umea-hsv-centrum", "Hemsjukvården Umeå centrum", "HSV Umeå c"),
    PickableUnit("nus-avd-10", "Avdelning 10, Norrlands universitetssjukhus", "NUS avd 10"),
    PickableUnit("savar-hc", "Sävar hälsocentral", "Sävar HC"),
]


def found(typed: str) -> list[str]:
    return [unit.code for unit in suggestions(UNITS, typed, leave_out=set())]


def test_word_prefixes_in_any_order() -> None:
    assert found("bist umeå") == ["umea-bistand"]
    assert found("Umeå BIST") == ["umea-bistand"]
    assert found("hem cen") == ["umea-hsv-centrum"]
    assert found("avd 10 nus") == ["nus-avd-10"]


def test_short_names_and_codes_are_found() -> None:
    assert found("hsv") == ["umea-hsv-centrum"]
    assert found("savar-hc") == ["savar-hc"]
    assert found("sävar hc") == ["savar-hc"]


def test_a_word_inside_a_name_ranks_after_a_word_start() -> None:
    # "umeå" starts a word of two units; "vård" only stands inside "Hemsjukvården".
    assert found("umeå") == ["umea-bistand", "umea-hsv-centrum"]
    assert found("vård") == ["umea-hsv-centrum"]
    assert found("xyz") == []
    assert found("bist xyz") == []


async def test_enter_on_no_match_says_so(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await focus(pilot, form, "recipients")
        await pilot.press(*"xyzzy", "enter")
        await until(
            pilot,
            lambda: any(
                "Ingen enhet matchar «xyzzy»" in n.message for n in pilot.app._notifications
            ),
        )
        assert form.query_one("#recipients").chosen == []  # type: ignore[attr-defined]
