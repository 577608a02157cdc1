"""Kvittera: the dialog for Acceptera (a comment) and Neka (a reason, then a confirmation).

It returns the typed text, or None when cancelled. A refusal from the store re-opens it
with the same text and the message, so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible


@dataclass(frozen=True)
class AnswerRequest:
    title: str  # "Acceptera initiativet"
    prompt: str  # "Kvittenskommentar (t.ex. en dag som passar)"
    required: bool  # Neka: a reason is required
    confirm: str | None = None  # Neka: asked before it is done
    text: str = ""  # what was typed before (after a refusal)
    problem: str = ""  # why the last attempt was refused
    missing: str = "Ange en anledning – den skickas till den som skickade."  # required, empty


class AnswerInput(Input):
    """The text field; its Enter (send, then confirm) is shown in the footer."""

    BINDINGS = [Binding("enter", "submit", "Klar", id="answer.submit", tooltip="Skicka svaret")]


class AnswerDialog(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", id="answer.cancel", tooltip="Stäng utan att svara"),
        HELP,
    ]

    def __init__(self, request: AnswerRequest) -> None:
        super().__init__()
        self.request = request
        self.confirming = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.request.title, classes="title", markup=False)
            yield Static(self.request.prompt, markup=False)
            yield AnswerInput(value=self.request.text, id="text")
            yield Static(visible(self.request.problem), id="problem", markup=False)
            yield Static("", id="confirm", markup=False)
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        problem = self.query_one("#problem", Static)
        if self.request.required and not text:
            problem.update(self.request.missing)
            return
        problem.update("")
        if self.request.confirm and not self.confirming:
            self.confirming = True
            self.query_one("#confirm", Static).update(
                f"{self.request.confirm} Tryck Enter igen för att bekräfta, Esc för att avbryta."
            )
            return
        self.dismiss(text)

    def on_input_changed(self) -> None:
        if self.confirming:  # changed the text: confirm again
            self.confirming = False
            self.query_one("#confirm", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
