"""Driftstopp: the downtime desk (seed 002). The phone list — every unit's switchboard and
direct number, searched as you type — read from the store when it answers (and kept as
the local copy), else the local copy with the time it was read; the journal of what was
said on the phone (F2 writes a note), kept locally, so the desk works with no store at
all; F3 opens the reconciliation once the store is back."""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from sip_tui.domain.contacts import Contact, search
from sip_tui.domain.journal import JournalEntry, Step, open_entries
from sip_tui.domain.texts import short_moment
from sip_tui.local import contacts as phone_cache
from sip_tui.local import journal
from sip_tui.store.errors import StoreError
from sip_tui.ui.dialogs.simple import TextScreen
from sip_tui.ui.downtime.entry import JournalEntryScreen, entry_text
from sip_tui.ui.downtime.place import Desk, refresh_phone_list
from sip_tui.ui.downtime.reconcile import ReconcileScreen
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible

STEP_SHORT = {
    Step.INITIATIVE: "Initiativ",
    Step.CALL_PLANNING: "Kallelse SIP",
    Step.CALL_FOLLOW_UP: "Kall. uppf.",
    Step.CALL_EVALUATION: "Kall. utv.",
}
LOCAL_TROUBLE = "Den lokala journalen kunde inte läsas ({error}); kontakta support."


class PhoneListRead(Message):
    """(From the worker.) The phone list, from the store (``live``) or the local copy."""

    def __init__(self, phones: phone_cache.PhoneList, live: bool, problem: str = "") -> None:
        super().__init__()
        self.phones, self.live, self.problem = phones, live, problem


