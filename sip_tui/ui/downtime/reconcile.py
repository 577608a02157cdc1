"""Efterregistrering: the journal's notes still to register once the store is back (seed
002: *"När PRATOR åter är i drift"*). Enter opens what registers the highlighted note,
filled in where it can be — our initiative the new-case form, our call the case's
Kallelse with the agreed meeting, the other unit's registration the individual's case to
acknowledge it — and asks afterwards whether the note is done; `d` marks it done (who and
when are kept)."""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sip_tui.domain.errors import DomainError
from sip_tui.domain.journal import JournalEntry, Target, open_entries, target_of, what_to_do
from sip_tui.domain.model import Case
from sip_tui.domain.session import Session
from sip_tui.domain.texts import short_moment
from sip_tui.local import journal
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.downtime.entry import entry_text
from sip_tui.ui.downtime.place import Desk
from sip_tui.ui.downtime.prefill import choose_case, initiative_form
from sip_tui.ui.forms.call.form import CallForm
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible

UNREACHABLE = "Kunde inte nå databasen: {trouble}. Anteckningen finns kvar; försök igen."
INTRO = (
    "Det som antecknades under driftstoppet och ska in i sip-tui. Enter öppnar formuläret, "
    "ifyllt från anteckningen; d markerar anteckningen som registrerad."
)


class CaseFound(Message):
    """(From the worker.) The case a note belongs to, or why there is none."""

    def __init__(
        self, note: JournalEntry, case_id: int | None, case: Case | None, problem: str = ""
    ) -> None:
        super().__init__()
        self.note, self.case_id, self.case, self.problem = note, case_id, case, problem


