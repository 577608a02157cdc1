"""Nytt ärende and Initiativ by keyboard: the personnummer checked as it is typed, units
picked by search, Spara creates the case, Skicka sends it after a confirmation."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from sip_tui.domain.commands import CreateCase, DeclineInitiative, SendInitiative
from sip_tui.domain.model import Answer, Consent, ConsentBy, Phase, Status
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.case.parts import Part
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.widgets.unit_picker import UnitPicker
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, HC, HSV, KARIN, PSY
from tests.store.seed import sent_case
from tests.ui.forms import (
    app_as,
    field_error,
    focus,
    footer_keys,
    new_case_form,
    open_case,
    open_part,
    pick,
    state,
)
from tests.ui.helpers import loaded, until


def value(form: InitiativeForm, widget_id: str) -> object:
    return getattr(form.query_one(f"#{widget_id}"), "value", None)


async def test_new_case_created_and_sent_by_keyboard(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        assert footer_keys(pilot) >= {"Spara", "Skicka", "Tillbaka"}
        # A wrong check digit is told while typing, under the field.
        await pilot.press(*"19450612-1234")
        await until(
            pilot, lambda: "Kontrollsiffran stämmer inte" in field_error(form, "personnummer")
        )
        await pilot.press("backspace", "7")
        await until(pilot, lambda: field_error(form, "personnummer") == "")
        await pilot.press("tab", *"Elsa Andersson")
        await pilot.press("tab", "space")  # consent given
        await focus(pilot, form, "reason")
        await pilot.press(*"Utskrivning med behov av hemsjukvård")
        await pick(pilot, form, "hemsjuk")
        await pick(pilot, form, "BIST")
        picker = form.query_one("#recipients")
        assert picker.chosen == [HSV, BIST]  # type: ignore[attr-defined]
        await pilot.press("f2")
        await until(pilot, lambda: len(world.overview_for(HC)) == 1)
        await until(pilot, lambda: "Utkast" in state(form))
        case_id = world.overview_for(HC)[0].case_id
        case = world.open_case(as_user(AHMED.user, HC), case_id)
        assert case.individual.personnummer == "194506121237"
        assert case.initiative.recipients == [HSV, BIST]
        assert not case.is_sent
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
    case = world.open_case(as_user(AHMED.user, HC), case_id)
    assert case.is_sent
    assert case.participants[HSV].state is Answer.PENDING
    assert case.participants[BIST].state is Answer.PENDING
    assert world.overview_for(HC)[0].statuses[Phase.INI] is Status.THEIRS
    assert world.overview_for(HSV)[0].statuses[Phase.INI] is Status.OURS


async def test_a_refused_save_keeps_everything_typed(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await pilot.press(*"19450612-123")  # one digit short: not a complaint while typing
        assert field_error(form, "personnummer") == ""
        await pilot.press("tab")  # leaving the field: now it is one
        await until(pilot, lambda: "siffror" in field_error(form, "personnummer"))
        await pilot.press(*"Elsa Andersson")
        await focus(pilot, form, "reason")
        await pilot.press(*"Behov")
        await pick(pilot, form, "hemsjuk")
        await pilot.press("f2")
        await until(pilot, lambda: pilot.app.focused is form.query_one("#personnummer"))
        assert field_error(form, "personnummer") != ""
        assert value(form, "personnummer") == "19450612-123"
        assert value(form, "name") == "Elsa Andersson"
        assert form.query_one("#reason").text == "Behov"  # type: ignore[attr-defined]
        assert form.query_one("#recipients").chosen == [HSV]  # type: ignore[attr-defined]
        assert world.overview_for(HC) == []
        # A bad date under its own field, the personnummer's message still beside its field.
        form.query_one("#consent-obtained-on").value = "20/11"  # type: ignore[attr-defined]
        await focus(pilot, form, "personnummer")
        await pilot.press("end", "7", "f2")
        await until(pilot, lambda: "ÅÅÅÅ-MM-DD" in field_error(form, "consent.obtained_on"))
        assert world.overview_for(HC) == []


async def test_no_consent_no_sending(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await pilot.press(*"194506121237", "tab", *"Elsa Andersson")
        await focus(pilot, form, "reason")
        await pilot.press(*"Behov")
        await pick(pilot, form, "hemsjuk")
        await pilot.press("f5")
        await until(pilot, lambda: "Samtycke krävs" in field_error(form, "consent"))
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert world.overview_for(HC) == []  # asked before anything was written
        # Given by a representative: the representative must be named.
        await focus(pilot, form, "consent-given")
        await pilot.press("space")
        form.query_one("#consent-by").focus()
        await pilot.press("down", "enter")
        await pilot.press("f5")
        await until(
            pilot,
            lambda: "ställföreträdarens namn" in field_error(form, "consent.representative"),
        )
        await focus(pilot, form, "consent-representative")
        await pilot.press(*"Gun Andersson, god man", "f5")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("n")  # not now: nothing was written, the form is as it was
        await until(pilot, lambda: pilot.app.screen is form)
        assert world.overview_for(HC) == []
        assert value(form, "consent-representative") == "Gun Andersson, god man"
        await pilot.press("f5", "j")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
    case = world.open_case(as_user(AHMED.user, HC), world.overview_for(HC)[0].case_id)
    assert case.is_sent
    assert case.initiative.consent.representative == "Gun Andersson, god man"


async def test_a_unit_is_removed_with_delete(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await pick(pilot, form, "hemsjuk")
        await pick(pilot, form, "psyk")
        picker = form.query_one("#recipients")
        assert picker.chosen == [HSV, PSY]  # type: ignore[attr-defined]
        await pilot.press(*"ålidhem")  # our own unit is never offered
        assert not picker.has_suggestions  # type: ignore[attr-defined]
        await pilot.press("ctrl+u", "tab")  # into the chosen units
        assert "Ta bort enhet" in footer_keys(pilot)
        await pilot.press("delete")
        await until(pilot, lambda: picker.chosen == [PSY])  # type: ignore[attr-defined]
        await pilot.press("delete")  # the last one: typing goes on in the search field
        await until(pilot, lambda: picker.chosen == [])  # type: ignore[attr-defined]
        assert pilot.app.focused is form.query_one("#recipients UnitSearch")


async def test_the_draft_is_edited_from_the_case_and_read_only_once_sent(world: Store) -> None:
    case_id = world.execute(
        as_user(AHMED.user, HC),
        CreateCase(
            personnummer="19450612-1237",
            name="Elsa Andersson",
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", date(2026, 11, 20)),
            recipients=[HSV],
        ),
    ).id
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.INITIATIVE)
        assert "Utkast" in state(form)
        assert form.query_one("#personnummer").disabled  # fixed once the case exists
        await pilot.press("end", *" och hemtjänst")
        await pick(pilot, form, "bist")  # type: ignore[arg-type]
        await pilot.press("f2")
        await until(
            pilot,
            lambda: (
                world.open_case(as_user(AHMED.user, HC), case_id).initiative.recipients
                == [HSV, BIST]
            ),
        )
        assert (
            world.open_case(as_user(AHMED.user, HC), case_id).initiative.reason
            == "Behov och hemtjänst"
        )
        await pilot.press("escape")  # saved: no question
        await until(pilot, lambda: not isinstance(pilot.app.screen, InitiativeForm))
    world.execute(as_user(AHMED.user, HC), SendInitiative(case_id))
    world.execute(as_user(KARIN.user, HSV), DeclineInitiative(case_id, "Fel enhet"))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.INITIATIVE)
        assert "Skickat" in state(form)
        answers = str(form.query_one("#answers").render())
        assert "Hemsjukvården Umeå centrum: nekade" in answers
        assert "Fel enhet" in answers
        assert "Biståndshandläggning Umeå: väntar på svar" in answers
        assert "Spara" not in footer_keys(pilot)
        assert "Skicka" not in footer_keys(pilot)
        assert form.query_one("#reason").read_only  # type: ignore[attr-defined]


async def test_only_a_coordinator_is_offered_a_new_case(world: Store) -> None:
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Nytt" not in footer_keys(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverviewScreen)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Nytt" in footer_keys(pilot)


async def test_leaving_a_new_case_with_text_asks_first(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await pilot.press("escape")  # nothing typed: straight back
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
        form = await new_case_form(pilot)
        await pick(pilot, form, "hemsjuk")  # a chosen unit counts as typed
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: pilot.app.screen is form)
        assert form.query_one("#recipients").chosen == [HSV]  # type: ignore[attr-defined]
        await pilot.press("escape", "j")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
    assert world.overview_for(HC) == []


async def test_utskrivningsklar_is_registered_with_the_new_case(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await pilot.press(*"194506121237", "tab", *"Elsa Andersson")
        await focus(pilot, form, "discharge")
        await pilot.press(*"i morgon", "f2")
        await until(pilot, lambda: "ÅÅÅÅ-MM-DD TT:MM" in field_error(form, "discharge"))
        assert world.overview_for(HC) == []
        await pilot.press("ctrl+u", *"2026-11-24 10:00", "f2")
        await until(pilot, lambda: len(world.overview_for(HC)) == 1)
        await until(pilot, lambda: form.query_one("#discharge").disabled)
    case = world.open_case(as_user(AHMED.user, HC), world.overview_for(HC)[0].case_id)
    assert case.discharge_ready_at is not None
    assert case.discharge_ready_at.isoformat() == "2026-11-24T10:00:00+01:00"


async def test_a_second_open_case_for_the_individual_is_asked_about_first(world: Store) -> None:
    """*"Gå in i SIP översikten och skapa ett Nytt ärende."* — when the individual already
    has an open case our unit can see, Spara shows it and asks before creating another;
    Avbryt creates nothing and keeps what was typed, Skapa nytt creates it."""
    ahmed = as_user(AHMED.user, HC)
    consent = Consent(True, ConsentBy.INDIVIDUAL, "Ahmed Nilsson", date(2026, 11, 20))
    first = world.execute(
        ahmed, CreateCase("19450612-1237", "Elsa Andersson", "Behov", consent, [HSV])
    ).id
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        await pilot.press(*"194506121237", "tab", *"Elsa Anderson")
        await focus(pilot, form, "reason")
        await pilot.press(*"Nytt behov")
        await pick(pilot, form, "PSYK")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.question == (
            f"Det finns redan ett öppet ärende för Elsa Andersson (ärende {first}, "
            "samordnat av Ålidhems HC). Skapa ett nytt ändå?"
        )
        await pilot.press("n")
        await until(pilot, lambda: pilot.app.screen is form)
        assert len(world.overview_for(HC)) == 1
        assert value(form, "name") == "Elsa Anderson"
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: len(world.overview_for(HC)) == 2)
        await until(pilot, lambda: "Utkast" in state(form))
        assert value(form, "name") == "Elsa Andersson"  # the registered name
    # One individual, one name: the new case shows the registered one.
    assert {row.individual_name for row in world.overview_for(HC)} == {"Elsa Andersson"}


async def test_recipients_are_proposed_ticked_and_removable(world: Store) -> None:
    """Seed 001: "Prators adressering utgör ett stöd för att hitta rätt mottagare.
    Föreslagna enheter kan ändras manuellt för att rätt enheter ska involveras i SIP
    processen. Ta bort enheter som inte är berörda av SIP." """
    sent_case(world, [HSV])  # Elsa's case at Ålidhems HC with Hemsjukvården
    app = SipApp(
        world,
        AHMED.user,
        AHMED.name,
        world.memberships(AHMED.user),
        unit=HC,
        bell=False,
        partners={HC: [BIST]},  # [addressing] partners in the configuration
    )
    async with app.run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        picker = form.query_one("#recipients", UnitPicker)
        await until(pilot, lambda: picker.chosen == [BIST, HSV])
        note = form.query_one("#proposal-note", Static)
        assert "förvalda mottagare" in str(note.render())
        assert not form.dirty  # a proposal is not the user's unsaved change
        # Elsa's personnummer: Hemsjukvården is in her other case as well.
        await pilot.press(*"19450612-1237", "tab")
        await until(pilot, lambda: "andra ärenden" in str(note.render()))
        # Removed by the user: not proposed again.
        await focus(pilot, form, "recipients")
        await pilot.press("tab", "delete")  # the first chosen unit: Biståndshandläggningen
        await until(pilot, lambda: picker.chosen == [HSV])
        reads = form.proposal_reads
        await focus(pilot, form, "personnummer")
        await pilot.press("tab")  # the proposals are read again ...
        await until(pilot, lambda: form.proposal_reads > reads)
        assert picker.chosen == [HSV]  # ... and the removed one is not among the ticked
