"""How the Plan, Uppföljning and Utvärdering forms look at 80×24 (SVG snapshots, each one
looked at before it was accepted)."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import ActivateFollowUp, SavePlan, Sign
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.forms.plan.form import PlanForm
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, SARA
from tests.ui.cases import MEETING, called_case, followed_up_case, locked_plan_case
from tests.ui.forms import app_as, open_case, open_part
from tests.ui.helpers import until


def _opening(case_id: int, part: Part, focus: str = ""):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await open_case(pilot, case_id)
        form = await open_part(pilot, part)
        if isinstance(form, PlanForm):
            await until(pilot, lambda: len(form.options) > 2)  # every unit, read in a worker
        if focus:
            widget = form.query_one(f"#{focus}")
            widget.focus()
            widget.scroll_visible(animate=False, top=True)
        await pilot.pause()

    return run_before


class TestPlanForms:
    def test_plan_with_a_goal_and_an_activity(self, snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
        case_id = called_case(world)
        content = doc.PlanContent(
            meeting_on=MEETING.date(),
            evaluation_on=date(2027, 1, 20),
            situation="Elsa bor ensam och har svårt att klara insulinet själv.",
            attendees=[doc.Attendee(HC, "Ahmed Nilsson"), doc.Attendee(HSV, "Sara Holm")],
            goals=[
                doc.Goal(
                    0,
                    "Bo kvar hemma",
                    "Envis och glad",
                    "Fallrisk",
                    [doc.Activity(0, "Insulin morgon och kväll", HSV, "Sara", date(2027, 1, 10))],
                )
            ],
        )
        world.execute(as_user(AHMED.user, HC), SavePlan(case_id, content, None))
        world.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.PLAN))
        app = app_as(world, AHMED)
        assert snap_compare(
            app, terminal_size=(80, 24), run_before=_opening(case_id, Part.PLAN, "goal-1-goal")
        )

    def test_follow_up_by_a_responsible_unit(self, snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
        case_id = locked_plan_case(world)
        world.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id))
        app = app_as(world, SARA)
        assert snap_compare(
            app, terminal_size=(80, 24), run_before=_opening(case_id, Part.FOLLOW_UP)
        )

    def test_evaluation(self, snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
        case_id = followed_up_case(world)
        app = app_as(world, AHMED)
        assert snap_compare(
            app, terminal_size=(80, 24), run_before=_opening(case_id, Part.EVALUATION)
        )
