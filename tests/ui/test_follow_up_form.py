"""Uppföljning och utvärdering by keyboard: the coordinator activates the follow-up, each
responsible unit comments its own activities (and is told why not the others), Lås; then
the evaluation is documented, locked, and the case closed (or a new plan started)."""

from __future__ import annotations

from textual.widgets import Select, Static, TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import ActivateFollowUp, Lock, SaveEvaluation, SaveFollowUp, Sign
from sip_tui.domain.model import ActivityStatus
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.forms.base import FormScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, SARA
from tests.ui.cases import followed_up_case, locked_plan_case
from tests.ui.forms import (
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


def note(form: FormScreen, activity_id: int) -> str:
    widget = form.query_one(f"#note-{activity_id}", Static)
    return str(widget.render()) if widget.display else ""


async def test_only_the_coordinator_activates_the_follow_up(world: Store) -> None:
    case_id = locked_plan_case(world)
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.FOLLOW_UP)
        text = str(form.query_one("#not-active", Static).render())
        assert text == (
            "Uppföljningen är inte aktiverad. "
            "Endast samordningsansvarig enhet kan aktivera uppföljningen."
        )
        assert "Aktivera uppföljning" not in footer_keys(pilot)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.FOLLOW_UP)
        assert "F5 aktiverar den" in str(form.query_one("#not-active", Static).render())
        assert "Aktivera uppföljning" in footer_keys(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: bool(form.query("#comment-2")))
        assert "Aktivera uppföljning" not in footer_keys(pilot)
        assert "Spara" in footer_keys(pilot)
        # the coordinating unit may follow up every activity
        assert not form.query_one("#comment-2", TextArea).read_only
    assert world.open_case(as_user(AHMED.user, HC), case_id).follow_up() is not None


async def test_the_responsible_unit_follows_up_its_activity_and_only_that(world: Store) -> None:
    case_id = locked_plan_case(world)
    world.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id))
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.FOLLOW_UP)
        # Hemtjänst is Biståndshandläggningens: read only, and the domain says why
        assert note(form, 2) == "Er enhet ansvarar inte för aktiviteten «Hemtjänst»."
        assert form.query_one("#comment-2", TextArea).read_only
        assert form.query_one("#status-2", Select).disabled
        assert note(form, 1) == ""
        assert pilot.app.focused is form.query_one("#status-1")
        await choose(pilot, "Genomförd")
        await pilot.press("f2")  # a status without a comment
        await until(pilot, lambda: field_error(form, "activity.1") != "")
        assert field_error(form, "activity.1") == "Skriv en kommentar till aktiviteten «Insulin»."
        assert pilot.app.focused is form.query_one("#comment-1")
        await pilot.press(*"Sköter insulinet själv", "f2")
        await until(pilot, lambda: "redigeras av Sara Holm" in state(form))
        assert "Senast uppföljd av Sara Holm" in str(form.query_one("#last-1", Static).render())
        await pilot.press("f3")
        await until(pilot, lambda: "redigeras av" not in state(form))
        assert problem(form) == ""
    follow_up = world.open_case(as_user(AHMED.user, HC), case_id).follow_up()
    assert follow_up is not None
    entry = follow_up.entries[1]
    assert (entry.comment, entry.status, entry.unit) == (
        "Sköter insulinet själv",
        ActivityStatus.DONE,
        HSV,
    )
    assert 2 not in follow_up.entries
    assert follow_up.signatures[-1][:2] == (SARA.user, HSV)


