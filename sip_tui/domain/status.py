"""What each unit has left to do in a case, and the colour of each overview column.

The open tasks are derived from the case alone; their deadlines come from the working-day
calendar. A column is *ours* (red) exactly when the viewing unit has an open task in it,
*theirs* (blue) when only other units do; otherwise it is done, creatable or not yet by
the per-column rules below (see docs/architecture.md, "Column statuses"). Statuses do not
depend on the time of day, only on the case; whether a task is overdue does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from sip_tui.domain.calendar import WorkCalendar, is_overdue
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.model import Answer, CallKind, Case, Document, Phase, Status
from sip_tui.domain.rules import (
    check_access,
    check_activate_follow_up,
    check_any_call_sendable,
    check_create_mapping,
    check_create_plan,
    check_send_message,
)


class TaskKind(StrEnum):
    SEND_INITIATIVE = "send-initiative"
    ANSWER_INITIATIVE = "answer-initiative"
    SIGN = "sign"
    LOCK_MAPPING = "lock-mapping"
    SEND_CALL = "send-call"
    CALL_NEW_PLAN = "call-new-plan"  # after Ny plan: send the call to the new plan's units
    ANSWER_CALL = "answer-call"
    DOCUMENT_PLAN = "document-plan"
    FOLLOW_UP_ACTIVITY = "follow-up-activity"
    LOCK_FOLLOW_UP = "lock-follow-up"
    DOCUMENT_EVALUATION = "document-evaluation"
    READ_MESSAGE = "read-message"


class Rule(StrEnum):
    """Which deadline rule of DOMAIN.md applies to a task."""

    ACKNOWLEDGE = "acknowledge"  # first working day after it was sent
    BEFORE_MEETING = "before-meeting"  # the working day before the meeting
    AFTER_MEETING = "after-meeting"  # the working day after the meeting
    DISCHARGE = "discharge"  # within 3 days of utskrivningsklar


@dataclass(frozen=True)
class Task:
    """Something one unit must do in one case, from ``since``, by ``deadline`` if any."""

    case_id: int
    unit: str
    phase: Phase
    kind: TaskKind
    since: datetime
    deadline: datetime | None
    rule: Rule | None = None
    basis: datetime | None = None  # the moment the deadline is counted from
    from_unit: str | None = None
    ref: int | None = None  # call number, message number or activity id
    holder: str | None = None  # the user who must sign
    call_kind: CallKind | None = None  # ANSWER_CALL: which meeting the call is to …
    meeting_at: datetime | None = None  # … and when it is

    def is_overdue(self, now: datetime) -> bool:
        """Overdue from the second after the deadline ("senast kl. 12.00" includes 12:00)."""
        return self.deadline is not None and is_overdue(self.deadline, now)


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=STOCKHOLM)


def _deadline(calendar: WorkCalendar, rule: Rule | None, basis: datetime | None) -> datetime | None:
    if rule is None or basis is None:
        return None
    if rule is Rule.ACKNOWLEDGE:
        return calendar.acknowledge_deadline(basis)
    if rule is Rule.BEFORE_MEETING:
        return calendar.mapping_lock_deadline(basis)
    if rule is Rule.AFTER_MEETING:
        return calendar.documentation_deadline(basis)
    return calendar.discharge_call_deadline(basis)


def _task(
    case: Case,
    unit: str,
    phase: Phase,
    kind: TaskKind,
    since: datetime,
    rule: Rule | None = None,
    basis: datetime | None = None,
    *,
    from_unit: str | None = None,
    ref: int | None = None,
    holder: str | None = None,
    call_kind: CallKind | None = None,
    meeting_at: datetime | None = None,
) -> Task:
    return Task(
        case.id,
        unit,
        phase,
        kind,
        since,
        None,
        rule,
        basis,
        from_unit,
        ref,
        holder,
        call_kind,
        meeting_at,
    )


def _sign_task(
    case: Case, document: Document, phase: Phase, rule: Rule | None, basis: datetime | None
) -> Iterator[Task]:
    lock = document.edit_lock
    if lock is not None and case.has_access(lock.unit):
        yield _task(
            case, lock.unit, phase, TaskKind.SIGN, lock.since, rule, basis, holder=lock.user
        )


def _initiative_tasks(case: Case) -> Iterator[Task]:
    initiative = case.initiative
    if initiative.sent_at is None:
        yield _task(
            case, case.coordinator_unit, Phase.INI, TaskKind.SEND_INITIATIVE, initiative.created_at
        )
        return
    for participant in case.participants.values():
        if participant.state is Answer.PENDING:
            sender = case.coordinator_unit
            for other in case.participants.values():
                if other.forwarded_to == participant.unit:
                    sender = other.unit
            yield _task(
                case,
                participant.unit,
                Phase.INI,
                TaskKind.ANSWER_INITIATIVE,
                participant.joined_at,
                Rule.ACKNOWLEDGE,
                participant.joined_at,
                from_unit=sender,
            )


def _planning_meeting(case: Case) -> datetime | None:
    """The actual planning meeting: the meeting date entered in the current plan when there
    is one ("arbetsdagen efter det faktiska mötet"), else the called time."""
    plan = case.current_plan()
    if plan is not None and plan.meeting_on is not None:
        return _noon(plan.meeting_on)
    call = case.current_call(CallKind.PLANNING)
    return call.meeting_at if call is not None else None


def _mapping_tasks(case: Case) -> Iterator[Task]:
    mapping = case.active_mapping()
    if mapping is None or mapping.is_locked:
        return
    meeting = _planning_meeting(case)
    rule = Rule.BEFORE_MEETING if meeting is not None else None
    yield from _sign_task(case, mapping, Phase.KAR, rule, meeting)
    yield _task(
        case,
        case.coordinator_unit,
        Phase.KAR,
        TaskKind.LOCK_MAPPING,
        mapping.created_at,
        rule,
        meeting,
    )


def _call_tasks(case: Case) -> Iterator[Task]:
    ready = case.discharge_ready_at
    if (
        ready is not None
        and case.cycle == 1
        and case.is_sent
        and not case.active_calls(CallKind.PLANNING, 1)
    ):
        yield _task(
            case, case.coordinator_unit, Phase.KAL, TaskKind.SEND_CALL, ready, Rule.DISCHARGE, ready
        )
    plan = case.current_plan()
    if (
        case.cycle > 1
        and plan is not None
        and not plan.is_locked
        and not case.active_calls(CallKind.PLANNING, case.cycle)
    ):
        # "En ny kallelse skapas. Skicka till enheter som deltar i den nya planen."
        yield _task(case, case.coordinator_unit, Phase.KAL, TaskKind.CALL_NEW_PLAN, plan.created_at)
    for call in case.active_calls(cycle=case.cycle):
        for unit in call.pending_units():
            if case.has_access(unit):
                yield _task(
                    case,
                    unit,
                    Phase.KAL,
                    TaskKind.ANSWER_CALL,
                    call.sent_at,
                    Rule.ACKNOWLEDGE,
                    call.sent_at,
                    from_unit=case.coordinator_unit,
                    ref=call.number,
                    call_kind=call.kind,
                    meeting_at=call.meeting_at,
                )


def _plan_tasks(case: Case) -> Iterator[Task]:
    plan = case.current_plan()
    call = case.current_call(CallKind.PLANNING)
    if plan is not None and plan.is_locked:
        return
    meeting = _planning_meeting(case)
    rule = Rule.AFTER_MEETING if meeting is not None else None
    if plan is not None:
        yield from _sign_task(case, plan, Phase.SIP, rule, meeting)
        yield _task(
            case,
            plan.documenting_unit or case.coordinator_unit,
            Phase.SIP,
            TaskKind.DOCUMENT_PLAN,
            plan.created_at,
            rule,
            meeting,
        )
    elif call is not None:
        yield _task(
            case,
            case.coordinator_unit,
            Phase.SIP,
            TaskKind.DOCUMENT_PLAN,
            call.sent_at,
            rule,
            meeting,
        )


def _evaluation_meeting(case: Case) -> datetime | None:
    evaluation = case.evaluation()
    if evaluation is not None and evaluation.meeting_at is not None:
        return evaluation.meeting_at
    call = case.current_call(CallKind.EVALUATION)
    if call is not None:
        return call.meeting_at
    plan = case.current_plan()
    if plan is not None and plan.evaluation_on is not None:
        return _noon(plan.evaluation_on)
    return None


def _follow_up_tasks(case: Case) -> Iterator[Task]:
    follow_up = case.follow_up()
    plan = case.current_plan()
    if follow_up is None or plan is None:
        return
    meeting = _evaluation_meeting(case)
    if not follow_up.is_locked:
        rule = Rule.BEFORE_MEETING if meeting is not None else None
        yield from _sign_task(case, follow_up, Phase.UPP, rule, meeting)
        for activity in plan.activities():
            unit = activity.responsible_unit
            if activity.id not in follow_up.entries and case.has_access(unit):
                yield _task(
                    case,
                    unit,
                    Phase.UPP,
                    TaskKind.FOLLOW_UP_ACTIVITY,
                    follow_up.created_at,
                    rule,
                    meeting,
                    ref=activity.id,
                )
        yield _task(
            case,
            case.coordinator_unit,
            Phase.UPP,
            TaskKind.LOCK_FOLLOW_UP,
            follow_up.created_at,
            rule,
            meeting,
        )
        return
    evaluation = case.evaluation()
    if evaluation is not None and evaluation.is_locked:
        return
    rule = Rule.AFTER_MEETING if meeting is not None else None
    if evaluation is not None:
        yield from _sign_task(case, evaluation, Phase.UPP, rule, meeting)
    since = evaluation.created_at if evaluation is not None else follow_up.locked_at
    assert since is not None
    yield _task(
        case, case.coordinator_unit, Phase.UPP, TaskKind.DOCUMENT_EVALUATION, since, rule, meeting
    )


def _message_tasks(case: Case) -> Iterator[Task]:
    for message in case.active_messages():
        for unit, read_at in message.read_at.items():
            if read_at is None and case.has_access(unit):
                yield _task(
                    case,
                    unit,
                    Phase.MED,
                    TaskKind.READ_MESSAGE,
                    message.sent_at,
                    Rule.ACKNOWLEDGE,
                    message.sent_at,
                    from_unit=message.sender_unit,
                    ref=message.number,
                )


def _work(case: Case) -> Iterator[Task]:
    """Every open task of every unit, without deadlines (they need the calendar)."""
    if not case.is_open:
        return
    yield from _initiative_tasks(case)
    yield from _mapping_tasks(case)
    yield from _call_tasks(case)
    yield from _plan_tasks(case)
    yield from _follow_up_tasks(case)
    yield from _message_tasks(case)


def open_tasks(case: Case, calendar: WorkCalendar) -> list[Task]:
    """Every unit's open tasks in ``case``, each with its deadline (or None)."""
    return [replace(t, deadline=_deadline(calendar, t.rule, t.basis)) for t in _work(case)]


