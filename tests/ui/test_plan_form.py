"""Samordnad individuell plan by keyboard: goals and activities stored, Swedish messages under
the field with the text kept, a new unit representative joins the case, Ny plan archives
the plan (still readable) and starts an editable copy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input, Select

from sip_tui.domain import documents as doc
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import Lock, SavePlan, Sign
from sip_tui.domain.model import Answer, JoinedVia
from sip_tui.store.errors import DatabaseUnreachable
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import ConfirmScreen, TextScreen
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.forms.plan.dialogs import ArchivedPlansScreen
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, HC, HSV, KARIN, SARA
from tests.ui.cases import MEETING, called_case
from tests.ui.conftest import NOW
from tests.ui.forms import (
    add_row,
    app_as,
    choose,
    field_error,
    footer_keys,
    open_case,
    open_part,
    problem,
    state,
)
from tests.ui.helpers import until


def a_plan(unit: str = HSV) -> doc.PlanContent:
    return doc.PlanContent(
        meeting_on=MEETING.date(),
        evaluation_on=date(2027, 1, 20),
        situation="Bor ensam",
        attendees=[doc.Attendee(HC, "Ahmed Nilsson"), doc.Attendee(HSV, "Sara Holm")],
        goals=[
            doc.Goal(
                0, "Bo kvar hemma", "Envis", "Fall", [doc.Activity(0, "Insulin", unit, "Sara")]
            )
        ],
    )


def locked_plan_case(store: Store) -> int:
    case_id = called_case(store)
    store.execute(as_user(AHMED.user, HC), SavePlan(case_id, a_plan(), None))
    store.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.PLAN))
    return case_id


def typed(form: FormScreen, widget_id: str) -> str:
    return form.query_one(f"#{widget_id}", Input).value


async def test_a_goal_with_an_activity_is_stored(world: Store) -> None:
    case_id = called_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert "inte påbörjad" in state(form)
        assert typed(form, "meeting_on") == "2026-11-26"  # from the call
        assert {"Spara", "Ny rad", "Tillbaka"} <= footer_keys(pilot)
        await add_row(pilot, "m")
        await pilot.press(*"Bo kvar hemma", "tab", *"Envis")
        await add_row(pilot, "a")  # under the goal where the focus is
        await pilot.press(*"Insulin morgon och kväll", "tab")
        await choose(pilot, "Hemsjukvården")
        await pilot.press("tab", *"Sara Holm", "tab", *"2027-01-10", "f2")
        await until(pilot, lambda: world.open_case(as_user(AHMED.user, HC), case_id).plans != [])
        await until(pilot, lambda: "redigeras av Ahmed Nilsson" in state(form))
    plan = world.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert plan is not None
    assert plan.meeting_on == date(2026, 11, 26)
    assert [a.unit for a in plan.attendees] == [HC, HSV]  # prefilled from the call
    goal = plan.goals[0]
    assert (goal.goal, goal.strengths) == ("Bo kvar hemma", "Envis")
    activity = goal.activities[0]
    assert (activity.text, activity.responsible_unit, activity.responsible_person) == (
        "Insulin morgon och kväll",
        HSV,
        "Sara Holm",
    )
    assert activity.follow_up_on == date(2027, 1, 10)


async def test_a_bad_date_and_a_goal_without_text_are_shown_under_their_fields(
    world: Store,
) -> None:
    case_id = called_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        await pilot.press("tab", *"3 dec", "f2")  # Planerad utvärdering
        await until(pilot, lambda: field_error(form, "evaluation_on") != "")
        assert field_error(form, "evaluation_on") == (
            "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-03."
        )
        assert typed(form, "evaluation_on") == "3 dec"  # kept
        await pilot.press("ctrl+u", *"2026-11-01", "f2")  # before the meeting: the domain says
        await until(pilot, lambda: "efter mötesdatumet" in field_error(form, "evaluation_on"))
        await pilot.press("ctrl+u", *"2027-01-20")
        await add_row(pilot, "m")
        await add_row(pilot, "a")
        await pilot.press(*"Promenad", "f2")  # the goal has no text
        await until(pilot, lambda: field_error(form, "goals.1.goal") == "Mål 1 saknar text.")
        assert pilot.app.focused is form.query_one("#goal-1-goal")
        assert typed(form, "goal-1-act-1-text") == "Promenad"
        assert field_error(form, "evaluation_on") == ""
        await pilot.press(*"Röra på sig", "f2")  # now the activity lacks a responsible unit
        await until(
            pilot,
            lambda: (
                "Ange ansvarig enhet för aktivitet 1 under mål 1"
                in field_error(form, "goals.1.activities.1.responsible_unit")
            ),
        )
        assert problem(form) == ""
    assert world.open_case(as_user(AHMED.user, HC), case_id).plans == []  # nothing was stored


async def test_a_representative_of_another_unit_makes_it_a_participant(world: Store) -> None:
    case_id = called_case(world)
    assert BIST not in world.open_case(as_user(AHMED.user, HC), case_id).participants
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        await add_row(pilot, "d")
        assert pilot.app.focused is form.query_one("#att-3-unit")
        await until(pilot, lambda: len(form.options) == 2 + 3)  # every unit, read in a worker
        await choose(pilot, "Biståndshandläggning Umeå (ny i ärendet)")
        await pilot.press("tab", *"Lisa Ström", "f2")
        await until(
            pilot, lambda: BIST in world.open_case(as_user(AHMED.user, HC), case_id).participants
        )
    participant = world.open_case(as_user(AHMED.user, HC), case_id).participants[BIST]
    assert (participant.via, participant.state) == (JoinedVia.PLAN, Answer.ACCEPTED)
    plan = world.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert plan is not None
    assert plan.attendees[-1] == doc.Attendee(BIST, "Lisa Ström")


async def test_rows_keep_their_ids_when_another_is_removed(world: Store) -> None:
    case_id = called_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        for goal in ("Hemma", "Vänner"):
            await add_row(pilot, "m")
            await pilot.press(*goal)
            await add_row(pilot, "a")
            await pilot.press(*f"Stöd {goal}", "tab")
            await choose(pilot, "Hemsjukvården")
        await pilot.press("f2")
        await until(pilot, lambda: "Version 1" in state(form))
        form.query_one("#goal-1-act-1-text").focus()
        await pilot.pause()
        assert "Ta bort" in footer_keys(pilot)
        await pilot.press("ctrl+r", "f2")
        await until(pilot, lambda: "Version 2" in state(form))
    plan = world.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert plan is not None
    assert [(g.id, [(a.id, a.text) for a in g.activities]) for g in plan.goals] == [
        (1, []),
        (2, [(2, "Stöd Vänner")]),
    ]


async def test_a_row_added_and_removed_leaves_nothing_unsaved(world: Store) -> None:
    case_id = called_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        await add_row(pilot, "ö")
        assert pilot.app.focused is form.query_one("#ext-1-name")
        await pilot.press(*"Anna")
        await pilot.press("escape")  # unsaved: asks
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: pilot.app.screen is form)
        form.query_one("#ext-1-present").focus()
        await pilot.press("q")  # on a checkbox q leaves the form (asking), never quits
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: pilot.app.screen is form)
        assert typed(form, "ext-1-name") == "Anna"
        await pilot.press("ctrl+r")  # the row is gone
        await add_row(pilot, "m")
        await pilot.press("ctrl+r")  # an empty goal goes at once
        await until(pilot, lambda: not form.query("#goal-1-goal"))
        await add_row(pilot, "m")
        await pilot.press(*"Mål", "ctrl+r")  # one with text is asked about first
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: not form.query("#goal-1-goal"))
        await pilot.press("escape")  # nothing left to lose
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))


async def test_ny_plan_archives_the_plan_which_stays_readable(world: Store) -> None:
    case_id = locked_plan_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert "LÅST" in state(form)
        assert "Spara" not in footer_keys(pilot)
        assert "Arkiv" not in footer_keys(pilot)  # nothing archived yet
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: "Spara" in footer_keys(pilot))
        assert "LÅST" not in state(form)
        assert typed(form, "goal-1-goal") == "Bo kvar hemma"  # the copy, editable
        assert not form.query_one("#goal-1-goal", Input).disabled
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(pilot.app.screen, ArchivedPlansScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        body = str(pilot.app.screen.query_one("#body").render())
        assert "Mål 1: Bo kvar hemma" in body
        assert "Aktivitet 1.1: Insulin – ansvarig Hemsjukvården Umeå centrum (Sara)" in body
        assert "Arkiverad" in body
    case = world.open_case(as_user(AHMED.user, HC), case_id)
    assert case.cycle == 2
    assert [(p.cycle, p.archived_at is not None, p.is_locked) for p in case.plans] == [
        (1, True, True),
        (2, False, False),
    ]


async def test_a_watcher_reads_the_plan_but_cannot_change_it(world: Store) -> None:
    case_id = called_case(world)
    world.execute(as_user(AHMED.user, HC), SavePlan(case_id, a_plan(), None))
    world.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.PLAN))
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert "Du kan inte ändra nu: Din roll (bevakare) får inte redigera planen" in state(form)
        assert footer_keys(pilot) & {"Spara", "Ny rad", "Ta bort"} == set()
        assert form.query_one("#goal-1-goal", Input).disabled
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:  # a professional may
        await open_case(pilot, case_id)
        await open_part(pilot, Part.PLAN)
        assert "Ny rad" in footer_keys(pilot)


async def test_a_conflict_or_an_unreachable_store_keeps_the_typed_plan(
    world: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = called_case(world)
    world.execute(as_user(AHMED.user, HC), SavePlan(case_id, a_plan(), None))
    world.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.PLAN))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        # Meanwhile Sara changes the goal and signs.
        saras = a_plan()
        saras.goals[0].goal = "Saras mål"
        world.execute(as_user(SARA.user, HSV), SavePlan(case_id, saras, 1))
        world.execute(as_user(SARA.user, HSV), Sign(case_id, doc.DocumentKind.PLAN))
        form.query_one("#goal-1-goal").focus()
        await pilot.press("end", *" och trivas", "f2")
        await until(pilot, lambda: "har ändrats av Sara Holm" in problem(form))
        await until(pilot, lambda: bool(form.query("#conflict")))
        assert "Mål 1: Saras mål" in str(form.query_one("#conflict").render())
        assert typed(form, "goal-1-goal") == "Bo kvar hemma och trivas"

        def unreachable(*args: object) -> int:
            raise DatabaseUnreachable("servern svarar inte")

        # (A context, not undo(): undo() would also drop the test's own XDG_DATA_HOME.)
        with monkeypatch.context() as down:
            down.setattr(world, "execute", unreachable)
            await pilot.press("f2")
            await until(pilot, lambda: "Inget ändrades: databasen svarar inte" in problem(form))
        assert typed(form, "goal-1-goal") == "Bo kvar hemma och trivas"
        await pilot.press("f2")  # after seeing hers, saving again writes his
        await until(
            pilot,
            lambda: (
                world.open_case(as_user(AHMED.user, HC), case_id).current_plan().goals[0].goal  # type: ignore[union-attr]
                == "Bo kvar hemma och trivas"
            ),
        )


async def test_f6_takes_over_a_stale_edit_lock_even_from_a_text_area(world: Store) -> None:
    case_id = called_case(world)
    world.execute(
        as_user(SARA.user, HSV), SavePlan(case_id, a_plan(), None)
    )  # Sara saves and leaves
    later = Store(world.engine, Clock.frozen(NOW + timedelta(minutes=40)), world.calendar)
    async with app_as(later, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert "redigeras av Sara Holm" in state(form)
        form.query_one("#situation").focus()
        await pilot.pause()
        assert "Ta över" in footer_keys(pilot)
        await pilot.press("f6")  # the text area's own f6 (select line) must not win
        await until(pilot, lambda: "redigeras av Ahmed Nilsson" in state(form))


async def test_the_plan_form_says_what_lock_still_needs(world: Store) -> None:
    """Seed 001, *Mål- och aktivitetsplan*: a meeting date, a planned evaluation and goals
    with activities and who is responsible — Lås is not offered, and the form says why."""
    case_id = called_case(world)
    no_evaluation = doc.PlanContent(
        meeting_on=MEETING.date(),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
    )
    world.execute(as_user(AHMED.user, HC), SavePlan(case_id, no_evaluation, None))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert "Lås: Planen kan inte låsas utan datum för planerad utvärdering." in state(form)
        assert "Lås" not in footer_keys(pilot)


async def test_the_meeting_may_agree_on_another_documenting_unit(world: Store) -> None:
    """Seed 001: "Samordningsansvarig är också dokumentationsansvarig om man inte kommer
    överens om något annat på mötet." """
    case_id = called_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        assert form.query_one("#documenting_unit", Select).value == HC  # by default
        form.query_one("#documenting_unit").focus()
        await until(pilot, lambda: pilot.app.focused is form.query_one("#documenting_unit"))
        await choose(pilot, "Hemsjukvården")
        await pilot.press("f2")
        await until(pilot, lambda: world.open_case(as_user(AHMED.user, HC), case_id).plans != [])
    plan = world.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert plan is not None
    assert plan.documenting_unit == HSV
    assert any(t["kind"] == "document-plan" for t in world.unit_tasks(HSV))
