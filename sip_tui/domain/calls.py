"""Kallelse to the planning or evaluation meeting: send, acknowledge, warn."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from sip_tui.domain.calendar import WorkCalendar, is_overdue
from sip_tui.domain.errors import InvalidInput, NotAllowed, WrongState
from sip_tui.domain.model import (
    Answer,
    Call,
    CallKind,
    CallRecipient,
    Case,
    Phase,
    Plan,
)
from sip_tui.domain.recording import record
from sip_tui.domain.roles import Actor
from sip_tui.domain.rules import (
    aware,
    check_access,
    check_acknowledger,
    check_coordinator,
    check_open,
    check_send_call,
    require,
    required_text,
)
from sip_tui.domain.texts import deadline_moment, short_moment

# --- calls ------------------------------------------------------------------------------------


def send_call(
    case: Case,
    actor: Actor,
    at: datetime,
    *,
    kind: CallKind,
    meeting_form: str,
    place: str,
    meeting_at: datetime,
    recipients: Mapping[str, bool],
    others: str = "",
) -> Call:
    """Skicka kallelse. ``recipients`` maps each unit to "must acknowledge"."""
    require(
        check_open(case),
        check_coordinator(case, actor, "skicka kallelser"),
        check_send_call(case, actor.unit, kind),
    )
    aware(meeting_at)
    form = required_text(meeting_form, "meeting_form", "Ange mötesform, t.ex. fysiskt möte.")
    where = required_text(place, "place", "Ange plats för mötet.")
    if meeting_at <= at:
        raise InvalidInput(
            f"Mötestiden {short_moment(meeting_at)} har redan passerat; ange en kommande tid.",
            "meeting_at",
        )
    if not recipients:
        raise InvalidInput("Välj minst en enhet att kalla.", "recipients")
    for unit in recipients:
        if unit == case.coordinator_unit:
            raise InvalidInput("Er egen enhet kallas inte; välj de andra enheterna.", "recipients")
        if not case.has_access(unit):
            raise InvalidInput(
                f"{case.unit_name(unit)} deltar inte i ärendet; lägg till enheten med ett "
                "informationsmeddelande först.",
                "recipients",
            )
    call = Call(
        number=len(case.calls) + 1,
        kind=kind,
        cycle=case.cycle,
        meeting_form=form,
        place=where,
        meeting_at=meeting_at,
        recipients={unit: CallRecipient(unit, must) for unit, must in recipients.items()},
        others=others.strip(),
        sent_at=at,
        sent_by=actor.user,
    )
    case.calls.append(call)
    record(
        case, actor, at, f"Skickade kallelse till {kind.label}", Phase.KAL, short_moment(meeting_at)
    )
    return call


#: "Skyndsamt, några arbetsdagar innan föreslagna tid för mötet": fewer working days than
#: this between the day the planning call is sent and the meeting day is a short notice.
NOTICE_WORKING_DAYS = 2


def working_days_between(calendar: WorkCalendar, first: date, last: date) -> int:
    """How many working days lie strictly between ``first`` and ``last``."""
    count, day = 0, first + timedelta(days=1)
    while day < last:
        count += calendar.is_working_day(day)
        day += timedelta(days=1)
    return count


def proposed_recipients(case: Case, kind: CallKind) -> list[str]:
    """The units a new call is addressed to before the coordinator changes anything.

    Only units with access (never one that declined or forwarded the initiative), never
    the coordinating unit. The planning call of the first plan: every such unit
    (*"Förslag på samma mottagare som vid initiativet ges"*). After *Ny plan*: the new
    plan's units (*"Skicka till enheter som deltar i den nya planen"*). The evaluation
    call: the units that attended the planning meeting or answer for a goal's activity
    (*"Berörda personer som var med vid planeringen och som ansvarar för mål och
    aktiviteter … adresseras automatiskt vid kallelse"*); when the plan names none, the
    units that accepted the planning call.
    """
    reachable = [
        unit
        for unit, participant in case.participants.items()
        if participant.has_access and unit != case.coordinator_unit
    ]
    plan = case.current_plan()
    if kind is CallKind.PLANNING and (case.cycle == 1 or plan is None):
        return reachable
    involved = (_plan_units(plan) if plan is not None else set()) - {case.coordinator_unit}
    if kind is CallKind.EVALUATION and not involved:
        planning = case.current_call(CallKind.PLANNING)
        if planning is not None:
            involved = {r.unit for r in planning.recipients.values() if r.state is Answer.ACCEPTED}
    return [unit for unit in reachable if unit in involved]


def _plan_units(plan: Plan) -> set[str]:
    """The plan's attendees and the units responsible for its activities."""
    units = {attendee.unit for attendee in plan.attendees}
    return units | {activity.responsible_unit for activity in plan.activities()}


def call_warnings(
    case: Case,
    meeting_at: datetime,
    now: datetime,
    calendar: WorkCalendar,
    kind: CallKind = CallKind.PLANNING,
) -> list[str]:
    """Warnings (not refusals) for a call about to be sent for ``meeting_at``: the mapping
    can no longer be locked in time; a planning meeting called at short notice."""
    warnings: list[str] = []
    between = working_days_between(calendar, now.date(), meeting_at.date())
    if kind is CallKind.PLANNING and between < NOTICE_WORKING_DAYS:
        warnings.append(
            f"Planeringsmötet {short_moment(meeting_at)} är mindre än {NOTICE_WORKING_DAYS} "
            "arbetsdagar bort; kallelsen ska skickas några arbetsdagar före mötet så att de "
            "kallade hinner förbereda sig."
        )
    mapping = case.active_mapping()
    if mapping is not None and not mapping.is_locked:
        deadline = calendar.mapping_lock_deadline(meeting_at)
        if is_overdue(deadline, now):
            warnings.append(
                f"Kartläggningen skulle ha låsts senast {deadline_moment(deadline)} inför ett möte "
                f"{short_moment(meeting_at)}; den hinner inte låsas i tid."
            )
    return warnings


def find_call(case: Case, number: int) -> Call:
    for call in case.calls:
        if call.number == number:
            return call
    raise InvalidInput(f"Kallelse {number} finns inte i ärendet.")


def _pending_call(case: Case, actor: Actor, number: int) -> tuple[Call, CallRecipient]:
    require(
        check_open(case),
        check_access(case, actor.unit),
        check_acknowledger(actor, "kvittera kallelser"),
    )
    call = find_call(case, number)
    if not call.is_active:
        raise WrongState("Kallelsen är makulerad; vänta på den nya kallelsen.")
    recipient = call.recipients.get(actor.unit)
    if recipient is None:
        raise NotAllowed("Er enhet är inte kallad till det här mötet.")
    if recipient.state is not Answer.PENDING:
        raise WrongState("Er enhet har redan kvitterat kallelsen.")
    return call, recipient


def accept_call(case: Case, actor: Actor, at: datetime, number: int, comment: str = "") -> None:
    """Acceptera kallelsen: the time suits our unit."""
    call, recipient = _pending_call(case, actor, number)
    recipient.state, recipient.comment = Answer.ACCEPTED, comment.strip()
    recipient.answered_at, recipient.answered_by = at, actor.user
    record(
        case, actor, at, f"Accepterade kallelsen till {call.kind.label}", Phase.KAL, comment.strip()
    )


def decline_call(case: Case, actor: Actor, at: datetime, number: int, reason: str) -> None:
    """Neka kallelsen: the time does not suit; a reason is required."""
    call, recipient = _pending_call(case, actor, number)
    text = required_text(reason, "reason", "Ange varför tiden inte passar.")
    recipient.state, recipient.comment = Answer.DECLINED, text
    recipient.answered_at, recipient.answered_by = at, actor.user
    record(case, actor, at, f"Nekade kallelsen till {call.kind.label}", Phase.KAL, text)
