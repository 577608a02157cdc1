"""Every screen, form and dialog at 80×24: the footer's keys all fit on its one line, and
the help key is among them (`?`, or F1 while a text field has focus, where `?` is a letter
typed). Issue 11 point 5."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import AcceptCall, NewPlan, SavePlan, SendMessage
from sip_tui.local import drafts
from sip_tui.local.owner import Owner
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.printing import PrintDialog
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.dialogs.forward import ForwardDialog
from sip_tui.ui.dialogs.simple import ConfirmScreen, LegendScreen, LoseChangesScreen
from sip_tui.ui.dialogs.void import VoidChoice
from sip_tui.ui.drafts.screen import DraftListScreen
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.forms.plan.dialogs import AddRowScreen
from sip_tui.ui.help.screen import HelpScreen
from sip_tui.ui.login import LoginScreen
from sip_tui.ui.runtime.drafting import local_key
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, at
from tests.store.seed import sent_case
from tests.ui.cases import MEETING, accepted_case, called_case, followed_up_case, locked_plan_case
from tests.ui.conftest import make_app
from tests.ui.forms import app_as, new_case_form, open_case, open_part
from tests.ui.helpers import loaded, until

WIDTH = 80


def shown_keys(screen: Screen[object]) -> list[FooterKey]:
    return list(screen.query_one(Footer).query(FooterKey))


async def fits(pilot: Pilot[None], what: str, help_key: bool = True) -> list[str]:
    """Assert the footer of the screen on top fits and shows the help key; its keys."""
    await pilot.pause()
    screen = pilot.app.screen
    footer = screen.query_one(Footer)
    # The footer recomposes after the bindings change: wait until its keys are laid out.
    await until(
        pilot,
        lambda: (
            bool(shown_keys(screen)) and all(key.region.width > 0 for key in shown_keys(screen))
        ),
    )
    keys = shown_keys(screen)
    labels = [f"{key.key_display} {key.description}" for key in keys]
    assert keys, f"{what}: no keys in the footer"
    assert footer.virtual_size.width <= WIDTH, f"{what}: footer too wide: {labels}"
    for key in keys:
        assert key.region.right <= WIDTH, f"{what}: {labels} cut"
    help_keys = [key for key in keys if key.action in ("help", "app.help")]
    if not help_key:  # the help screen itself: the help key closes it
        return labels
    assert help_keys, f"{what}: no help key in {labels}"
    focused = screen.focused
    typing = focused is not None and focused.check_consume_key("question_mark", "?")
    assert help_keys[0].key_display == ("f1" if typing else "?"), f"{what}: {labels}"
    return labels


async def test_the_overview_its_search_legend_and_help(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await fits(pilot, "overview")
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(pilot.app.focused, Input))
        await fits(pilot, "overview, searching")
        await pilot.press("escape", "l")
        await until(pilot, lambda: isinstance(pilot.app.screen, LegendScreen))
        await fits(pilot, "legend")
        await pilot.press("escape", "question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        assert await fits(pilot, "help", help_key=False) == ["esc Stäng"]


async def test_a_received_initiative_with_an_unread_message(world: Store) -> None:
    """The widest case screen: Acceptera, Neka, Vidarebefordra and Läst at once."""
    case_id = sent_case(world, [HSV])
    world.execute(as_user(AHMED.user, HC), SendMessage(case_id, text="Hej", recipients=[HSV]))
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        labels = await fits(pilot, "case, received initiative")
        assert {"a Acceptera", "n Neka", "w Vidarebefordra", "m Läst"} <= set(labels)
        for key, dialog in (("a", AnswerDialog), ("n", AnswerDialog), ("w", ForwardDialog)):
            await pilot.press(key)
            await until(pilot, lambda dialog=dialog: isinstance(pilot.app.screen, dialog))
            await fits(pilot, f"dialog {key}")
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))


async def test_the_coordinators_case_and_its_forms(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        assert "x Makulera" in await fits(pilot, "case, coordinator")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(pilot.app.screen, VoidChoice))
        await fits(pilot, "void")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PrintDialog))
        assert await fits(pilot, "print") == ["⏎ Skriv ut", "esc Avbryt", "? Hjälp"]
        await pilot.press("escape")
        for part in (Part.INITIATIVE, Part.MAPPING, Part.CALL, Part.MESSAGES):
            await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
            form = await open_part(pilot, part)
            await fits(pilot, f"form {part}")
            form.focus_next()  # whatever comes next, field or list
            await fits(pilot, f"form {part}, next field")
            await pilot.press("escape")
            if isinstance(pilot.app.screen, LoseChangesScreen):
                await fits(pilot, "lose changes")
                await pilot.press("j")


async def test_a_new_case_form(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await fits(pilot, "new case")
        form.focus_next()
        await fits(pilot, "new case, next field")


async def test_the_plan_and_its_menu(world: Store) -> None:
    case_id = called_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await open_part(pilot, Part.PLAN)
        await fits(pilot, "plan")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(pilot.app.screen, AddRowScreen))
        await fits(pilot, "plan, new row")


async def test_follow_up_and_a_question(world: Store) -> None:
    case_id = locked_plan_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await open_part(pilot, Part.FOLLOW_UP)
        await fits(pilot, "follow-up")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        await open_part(pilot, Part.PLAN)
        await fits(pilot, "locked plan")
        await pilot.press("ctrl+n")  # Ny plan: asks first
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await fits(pilot, "confirm")


async def test_a_second_plan_being_written_and_its_calls(world: Store) -> None:
    """The widest form: Spara, Signera, Lås, Ny rad, Ta bort and Arkiv at once."""
    case_id = locked_plan_case(world)
    world.execute(as_user(AHMED.user, HC), NewPlan(case_id))
    plan = world.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert plan is not None
    content = doc.PlanContent(
        meeting_on=MEETING.date(),
        evaluation_on=date(2027, 2, 20),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
    )
    world.execute(as_user(AHMED.user, HC), SavePlan(case_id, content, plan.version))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.PLAN)
        next(w for w in form.query("Input") if (w.id or "").startswith("goal-1")).focus()
        labels = await fits(pilot, "plan, cycle 2, on a goal")
        assert {"f3 Signera", "^r Ta bort", "^o Arkiv"} <= set(labels)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        await open_part(pilot, Part.CALL)
        await fits(pilot, "call form with calls")


async def test_the_evaluation(world: Store) -> None:
    case_id = followed_up_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.EVALUATION)
        assert isinstance(form, FormScreen)
        await fits(pilot, "evaluation")


async def test_the_login_screen(store: Store) -> None:
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, LoginScreen))
        await fits(pilot, "login")


async def test_the_downtime_desk_its_note_and_the_reconciliation(world: Store) -> None:
    from sip_tui.domain.journal import Direction, JournalDraft, Registrar, Step, check_entry
    from sip_tui.local import journal
    from sip_tui.ui.downtime.desk import DowntimeDesk
    from sip_tui.ui.downtime.entry import JournalEntryScreen
    from sip_tui.ui.downtime.place import key_of
    from sip_tui.ui.downtime.reconcile import ReconcileScreen
    from tests.domain.world import at
    from tests.ui.conftest import NOW

    draft = JournalDraft(
        at(NOW.strftime("%Y-%m-%d %H:%M")), AHMED.user, AHMED.name, Direction.GIVEN, "Karin",
        "HSV", "Info", "19121212-1212", "Tolvan", Step.INITIATIVE, Registrar.OUR_UNIT, unit=HC,
    )  # fmt: skip
    journal.add(key_of(world), check_entry(draft, NOW))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(pilot.app.screen, DowntimeDesk))
        assert {"f2 Ny anteckning", "f3 Efterregistrera"} <= set(await fits(pilot, "desk"))
        pilot.app.screen.query_one("#journal").focus()
        await fits(pilot, "desk, journal")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, JournalEntryScreen))
        await fits(pilot, "note")
        pilot.app.screen.focus_next()
        await fits(pilot, "note, next field")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, DowntimeDesk))
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReconcileScreen))
        await until(pilot, lambda: len(shown_keys(pilot.app.screen)) == 5)  # laid out anew
        assert {"⏎ Registrera", "d Klar"} <= set(await fits(pilot, "reconciliation"))


async def test_sip_tui_downtime_without_a_store() -> None:
    from sip_tui.domain.clock import Clock
    from sip_tui.ui.downtime.desk import DowntimeDesk
    from sip_tui.ui.downtime.entry import JournalEntryScreen
    from sip_tui.ui.downtime.place import Desk
    from sip_tui.ui.downtime_app import DowntimeApp

    app = DowntimeApp(Desk("none", "karin", "Karin Lund", Clock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, DowntimeDesk))
        labels = await fits(pilot, "downtime desk")
        assert "f3 Efterregistrera" not in labels  # no store to register in
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, JournalEntryScreen))
        assert "^q Avsluta" not in await fits(pilot, "downtime note")


async def test_the_draft_list(world: Store) -> None:
    owner = Owner(local_key(world), AHMED.user, HC)
    drafts.keep(owner, (AcceptCall(1, 1, "Passar"),), at("2026-11-23 08:00"))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        await until(pilot, lambda: overview.drafts_line.count == 1)
        await fits(pilot, "overview with a draft")
        await pilot.press("s")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, DraftListScreen) and bool(pilot.app.screen.found),
        )
        assert await fits(pilot, "draft list") == [
            "⏎ Spara",
            "v Visa",
            "x Ta bort",
            "esc Stäng",
            "? Hjälp",
        ]