async def test_the_coordinator_locks_the_follow_up(world: Store) -> None:
    """*"När du är klar med din redigering, signerar du det du skrivit. Nu kan andra
    användare läsa i dokumentet."* Ahmed does not read Sara's draft, and cannot lock
    before he has read what she signed (Lås carries the version the form shows)."""
    case_id = locked_plan_case(world)
    world.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id))
    entry = doc.ActivityFollowUp(1, "Klart", ActivityStatus.DONE)
    world.execute(as_user(SARA.user, HSV), SaveFollowUp(case_id, [entry], 1))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.FOLLOW_UP)
        assert "redigeras av Sara Holm" in state(form)
        assert form.query_one("#comment-1", TextArea).text == ""  # Sara's unsigned draft
        assert "Lås" not in footer_keys(pilot)  # Sara has not signed
        world.execute(as_user(SARA.user, HSV), Sign(case_id, doc.DocumentKind.FOLLOW_UP))
        form.reload_case(form.refreshed)
        await pilot.pause()
        assert "Lås" not in footer_keys(pilot)  # the form still shows what Ahmed saw
        await pilot.press("escape")
        case_screen = pilot.app.screen
        assert isinstance(case_screen, CaseScreen)

        def signed_there() -> bool:  # the case screen follows the change feed
            case = case_screen.case
            follow_up = case.follow_up() if case is not None else None
            return follow_up is not None and follow_up.edit_lock is None

        await until(pilot, signed_there)
        form = await open_part(pilot, Part.FOLLOW_UP)
        assert form.query_one("#comment-1", TextArea).text == "Klart"
        await until(pilot, lambda: "Lås" in footer_keys(pilot))
        await pilot.press("f4", "j")  # Lås asks first
        await until(pilot, lambda: "LÅST" in state(form))
        assert form.query_one("#comment-1", TextArea).read_only
        assert form.query_one("#comment-1", TextArea).text == "Klart"
    follow_up = world.open_case(as_user(AHMED.user, HC), case_id).follow_up()
    assert follow_up is not None
    assert follow_up.is_locked


async def test_the_evaluation_waits_for_the_locked_follow_up(world: Store) -> None:
    case_id = locked_plan_case(world)
    world.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.EVALUATION)
        assert "Utvärderingen kan dokumenteras när uppföljningen är låst." in state(form)
        assert "Spara" not in footer_keys(pilot)


async def test_the_evaluation_is_saved_locked_and_the_case_closed(world: Store) -> None:
    case_id = followed_up_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.EVALUATION)
        results = str(form.query_one("#results", Static).render())
        assert "1.1 Insulin – Genomförd: Sköter insulinet själv" in results
        assert pilot.app.focused is form.query_one("#meeting_at")
        await pilot.press(*"20 jan", "tab", *"Målen är nådda.", "f2")
        await until(pilot, lambda: field_error(form, "meeting_at") != "")
        assert field_error(form, "meeting_at") == (
            "Skriv tiden som ÅÅÅÅ-MM-DD TT:MM, t.ex. 2027-01-20 10:00."
        )
        assert form.query_one("#summary", TextArea).text == "Målen är nådda."  # kept
        await pilot.press("ctrl+u", *"2027-01-20 10:00", "f2")
        await until(pilot, lambda: "redigeras av Ahmed Nilsson" in state(form))
        assert "Avsluta ärendet" not in footer_keys(pilot)  # not locked yet
        await pilot.press("f4", "j")  # Lås asks first
        await until(pilot, lambda: "LÅST" in state(form))
        assert "Avsluta ärendet" in footer_keys(pilot)
        assert "Ny plan" in footer_keys(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        case_screen = pilot.app.screen
        assert isinstance(case_screen, CaseScreen)
        await until(pilot, lambda: case_screen.case is not None and not case_screen.case.is_open)
    case = world.open_case(as_user(AHMED.user, HC), case_id)
    evaluation = case.evaluation()
    assert evaluation is not None
    assert evaluation.is_locked
    assert evaluation.summary == "Målen är nådda."
    assert evaluation.meeting_at is not None
    assert evaluation.meeting_at.strftime("%Y-%m-%d %H:%M") == "2027-01-20 10:00"
    assert case.closed_at is not None


async def test_after_the_evaluation_a_new_plan_can_start(world: Store) -> None:
    case_id = followed_up_case(world)
    world.execute(as_user(AHMED.user, HC), SaveEvaluation(case_id, "Delvis nådda", None, None))
    world.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.EVALUATION))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await open_part(pilot, Part.EVALUATION)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    case = world.open_case(as_user(AHMED.user, HC), case_id)
    assert case.cycle == 2
    assert case.is_open
    plan = case.current_plan()
    assert plan is not None
    assert not plan.is_locked
    assert [a.text for a in plan.activities()] == ["Insulin", "Hemtjänst"]
