"""Vidarebefordra: a misdirected initiative handed on to the right unit, with a comment.

The dialog sends ``ForwardInitiative`` itself and is dismissed with True once the
initiative is forwarded; our unit then has no access to the case any more. The case screen
offers it when the domain would refuse it only for want of a unit (``commands.offered``).
A refusal is shown in the dialog and nothing typed is lost.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from sip_tui.domain.commands import ForwardInitiative
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.session import Session
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import ConfirmScreen, LoseChangesScreen
from sip_tui.ui.runtime.commands import CommandSender
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.runtime.messages import ReadFailed, UnitsLoaded
from sip_tui.ui.runtime.workers import read_units
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible
from sip_tui.ui.widgets.unit_picker import PickableUnit, UnitPicker


class ForwardDialog(CommandSender, ModalScreen[bool]):
    BINDINGS = [
        Binding(
            "f5",
            "forward",
            "Vidarebefordra",
            id="forward.send",
            tooltip="Skicka initiativet till den valda enheten",
        ),
        Binding(
            "escape",
            "cancel",
            "Avbryt",
            id="forward.cancel",
            tooltip="Stäng utan att vidarebefordra",
        ),
        HELP,
    ]

    def __init__(self, context: CaseContext) -> None:
        super().__init__()
        self.context = context
        self.unit_names: dict[str, str] = {}

    def who(self) -> tuple[Store, Session]:
        return self.context.store, self.context.session

    def compose(self) -> ComposeResult:
        case = self.context.case
        present = {unit for unit in case.participants if case.has_access(unit)}
        with VerticalScroll():
            yield Static("Vidarebefordra initiativet", classes="title", markup=False)
            yield Static(
                "Har initiativet kommit till fel enhet? Välj den enhet som ska ha det. "
                "Er enhet förlorar då behörigheten till ärendet.",
                markup=False,
            )
            yield Label("Till enhet")
            yield UnitPicker(single=True, leave_out=present | {self.context.unit}, id="to-unit")
            yield Static("", id="to-unit-error", classes="error", markup=False)
            yield Label("Kommentar (frivillig), t.ex. varför")
            yield Input(id="comment", compact=True)
            yield Static("", id="problem", classes="error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(UnitPicker).focus()
        self.load_units()

    @work(thread=True, group="units")
    def load_units(self) -> None:
        read_units(self, self.context.store)

    def on_units_loaded(self, message: UnitsLoaded) -> None:
        units = message.units
        self.unit_names = {code: info.name for code, info in units.items()}
        self.query_one(UnitPicker).set_units(
            PickableUnit(code, info.name, info.short_name) for code, info in units.items()
        )

    def on_read_failed(self, message: ReadFailed) -> None:
        self.show_problem(message.message)

    # --- problems ---------------------------------------------------------------------------

    def show_problem(self, message: str, field: str | None = None) -> None:
        target = self.query_one("#to-unit-error" if field == "to_unit" else "#problem", Static)
        target.update(visible(message))
        target.add_class("shown")
        if field == "to_unit":
            self.query_one(UnitPicker).focus()

    def clear_problems(self) -> None:
        for each in ("#to-unit-error", "#problem"):
            self.query_one(each, Static).update("")
            self.query_one(each, Static).remove_class("shown")

    # --- Vidarebefordra ---------------------------------------------------------------------

    def action_forward(self) -> None:
        self.clear_problems()
        chosen = self.query_one(UnitPicker).chosen
        to_unit = chosen[0] if chosen else ""
        comment = self.query_one("#comment", Input).value.strip()
        command = ForwardInitiative(self.context.case.id, to_unit, comment)
        refusal = self.context.refusal(command)
        if refusal is not None:
            field = refusal.field if isinstance(refusal, InvalidInput) else None
            self.show_problem(str(refusal), field)
            return
        name = self.unit_names.get(to_unit, to_unit)

        def answered(yes: bool | None) -> None:
            if yes:
                self.send(
                    command,
                    then=lambda _: self.dismiss(True),
                    refused=lambda refusal: self.show_problem(refusal.message, refusal.field),
                )

        self.app.push_screen(
            ConfirmScreen(
                "Vidarebefordra initiativet",
                f"Vidarebefordra initiativet till {name}? Er enhet förlorar då "
                "behörigheten till ärendet.",
                yes="Vidarebefordra",
                no="Avbryt",
            ),
            answered,
        )

    def action_cancel(self) -> None:
        """Escape: straight out when nothing was typed, else ask first."""
        typed = self.query_one(UnitPicker).chosen or self.query_one("#comment", Input).value
        if not typed:
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(
            LoseChangesScreen(
                "Avbryta?",
                "Du har valt en enhet eller skrivit en kommentar. Avbryt utan att vidarebefordra?",
                yes="Avbryt",
                no="Stanna kvar",
            ),
            answered,
        )