def tasks_for(case: Case, unit: str, calendar: WorkCalendar) -> list[Task]:
    return [task for task in open_tasks(case, calendar) if task.unit == unit]


# --- column statuses -----------------------------------------------------------------------


def _finished(case: Case, phase: Phase) -> bool:
    if phase is Phase.INI:
        return case.initiative_answered()
    if phase is Phase.KAR:
        mapping = case.active_mapping()
        return mapping is not None and mapping.is_locked
    if phase is Phase.KAL:
        return any(case.active_calls(cycle=case.cycle))
    if phase is Phase.SIP:
        plan = case.current_plan()
        return plan is not None and plan.is_locked
    if phase is Phase.UPP:
        evaluation = case.evaluation()
        return evaluation is not None and evaluation.is_locked
    return bool(case.active_messages())


def _creatable(case: Case, phase: Phase, unit: str) -> bool:
    if phase is Phase.KAR:
        return check_create_mapping(case, unit) is None
    if phase is Phase.KAL:
        return check_any_call_sendable(case, unit) is None
    if phase is Phase.SIP:
        return check_create_plan(case, unit) is None
    if phase is Phase.UPP:
        return check_activate_follow_up(case, unit) is None
    if phase is Phase.MED:
        return not case.active_messages() and check_send_message(case, unit) is None
    return False


