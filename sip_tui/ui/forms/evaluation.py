"""Utvärdering: after the follow-up is locked the coordinator documents the evaluation
meeting (when it was held, a summary of how the goals and activities went) and locks it;
then closes the case, or starts a new plan. Spara / Signera / Lås as every document."""

from __future__ import annotations

import re
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static, TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.clock import parse_moment
from sip_tui.domain.commands import CloseCase, Command, NewPlan, SaveEvaluation
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import CallKind, Case, Document, Evaluation
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.forms.base import field
from sip_tui.ui.forms.compact import line
from sip_tui.ui.forms.document import DocumentForm
from sip_tui.ui.forms.follow_up import follow_up_text
from sip_tui.ui.widgets.literal import visible

MOMENT_HINT = "ÅÅÅÅ-MM-DD TT:MM"
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2})")


def parse_meeting(text: str) -> datetime | None:
    """A typed meeting time (blank is None), or :class:`InvalidInput` under the field."""
    typed = text.strip()
    if not typed:
        return None
    match = _MOMENT.fullmatch(typed)
    if match is None:
        raise InvalidInput(
            "Skriv tiden som ÅÅÅÅ-MM-DD TT:MM, t.ex. 2027-01-20 10:00.", "meeting_at"
        )
    day, hour, minute = match.groups()
    try:
        return parse_moment(f"{day} {int(hour):02d}:{minute}")
    except ValueError:
        raise InvalidInput(
            f"Tiden {typed} finns inte; kontrollera datum och klockslag.", "meeting_at"
        ) from None


def meeting_text(case: Case, evaluation: Evaluation | None) -> str:
    """The evaluation's meeting time, else the evaluation call's."""
    call = case.current_call(CallKind.EVALUATION)
    moment = evaluation.meeting_at if evaluation is not None else None
    if moment is None and call is not None:
        moment = call.meeting_at
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else ""


class EvaluationForm(DocumentForm):
    heading = "Utvärdering av plan"
    kind = doc.DocumentKind.EVALUATION
    BINDINGS = [
        Binding(
            "f5",
            "close_case",
            "Avsluta ärendet",
            priority=True,
            id="evaluation.close_case",
            tooltip="Avsluta ärendet efter utvärderingen (frågar först)",
        ),
        Binding(
            "ctrl+n",
            "new_plan",
            "Ny plan",
            priority=True,
            id="evaluation.new_plan",
            tooltip="Arkivera planen och börja en ny (frågar först)",
        ),
    ]

    def compose_form(self) -> ComposeResult:
        case = self.context.case
        follow_up = case.follow_up()
        yield Static("Uppföljningens resultat", classes="section")
        results = follow_up_text(case, follow_up) if follow_up is not None else ""
        yield Static(
            visible(results or "Ingen uppföljning.", newlines=True), id="results", markup=False
        )
        evaluation = self.document
        assert evaluation is None or isinstance(evaluation, Evaluation)
        yield field(
            "Mötestid för utvärderingen",
            line(meeting_text(case, evaluation), "meeting_at", MOMENT_HINT),
            "meeting_at",
        )
        yield field(
            "Sammanfattning av resultatet för målen och aktiviteterna",
            TextArea(evaluation.summary if evaluation else "", id="summary", soft_wrap=True),
            "summary",
        )

    def on_mount(self) -> None:
        super().on_mount()

    # --- saving ---------------------------------------------------------------------------

    def probe_save(self) -> Command:
        return SaveEvaluation(self.context.case.id, "", None, self.base_version)

    def save_command(self) -> Command:
        meeting = parse_meeting(self.query_one("#meeting_at", Input).value)
        summary = self.query_one("#summary", TextArea).text
        return SaveEvaluation(self.context.case.id, summary, meeting, self.base_version)

    def describe(self, document: Document) -> str:
        assert isinstance(document, Evaluation)
        when = document.meeting_at.strftime("%Y-%m-%d %H:%M") if document.meeting_at else "–"
        return f"Mötestid: {when}\n\n{document.summary}"

    # --- closing, or a new plan -----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        case_id = self.context.case.id
        if action == "close_case":
            return self.context.allowed(CloseCase(case_id))
        if action == "new_plan":
            return self.context.allowed(NewPlan(case_id))
        return super().check_action(action, parameters)

    def _confirmed(self, title: str, question: str, yes: str, command: Command, done: str) -> None:
        def finished(_: Case) -> None:
            self.notify(done)
            self.dismiss(True)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.send(command, then=finished)

        self.app.push_screen(ConfirmScreen(title, question, yes=yes, no="Avbryt"), answered)

    def action_close_case(self) -> None:
        self._confirmed(
            "Avsluta ärendet",
            "Avsluta ärendet? Det kan sedan bara läsas; inga delar kan längre ändras.",
            "Avsluta",
            CloseCase(self.context.case.id),
            "Ärendet är avslutat.",
        )

    def action_new_plan(self) -> None:
        self._confirmed(
            "Ny plan",
            "Den låsta planen arkiveras (den kan alltid läsas) och en ny plan startas som en "
            "kopia som kan ändras. Skicka sedan en ny kallelse.",
            "Skapa ny plan",
            NewPlan(self.context.case.id),
            "Ny plan är skapad; den förra är arkiverad.",
        )
