"""Lås (F4) cannot be undone, so it asks first and says what it closes; Enter (and n, Esc)
keeps the form open and the document unlocked, only j locks. A locked plan does not offer
rows it cannot take."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import SaveMapping, SavePlan, Sign
from sip_tui.domain.documents import MappingText
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.dialogs.simple import CarefulConfirmScreen
from sip_tui.ui.forms.base import FormScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV
from tests.ui.cases import MEETING, accepted_case, called_case, locked_plan_case
from tests.ui.forms import app_as, open_case, open_part, state
from tests.ui.helpers import until


def signed_plan_case(store: Store) -> int:
    """A plan ready to lock (meeting, evaluation, a goal with an activity), signed; no
    other participants."""
    case_id = called_case(store)
    content = doc.PlanContent(
        meeting_on=MEETING.date(),
        evaluation_on=MEETING.date().replace(year=2027, month=1, day=20),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
    )
    store.execute(as_user(AHMED.user, HC), SavePlan(case_id, content, None))
    store.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.PLAN))
    return case_id


def plan_locked(store: Store, case_id: int) -> bool:
    plan = store.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    return plan is not None and plan.is_locked


def shown(pilot: Pilot[None]) -> str:
    """Every text on the screen on top (the question and its keys)."""
    return "\n".join(str(each.render()) for each in pilot.app.screen.query(Static))


def empty_sections(form: FormScreen) -> list[str]:
    return [str(each.render()) for each in form.query(".empty")]


async def asked(pilot: Pilot[None]) -> str:
    await pilot.press("f4")
    await until(pilot, lambda: isinstance(pilot.app.screen, CarefulConfirmScreen))
    await pilot.pause()
    return shown(pilot)


async def test_lock_asks_first_and_enter_keeps_the_plan_open(world: Store) -> None:
    case_id = signed_plan_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert empty_sections(form) == [
            "Inga deltagare. F5 Ny rad lägger till en.",
            "Inga övriga deltagare. F5 Ny rad lägger till en.",
        ]
        question = await asked(pilot)
        assert "Lås planen" in question
        assert "Efter låsningen kan ingen ändra den" in question
        assert "ny plan (Ctrl+N Ny plan)" in question  # where changes go instead
        assert "Det går inte att ångra." in question
        assert "j: Lås    n/Esc/Enter: Avbryt" in question
        await pilot.press("enter")  # the default answer: not locked
        await until(pilot, lambda: pilot.app.screen is form)
        for key in ("n", "escape"):
            await asked(pilot)
            await pilot.press(key)
            await until(pilot, lambda: pilot.app.screen is form)
        assert not plan_locked(world, case_id)
        assert "LÅST" not in state(form)
        await asked(pilot)
        await pilot.press("j")
        await until(pilot, lambda: plan_locked(world, case_id))
        await until(pilot, lambda: "LÅST" in state(form))
        # The empty sections no longer offer F5: the locked plan takes no rows.
        assert empty_sections(form) == [
            "Inga deltagare i den låsta planen.",
            "Inga övriga deltagare i den låsta planen.",
        ]


async def test_a_locked_plan_does_not_offer_new_rows(world: Store) -> None:
    case_id = locked_plan_case(world)  # no attendees, no other participants
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert "LÅST" in state(form)
        assert empty_sections(form) == [
            "Inga deltagare i den låsta planen.",
            "Inga övriga deltagare i den låsta planen.",
        ]
        assert "F5" not in shown(pilot)


async def test_locking_the_mapping_says_what_it_closes(world: Store) -> None:
    case_id = accepted_case(world)
    world.execute(as_user(AHMED.user, HC), SaveMapping(case_id, MappingText(situation="S"), None))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        question = await asked(pilot)
        assert "Låsa kartläggningen? Efter låsningen kan ingen enhet ändra" in question
        assert "Ditt sparade utkast signeras samtidigt." in question  # Ahmed's draft
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen is form)
        mapping = world.open_case(as_user(AHMED.user, HC), case_id).mapping
        assert mapping is not None
        assert not mapping.is_locked
        assert mapping.edit_lock is not None  # nothing signed either
