"""Nytt ärende and Initiativ: the individual, the consent, the reason and the recipient
units. Spara creates the case (then saves the draft); Skicka saves and sends it, after a
confirmation. Once sent, the form only shows it, with the recipients' answers.

The personnummer is checked as it is typed (``parse_personnummer``); every other rule is
the domain's, asked before a write (``rules``/``workflow`` on a copy) and again by the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, RadioSet, Static, TextArea

from sip_tui.domain.addressing import Proposal
from sip_tui.domain.commands import CreateCase, SendInitiative, UpdateInitiative
from sip_tui.domain.errors import DomainError, InvalidInput
from sip_tui.domain.model import Case
from sip_tui.domain.personnummer import parse_personnummer
from sip_tui.domain.roles import COORDINATE_ROLES
from sip_tui.domain.rules import check_role
from sip_tui.domain.session import Session
from sip_tui.domain.texts import short_moment
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.forms.base import VALUE_WIDGETS, Field, FormScreen, widget_value
from sip_tui.ui.forms.initiative.duplicates import OpenCasesFound, find_open_cases, question
from sip_tui.ui.forms.initiative.fields import (
    CREATION_ONLY,
    Typed,
    blank_case,
    compose_fields,
    personnummer_problem,
    read_fields,
    send_refusal,
)
from sip_tui.ui.forms.initiative.proposals import ProposalsRead, proposal_note, read_proposals
from sip_tui.ui.runtime.commands import Then
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.messages import Refused, UnitsLoaded
from sip_tui.ui.runtime.workers import read_units
from sip_tui.ui.widgets.literal import visible
from sip_tui.ui.widgets.unit_picker import PickableUnit, UnitPicker


class InitiativeForm(FormScreen):
    BINDINGS = [
        Binding(
            "f2,ctrl+s",
            "save",
            "Spara",
            id="initiative.save",
            tooltip="Spara initiativet (skickas inte)",
        ),
        Binding(
            "f5",
            "send",
            "Skicka",
            id="initiative.send",
            tooltip="Spara och skicka initiativet till mottagarna",
        ),
    ]
    heading = "Initiativ"

    def __init__(self, context: CaseContext, new: bool = False) -> None:
        super().__init__(context)
        self.is_new = new
        self.created: int | None = None  # the case this form created, once it has
        self.busy = False  # a write is running
        self.proposed: dict[str, Proposal] = {}  # recipients the form proposed
        self.dismissed: set[str] = set()  # proposals the user removed: not proposed again
        self.proposal_reads = 0  # how many proposal reads have come back (shown on screen)
        self.asked_about: str | None = None  # the personnummer "Skapa ett nytt ändå?" was for
        self.pending: Callable[[], None] | None = None  # what to do once that is settled
        self.unit_names: dict[str, str] = dict(context.case.unit_names)

    @classmethod
    def for_new_case(cls, store: Store, session: Session) -> InitiativeForm:
        case = blank_case(session.unit, session.user, store.clock.now())
        return cls(CaseContext(store, session, case), new=True)

    # --- layout -------------------------------------------------------------------------------

    def compose_form(self) -> ComposeResult:
        return compose_fields(self.context, self.is_new)

    def on_mount(self) -> None:
        super().on_mount()
        self.show_title()
        self.set_read_only(not self.editable)
        if self.editable and not self.is_new:
            self.query_one("#reason", TextArea).focus()
        self.load_units()
        if self.is_new and self.editable:
            self.load_proposals(None)

    # --- proposed recipients (a new case) -------------------------------------------------

    @work(thread=True, group="proposals", exclusive=True)
    def load_proposals(self, personnummer: str | None) -> None:
        read_proposals(self, self.context.store, self.context.session, personnummer)

    def on_proposals_read(self, message: ProposalsRead) -> None:
        """Tick the proposals the user has not removed; say why each is proposed. What the
        form proposes is not an unsaved change of the user's."""
        self.proposal_reads += 1
        if not self.is_new or not self.query("#recipients"):
            return
        picker = self.query_one("#recipients", UnitPicker)
        was_dirty = self.dirty
        for proposal in message.proposals:
            if proposal.unit not in self.dismissed:
                self.proposed[proposal.unit] = proposal
                picker.add_unit(proposal.unit)
        self.show_proposals()
        if not was_dirty:
            self.call_after_refresh(self.mark_saved)

    def show_proposals(self) -> None:
        picker = self.query_one("#recipients", UnitPicker)
        shown = [p for code, p in self.proposed.items() if code in picker.chosen]
        note = self.query_one("#proposal-note", Static)
        note.update(visible(proposal_note(shown, picker.name_of)))
        note.display = bool(shown)

    @on(UnitPicker.Changed, "#recipients")
    def _recipients_changed(self) -> None:
        """A proposed unit the user removed is not proposed again."""
        if not self.proposed:
            return
        chosen = self.query_one("#recipients", UnitPicker).chosen
        self.dismissed |= {code for code in self.proposed if code not in chosen}
        self.show_proposals()

    def show_title(self) -> None:
        name = self.context.case.individual.name
        title = "Nytt ärende – initiativ till SIP" if self.is_new else f"Initiativ – {name}"
        self.query_one("#form-title", Static).update(visible(title))

    def show_state(self) -> None:
        case, initiative = self.context.case, self.context.case.initiative
        if self.is_new:
            text = "Nytt ärende: sparas först när du trycker Spara (F2) eller Skicka (F5)."
        elif initiative.sent_at is not None:
            who = case.user_name(initiative.sent_by or "")
            text = f"Skickat {short_moment(initiative.sent_at)} av {who}."
        else:
            text = f"Utkast, skapat {short_moment(case.created_at)}; inte skickat."
        refusal = self.refusal()
        if refusal is not None and not case.is_sent:
            text += f"\nDu kan inte ändra nu: {refusal}"
        self.set_state(text)

    def set_read_only(self, read_only: bool) -> None:
        for area in self.query(TextArea):
            area.read_only = read_only
        for widget in self.query("Input, Checkbox, RadioSet, UnitPicker"):
            if widget.id not in CREATION_ONLY or self.is_new:
                widget.disabled = read_only
        self.query_one("#consent-representative", Input).disabled = (
            read_only or self.query_one("#consent-by", RadioSet).pressed_index != 1
        )

    @work(thread=True, group="units")
    def load_units(self) -> None:
        read_units(self, self.context.store)

    def on_units_loaded(self, message: UnitsLoaded) -> None:
        units = message.units
        self.unit_names.update({code: info.name for code, info in units.items()})
        for picker in self.query(UnitPicker):
            picker.set_units(
                PickableUnit(code, info.name, info.short_name) for code, info in units.items()
            )

    # --- what may be done -------------------------------------------------------------------

    def refusal(self) -> DomainError | None:
        """Why this user may not save the initiative now (None: may)."""
        actor = self.context.actor
        if self.is_new:
            return check_role(actor, COORDINATE_ROLES, "skapa ärenden")
        initiative = self.context.case.initiative
        return self.context.verdict(
            UpdateInitiative(
                self.context.case.id,
                initiative.reason,
                initiative.consent,
                initiative.recipients,
            )
        )

    @property
    def editable(self) -> bool:
        return self.refusal() is None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "send"):
            return bool(self.query(Field)) and self.editable
        return True

    def values(self) -> list[Any]:
        typed = [
            (w.id, widget_value(w)) for w in self.query(VALUE_WIDGETS) if w.id is not None
        ]  # the unit search field is left out: it is not part of the initiative
        return typed + [(p.id, p.chosen) for p in self.query(UnitPicker)]

    # --- reading the form ---------------------------------------------------------------------

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    @on(Input.Changed, "#personnummer")
    def _personnummer_typed(self) -> None:
        self._show_personnummer(final=False)

    @on(Input.Blurred, "#personnummer")
    def _personnummer_left(self) -> None:
        if self._text("personnummer").strip():
            self._show_personnummer(final=True)
            today = self.context.store.clock.now().date()
            if (
                self.is_new
                and personnummer_problem(self._text("personnummer"), today, True) is None
            ):
                digits = parse_personnummer(self._text("personnummer"), today).digits12
                self.load_proposals(digits)  # the units of this individual's other cases

    def _show_personnummer(self, final: bool) -> None:
        today = self.context.store.clock.now().date()
        problem = personnummer_problem(self._text("personnummer"), today, final)
        target = self._field_for("personnummer")
        if target is not None:
            target.show_error(str(problem) if problem is not None else "")

    @on(RadioSet.Changed, "#consent-by")
    def _consent_by_changed(self) -> None:
        self.set_read_only(not self.editable)

    def _read(self) -> Typed | None:
        self.clear_problems()
        try:
            return read_fields(self, self.is_new, self.context.store.clock.now().date())
        except InvalidInput as problem:
            self.show_problem(str(problem), problem.field)
            return None

    # --- Spara --------------------------------------------------------------------------------

    def save_command(self, typed: Typed) -> CreateCase | UpdateInitiative:
        """Create the case, or save the draft (also after a refused send of a new case)."""
        if self.is_new and self.created is None:
            return CreateCase(
                personnummer=typed.personnummer,
                name=typed.name,
                reason=typed.reason,
                consent=typed.consent,
                recipients=typed.recipients,
                discharge_ready_at=typed.discharge_ready_at,
            )
        case_id = self.created if self.created is not None else self.context.case.id
        return UpdateInitiative(case_id, typed.reason, typed.consent, typed.recipients)

    def write(self, command: CreateCase | UpdateInitiative | SendInitiative, then: Then) -> None:
        """One write at a time: a second F2 while the first runs must not create twice."""
        if self.busy:
            return
        self.busy = True

        def done(case: Case) -> None:
            self.busy = False
            if isinstance(command, CreateCase):
                self.created = case.id  # a retry saves, never creates twice
            then(case)

        def refused(refusal: Refused) -> None:
            self.busy = False
            self.show_refusal(refusal)

        self.send(command, then=done, refused=refused)

    def action_save(self) -> None:
        typed = self._read() if self.editable and not self.busy else None
        if typed is not None:
            self.unless_duplicate(typed, lambda: self.write(self.save_command(typed), self.saved))

    def saved(self, case: Case) -> None:
        was_new = self.is_new
        self.become_draft(case)
        self.notify("Ärendet är skapat; initiativet är sparat." if was_new else "Sparat.")

    def become_draft(self, case: Case) -> None:
        """After a save: the stored draft is what the form now edits."""
        self.context = self.context.with_case(case)
        self.known_stamp = len(case.history)
        self.wrote = True
        if self.is_new:
            self.is_new = False
            for widget_id in CREATION_ONLY:
                self.query_one(f"#{widget_id}", Input).disabled = True
            # A known individual keeps the registered name (the typed one is in the history).
            self.query_one("#name", Input).value = case.individual.name
            self.show_title()
        self.mark_saved()
        self.show_state()
        self.refresh_bindings()

    # --- another open case for the individual? -----------------------------------------------

    def unless_duplicate(self, typed: Typed, go: Callable[[], None]) -> None:
        """Before creating a case: if the individual has open cases our unit can see, show
        them and ask "Skapa ett nytt ändå?" first (once per personnummer); then ``go``."""
        if not self.is_new or self.created is not None or self.asked_about == typed.personnummer:
            go()
            return
        if self.pending is not None:
            return  # already asking
        self.pending = go
        self.look_for_open_cases(typed.personnummer)

    @work(thread=True, group="open-cases", exclusive=True)
    def look_for_open_cases(self, personnummer: str) -> None:
        find_open_cases(self, self.context.store, self.context.session, personnummer)

    def on_open_cases_found(self, message: OpenCasesFound) -> None:
        go, self.pending = self.pending, None
        if go is None:
            return
        if message.trouble:
            self.show_problem(message.trouble)
            return
        if not message.cases:
            self.asked_about = message.personnummer
            go()
            return

        def answered(create: bool | None) -> None:
            if create:
                self.asked_about = message.personnummer
                go()

        self.app.push_screen(
            ConfirmScreen(
                "Öppet ärende finns", question(message.cases), yes="Skapa nytt", no="Avbryt"
            ),
            answered,
        )

    # --- Skicka -------------------------------------------------------------------------------

    def action_send(self) -> None:
        typed = self._read() if self.editable else None
        if typed is None:
            return
        refusal = send_refusal(self.context, typed, self.is_new)
        if refusal is not None:
            field_name = refusal.field if isinstance(refusal, InvalidInput) else None
            self.show_problem(str(refusal), field_name)
            return
        self.unless_duplicate(typed, lambda: self.confirm_send(typed))

    def confirm_send(self, typed: Typed) -> None:
        names = ", ".join(self.unit_names.get(code, code) for code in typed.recipients)

        def answered(send: bool | None) -> None:
            if send:
                self.write(self.save_command(typed), self.then_send)

        self.app.push_screen(
            ConfirmScreen(
                "Skicka initiativet",
                f"Skicka initiativet till {names}? Mottagarna får då se ärendet och ska "
                "kvittera senast kl. 12.00 nästa arbetsdag.",
                yes="Skicka",
                no="Avbryt",
            ),
            answered,
        )

    def then_send(self, case: Case) -> None:
        """Saved: the form edits the stored draft from now on, even if sending fails."""
        self.become_draft(case)
        self.write(SendInitiative(case.id), self.sent)

    def sent(self, case: Case) -> None:
        self.notify("Initiativet är skickat.")
        self.dismiss(True)
