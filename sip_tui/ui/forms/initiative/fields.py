"""The Initiativ form's fields: composed from a case, read back (:class:`Typed`), and what
the domain would say to sending them. The screen itself is ``initiative_form``."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime

from textual.app import ComposeResult
from textual.dom import DOMNode
from textual.widgets import Checkbox, Input, RadioSet, Static, TextArea

from sip_tui.domain import workflow as wf
from sip_tui.domain.clock import parse_moment
from sip_tui.domain.commands import SendInitiative, UpdateInitiative
from sip_tui.domain.errors import DomainError, InvalidInput
from sip_tui.domain.model import Answer, Case, Consent, ConsentBy, Individual, Initiative
from sip_tui.domain.personnummer import PersonnummerError, parse_personnummer
from sip_tui.domain.texts import short_moment
from sip_tui.ui.forms.base import field
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.widgets.literal import visible
from sip_tui.ui.widgets.toggles import Choice, Tick
from sip_tui.ui.widgets.unit_picker import UnitPicker

ANSWER_WORDS = {
    Answer.PENDING: "väntar på svar",
    Answer.ACCEPTED: "accepterade",
    Answer.DECLINED: "nekade",
    Answer.FORWARDED: "vidarebefordrade",
}
#: Fixed once the case exists (create_case takes them; update_initiative does not).
CREATION_ONLY = ("personnummer", "name", "discharge")


@dataclass(frozen=True)
class Typed:
    """What the form holds, read and parsed (dates, personnummer)."""

    personnummer: str  # 12 digits ("" for an existing case)
    name: str
    reason: str
    consent: Consent
    recipients: list[str]
    discharge_ready_at: datetime | None


def blank_case(unit: str, login: str, now: datetime) -> Case:
    """The case a new-case form starts from: nothing of it is stored until Spara."""
    consent = Consent(False, ConsentBy.INDIVIDUAL, "", now.date())
    return Case(0, Individual("", ""), unit, login, now, Initiative("", consent, [], now), {})


# --- composing ----------------------------------------------------------------------------------


def compose_fields(context: CaseContext, new: bool) -> ComposeResult:
    case = context.case
    initiative, consent = case.initiative, case.initiative.consent
    pnr = case.individual.personnummer
    fixed = "" if new else "kan inte ändras"
    yield Static("Den enskilde", classes="section")
    yield field(
        "Personnummer",
        Input(
            f"{pnr[:8]}-{pnr[8:]}" if pnr else "",
            placeholder="ÅÅÅÅMMDD-NNNN",
            id="personnummer",
            disabled=not new,
            compact=True,
        ),
        "personnummer",
        fixed,
    )
    yield field(
        "Namn",
        Input(case.individual.name, id="name", disabled=not new, compact=True),
        "name",
        fixed,
    )
    yield Static("Samtycke", classes="section")
    given = Tick("Givet", consent.given, id="consent-given", compact=True)
    yield field("Samtycke till informationsutbyte", given, "consent")
    by = RadioSet(
        Choice("Den enskilde", consent.by is ConsentBy.INDIVIDUAL),
        Choice(
            "Ställföreträdare (vårdnadshavare, god man, förvaltare)",
            consent.by is ConsentBy.REPRESENTATIVE,
        ),
        id="consent-by",
        compact=True,
    )
    yield field("Lämnat av", by, "consent.by")
    yield field(
        "Ställföreträdarens namn",
        Input(consent.representative, id="consent-representative", compact=True),
        "consent.representative",
    )
    obtained_by = consent.obtained_by or (context.session.name if new else "")
    yield field(
        "Inhämtat av",
        Input(obtained_by, id="consent-obtained-by", compact=True),
        "consent.obtained_by",
    )
    yield field(
        "Datum",
        Input(consent.obtained_on.isoformat(), id="consent-obtained-on", compact=True),
        "consent.obtained_on",
        "ÅÅÅÅ-MM-DD",
    )
    yield field(
        "Menprövning",
        TextArea(consent.secrecy_assessment, id="consent-secrecy", soft_wrap=True, compact=True),
        "consent.secrecy",
        "sekretessbedömning",
    )
    yield Static("Initiativet", classes="section")
    yield field(
        "Anledning till initiativet",
        TextArea(initiative.reason, id="reason", soft_wrap=True, compact=True),
        "reason",
    )
    if case.is_sent:
        answers = Static(visible(answers_text(case), newlines=True), id="answers", markup=False)
        yield field("Mottagare", answers, "")
    else:
        picker = UnitPicker(chosen=initiative.recipients, leave_out={context.unit}, id="recipients")
        yield field("Mottagande enheter", picker, "recipients", "sök och välj med Enter")
        yield Static("", id="proposal-note", classes="note", markup=False)
    if new:
        yield field(
            "Utskrivningsklar (frivilligt)",
            Input(placeholder="ÅÅÅÅ-MM-DD TT:MM", id="discharge", compact=True),
            "discharge",
            "vid utskrivning från slutenvård",
        )


def answers_text(case: Case) -> str:
    """One line per recipient: its answer, when, to whom it was forwarded, the comment."""
    lines = []
    for participant in case.initiative_recipients():
        line = f"{case.unit_name(participant.unit)}: {ANSWER_WORDS[participant.state]}"
        if participant.answered_at is not None:
            line += f" {short_moment(participant.answered_at)}"
        if participant.forwarded_to:
            line += f" till {case.unit_name(participant.forwarded_to)}"
        if participant.comment:
            line += f" – {participant.comment}"
        lines.append(line)
    return "\n".join(lines) or "Inga."


# --- reading ------------------------------------------------------------------------------------


def personnummer_problem(text: str, today: date, final: bool) -> PersonnummerError | None:
    """The personnummer's problem; while typing (not ``final``), "too short" is not one yet."""
    try:
        parse_personnummer(text, today)
    except PersonnummerError as problem:
        if final or problem.code not in ("empty", "length"):
            return problem
    return None