class NoteList(DataTable[Text | str]):
    """The journal; Enter shows the whole note."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Visa",
            id="downtime.show",
            tooltip="Visa hela anteckningen",
        )
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.row_count > 0 if action == "select_cursor" else True


class DowntimeDesk(Screen[None]):
    BINDINGS = [
        Binding(
            "f2",
            "new_entry",
            "Ny anteckning",
            id="downtime.new",
            tooltip="Anteckna ett samtal för efterregistrering",
        ),
        Binding(
            "f3",
            "reconcile",
            "Efterregistrera",
            id="downtime.reconcile",
            tooltip="Registrera anteckningarna i sip-tui när databasen nås igen",
        ),
        Binding(
            "escape",
            "back",
            "Tillbaka",
            id="downtime.back",
            tooltip="Tillbaka till skärmen du kom från",
        ),
    ]

    def __init__(self, desk: Desk, can_leave: bool = True) -> None:
        super().__init__()
        self.desk, self.can_leave = desk, can_leave
        self.phones = phone_cache.PhoneList()
        self.phones_live = False
        self.notes: list[JournalEntry] = []

    def compose(self) -> ComposeResult:
        where = self.desk.session.unit_name if self.desk.session is not None else self.desk.name
        yield Static(visible(f"Driftstopp · {where}"), id="desk-title", markup=False)
        yield Static("Hämtar telefonlistan …", id="phone-source", markup=False)
        yield Input(placeholder="Sök enhet: skriv namn eller kod", id="phone-search", compact=True)
        phones: DataTable[Text | str] = DataTable(
            id="phones", cursor_type="row", zebra_stripes=True
        )
        yield phones
        yield Static("", id="journal-heading", markup=False)
        yield NoteList(id="journal", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        phones = self.query_one("#phones", DataTable)
        phones.add_column("Enhet", width=40, key="name")
        phones.add_column("Växel", width=16, key="switchboard")
        phones.add_column("Direktnummer", width=16, key="direct")
        notes = self.query_one("#journal", DataTable)
        for label, width in (("Tid", 16), ("Steg", 12), ("Talade med", 17), ("Enskild", 13)):
            notes.add_column(label, width=width)
        notes.add_column("Status", width=10)
        self.show_journal()
        self.refresh_phones()
        self.query_one("#phone-search", Input).focus()

    # --- the phone list -----------------------------------------------------------------------

    def refresh_phones(self) -> None:
        """Read the phone list again: from the store if there is one, else the local copy."""
        self._read_phones()

    def on_store_back(self, message: Message) -> None:
        """The store answers again (the runtime's ``StoreBack``): the list from it."""
        self.refresh_phones()

    @work(thread=True, group="phone-list", exclusive=True)
    def _read_phones(self) -> None:
        store, key = self.desk.store, self.desk.key
        if store is not None:
            try:
                post(self, PhoneListRead(refresh_phone_list(store, key), live=True))
                return
            except StoreError as trouble:
                problem = str(trouble)
            except sqlite3.Error as trouble:  # the store answered; the local copy failed
                post(self, PhoneListRead(phone_cache.PhoneList(), True, str(trouble)))
                return
        else:
            problem = ""
        try:
            post(self, PhoneListRead(phone_cache.cached(key), live=False, problem=problem))
        except sqlite3.Error as trouble:
            post(self, PhoneListRead(phone_cache.PhoneList(), False, str(trouble)))

    def on_phone_list_read(self, message: PhoneListRead) -> None:
        self.phones, self.phones_live = message.phones, message.live
        self.query_one("#phone-source", Static).update(visible(self.source_text(message)))
        self.show_phones()

    def source_text(self, message: PhoneListRead) -> str:
        read_at = message.phones.read_at
        if message.live:
            if message.problem:
                return (
                    f"Telefonlistan från databasen (kunde inte sparas lokalt: {message.problem})."
                )
            assert read_at is not None
            return f"Telefonlistan från databasen, hämtad {short_moment(read_at)}."
        if read_at is None:
            text = "ingen sparad telefonlista finns på den här datorn."
        else:
            text = f"sparad telefonlista från {short_moment(read_at)}."
        if self.desk.store is not None:
            return "Databasen nås inte: " + text
        return text[0].upper() + text[1:]

    def shown_phones(self) -> list[Contact]:
        return search(self.phones.contacts, self.query_one("#phone-search", Input).value)

    def show_phones(self) -> None:
        table = self.query_one("#phones", DataTable)
        table.clear()
        for contact in self.shown_phones():
            table.add_row(
                literal(contact.name),
                literal(contact.switchboard or "–"),
                literal(contact.direct_phone or "–"),
                key=contact.code,
            )

    @on(Input.Changed, "#phone-search")
    def _searched(self) -> None:
        self.show_phones()

    @on(Input.Submitted, "#phone-search")
    def _to_the_list(self) -> None:
        self.query_one("#phones", DataTable).focus()

    def highlighted_unit(self) -> Contact | None:
        """The unit under the phone list's cursor once the user searched or moved there."""
        table = self.query_one("#phones", DataTable)
        searched = bool(self.query_one("#phone-search", Input).value.strip())
        shown = self.shown_phones()
        if not shown or not (searched or table.has_focus):
            return None
        return shown[min(table.cursor_row, len(shown) - 1)]

    # --- the journal ---------------------------------------------------------------------------

    def show_journal(self) -> None:
        unit = self.desk.unit if self.desk.session is not None else None
        try:
            self.notes = journal.entries(self.desk.key, unit)
        except sqlite3.Error as error:
            self.notify(LOCAL_TROUBLE.format(error=error), severity="error")
            self.notes = []
        table = self.query_one("#journal", DataTable)
        table.clear()
        for note in self.notes:
            status = literal(f"klar {note.done_by}") if note.is_done else "kvar"
            table.add_row(
                short_moment(note.at),
                STEP_SHORT[note.step],
                literal(f"{note.person}, {note.unit_name}"),
                literal(note.individual_name),
                status,
                key=str(note.id),
            )
        waiting = len(open_entries(self.notes))
        count = len(self.notes)
        noun = "anteckning" if count == 1 else "anteckningar"
        heading = f"Journal för efterregistrering: {count} {noun}"
        if waiting:
            heading += f", {waiting} att registrera"
        self.query_one("#journal-heading", Static).update(heading + ".")

    def on_screen_resume(self) -> None:
        """Back from the reconciliation (or anything else): the notes as they now are."""
        if self.is_mounted:
            self.show_journal()

    @on(DataTable.RowSelected, "#journal")
    def _show_note(self, event: DataTable.RowSelected) -> None:
        chosen = next((n for n in self.notes if str(n.id) == event.row_key.value), None)
        if chosen is not None:
            self.app.push_screen(TextScreen("Anteckning", entry_text(chosen)))

    # --- keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reconcile":
            return self.desk.store is not None and self.desk.session is not None
        if action == "back":
            return self.can_leave
        return True

    def action_new_entry(self) -> None:
        def written(note: JournalEntry | None) -> None:
            if note is not None:
                self.show_journal()
                self.notify("Anteckningen är sparad på den här datorn.")

        screen = JournalEntryScreen(self.desk, self.phones.contacts, self.highlighted_unit())
        self.app.push_screen(screen, written)

    def action_reconcile(self) -> None:
        self.app.push_screen(ReconcileScreen(self.desk))

    def action_back(self) -> None:
        if self.can_leave:
            self.dismiss(None)


#: The screens of downtime: F9 on one of them opens no second desk.
DOWNTIME_SCREENS = (DowntimeDesk, JournalEntryScreen, ReconcileScreen)