def column_statuses(case: Case, unit: str) -> dict[Phase, Status]:
    """The six column statuses of ``case`` as ``unit`` sees them.

    Raises :class:`NoAccess` for a unit that takes no part in the case (or has declined or
    forwarded the initiative): such a unit sees nothing of it.
    """
    refusal = check_access(case, unit)
    if refusal is not None:
        raise refusal
    return _statuses(case, unit, _busy(case))


def statuses_by_unit(case: Case) -> dict[str, dict[Phase, Status]]:
    """The column statuses for every unit with access (the tasks derived once)."""
    busy = _busy(case)
    return {
        unit: _statuses(case, unit, busy) for unit in case.participants if case.has_access(unit)
    }


def _busy(case: Case) -> dict[Phase, set[str]]:
    busy: dict[Phase, set[str]] = {phase: set() for phase in Phase}
    for task in _work(case):
        busy[task.phase].add(task.unit)
    return busy


def _statuses(case: Case, unit: str, busy: dict[Phase, set[str]]) -> dict[Phase, Status]:
    statuses: dict[Phase, Status] = {}
    for phase in Phase:
        if unit in busy[phase]:
            statuses[phase] = Status.OURS
        elif busy[phase]:
            statuses[phase] = Status.THEIRS
        elif case.is_open and _creatable(case, phase, unit):
            statuses[phase] = Status.CREATABLE
        elif _finished(case, phase):
            statuses[phase] = Status.DONE
        else:
            statuses[phase] = Status.NOT_YET
    return statuses
