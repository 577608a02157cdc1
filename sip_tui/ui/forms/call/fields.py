"""The fields of a new Kallelse: meeting form, place, date and time, the recipients (each
"kallas" and "måste kvittera") and Övrigt. Reads back what was typed; never writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from sip_tui.domain.calls import proposed_recipients
from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.model import CallKind, Case
from sip_tui.ui.forms.base import field
from sip_tui.ui.forms.call.listing import (
    meeting_moment,
    parse_date,
    parse_time,
)
from sip_tui.ui.widgets.toggles import Tick

MEETING_FORMS = ("Fysiskt möte", "Videomöte", "Telefonmöte")
OTHER = "annan"


@dataclass(frozen=True)
class TypedCall:
    """A new call as typed; ``meeting_at`` is None when the date or time did not parse."""

    kind: CallKind
    meeting_form: str
    place: str
    meeting_at: datetime | None
    recipients: dict[str, bool]
    others: str
    problem: str = ""  # why the date or time did not parse
    problem_in: str = ""  # the input it concerns: "meeting-date" or "meeting-time"


class NewCall(Vertical):
    """The new call's fields, for one kind (the domain allows one kind at a time)."""

    def __init__(self, case: Case, kind: CallKind, meeting_at: datetime | None = None) -> None:
        super().__init__(id="new-call")
        self.case, self.kind, self.meeting_at = case, kind, meeting_at
        self.units = [
            unit
            for unit, participant in case.participants.items()
            if participant.has_access and unit != case.coordinator_unit
        ]

    def compose(self) -> ComposeResult:
        yield Static(f"Ny kallelse till {self.kind.label}", classes="section", markup=False)
        forms = Select(
            [(name, name) for name in MEETING_FORMS] + [("Annan …", OTHER)],
            allow_blank=False,
            value=MEETING_FORMS[0],
            id="meeting-form",
            compact=True,
        )
        other = Input(placeholder="skriv mötesformen", id="meeting-form-other", compact=True)
        yield field("Mötesform", Horizontal(forms, other), "meeting_form")
        yield field("Plats", Input(id="place", compact=True), "place")
        agreed = None if self.meeting_at is None else to_stockholm(self.meeting_at)
        when = Horizontal(
            Input(
                f"{agreed:%Y-%m-%d}" if agreed else "",
                placeholder="ÅÅÅÅ-MM-DD",
                id="meeting-date",
                compact=True,
            ),
            Input(
                f"{agreed:%H:%M}" if agreed else "",
                placeholder="TT:MM",
                id="meeting-time",
                compact=True,
            ),
        )
        yield field("Datum och tid", when, "meeting_at", "ÅÅÅÅ-MM-DD  TT:MM")
        suggested = set(proposed_recipients(self.case, self.kind))  # the domain addresses
        rows = [
            Horizontal(
                Label(self.case.unit_name(unit), markup=False),
                Tick("kallas", unit in suggested, id=f"called-{i}", compact=True),
                Tick("måste kvittera", unit in suggested, id=f"must-{i}", compact=True),
                classes="recipient",
            )
            for i, unit in enumerate(self.units)
        ]
        if not rows:
            rows = [Static("Inga andra enheter deltar i ärendet.", markup=False)]  # type: ignore[list-item]
        yield field("Mottagare", Vertical(*rows, id="recipients"), "recipients")
        yield field(
            "Övrigt",
            TextArea(id="others", soft_wrap=True),
            "others",
            "externa som kallas, t.ex. närstående, skola, Försäkringskassan",
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        other = self.query_one("#meeting-form-other", Input)
        other.set_class(event.value == OTHER, "shown")
        if event.value == OTHER:
            other.focus()

    def typed(self) -> TypedCall:
        form = self.query_one("#meeting-form", Select).value
        meeting_form = (
            self.query_one("#meeting-form-other", Input).value if form == OTHER else str(form)
        )
        recipients = {
            unit: self.query_one(f"#must-{i}", Checkbox).value
            for i, unit in enumerate(self.units)
            if self.query_one(f"#called-{i}", Checkbox).value
        }
        meeting_at, problem, problem_in = None, "", ""
        try:
            day = parse_date(self.query_one("#meeting-date", Input).value)
        except ValueError as error:
            problem, problem_in = str(error), "meeting-date"
        else:
            try:
                meeting_at = meeting_moment(
                    day, parse_time(self.query_one("#meeting-time", Input).value)
                )
            except ValueError as error:
                problem, problem_in = str(error), "meeting-time"
        return TypedCall(
            self.kind,
            meeting_form,
            self.query_one("#place", Input).value,
            meeting_at,
            recipients,
            self.query_one("#others", TextArea).text,
            problem,
            problem_in,
        )