class WaitingList(DataTable[Text | str]):
    """The notes to register; Enter opens what registers the highlighted one."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Registrera",
            id="reconcile.open",
            tooltip="Öppna formuläret som registrerar anteckningen, ifyllt",
        )
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.row_count > 0 if action == "select_cursor" else True


class ReconcileScreen(Screen[None]):
    BINDINGS = [
        Binding(
            "d",
            "done",
            "Klar",
            id="reconcile.done",
            tooltip="Markera anteckningen som registrerad (ditt namn och tiden sparas)",
        ),
        Binding(
            "escape",
            "back",
            "Tillbaka",
            id="reconcile.back",
            tooltip="Tillbaka till driftstoppsbordet",
        ),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        assert desk.store is not None
        assert desk.session is not None
        self.desk = desk
        self.store: Store = desk.store
        self.session: Session = desk.session
        self.notes: list[JournalEntry] = []  # every note of the unit
        self.waiting: list[JournalEntry] = []  # those to register, oldest first
        self.busy = False  # a case is being looked up
        self.pending: JournalEntry | None = None  # the note whose case screen is open

    def compose(self) -> ComposeResult:
        title = f"Efterregistrering · {self.session.unit_name}"
        yield Static(visible(title), id="reconcile-title", markup=False)
        yield Static(INTRO, id="reconcile-intro", markup=False)
        yield WaitingList(id="waiting", cursor_type="row")
        yield Static("", id="reconcile-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#waiting", DataTable)
        for label, width in (("Tid", 16), ("Steg", 24), ("Enskild", 18), ("Registreras av", 16)):
            table.add_column(label, width=width)
        self.show()
        table.focus()

    def show(self) -> None:
        try:
            self.notes = journal.entries(self.desk.key, self.session.unit)
        except sqlite3.Error as error:
            self.notify(f"Den lokala journalen kunde inte läsas ({error}).", severity="error")
            self.notes = []
        self.waiting = open_entries(self.notes)
        table = self.query_one("#waiting", DataTable)
        row = table.cursor_row
        table.clear()
        for note in self.waiting:
            table.add_row(
                short_moment(note.at),
                note.step.label,
                literal(note.individual_name),
                note.registrar.label,
                key=str(note.id),
            )
        if self.waiting:
            table.move_cursor(row=min(row, len(self.waiting) - 1))
        self.show_detail()
        self.refresh_bindings()

    def current(self) -> JournalEntry | None:
        if not self.waiting:
            return None
        row = self.query_one("#waiting", DataTable).cursor_row
        return self.waiting[min(max(row, 0), len(self.waiting) - 1)]

    def show_detail(self) -> None:
        note = self.current()
        detail = self.query_one("#reconcile-detail", Static)
        if note is None:
            detail.update("Inget kvar att registrera.")
        else:
            detail.update(visible(what_to_do(note)) + "\n" + entry_text(note))

    @on(DataTable.RowHighlighted, "#waiting")
    def _moved(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected, "#waiting")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_current()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done":
            return bool(self.waiting)
        return True

    # --- registering ---------------------------------------------------------------------------

    def open_current(self) -> None:
        note = self.current()
        if note is None or self.busy:
            return
        if target_of(note) is Target.NEW_CASE:
            form = initiative_form(self.store, self.session, note, self.notes)
            self.app.push_screen(form, lambda wrote: self.ask_done(note) if wrote else None)
            return
        self.busy = True
        self.find_case(note)

    @work(thread=True, group="find-case", exclusive=True)
    def find_case(self, note: JournalEntry) -> None:
        store, session, target = self.store, self.session, target_of(note)
        try:
            cases = store.open_cases_of(session, note.personnummer)
            chosen = choose_case(cases, note, target, session.unit)
            if chosen is None:
                post(self, CaseFound(note, None, None))
                return
            case = store.open_case(session, chosen.case_id) if target is Target.CALL else None
        except StoreError as trouble:
            post(self, CaseFound(note, None, None, UNREACHABLE.format(trouble=trouble)))
            return
        except DomainError as refusal:
            post(self, CaseFound(note, None, None, str(refusal)))
            return
        post(self, CaseFound(note, chosen.case_id, case))

    def on_case_found(self, message: CaseFound) -> None:
        self.busy = False
        note = message.note
        if message.problem:
            self.notify(message.problem, severity="error")
            return
        if message.case_id is None:
            self.notify(self.no_case_text(note), severity="warning", timeout=10)
            return
        if message.case is not None:
            form = CallForm(CaseContext(self.store, self.session, message.case), note.meeting_at)
            self.app.push_screen(form, lambda wrote: self.ask_done(note) if wrote else None)
            return
        self.pending = note  # asked about when the case screen is left (it pops itself)
        self.app.push_screen(CaseScreen(self.store, self.session, message.case_id))

    def on_screen_resume(self) -> None:
        note, self.pending = self.pending, None
        if note is not None:
            self.ask_done(note)

    def no_case_text(self, note: JournalEntry) -> str:
        who = f"{note.individual_name} ({note.formatted_personnummer})"
        if target_of(note) is Target.CALL:
            return (
                f"{who} har inget öppet ärende som er enhet deltar i. Skapa ärendet med "
                "initiativ först, eller be den samordnande enheten."
            )
        return (
            f"{who} har inget ärende hos er enhet än: {note.unit_name} registrerar det i "
            "efterhand. Kvittera när det kommit."
        )

    def ask_done(self, note: JournalEntry) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.mark(note)

        question = (
            f"Är anteckningen från {short_moment(note.at)} om {note.individual_name} "
            "registrerad nu? Den markeras då som klar."
        )
        self.app.push_screen(ConfirmScreen("Klar?", visible(question)), answered)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        note = self.current()
        if note is not None:
            self.mark(note)

    def mark(self, note: JournalEntry) -> None:
        try:
            done = journal.mark_done(self.desk.key, note.id, self.desk.login, self.desk.now())
        except DomainError as refusal:
            self.notify(str(refusal), severity="warning")
        except (KeyError, sqlite3.Error):
            self.notify("Anteckningen finns inte längre i den lokala journalen.", severity="error")
        else:
            assert done.done_at is not None
            self.notify(
                visible(
                    f"Anteckningen om {note.individual_name} är markerad som registrerad "
                    f"av {done.done_by} {short_moment(done.done_at)}."
                )
            )
        self.show()
