"""Type-ahead is safe: keys typed right after a key that adds a row or opens a dialog land,
whole and in order, in the field that key focuses, never in another field, never lost.

The keys are typed at full speed: every one is in the app's queue before the first is
handled, as when a user types on a slow terminal server or the screen takes a moment to
change (``pilot.press`` waits for the app to be idle between keys, which hides it)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from sip_tui.domain.model import Answer
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.dialogs.forward import ForwardDialog
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.widgets.unit_picker import UnitSearch
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN
from tests.store.seed import sent_case
from tests.ui.cases import accepted_case, called_case, locked_plan_case
from tests.ui.forms import add_row, app_as, open_case, open_part
from tests.ui.helpers import until


def type_fast(pilot: Pilot[Any], *keys: str) -> int:
    """Put every key in the app's queue at once (a key name, or text typed one character
    at a time: ``type_fast(pilot, "f5", "a", *"FAST2")``); how many keys the app will
    have handed on when it has handled them all."""
    after = pilot.app.type_ahead.handed + len(keys)  # type: ignore[attr-defined]
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        pilot.app.post_message(events.Key(name, key if len(key) == 1 else None))
    return after


async def all_typed(pilot: Pilot[Any], handed: int) -> None:
    """Until the app has handed on ``handed`` typed keys and handled them all."""
    gate = pilot.app.type_ahead  # type: ignore[attr-defined]
    await until(pilot, lambda: gate.handed >= handed and gate.idle)
    await pilot.pause()


def filled(screen: Any) -> dict[str, str]:
    """Every input on ``screen`` that holds text, by id."""
    return {each.id or "": each.value for each in screen.query(Input) if each.value}


async def plan_with_rows(pilot: Pilot[Any], world: Store) -> FormScreen:
    """The plan form with an external participant (Anna) and a goal (Hem)."""
    await open_case(pilot, called_case(world))
    form = await open_part(pilot, Part.PLAN)
    await add_row(pilot, "ö")
    await pilot.press(*"Anna", "tab", *"dotter")
    await add_row(pilot, "m")
    await pilot.press(*"Hem")
    return form


async def test_a_new_activity_gets_what_is_typed_right_after_f5(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await plan_with_rows(pilot, world)
        form.query_one("#ext-1-name").focus()  # a participant's name has the focus
        await pilot.pause()
        before = filled(form)
        await all_typed(pilot, type_fast(pilot, "f5", "a", *"FAST2"))
        assert filled(form) == {**before, "goal-1-act-1-text": "FAST2"}  # nowhere else
        assert pilot.app.focused is form.query_one("#goal-1-act-1-text")


async def test_every_kind_of_new_row_gets_what_is_typed_right_after(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await plan_with_rows(pilot, world)
        for kind, field, then in (
            ("m", "goal-2-goal", "goal-2-strengths"),
            ("ö", "ext-2-name", "ext-2-relation"),
            ("a", "goal-2-act-1-text", None),  # Tab goes on to a unit list: no more text
        ):
            before = filled(form)
            rest = ("tab", *"och nästa") if then else ()
            await all_typed(pilot, type_fast(pilot, "f5", kind, *"Ny rad", *rest))
            added = {k: v for k, v in filled(form).items() if before.get(k) != v}
            # Tab went on from the new field: the rest in the field after it, whole.
            assert added == ({field: "Ny rad", then: "och nästa"} if then else {field: "Ny rad"})
            assert all(before[k] == filled(form)[k] for k in before)


async def test_a_row_removed_and_typing_on(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await plan_with_rows(pilot, world)
        await add_row(pilot, "ö")
        await pilot.press(*"Bo")
        # Removes Bo's row; the focus goes to Anna's (which, as every field the focus moves
        # to, has its text selected: Eva replaces it).
        await all_typed(pilot, type_fast(pilot, "ctrl+r", *"Eva"))
        assert filled(form).get("ext-1-name") == "Eva"
        assert "ext-2-name" not in filled(form)


async def test_the_answer_dialog_gets_what_is_typed_right_after_a(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        type_fast(pilot, "a", *"Sara kommer", "enter")
        await until(
            pilot,
            lambda: (
                world.open_case(as_user(KARIN.user, HSV), case_id).participants[HSV].state
                is Answer.ACCEPTED
            ),
        )
        case = world.open_case(as_user(KARIN.user, HSV), case_id)
        assert case.participants[HSV].comment == "Sara kommer"


async def test_the_forward_dialog_gets_what_is_typed_right_after_w(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        type_fast(pilot, "w", *"bistånd")
        await until(pilot, lambda: isinstance(pilot.app.screen, ForwardDialog))
        dialog = pilot.app.screen
        await until(pilot, lambda: [each.value for each in dialog.query(UnitSearch)] == ["bistånd"])


async def test_the_void_reason_gets_what_is_typed_after_the_choice(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        type_fast(pilot, "x", "enter", *"Fel person")  # Makulera, the first part, a reason
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        dialog = pilot.app.screen
        await until(pilot, lambda: filled(dialog).get("text") == "Fel person")


async def test_utskrivningsklar_gets_what_is_typed_right_after_f7(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.CALL)
        form.query_one("#place").focus()
        await pilot.pause()
        type_fast(pilot, "f7", "ctrl+u", *"2026-11-22 14:00", "enter", *"Aula")
        await until(
            pilot,
            lambda: (
                world.open_case(as_user(AHMED.user, HC), case_id).discharge_ready_at is not None
            ),
        )
        # What came after the dialog closed is back in the field that had the focus.
        await until(pilot, lambda: form.query_one("#place", Input).value == "Aula")


async def test_a_confirmation_and_then_the_form_get_what_is_typed(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await plan_with_rows(pilot, world)
        type_fast(pilot, "escape", "n", *" och trädgård")  # unsaved: asks; n stays
        await until(pilot, lambda: filled(form).get("goal-1-goal") == "Hem och trädgård")
        assert pilot.app.screen is form


async def test_ny_plan_confirmed_right_after_ctrl_n(world: Store) -> None:
    case_id = locked_plan_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await open_part(pilot, Part.PLAN)
        type_fast(pilot, "ctrl+n", "j")
        await until(pilot, lambda: world.open_case(as_user(AHMED.user, HC), case_id).cycle == 2)


async def test_the_follow_up_gets_what_is_typed_right_after_f5_aktivera(world: Store) -> None:
    case_id = locked_plan_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.FOLLOW_UP)
        type_fast(pilot, "f5", *"Klart")  # Aktivera: the write, then a row per activity
        await until(pilot, lambda: bool(form.query("#comment-1")))
        comment = form.query_one("#comment-1", TextArea)
        await until(pilot, lambda: comment.text == "Klart")
        assert pilot.app.focused is comment
