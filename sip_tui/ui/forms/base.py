"""What every phase form shares: labelled fields with their own Swedish error line, writes
in a thread worker that never lose what was typed, and a question before leaving with
unsaved changes.

A subclass composes its fields with :func:`field` inside :meth:`compose_form`, and sends a
command with :meth:`send`. A refusal whose ``field`` names a form field is shown under
that field (and the field gets focus); any other refusal at the top of the form. Nothing
typed is cleared by a refusal; the form only forgets its text when the user leaves it.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, RadioSet, Select, Static, TextArea

from sip_tui.domain.errors import DomainError, EditConflict
from sip_tui.domain.model import Case
from sip_tui.domain.session import Session
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import LoseChangesScreen
from sip_tui.ui.runtime.commands import AnyCommand, CommandSender, OnRefused, Then
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.messages import (
    CaseOutdated,
    CaseRead,
    ReadFailed,
    Refused,
    StoreChanged,
)
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible

OUTDATED = (
    "Någon annan har ändrat i ärendet sedan formuläret öppnades. Esc och Enter visar det "
    "nya; sparar du först finns din text kvar och du ser om den krockar."
)
VALUE_WIDGETS = "Input, TextArea, Checkbox, Select, RadioSet"


class Field(Vertical):
    """A label, the widget, and the line where its error message appears."""

    def __init__(self, label: str, widget: Widget, name: str, hint: str = "") -> None:
        super().__init__(classes="field")
        self.field_name = name
        self.label, self.widget, self.hint = label, widget, hint

    def compose(self) -> ComposeResult:
        yield Label(self.label + (f"  ({self.hint})" if self.hint else ""), markup=False)
        yield self.widget
        yield Static("", classes="error", markup=False)

    def show_error(self, message: str) -> None:
        self.query_one(".error", Static).update(visible(message))
        self.set_class(bool(message), "-invalid")


def field(label: str, widget: Widget, name: str, hint: str = "") -> Field:
    """A form field; ``name`` matches the ``field`` of the domain's :class:`InvalidInput`."""
    return Field(label, widget, name, hint)


def widget_value(widget: Widget) -> Any:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, Select):
        return widget.value
    if isinstance(widget, RadioSet):
        return widget.pressed_index
    return None


