"""Informationsmeddelanden: the case's messages (who sent what, who has read it) and a new
one to units of the case, optionally bringing in a unit that was not part of it (Lägg till
enhet). Skicka (F5) sends; the recipients mark it read on the case screen (m)."""

from __future__ import annotations

from typing import Any, Self

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Static, TextArea

from sip_tui.domain.commands import SendMessage
from sip_tui.domain.errors import DomainError, InvalidInput
from sip_tui.domain.model import Case, InfoMessage
from sip_tui.domain.texts import short_moment
from sip_tui.ui.forms.base import VALUE_WIDGETS, FormScreen, field, widget_value
from sip_tui.ui.runtime.messages import UnitsLoaded
from sip_tui.ui.runtime.workers import read_units
from sip_tui.ui.widgets.literal import literal, visible
from sip_tui.ui.widgets.toggles import Tick
from sip_tui.ui.widgets.unit_picker import PickableUnit, UnitPicker


def describe(case: Case, message: InfoMessage) -> str:
    """Plain text: when, from whom, the text, and who has read it."""
    read = [
        f"{case.unit_name(unit)} {short_moment(at)}" for unit, at in message.read_at.items() if at
    ]
    unread = [case.unit_name(unit) for unit, at in message.read_at.items() if at is None]
    lines = [
        f"{short_moment(message.sent_at)} · {case.unit_name(message.sender_unit)} "
        f"({case.user_name(message.sender)})",
        message.text,
    ]
    if read:
        lines.append("Läst av: " + ", ".join(read))
    if unread:
        lines.append("Inte läst av: " + ", ".join(unread))
    return "\n".join(lines)


class UnitChecks(Vertical):
    """One checkbox per other unit of the case (the unit's code is the checkbox's name)."""

    def __init__(self, case: Case, leave_out: str) -> None:
        super().__init__(id="recipients")
        self.case, self.leave_out = case, leave_out

    def boxes(self) -> list[Widget]:
        case = self.case
        units = [u for u in case.participants if case.has_access(u) and u != self.leave_out]
        if not units:
            return [Static("Inga andra enheter i ärendet; lägg till en nedan.", markup=False)]
        return [Tick(literal(case.unit_name(unit)), name=unit, compact=True) for unit in units]

    def compose(self) -> ComposeResult:
        yield from self.boxes()

    async def show_case(self, case: Case) -> None:
        self.case = case
        await self.remove_children()
        await self.mount_all(self.boxes())

    @property
    def chosen(self) -> list[str]:
        return [box.name for box in self.query(Checkbox) if box.value and box.name]

    def focus(self, scroll_visible: bool = True) -> Self:
        boxes = self.query(Checkbox)
        if boxes:
            boxes.first().focus(scroll_visible)
        return self


class MessageForm(FormScreen):
    BINDINGS = [
        Binding(
            "f5",
            "send",
            "Skicka",
            id="message.send",
            tooltip="Skicka meddelandet till de valda enheterna",
        )
    ]
    heading = "Informationsmeddelanden"

    # --- layout -----------------------------------------------------------------------------

    def compose_form(self) -> ComposeResult:
        yield Vertical(id="messages")
        if self.refusal() is not None:
            return
        yield Static("Nytt meddelande", classes="section")
        yield field("Meddelande", TextArea(id="text", soft_wrap=True, compact=True), "text")
        yield field(
            "Till enheter i ärendet", UnitChecks(self.context.case, self.context.unit), "recipients"
        )
        yield field(
            "Lägg till enhet",
            UnitPicker(leave_out=self.present(), none_chosen="Ingen ny enhet.", id="add-units"),
            "add_units",
            "en enhet som inte är med i ärendet",
        )

    def present(self) -> set[str]:
        case = self.context.case
        return {unit for unit in case.participants if case.has_access(unit)}

    def on_mount(self) -> None:
        super().on_mount()
        self.show_messages()
        if self.refusal() is None:
            self.query_one("#text", TextArea).focus()
            self.load_units()

    def show_messages(self) -> None:
        case = self.context.case
        box = self.query_one("#messages", Vertical)
        box.remove_children()
        shown = case.active_messages()
        box.mount_all(
            [
                Static(visible(describe(case, m), newlines=True), classes="message", markup=False)
                for m in shown
            ]
            or [Static("Inga meddelanden ännu.", id="no-messages", markup=False)]
        )

    def show_state(self) -> None:
        refusal = self.refusal()
        count = len(self.context.case.active_messages())
        text = f"{count} meddelande(n) i ärendet."
        if refusal is not None:
            text += f"\nDu kan inte skicka meddelanden: {refusal}"
        self.set_state(text)

    @work(thread=True, group="units")
    def load_units(self) -> None:
        read_units(self, self.context.store)

    def on_units_loaded(self, message: UnitsLoaded) -> None:
        units = message.units
        self.query_one(UnitPicker).set_units(
            PickableUnit(code, info.name, info.short_name) for code, info in units.items()
        )

    # --- what may be done -------------------------------------------------------------------

    def refusal(self) -> DomainError | None:
        """Why this user may not send a message in this case (None: may). Asked of the
        domain with an empty message: refused only for the text means allowed."""
        refusal = self.context.verdict(SendMessage(self.context.case.id))
        return None if isinstance(refusal, InvalidInput) else refusal

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return bool(self.query("#text")) and self.refusal() is None
        return True

    def values(self) -> list[Any]:
        """What was typed and chosen (the unit search field is not part of the message)."""
        typed = [
            (w.id or w.name, widget_value(w))
            for w in self.query(VALUE_WIDGETS)
            if w.id is not None or w.name is not None
        ]
        return typed + [(p.id, p.chosen) for p in self.query(UnitPicker)]

    # --- Skicka -----------------------------------------------------------------------------

    def action_send(self) -> None:
        if self.refusal() is not None:
            return
        command = SendMessage(
            self.context.case.id,
            text=self.query_one("#text", TextArea).text,
            recipients=self.query_one(UnitChecks).chosen,
            add_units=self.query_one(UnitPicker).chosen,
        )
        self.send(command, then=self.sent)

    def sent(self, case: Case) -> None:
        self.notify("Meddelandet är skickat.")
        self.refreshed(case)

    def refreshed(self, case: Case) -> None:
        """After sending: the new list, a blank message, the new units as checkboxes."""
        self.show_messages()
        self.show_state()
        self.query_one("#text", TextArea).text = ""
        picker = self.query_one(UnitPicker)
        picker.clear_units()
        picker.set_leave_out(self.present())
        self.run_worker(self._new_checks(case), group="checks")

    async def _new_checks(self, case: Case) -> None:
        await self.query_one(UnitChecks).show_case(case)
        self.mark_saved()
        self.query_one("#text", TextArea).focus()
