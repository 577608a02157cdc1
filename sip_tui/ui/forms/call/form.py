"""Kallelse: the case's calls (this and earlier plans, voided ones marked) and, when the
coordinator may send one, a new call to the planning or evaluation meeting.

Skicka (F5) first asks the domain on a copy of the case (so a refusal appears under its
field without a round trip), then shows the domain's warnings (the mapping can no longer
be locked in time) and asks "skicka ändå?", then sends. Makulera (F8) voids a call with a
reason and a confirmation; a new call can then be sent. Utskrivningsklar (F7) registers
when the individual is ready for discharge, which starts the 3-day call deadline.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from sip_tui.domain import calls
from sip_tui.domain.clock import parse_moment
from sip_tui.domain.commands import SendCall, SetDischargeReady, VoidCall
from sip_tui.domain.errors import DomainError, InvalidInput
from sip_tui.domain.model import CallKind, Case
from sip_tui.domain.texts import short_moment
from sip_tui.ui.dialogs.answer import AnswerDialog, AnswerRequest
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.dialogs.void import VoidFlow, VoidTarget, void_targets
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.forms.call.fields import NewCall, TypedCall
from sip_tui.ui.forms.call.listing import (
    call_details,
    call_heading,
    calls_newest_first,
    discharge_line,
)
from sip_tui.ui.runtime.context import CaseContext

DAY = timedelta(days=1)


class CallForm(FormScreen):
    heading = "Kallelse"
    BINDINGS = [
        Binding(
            "f5", "send", "Skicka", id="call.send", tooltip="Skicka kallelsen (varningar först)"
        ),
        Binding(
            "f7",
            "discharge_ready",
            "Utskrivningsklar",
            id="call.discharge_ready",
            tooltip="Ange när individen är utskrivningsklar",
        ),
        Binding(
            "f8",
            "void",
            "Makulera kallelse",
            id="call.void",
            tooltip="Makulera den markerade kallelsen (med skäl)",
        ),
    ]

    def __init__(self, context: CaseContext, meeting_at: datetime | None = None) -> None:
        """``meeting_at``: a meeting already agreed (the downtime journal), filled in."""
        super().__init__(context)
        self.agreed_meeting = meeting_at

    # --- what may be done now ---------------------------------------------------------------

    def refusal(self, kind: CallKind) -> DomainError | None:
        """Why the coordinator may not send a call of ``kind`` now (None: may send).

        The domain checks who and when before it looks at the input, so a refusal of the
        (empty) input means the call itself would be allowed."""
        probe = SendCall(self.context.case.id, kind, meeting_at=self.context.now() + DAY)
        refusal = self.context.verdict(probe)
        return None if isinstance(refusal, InvalidInput) else refusal

    def sendable(self) -> CallKind | None:
        return next((kind for kind in CallKind if self.refusal(kind) is None), None)

    def may_mark_discharge_ready(self) -> bool:
        return self.context.allowed(SetDischargeReady(self.context.case.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return bool(self.query(NewCall))
        if action == "discharge_ready":
            return self.may_mark_discharge_ready()
        if action == "void":
            return bool(void_targets(self.context, VoidCall))
        return True

    # --- layout -----------------------------------------------------------------------------

    def compose_form(self) -> ComposeResult:
        kind = self.sendable()
        if kind is not None:
            yield NewCall(self.context.case, kind, self.agreed_meeting)
        yield Vertical(*self.call_widgets(self.context.case), id="calls")

    @staticmethod
    def call_widgets(case: Case) -> list[Static]:
        shown = calls_newest_first(case)
        if not shown:
            return [Static("Ingen kallelse är skickad i ärendet.", markup=False)]
        widgets = [Static("Skickade kallelser", classes="section")]
        for call in shown:
            widgets.append(Static(call_heading(call)))
            voided = " voided" if call.voided is not None else ""
            widgets.append(Static(call_details(case, call), classes="details" + voided))
        return widgets

    def show_state(self) -> None:
        case = self.context.case
        lines = []
        ready = discharge_line(case, self.context.store.calendar)
        if ready:
            lines.append(ready)
        if self.query(NewCall):
            lines.append("Fyll i kallelsen och skicka den med F5.")
        else:
            plan = case.current_plan()
            natural = (
                CallKind.EVALUATION if plan is not None and plan.is_locked else CallKind.PLANNING
            )
            refusal = self.refusal(natural)
            if refusal is not None:
                lines.append(f"Ny kallelse kan inte skickas nu: {refusal}")
        self.set_state("\n".join(lines))

    async def rebuild(self, case: Case, keep: bool = True) -> None:
        """After a write: the calls, the state, the keys; a new-call section when allowed
        (the one on screen, with what was typed, is kept when ``keep`` and still right)."""
        kind = self.sendable()
        current = self.query(NewCall)
        section = current.first() if current else None
        body = self.query_one("#form-body")
        if section is not None and (not keep or section.kind is not kind):
            await section.remove()
            section = None
        fresh = not keep
        if section is None and kind is not None:
            await body.mount(NewCall(case, kind), before=0)
            self.query_one("#meeting-form").focus()
            fresh = True
        if fresh:  # what is on screen now is what the store holds: nothing unsaved
            self.call_after_refresh(self.mark_saved)
        calls_box = self.query_one("#calls", Vertical)
        await calls_box.remove_children()
        await calls_box.mount_all(self.call_widgets(case))
        self.show_state()
        self.refresh_bindings()

    def refreshed(self, case: Case, keep: bool = True) -> None:
        """After a write: rebuild (mounting and removing is awaited, so the keys and the
        state line see the form as it now is)."""
        self.call_later(self.rebuild, case, keep)

    def refreshed_fresh(self, case: Case) -> None:
        self.refreshed(case, keep=False)

    # --- Skicka -----------------------------------------------------------------------------

    def show_problem(self, message: str, field_name: str | None = None) -> None:
        super().show_problem(message, field_name)
        inputs = {
            "meeting_form": "#meeting-form",
            "meeting_at": "#meeting-date",
            "recipients": "#called-0",
        }
        if field_name in inputs and self.query(inputs[field_name]):
            self.query_one(inputs[field_name]).focus()

    def action_send(self) -> None:
        sections = self.query(NewCall)
        if not sections:
            return
        typed = sections.first().typed()
        self.clear_problems()
        if typed.meeting_at is None:
            self.show_problem(typed.problem, "meeting_at")
            self.query_one(f"#{typed.problem_in}", Input).focus()
            return
        context, command = self.context, self.command(typed)
        now, calendar = context.now(), context.store.calendar
        refusal = context.refusal(command)
        if refusal is not None:
            field_name = refusal.field if isinstance(refusal, InvalidInput) else None
            self.show_problem(str(refusal), field_name)
            return
        warnings = calls.call_warnings(context.case, typed.meeting_at, now, calendar, typed.kind)
        if not warnings:
            self.send_call(command)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.send_call(command)

        self.app.push_screen(
            ConfirmScreen(
                "Varning",
                "\n".join(warnings) + "\n\nSkicka kallelsen ändå?",
                yes="Skicka ändå",
                no="Avbryt",
            ),
            answered,
        )

    def command(self, typed: TypedCall) -> SendCall:
        return SendCall(
            self.context.case.id,
            kind=typed.kind,
            meeting_form=typed.meeting_form,
            place=typed.place,
            meeting_at=typed.meeting_at,
            recipients=typed.recipients,
            others=typed.others,
        )

    def send_call(self, command: SendCall) -> None:
        def sent(case: Case) -> None:
            assert command.meeting_at is not None
            self.notify(
                f"Kallelsen till {command.kind.label} {short_moment(command.meeting_at)} är "
                f"skickad till {len(command.recipients)} enhet(er)."
            )
            self.refreshed_fresh(case)

        self.send(command, then=sent)

    # --- Makulera, Utskrivningsklar ---------------------------------------------------------

    def action_void(self) -> None:
        def voided(target: VoidTarget, case: Case) -> None:
            self.notify(f"{target.what[:1].upper()}{target.what[1:]} är makulerad.")
            self.refreshed(case)

        VoidFlow(self, void_targets(self.context, VoidCall), voided).start(always_choose=False)

    def action_discharge_ready(self, text: str = "", problem: str = "") -> None:
        now = self.context.store.clock.now()
        request = AnswerRequest(
            "Utskrivningsklar",
            "När blev den enskilde utskrivningsklar? (ÅÅÅÅ-MM-DD TT:MM)\n"
            "Kallelsen till planeringsmötet ska då skickas inom 3 dagar.",
            required=True,
            text=text or f"{now:%Y-%m-%d %H:%M}",
            problem=problem,
            missing="Ange datum och tid (ÅÅÅÅ-MM-DD TT:MM).",
        )

        def answered(typed: str | None) -> None:
            if typed is None:
                return
            try:
                ready_at = parse_moment(typed)
            except ValueError:
                self.action_discharge_ready(typed, "Skriv tiden som ÅÅÅÅ-MM-DD TT:MM.")
                return
            self.mark_discharge_ready(typed, ready_at)

        self.app.push_screen(AnswerDialog(request), answered)

    def mark_discharge_ready(self, typed: str, ready_at: datetime) -> None:
        def registered(case: Case) -> None:
            self.notify(f"Utskrivningsklar {short_moment(ready_at)} är registrerat.")
            self.refreshed(case)

        self.send(
            SetDischargeReady(self.context.case.id, ready_at),
            then=registered,
            refused=lambda refusal: self.action_discharge_ready(typed, refusal.message),
        )