def read_fields(form: DOMNode, new: bool, today: date) -> Typed:
    """The form's content; an :class:`InvalidInput` naming the field if it cannot be read."""

    def text(widget_id: str) -> str:
        return form.query_one(f"#{widget_id}", Input).value

    pnr = ""
    if new:
        problem = personnummer_problem(text("personnummer"), today, final=True)
        if problem is not None:
            raise InvalidInput(str(problem), "personnummer")
        pnr = parse_personnummer(text("personnummer"), today).digits12
    try:
        obtained_on = date.fromisoformat(text("consent-obtained-on").strip())
    except ValueError:
        raise InvalidInput(
            "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-20.", "consent.obtained_on"
        ) from None
    discharge = None
    if new and text("discharge").strip():
        try:
            discharge = parse_moment(text("discharge"))
        except ValueError:
            raise InvalidInput(
                "Skriv tidpunkten som ÅÅÅÅ-MM-DD TT:MM, t.ex. 2026-11-24 10:00.", "discharge"
            ) from None
    by = form.query_one("#consent-by", RadioSet).pressed_index
    consent = Consent(
        given=form.query_one("#consent-given", Checkbox).value,
        by=ConsentBy.REPRESENTATIVE if by == 1 else ConsentBy.INDIVIDUAL,
        obtained_by=text("consent-obtained-by").strip(),
        obtained_on=obtained_on,
        representative=text("consent-representative").strip() if by == 1 else "",
        secrecy_assessment=form.query_one("#consent-secrecy", TextArea).text.strip(),
    )
    return Typed(
        pnr,
        text("name").strip(),
        form.query_one("#reason", TextArea).text,
        consent,
        form.query_one(UnitPicker).chosen,
        discharge,
    )


def send_refusal(context: CaseContext, typed: Typed, new: bool) -> DomainError | None:
    """What sending ``typed`` would be refused with: Spara, then Skicka, on a copy."""
    actor, at = context.actor, context.now()
    try:
        if new:
            case = wf.new_case(
                case_id=0,
                actor=actor,
                at=at,
                individual=Individual(typed.personnummer, typed.name),
                reason=typed.reason,
                consent=typed.consent,
                recipients=typed.recipients,
            )
        else:
            case = copy.deepcopy(context.case)
            save = UpdateInitiative(case.id, typed.reason, typed.consent, typed.recipients)
            save.apply(case, actor, at)
        SendInitiative(case.id).apply(case, actor, at)
    except DomainError as refusal:
        return refusal
    return None
