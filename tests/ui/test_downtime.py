"""The downtime desk (issue 13): a note written with no store at all, the phone list
searched as typed (from the store, else the local copy with its time), F9 from the app,
and the reconciliation opening the prefilled form and marking the note done."""

from __future__ import annotations

from dataclasses import replace

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet, Select, Static, TextArea

from sip_tui.domain.clock import Clock
from sip_tui.domain.contacts import Contact
from sip_tui.domain.journal import (
    Direction,
    JournalDraft,
    JournalEntry,
    Registrar,
    Step,
    check_entry,
)
from sip_tui.domain.session import Session
from sip_tui.local import contacts, journal
from sip_tui.store.service.api import Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.downtime.desk import DowntimeDesk
from sip_tui.ui.downtime.entry import JournalEntryScreen
from sip_tui.ui.downtime.place import Desk, key_of
from sip_tui.ui.downtime.reconcile import ReconcileScreen
from sip_tui.ui.downtime_app import DowntimeApp
from sip_tui.ui.forms.call.form import CallForm
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.widgets.toggles import Choice
from sip_tui.ui.widgets.unit_picker import UnitPicker
from tests.domain.world import AHMED, BIST, HC, HSV, KARIN, at
from tests.ui.cases import accepted_case
from tests.ui.conftest import NOW
from tests.ui.forms import app_as, field_error
from tests.ui.helpers import Outage, loaded, until

KEY = "offline-store"
PHONES = [
    Contact(HC, "Ålidhems HC", "Ålidhem", "090-785 00 00", "090-785 12 34"),
    Contact(HSV, "Hemsjukvården Umeå centrum", "HSV centrum", "090-16 10 00", ""),
    Contact(BIST, "Biståndshandläggning Umeå", "Bistånd", "090-16 00 00", ""),
]


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def rows(pilot: Pilot[None], selector: str) -> int:
    return pilot.app.screen.query_one(selector, DataTable).row_count


async def on_screen(pilot: Pilot[None], kind: type) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await pilot.pause()


def note(session: Session, **change: object) -> JournalEntry:
    """A checked note written by the session's user on its unit."""
    draft = JournalDraft(
        at=at("2026-11-23 07:55"),
        login=session.user,
        signature=session.name,
        direction=Direction.GIVEN,
        person="Karin Lund",
        unit_name="Hemsjukvården Umeå centrum",
        information="Initiativ till SIP per telefon; samtycke finns.",
        personnummer="19121212-1212",
        individual_name="Tolvan Tolvansson",
        step=Step.INITIATIVE,
        registrar=Registrar.OUR_UNIT,
        unit_code=HSV,
        unit=session.unit,
    )
    return check_entry(replace(draft, **change), NOW)  # type: ignore[arg-type]


