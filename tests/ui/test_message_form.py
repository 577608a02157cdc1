"""Informationsmeddelande by keyboard: the case's messages with who has read them, a new
one to units of the case, and a unit brought in with Lägg till enhet."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Checkbox

from sip_tui.domain.commands import AcceptInitiative, MarkMessageRead, SendMessage
from sip_tui.domain.model import Answer, Phase, Status
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.widgets.unit_picker import UnitPicker
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, PSY, PSY_PRO, SUPPORT
from tests.store.seed import sent_case
from tests.ui.forms import app_as, field_error, footer_keys, open_case, open_part, state
from tests.ui.helpers import until


def accepted_case(store: Store) -> int:
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    return case_id


def listed(form: FormScreen) -> str:
    return "\n".join(str(each.render()) for each in form.query("#messages Static"))


async def messages_form(pilot: Pilot[None], case_id: int) -> FormScreen:
    await open_case(pilot, case_id)
    form = await open_part(pilot, Part.MESSAGES)
    await until(pilot, lambda: bool(form.query_one(UnitPicker).units))
    return form


async def test_send_to_the_case_and_to_a_new_unit(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await messages_form(pilot, case_id)
        assert "Inga meddelanden ännu." in listed(form)
        assert footer_keys(pilot) >= {"Skicka", "Tillbaka"}
        boxes = form.query(Checkbox)
        assert [str(box.label) for box in boxes] == ["Hemsjukvården Umeå centrum"]
        await pilot.press("f5")  # nothing written yet
        await until(pilot, lambda: field_error(form, "text") == "Skriv meddelandet.")
        await pilot.press(*"Elsa flyttar till dottern på fredag")
        await pilot.press("f5")  # no recipient
        await until(pilot, lambda: "Välj minst en" in field_error(form, "recipients"))
        assert form.query_one("#text").text == "Elsa flyttar till dottern på fredag"  # type: ignore[attr-defined]
        await pilot.press("space")  # the focus is on the first unit: check it
        form.query_one(UnitPicker).focus()
        await pilot.pause()
        await pilot.press(*"psyk", "enter", "f5")
        await until(
            pilot, lambda: len(world.open_case(as_user(AHMED.user, HC), case_id).messages) == 1
        )
        message = world.open_case(as_user(AHMED.user, HC), case_id).messages[0]
        assert message.text == "Elsa flyttar till dottern på fredag"
        assert set(message.read_at) == {HSV, PSY}
        # The list shows it; the form is blank again; the new unit is now one of the case's.
        await until(pilot, lambda: "Elsa flyttar" in listed(form))
        assert "Inte läst av: Hemsjukvården Umeå centrum, Psykiatriska öppenvården" in listed(form)
        await until(pilot, lambda: len(form.query(Checkbox)) == 2)
        assert form.query_one("#text").text == ""  # type: ignore[attr-defined]
        assert form.query_one(UnitPicker).chosen == []
        assert "1 meddelande" in state(form)
    assert world.open_case(as_user(PSY_PRO.user, PSY), case_id).has_access(PSY)
    assert world.overview_for(PSY)[0].statuses[Phase.MED] is Status.OURS
    assert world.overview_for(HC)[0].statuses[Phase.MED] is Status.THEIRS


async def test_who_has_read_it(world: Store) -> None:
    case_id = accepted_case(world)
    world.execute(
        as_user(AHMED.user, HC), SendMessage(case_id, text="Ring [dottern]", recipients=[HSV])
    )
    world.execute(as_user(KARIN.user, HSV), MarkMessageRead(case_id, 1))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await messages_form(pilot, case_id)
        text = listed(form)
        assert "Ålidhems HC (Ahmed Nilsson)" in text
        assert "Ring [dottern]" in text  # typed text, never markup
        assert "Läst av: Hemsjukvården Umeå centrum mån 23 nov 08:05" in text


async def test_a_user_without_the_right_only_reads(world: Store) -> None:
    case_id = accepted_case(world)
    world.execute(as_user(AHMED.user, HC), SendMessage(case_id, text="Hej", recipients=[HSV]))
    async with app_as(world, SUPPORT).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MESSAGES)
        assert "Hej" in listed(form)
        assert "Du kan inte skicka meddelanden: Din roll (support)" in state(form)
        assert not form.query("#text")
        assert "Skicka" not in footer_keys(pilot)
        await pilot.press("f5")
        await pilot.pause()
    assert len(world.open_case(as_user(AHMED.user, HC), case_id).messages) == 1


async def test_a_unit_still_pending_may_send_a_message(world: Store) -> None:
    """ "Informationsmeddelande … Alla Pratoranvändare med behörighet till SIP - ärendet"
    (seed 001): a unit that has not yet answered the initiative has access, so it may
    write; sending answers nothing."""
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        form = await messages_form(pilot, case_id)
        assert "Du kan inte skicka meddelanden" not in state(form)
        assert "Skicka" in footer_keys(pilot)
        form.query_one("#text").focus()
        await pilot.press(*"Vi återkommer i dag", "tab", "space", "f5")
        await until(
            pilot, lambda: len(world.open_case(as_user(AHMED.user, HC), case_id).messages) == 1
        )
    case = world.open_case(as_user(AHMED.user, HC), case_id)
    assert case.messages[0].sender_unit == HSV
    assert set(case.messages[0].read_at) == {HC}
    assert case.participants[HSV].state is Answer.PENDING
    assert world.overview_for(HC)[0].statuses[Phase.MED] is Status.OURS
