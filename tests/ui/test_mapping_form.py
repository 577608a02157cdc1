"""Kartläggning (SBAR) by keyboard: Spara takes the edit lock, others see who holds it and
cannot write, Signera releases it, Lås closes it; a conflict keeps the typed text."""

from __future__ import annotations

from sip_tui.domain.commands import AcceptInitiative, SaveMapping, Sign
from sip_tui.domain.documents import DocumentKind, MappingText
from sip_tui.domain.model import Phase, Status
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import ConfirmScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, SARA
from tests.store.seed import sent_case
from tests.ui.forms import app_as, footer_keys, open_case, open_part, problem, state
from tests.ui.helpers import until


def accepted_case(store: Store) -> int:
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    return case_id


async def test_save_sign_and_lock(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        assert "inte påbörjad" in state(form)
        assert footer_keys(pilot) >= {"Spara", "Tillbaka"}
        await pilot.press(*"Elsa ska skrivas ut")
        await pilot.press("f2")
        await until(
            pilot, lambda: world.open_case(as_user(AHMED.user, HC), case_id).mapping is not None
        )
        mapping = world.open_case(as_user(AHMED.user, HC), case_id).mapping
        assert mapping is not None
        assert mapping.situation == "Elsa ska skrivas ut"
        await until(pilot, lambda: "redigeras av Ahmed Nilsson" in state(form))
        assert "Signera" in footer_keys(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: "redigeras av" not in state(form))
        await pilot.press("f4", "j")  # Lås asks first
        await until(pilot, lambda: "LÅST" in state(form))
        assert "Spara" not in footer_keys(pilot)
        assert "låst" in state(form)  # and why nothing can be changed
        await pilot.press("escape")  # nothing unsaved: straight back, the case reloads
        case_screen = pilot.app.screen
        assert isinstance(case_screen, CaseScreen)
    statuses = world.overview_for(HC)[0].statuses
    assert statuses[Phase.KAR] is Status.DONE


async def test_someone_elses_edit_lock_is_shown_and_refused(world: Store) -> None:
    case_id = accepted_case(world)
    world.execute(
        as_user(AHMED.user, HC), SaveMapping(case_id, MappingText(situation="Ahmeds text"), None)
    )
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        assert "redigeras av Ahmed Nilsson (Ålidhems HC)" in state(form)
        assert "Du kan inte ändra nu: Kartläggningen redigeras av Ahmed Nilsson" in state(form)
        assert "Spara" not in footer_keys(pilot)
        await pilot.press("f2")  # not offered: nothing happens, nothing is written
        assert world.open_case(as_user(SARA.user, HSV), case_id).mapping.version == 1  # type: ignore[union-attr]


async def test_a_conflict_keeps_the_typed_text(world: Store) -> None:
    case_id = accepted_case(world)
    world.execute(
        as_user(AHMED.user, HC), SaveMapping(case_id, MappingText(situation="Första"), None)
    )
    world.execute(as_user(AHMED.user, HC), Sign(case_id, DocumentKind.MAPPING))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        # Meanwhile Sara saves and signs her version.
        world.execute(
            as_user(SARA.user, HSV), SaveMapping(case_id, MappingText(situation="Saras text"), 1)
        )
        world.execute(as_user(SARA.user, HSV), Sign(case_id, DocumentKind.MAPPING))
        await pilot.press("end", *" och Ahmeds tillägg", "f2")
        await until(pilot, lambda: "har ändrats av Sara Holm" in problem(form))
        assert "Din text finns kvar" in problem(form)
        await until(pilot, lambda: bool(form.query("#conflict")))
        assert "Saras text" in str(form.query_one("#conflict").render())
        assert form.query_one("#situation").text == "Första och Ahmeds tillägg"  # type: ignore[attr-defined]
        await pilot.press("f2")  # saving again, after seeing hers, writes his
        await until(
            pilot,
            lambda: (
                world.open_case(as_user(AHMED.user, HC), case_id).mapping.situation  # type: ignore[union-attr]
                == "Första och Ahmeds tillägg"
            ),
        )


async def test_leaving_with_unsaved_changes_asks_first(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        await pilot.press(*"Osparat")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("n")  # stay
        await until(pilot, lambda: pilot.app.screen is form)
        assert form.query_one("#situation").text == "Osparat"  # type: ignore[attr-defined]
        await pilot.press("escape", "j")  # leave
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    assert world.open_case(as_user(AHMED.user, HC), case_id).mapping is None


async def test_someone_elses_change_is_told_and_ours_is_not(world: Store) -> None:
    case_id = accepted_case(world)
    world.execute(
        as_user(AHMED.user, HC), SaveMapping(case_id, MappingText(situation="Ahmeds text"), None)
    )
    async with app_as(world, SARA).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        outdated = form.query_one("#form-outdated")
        assert not outdated.has_class("shown")
        world.execute(
            as_user(AHMED.user, HC), Sign(case_id, DocumentKind.MAPPING)
        )  # elsewhere, meanwhile
        await until(pilot, lambda: outdated.has_class("shown"))
        assert "Någon annan har ändrat i ärendet" in str(outdated.render())
        await pilot.press("escape")  # read it again: now Sara may write
        await open_part(pilot, Part.MAPPING)
        form = pilot.app.screen
        assert "Spara" in footer_keys(pilot)
        await pilot.press("end", *" och Saras", "f2")
        await until(pilot, lambda: "redigeras av Sara Holm" in state(form))
        assert not form.query_one("#form-outdated").has_class("shown")  # our own change
        # The change feed has shown the form our own write, and it was not taken for another's.
        await until(pilot, lambda: form.seen_stamp == world.case_stamp(case_id))  # type: ignore[attr-defined]
        assert not form.query_one("#form-outdated").has_class("shown")