async def test_a_note_is_written_with_no_store_at_all() -> None:
    contacts.save(KEY, PHONES, at("2026-11-23 07:50"))
    app = DowntimeApp(Desk(KEY, "karin", "Karin Lund", Clock.frozen(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, DowntimeDesk)
        await until(pilot, lambda: rows(pilot, "#phones") == 3)
        assert text(pilot, "#phone-source") == "Sparad telefonlista från mån 23 nov 07:50."
        await pilot.press(*"umeå hem")  # the search field has the focus: type to search
        await until(pilot, lambda: rows(pilot, "#phones") == 1)
        await pilot.press("f2")  # the unit found comes along
        await on_screen(pilot, JournalEntryScreen)
        form = pilot.app.screen
        assert form.query_one("#unit_name", Input).value == "Hemsjukvården Umeå centrum"
        assert form.query_one("#signature", Input).value == "Karin Lund"
        await pilot.press(*"Sara Holm")  # the person spoken to has the focus
        form.query_one("#information", TextArea).load_text("Kallelse till SIP 30/11 kl 10.")
        form.query_one("#step", RadioSet).query(Choice)[1].value = True
        await pilot.press("f2")  # no individual yet: refused under the field, nothing lost
        await until(pilot, lambda: field_error(form, "personnummer") != "")  # type: ignore[arg-type]
        assert "personnummer" in field_error(form, "personnummer").casefold()  # type: ignore[arg-type]
        assert form.query_one("#person", Input).value == "Sara Holm"
        form.query_one("#personnummer", Input).value = "19121212-1212"
        form.query_one("#individual_name", Input).value = "Tolvan Tolvansson"
        form.query_one("#meeting_at", Input).value = "2026-11-30 10:00"
        await pilot.press("f2")
        await on_screen(pilot, DowntimeDesk)
        await until(pilot, lambda: rows(pilot, "#journal") == 1)
        assert "1 att registrera" in text(pilot, "#journal-heading")
    (kept,) = journal.entries(KEY)
    assert (kept.person, kept.unit_code, kept.login, kept.unit) == ("Sara Holm", HSV, "karin", "")
    assert (kept.step, kept.registrar, kept.meeting_at) == (
        Step.CALL_PLANNING,
        Registrar.OUR_UNIT,
        at("2026-11-30 10:00"),
    )


async def test_who_registers_follows_given_or_received_until_changed() -> None:
    app = DowntimeApp(Desk(KEY, "karin", "Karin Lund", Clock.frozen(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, DowntimeDesk)
        assert text(pilot, "#phone-source") == "Ingen sparad telefonlista finns på den här datorn."
        await pilot.press("f2")
        await on_screen(pilot, JournalEntryScreen)
        form = pilot.app.screen
        direction = form.query_one("#direction", RadioSet)
        registrar = form.query_one("#registrar", Select)
        assert registrar.value is Registrar.OUR_UNIT  # given: our unit registers
        direction.query(Choice)[1].value = True  # received
        await until(pilot, lambda: registrar.value is Registrar.OTHER_UNIT)
        registrar.value = Registrar.OUR_UNIT  # agreed otherwise on the phone
        direction.query(Choice)[0].value = True
        await pilot.pause()
        direction.query(Choice)[1].value = True
        await until(pilot, lambda: direction.pressed_index == 1)
        await pilot.pause()
        assert registrar.value is Registrar.OUR_UNIT  # the writer's choice stays
        await pilot.press("escape")  # something was chosen: it asks first
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))


async def test_f9_shows_the_stores_phone_list_and_keeps_a_copy(world: Store) -> None:
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f9")
        await on_screen(pilot, DowntimeDesk)
        await until(pilot, lambda: rows(pilot, "#phones") == 5)
        assert text(pilot, "#phone-source").startswith("Telefonlistan från databasen, hämtad")
        await pilot.press(*"alid")
        await until(pilot, lambda: rows(pilot, "#phones") == 1)
        assert "f3 Efterregistrera" not in str(pilot.app.screen.query_one("KeyFooter"))
        await pilot.press("escape")
        await loaded(pilot)
    assert {c.code for c in contacts.cached(key_of(world)).contacts} == {
        HC,
        HSV,
        BIST,
        "umea-psyk-opv",
        "nus-avd-10",
    }


async def test_when_the_store_is_down_the_desk_shows_the_copy_and_its_time(world: Store) -> None:
    contacts.save(key_of(world), PHONES, at("2026-11-20 16:10"))
    outage = Outage(world, "phone_list")
    outage.down = True
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f9")
        await on_screen(pilot, DowntimeDesk)
        await until(pilot, lambda: rows(pilot, "#phones") == 3)
        assert text(pilot, "#phone-source") == (
            "Databasen nås inte: sparad telefonlista från fre 20 nov 16:10."
        )


async def test_reconciling_an_initiative_opens_the_new_case_form_filled_in(world: Store) -> None:
    session = Session(AHMED.user, AHMED.name, HC, "Ålidhems HC", AHMED.roles)
    stored = journal.add(key_of(world), note(session))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f9")
        await on_screen(pilot, DowntimeDesk)
        await pilot.press("f3")
        await on_screen(pilot, ReconcileScreen)
        assert rows(pilot, "#waiting") == 1
        assert "Skapa ärendet" in text(pilot, "#reconcile-detail")
        await pilot.press("enter")
        await on_screen(pilot, InitiativeForm)
        form = pilot.app.screen
        assert form.query_one("#personnummer", Input).value == "19121212-1212"
        assert form.query_one("#name", Input).value == "Tolvan Tolvansson"
        assert form.query_one("#reason", TextArea).text == stored.information
        assert HSV in form.query_one("#recipients", UnitPicker).chosen
        await pilot.press("f2")  # Spara: the case is created
        await until(pilot, lambda: form.created is not None)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await on_screen(pilot, ConfirmScreen)  # is the note registered now?
        await pilot.press("j")
        await on_screen(pilot, ReconcileScreen)
        await until(pilot, lambda: rows(pilot, "#waiting") == 0)
    (done,) = journal.entries(key_of(world))
    assert (done.done_by, done.done_at) == (AHMED.user, NOW)


async def test_reconciling_a_call_opens_its_case_call_form_with_the_meeting(world: Store) -> None:
    case_id = accepted_case(world)  # Elsa, coordinated by Ålidhems HC
    session = Session(AHMED.user, AHMED.name, HC, "Ålidhems HC", AHMED.roles)
    journal.add(
        key_of(world),
        note(
            session,
            step=Step.CALL_PLANNING,
            personnummer="19450612-1237",
            individual_name="Elsa Andersson",
            meeting_at=at("2026-11-30 10:00"),
        ),
    )
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f9")
        await on_screen(pilot, DowntimeDesk)
        await pilot.press("f3")
        await on_screen(pilot, ReconcileScreen)
        await pilot.press("enter")
        await on_screen(pilot, CallForm)
        form = pilot.app.screen
        assert form.context.case.id == case_id  # type: ignore[attr-defined]
        assert form.query_one("#meeting-date", Input).value == "2026-11-30"
        assert form.query_one("#meeting-time", Input).value == "10:00"
        await pilot.press("escape")  # nothing sent: no question
        await on_screen(pilot, ReconcileScreen)
        await pilot.press("d")  # marked done by key
        await until(pilot, lambda: rows(pilot, "#waiting") == 0)
        await pilot.press("escape")
        await on_screen(pilot, DowntimeDesk)
        table = pilot.app.screen.query_one("#journal", DataTable)
        assert str(table.get_row_at(0)[-1]) == "klar ahmed"
    (done,) = journal.entries(key_of(world))
    assert done.done_by == AHMED.user


async def test_what_the_other_unit_registers_opens_the_case_to_acknowledge(world: Store) -> None:
    case_id = accepted_case(world)
    session = Session(KARIN.user, KARIN.name, HSV, "Hemsjukvården Umeå centrum", KARIN.roles)
    journal.add(
        key_of(world),
        note(
            session,
            direction=Direction.RECEIVED,
            registrar=Registrar.OTHER_UNIT,
            step=Step.CALL_PLANNING,
            person="Ahmed Nilsson",
            unit_name="Ålidhems HC",
            unit_code=HC,
            personnummer="19450612-1237",
            individual_name="Elsa Andersson",
        ),
    )
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f9")
        await on_screen(pilot, DowntimeDesk)
        await pilot.press("f3")
        await on_screen(pilot, ReconcileScreen)
        assert "Ålidhems HC registrerar" in text(pilot, "#reconcile-detail")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.case is not None,
        )
        assert pilot.app.screen.case_id == case_id  # type: ignore[attr-defined]
        await pilot.press("escape")
        await on_screen(pilot, ConfirmScreen)
        await pilot.press("n")  # not yet: the note stays
        await on_screen(pilot, ReconcileScreen)
        assert rows(pilot, "#waiting") == 1


async def test_the_trial_store_down_at_1155_note_written_store_back_registered(
    world: Store,
) -> None:
    """Issue 13's trial: the store stops, the desk shows the copy, a note is written; the
    store comes back, the note is registered from the reconciliation."""
    world.clock = Clock.frozen(at("2026-11-23 11:55"))
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: contacts.cached(key_of(world)).read_at is not None)
        outage = Outage(world, "phone_list")
        outage.down = True
        await pilot.press("f9")
        await on_screen(pilot, DowntimeDesk)
        await until(pilot, lambda: "Databasen nås inte" in text(pilot, "#phone-source"))
        assert rows(pilot, "#phones") == 5  # the copy kept when the app started
        await pilot.press(*"hem", "f2")
        await on_screen(pilot, JournalEntryScreen)
        form = pilot.app.screen
        await pilot.press(*"Karin Lund")
        form.query_one("#personnummer", Input).value = "19121212-1212"
        form.query_one("#individual_name", Input).value = "Tolvan Tolvansson"
        form.query_one("#information", TextArea).load_text("Initiativ; samtycke finns.")
        await pilot.press("f2")
        await on_screen(pilot, DowntimeDesk)
        outage.down = False  # the store is back (the app's StoreBack refreshes the desk)
        desk = pilot.app.screen
        desk.refresh_phones()  # type: ignore[attr-defined]
        await until(pilot, lambda: text(pilot, "#phone-source").startswith("Telefonlistan"))
        await pilot.press("f3")
        await on_screen(pilot, ReconcileScreen)
        await pilot.press("enter")
        await on_screen(pilot, InitiativeForm)
        assert pilot.app.screen.query_one("#recipients", UnitPicker).chosen[:1] == [HSV]
        await pilot.press("f2")
        await until(pilot, lambda: pilot.app.screen.created is not None)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await on_screen(pilot, ConfirmScreen)
        await pilot.press("j")
        await on_screen(pilot, ReconcileScreen)
        await until(pilot, lambda: rows(pilot, "#waiting") == 0)