class FormScreen(CommandSender, Screen[bool]):
    """A phase form. Dismissed with True when something was written, so the case reloads."""

    BINDINGS = [
        Binding(
            "escape",
            "leave",
            "Tillbaka",
            id="form.back",
            tooltip="Tillbaka till ärendet (frågar om något inte är sparat)",
        ),
        # The app's q (quit) would drop typed text when a select or checkbox has focus.
        Binding(
            "q",
            "leave",
            "Tillbaka",
            show=False,
            id="form.back_q",
            tooltip="Som Esc, utanför textfält",
        ),
    ]
    #: The form's heading, e.g. "Kartläggning (SBAR)".
    heading = ""

    def __init__(self, context: CaseContext) -> None:
        super().__init__()
        self.context = context
        self.wrote = False  # something was written: the case screen reloads
        self._saved_values: list[Any] | None = None
        self._draft_values: list[Any] | None = None  # what a kept local draft holds
        # How many things had happened in the case when the form last read it; None while
        # our own write is on its way (its change must not look like someone else's).
        self.known_stamp: int | None = len(context.case.history)
        self.seen_stamp = self.known_stamp  # what the change feed last showed
        self._after_read: Then = lambda case: None

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        person = self.context.case.individual
        yield Static(visible(f"{self.heading} – {person.name}"), id="form-title", markup=False)
        yield Static("", id="form-state", markup=False)
        yield Static("", id="form-problem", markup=False)
        yield Static(OUTDATED, id="form-outdated", markup=False)
        with VerticalScroll(id="form-body"):
            yield from self.compose_form()
        yield KeyFooter()

    def compose_form(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.call_after_refresh(self.mark_saved)
        self.show_state()
        first = self.query(VALUE_WIDGETS).first() if self.query(VALUE_WIDGETS) else None
        if first is not None and first.focusable:
            first.focus()

    def show_state(self) -> None:
        """Subclasses put the document's state (locked, who edits it) in ``#form-state``."""

    def set_state(self, text: str) -> None:
        self.query_one("#form-state", Static).update(visible(text, newlines=True))

    # --- unsaved changes --------------------------------------------------------------------

    def values(self) -> list[Any]:
        return [(w.id, widget_value(w)) for w in self.query(VALUE_WIDGETS)]

    def mark_saved(self) -> None:
        self._saved_values = self.values()

    @property
    def dirty(self) -> bool:
        return self._saved_values is not None and self.values() != self._saved_values

    def action_leave(self) -> None:
        if self._draft_values is not None and self.values() == self._draft_values:
            # Nothing is lost: it is all in the local draft the store could not take.
            self.notify("Det du skrev finns kvar som utkast på den här datorn (s i översikten).")
            self.dismiss(self.wrote)
            return
        if not self.dirty:
            self.dismiss(self.wrote)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(self.wrote)

        self.app.push_screen(
            LoseChangesScreen(
                "Osparade ändringar",
                "Du har ändringar som inte är sparade. Lämna formuläret och förlora dem?",
                yes="Lämna",
                no="Stanna kvar",
            ),
            answered,
        )

    # --- problems ---------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for each in self.query(Field):
            each.show_error("")
        self.query_one("#form-problem", Static).remove_class("shown")

    def show_problem(self, message: str, field_name: str | None = None) -> None:
        """Under the field ``field_name`` (or the closest one), else at the top."""
        target = self._field_for(field_name) if field_name else None
        if target is not None:
            target.show_error(message)
            target.widget.focus()
            # After the message is laid out, so that the line under the field shows too.
            body = self.query_one("#form-body", VerticalScroll)
            self.call_after_refresh(body.scroll_to_widget, target)
            return
        problem = self.query_one("#form-problem", Static)
        problem.update(visible(message))
        problem.add_class("shown")

    def _field_for(self, name: str) -> Field | None:
        fields = {each.field_name: each for each in self.query(Field)}
        while name:
            if name in fields:
                return fields[name]
            name = name.rpartition(".")[0]
        return None

    # --- writes ----------------------------------------------------------------------------

    def who(self) -> tuple[Store, Session]:
        return self.context.store, self.context.session

    def send(
        self, *commands: AnyCommand, then: Then | None = None, refused: OnRefused | None = None
    ) -> None:
        """Send ``commands`` (one user action) to the store; ``then(case)`` with the new
        case when done. A refusal shows under its field and keeps what was typed."""
        self.clear_problems()
        self.known_stamp = None  # our own change must not look like someone else's
        super().send(*commands, then=then, refused=refused)

    def took(self, case: Case) -> None:
        self.wrote = True
        self._draft_values = None  # saved: a draft of it was settled
        self._took(case)

    def show_refusal(self, message: Refused) -> None:
        self.known_stamp = len(self.context.case.history)
        if message.error is None and self.draft_keeper().last_kept:  # out of reach, kept
            self._draft_values = self.values()
        self.show_problem(message.message, message.field)
        if isinstance(message.error, EditConflict):
            self.conflicted(message.error)

    def conflicted(self, refusal: EditConflict) -> None:
        """Someone else saved under us (document forms keep the text and show theirs)."""

    def _took(self, case: Case) -> None:
        self.context = self.context.with_case(case)
        self.known_stamp = len(case.history)
        self.query_one("#form-outdated", Static).remove_class("shown")

    def reload_case(self, then: Then) -> None:
        """Read the case again (after a conflict: the version someone else saved) and hand
        it to ``then``."""
        self._after_read = then
        self._reload()

    @work(thread=True, group="reload")
    def _reload(self) -> None:
        context = self.context
        try:
            case = context.store.open_case(context.session, context.case.id)
        except DomainError as refusal:
            post(self, ReadFailed(str(refusal)))
            return
        except StoreError as trouble:
            post(self, ReadFailed(f"Kunde inte läsa ärendet: {trouble.swedish}."))
            return
        post(self, CaseRead(case))

    def on_case_read(self, message: CaseRead) -> None:
        message.stop()
        self._took(message.case)
        self._after_read(message.case)

    def on_read_failed(self, message: ReadFailed) -> None:
        message.stop()
        self.show_problem(message.message)

    # --- someone else changes the case --------------------------------------------------------

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.concerns(self.context.unit):
            self._follow()

    @work(thread=True, exclusive=True, group="follow")
    def _follow(self) -> None:
        """Tell the user when someone else changed the case while the form is open; what
        is on screen, typed or not, stays as it is."""
        case_id, known = self.context.case.id, self.known_stamp
        if case_id <= 0 or known is None:
            return
        try:
            self.seen_stamp = self.context.store.case_stamp(case_id, self.context.session.unit)
        except StoreError:  # out of reach: the overview says so; the next change retries
            return
        if self.seen_stamp > known:
            post(self, CaseOutdated())

    def on_case_outdated(self, message: CaseOutdated) -> None:
        self.query_one("#form-outdated", Static).add_class("shown")
