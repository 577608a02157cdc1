"""Ny anteckning: one note of the downtime journal (seed 002's form for later registration):
when, the writer's signature, given or received, whom we spoke to and at which unit, the
individual, the checklist step (seed 004), the meeting agreed for a call, the information,
and who registers it afterwards (seed 003; follows given/received until changed). Kept in
the local store: it works with no shared store. A refusal appears under its field and
nothing typed is lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, RadioSet, Select, Static, TextArea

from sip_tui.domain.clock import parse_moment
from sip_tui.domain.contacts import Contact, match_unit
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.journal import (
    Direction,
    JournalDraft,
    JournalEntry,
    Registrar,
    Step,
    check_entry,
    default_registrar,
    registrar_reason,
)
from sip_tui.domain.texts import short_moment
from sip_tui.local import journal
from sip_tui.ui.dialogs.simple import LoseChangesScreen
from sip_tui.ui.downtime.place import Desk
from sip_tui.ui.forms.base import VALUE_WIDGETS, Field, field, widget_value
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible
from sip_tui.ui.widgets.toggles import Choice

STEPS = list(Step)
DIRECTIONS = [Direction.GIVEN, Direction.RECEIVED]
REGISTRARS = [Registrar.OUR_UNIT, Registrar.OTHER_UNIT]
MOMENT_FORMAT = "Skriv tidpunkten som ÅÅÅÅ-MM-DD TT:MM, t.ex. 2026-11-23 11:55."


def signed_by(note: JournalEntry) -> str:
    """The signature, with the login unless the signature already names it."""
    if f"({note.login})" in note.signature:
        return note.signature
    return f"{note.signature} ({note.login})"


def entry_text(note: JournalEntry) -> str:
    """A note as plain text (the desk's Enter; the reconciliation's detail)."""
    lines = [
        f"{short_moment(note.at)}, signerad {signed_by(note)}",
        f"{note.direction.label} information, {note.step.label.lower()}",
        f"Talade med: {note.person}, {note.unit_name}",
        f"Den enskilde: {note.formatted_personnummer} {note.individual_name}",
    ]
    if note.meeting_at is not None:
        lines.append(f"Överenskommen mötestid: {short_moment(note.meeting_at)}")
    lines.append(f"Registreras i efterhand av: {note.registrar.label.lower()}")
    if note.done_at is not None:
        lines.append(f"Registrerad: {short_moment(note.done_at)} av {note.done_by}")
    return visible("\n".join(lines) + "\n\n" + note.information, newlines=True)


class JournalEntryScreen(Screen[JournalEntry | None]):
    BINDINGS = [
        Binding(
            "f2,ctrl+s",
            "save",
            "Spara",
            id="journal.save",
            tooltip="Spara anteckningen på den här datorn",
        ),
        Binding(
            "escape",
            "leave",
            "Tillbaka",
            id="journal.back",
            tooltip="Tillbaka utan att spara (frågar om något är skrivet)",
        ),
        Binding("q", "leave", "Tillbaka", show=False, id="journal.back_q", tooltip="Som Esc"),
    ]

    def __init__(
        self, desk: Desk, contacts: Sequence[Contact] = (), unit: Contact | None = None
    ) -> None:
        super().__init__()
        self.desk, self.contacts, self.unit = desk, list(contacts), unit
        self._saved_values: list[Any] | None = None
        self.proposed = Registrar.OUR_UNIT  # what given/received proposes
        self.registrar_chosen = False  # the writer chose who registers: it stays

    def compose(self) -> ComposeResult:
        yield Static("Ny anteckning – driftstopp", id="entry-title", markup=False)
        yield Static("", id="entry-problem", markup=False)
        with VerticalScroll(id="entry-body"):
            now = f"{self.desk.now():%Y-%m-%d %H:%M}"
            yield field("Tidpunkt", Input(now, id="at", compact=True), "at", "ÅÅÅÅ-MM-DD TT:MM")
            yield field(
                "Signatur", Input(self.desk.name, id="signature", compact=True), "signature"
            )
            yield field(
                "Informationen var",
                _radios("direction", ["Lämnad: vi meddelade", "Mottagen: vi blev meddelade"]),
                "direction",
            )
            yield field("Person vi talade med", Input(id="person", compact=True), "person")
            unit = self.unit.name if self.unit is not None else ""
            yield field(
                "Enhet",
                Input(unit, id="unit_name", compact=True),
                "unit_name",
                "namn eller kod ur telefonlistan",
            )
            yield field(
                "Den enskildes personnummer",
                Input(placeholder="ÅÅÅÅMMDD-NNNN", id="personnummer", compact=True),
                "personnummer",
            )
            yield field(
                "Den enskildes namn", Input(id="individual_name", compact=True), "individual_name"
            )
            yield field("Steg i checklistan", _radios("step", [s.label for s in STEPS]), "step")
            yield field(
                "Överenskommen mötestid",
                Input(placeholder="ÅÅÅÅ-MM-DD TT:MM", id="meeting_at", compact=True),
                "meeting_at",
                "för en kallelse",
            )
            yield field(
                "Information som lämnades eller mottogs",
                TextArea(id="information", soft_wrap=True, compact=True),
                "information",
            )
            registrar = Select(
                [(r.label, r) for r in REGISTRARS],
                allow_blank=False,
                value=Registrar.OUR_UNIT,
                id="registrar",
                compact=True,
            )
            yield field("Registreras i efterhand av", registrar, "registrar")
            yield Static("", id="registrar-reason", classes="note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#person", Input).focus()
        self._show_reason()
        self.call_after_refresh(self._mark_saved)

    # --- the choices ---------------------------------------------------------------------------

    def _chosen(self, widget_id: str) -> int:
        return max(self.query_one(f"#{widget_id}", RadioSet).pressed_index, 0)

    @property
    def step(self) -> Step:
        return STEPS[self._chosen("step")]

    @property
    def direction(self) -> Direction:
        return DIRECTIONS[self._chosen("direction")]

    @property
    def registrar(self) -> Registrar:
        chosen = self.query_one("#registrar", Select).value
        return chosen if isinstance(chosen, Registrar) else Registrar.OUR_UNIT

    @on(RadioSet.Changed, "#direction")
    def _direction_changed(self) -> None:
        """Who registers follows given/received until the writer chose it themselves."""
        if not self.registrar_chosen:
            self.proposed = default_registrar(self.step, self.direction)
            self.query_one("#registrar", Select).value = self.proposed
        self._show_reason()

    @on(Select.Changed, "#registrar")
    def _registrar_changed(self, event: Select.Changed) -> None:
        if event.value != self.proposed:
            self.registrar_chosen = True

    @on(RadioSet.Changed, "#step")
    def _step_changed(self) -> None:
        self._show_reason()

    def _show_reason(self) -> None:
        self.query_one("#registrar-reason", Static).update(registrar_reason(self.step))

    # --- saving --------------------------------------------------------------------------------

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def draft(self) -> JournalDraft:
        """What is typed; an :class:`InvalidInput` for a moment that does not parse."""
        try:
            at = parse_moment(self._text("at"))
        except ValueError:
            raise InvalidInput(MOMENT_FORMAT, "at") from None
        meeting_at = None
        if self._text("meeting_at").strip():
            try:
                meeting_at = parse_moment(self._text("meeting_at"))
            except ValueError:
                raise InvalidInput(MOMENT_FORMAT, "meeting_at") from None
        typed_unit = self._text("unit_name")
        known = match_unit(self.contacts, typed_unit)
        return JournalDraft(
            at=at,
            login=self.desk.login,
            signature=self._text("signature"),
            direction=self.direction,
            person=self._text("person"),
            unit_name=known.name if known is not None else typed_unit,
            information=self.query_one("#information", TextArea).text,
            personnummer=self._text("personnummer"),
            individual_name=self._text("individual_name"),
            step=self.step,
            registrar=self.registrar,
            unit_code=known.code if known is not None else "",
            meeting_at=meeting_at,
            unit=self.desk.unit,
        )

    def action_save(self) -> None:
        self._clear_problems()
        try:
            note = check_entry(self.draft(), self.desk.now())
        except InvalidInput as refusal:
            self._show_problem(str(refusal), refusal.field)
            return
        try:
            stored = journal.add(self.desk.key, note)
        except sqlite3.Error as error:
            self._show_problem(f"Anteckningen kunde inte sparas på den här datorn: {error}.")
            return
        self.dismiss(stored)

    def _clear_problems(self) -> None:
        for each in self.query(Field):
            each.show_error("")
        self.query_one("#entry-problem", Static).remove_class("shown")

    def _show_problem(self, message: str, field_name: str | None = None) -> None:
        target = next((f for f in self.query(Field) if f.field_name == field_name), None)
        if target is None:
            problem = self.query_one("#entry-problem", Static)
            problem.update(visible(message))
            problem.add_class("shown")
            return
        target.show_error(message)
        target.widget.focus()
        body = self.query_one("#entry-body", VerticalScroll)
        self.call_after_refresh(body.scroll_to_widget, target)

    # --- leaving -------------------------------------------------------------------------------

    def _values(self) -> list[Any]:
        return [(w.id, widget_value(w)) for w in self.query(VALUE_WIDGETS)]

    def _mark_saved(self) -> None:
        self._saved_values = self._values()

    def action_leave(self) -> None:
        if self._saved_values is None or self._values() == self._saved_values:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            LoseChangesScreen(
                "Osparad anteckning",
                "Anteckningen är inte sparad. Lämna och förlora det du skrivit?",
                yes="Lämna",
                no="Stanna kvar",
            ),
            answered,
        )


def _radios(widget_id: str, labels: Sequence[str]) -> Widget:
    return RadioSet(
        *(Choice(label, index == 0) for index, label in enumerate(labels)),
        id=widget_id,
        compact=True,
    )
