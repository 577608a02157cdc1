"""A case as rows and back: :class:`sip_tui.domain.model.Case` <-> the aggregate tables.

A case is always written whole inside the transaction that changed it: the child rows of
the case are replaced (they are keyed by case id and numbers local to the case, so nothing
outside refers to them), and only the new history events are appended.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

from sip_tui.domain import model as dm
from sip_tui.domain.documents import DocumentKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of

Row = dict[str, Any]

#: Child tables replaced whole on every write (the history is append-only and separate).
CHILD_TABLES: tuple[Table, ...] = tuple(
    table_of(model)
    for model in (
        t.Participant,
        t.Initiative,
        t.InitiativeRecipient,
        t.Mapping,
        t.EditLock,
        t.Signature,
        t.Call,
        t.CallRecipient,
        t.Plan,
        t.PlanAttendee,
        t.ExternalParticipant,
        t.Goal,
        t.Activity,
        t.FollowUp,
        t.FollowUpEntry,
        t.Evaluation,
        t.InfoMessage,
        t.MessageRecipient,
    )
)
CASE: Table = table_of(t.SipCase)
EVENT: Table = table_of(t.CaseEvent)


# --- domain -> rows -------------------------------------------------------------------------


def _voiding(voided: dm.Voiding | None) -> Row:
    if voided is None:
        return {"voided_at": None, "voided_by": None, "voided_unit": None, "void_reason": None}
    return {
        "voided_at": voided.at,
        "voided_by": voided.user,
        "voided_unit": voided.unit,
        "void_reason": voided.reason,
    }


def _document(doc: dm.Document) -> Row:
    return {
        "created_at": doc.created_at,
        "created_by": doc.created_by,
        "version": doc.version,
        "updated_at": doc.updated_at,
        "updated_by": doc.updated_by,
        "locked_at": doc.locked_at,
        "locked_by": doc.locked_by,
        **_voiding(doc.voided),
    }


def _documents(case: dm.Case) -> Iterable[tuple[DocumentKind, int, dm.Document]]:
    if case.mapping is not None:
        yield DocumentKind.MAPPING, 0, case.mapping
    for position, plan in enumerate(case.plans):
        yield DocumentKind.PLAN, position, plan
    for cycle, follow_up in case.follow_ups.items():
        yield DocumentKind.FOLLOW_UP, cycle, follow_up
    for cycle, evaluation in case.evaluations.items():
        yield DocumentKind.EVALUATION, cycle, evaluation


def case_row(case: dm.Case) -> Row:
    return {
        "personnummer": case.individual.personnummer,
        "coordinator_unit": case.coordinator_unit,
        "coordinator_user": case.coordinator_user,
        "created_at": case.created_at,
        "discharge_ready_at": case.discharge_ready_at,
        "cycle": case.cycle,
        "closed_at": case.closed_at,
    }


def child_rows(case: dm.Case) -> dict[Table, list[Row]]:
    """Every child row of ``case``, per table (the case must have its id)."""
    cid = case.id
    rows: dict[Table, list[Row]] = defaultdict(list)

    def add(model: Any, **values: Any) -> None:
        rows[model.__table__].append({"case_id": cid, **values})

    for p in case.participants.values():
        add(
            t.Participant,
            unit=p.unit,
            via=p.via.value,
            state=p.state.value,
            joined_at=p.joined_at,
            comment=p.comment,
            answered_at=p.answered_at,
            answered_by=p.answered_by,
            forwarded_to=p.forwarded_to,
        )
    ini = case.initiative
    consent = ini.consent
    add(
        t.Initiative,
        reason=ini.reason,
        consent_given=consent.given,
        consent_by=consent.by.value,
        consent_obtained_by=consent.obtained_by,
        consent_obtained_on=consent.obtained_on,
        representative=consent.representative,
        secrecy_assessment=consent.secrecy_assessment,
        created_at=ini.created_at,
        sent_at=ini.sent_at,
        sent_by=ini.sent_by,
        **_voiding(ini.voided),
    )
    for position, unit in enumerate(ini.recipients):
        add(t.InitiativeRecipient, position=position, unit=unit)
    if case.mapping is not None:
        m = case.mapping
        add(
            t.Mapping,
            situation=m.situation,
            background=m.background,
            assessment=m.assessment,
            recommendation=m.recommendation,
            **_document(m),
        )
    for kind, number, doc in _documents(case):
        if doc.edit_lock is not None:
            lock = doc.edit_lock
            add(
                t.EditLock,
                document=kind.value,
                number=number,
                login=lock.user,
                user_name=lock.user_name,
                unit=lock.unit,
                since=lock.since,
            )
        for position, (login, unit, at) in enumerate(doc.signatures):
            add(
                t.Signature,
                document=kind.value,
                number=number,
                position=position,
                login=login,
                unit=unit,
                at=at,
            )
    for call in case.calls:
        add(
            t.Call,
            number=call.number,
            kind=call.kind.value,
            cycle=call.cycle,
            meeting_form=call.meeting_form,
            place=call.place,
            meeting_at=call.meeting_at,
            others=call.others,
            sent_at=call.sent_at,
            sent_by=call.sent_by,
            **_voiding(call.voided),
        )
        for position, r in enumerate(call.recipients.values()):
            add(
                t.CallRecipient,
                call_number=call.number,
                unit=r.unit,
                position=position,
                must_acknowledge=r.must_acknowledge,
                state=r.state.value,
                comment=r.comment,
                answered_at=r.answered_at,
                answered_by=r.answered_by,
            )
    for pos, plan in enumerate(case.plans):
        add(
            t.Plan,
            position=pos,
            cycle=plan.cycle,
            archived_at=plan.archived_at,
            meeting_on=plan.meeting_on,
            evaluation_on=plan.evaluation_on,
            situation=plan.situation,
            **_document(plan),
        )
        for i, a in enumerate(plan.attendees):
            add(t.PlanAttendee, plan_position=pos, position=i, unit=a.unit, person=a.person)
        for i, e in enumerate(plan.externals):
            add(
                t.ExternalParticipant,
                plan_position=pos,
                position=i,
                name=e.name,
                relation=e.relation,
                contact=e.contact,
                present=e.present,
            )
        for i, goal in enumerate(plan.goals):
            add(
                t.Goal,
                plan_position=pos,
                goal_id=goal.id,
                position=i,
                goal=goal.goal,
                strengths=goal.strengths,
                obstacles=goal.obstacles,
            )
            for j, act in enumerate(goal.activities):
                add(
                    t.Activity,
                    plan_position=pos,
                    activity_id=act.id,
                    goal_id=goal.id,
                    position=j,
                    text=act.text,
                    responsible_unit=act.responsible_unit,
                    responsible_person=act.responsible_person,
                    follow_up_on=act.follow_up_on,
                )
    for cycle, follow_up in case.follow_ups.items():
        add(t.FollowUp, cycle=cycle, **_document(follow_up))
        for entry in follow_up.entries.values():
            add(
                t.FollowUpEntry,
                cycle=cycle,
                activity_id=entry.activity_id,
                comment=entry.comment,
                status=entry.status.value,
                login=entry.by,
                unit=entry.unit,
                at=entry.at,
            )
    for cycle, evaluation in case.evaluations.items():
        add(
            t.Evaluation,
            cycle=cycle,
            summary=evaluation.summary,
            meeting_at=evaluation.meeting_at,
            **_document(evaluation),
        )
    for message in case.messages:
        add(
            t.InfoMessage,
            number=message.number,
            sender_unit=message.sender_unit,
            sender=message.sender,
            text=message.text,
            sent_at=message.sent_at,
            **_voiding(message.voided),
        )
        for i, (unit, read_at) in enumerate(message.read_at.items()):
            add(
                t.MessageRecipient,
                message_number=message.number,
                unit=unit,
                position=i,
                read_at=read_at,
            )
    return rows


def event_rows(case: dm.Case, start: int = 0) -> list[Row]:
    return [
        {
            "case_id": case.id,
            "position": i,
            "at": e.at,
            "login": e.user,
            "unit": e.unit,
            "action": e.action,
            "phase": e.phase.value if e.phase else None,
            "detail": e.detail,
        }
        for i, e in enumerate(case.history[start:], start=start)
    ]


def insert_case(conn: Connection, case: dm.Case) -> int:
    """Insert a new case (its ``id`` is assigned here) with all its rows."""
    new_id = conn.execute(insert(CASE).values(**case_row(case))).inserted_primary_key
    assert new_id is not None
    case.id = int(new_id[0])
    write_children(conn, case)
    conn.execute(insert(EVENT), event_rows(case))
    return case.id


def write_children(conn: Connection, case: dm.Case) -> None:
    for table, rows in child_rows(case).items():
        conn.execute(insert(table), rows)


def update_case(conn: Connection, case: dm.Case, events_before: int) -> None:
    """Write back a changed case: the case row, every child row, the new events."""
    conn.execute(
        CASE.update()
        .where(CASE.c.id == case.id)
        .values(**case_row(case), row_version=CASE.c.row_version + 1)
    )
    for table in CHILD_TABLES:
        conn.execute(delete(table).where(table.c.case_id == case.id))
    write_children(conn, case)
    new_events = event_rows(case, events_before)
    if new_events:
        conn.execute(insert(EVENT), new_events)


# --- rows -> domain -------------------------------------------------------------------------


def _voided(row: Any) -> dm.Voiding | None:
    if row.voided_at is None:
        return None
    return dm.Voiding(row.voided_at, row.voided_by, row.voided_unit, row.void_reason)


def _doc_fields(row: Any) -> dict[str, Any]:
    return {
        "created_at": row.created_at,
        "created_by": row.created_by,
        "version": row.version,
        "updated_at": row.updated_at,
        "updated_by": row.updated_by,
        "locked_at": row.locked_at,
        "locked_by": row.locked_by,
        "voided": _voided(row),
    }


def _rows(conn: Connection, model: Any, case_id: int, *order: str) -> Sequence[Any]:
    table: Table = model.__table__
    query = select(table).where(table.c.case_id == case_id)
    query = query.order_by(*(table.c[name] for name in order))
    return conn.execute(query).all()


def load_case(conn: Connection, case_id: int, for_update: bool = False) -> dm.Case | None:
    """Read a whole case, or None. ``for_update`` locks its row (PostgreSQL) so that
    writers of one case queue up instead of overwriting each other."""
    query = select(CASE).where(CASE.c.id == case_id)
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    head = conn.execute(query).first()
    if head is None:
        return None
    person = conn.execute(
        select(table_of(t.Individual)).where(
            table_of(t.Individual).c.personnummer == head.personnummer
        )
    ).one()
    ini = _rows(conn, t.Initiative, case_id)[0]
    recipients = [r.unit for r in _rows(conn, t.InitiativeRecipient, case_id, "position")]
    case = dm.Case(
        id=case_id,
        individual=dm.Individual(person.personnummer, person.name),
        coordinator_unit=head.coordinator_unit,
        coordinator_user=head.coordinator_user,
        created_at=head.created_at,
        initiative=dm.Initiative(
            reason=ini.reason,
            consent=dm.Consent(
                ini.consent_given,
                dm.ConsentBy(ini.consent_by),
                ini.consent_obtained_by,
                ini.consent_obtained_on,
                ini.representative,
                ini.secrecy_assessment,
            ),
            recipients=recipients,
            created_at=ini.created_at,
            sent_at=ini.sent_at,
            sent_by=ini.sent_by,
            voided=_voided(ini),
        ),
        participants={
            p.unit: dm.Participant(
                p.unit,
                dm.JoinedVia(p.via),
                dm.Answer(p.state),
                p.joined_at,
                p.comment,
                p.answered_at,
                p.answered_by,
                p.forwarded_to,
            )
            for p in _rows(conn, t.Participant, case_id, "joined_at", "unit")
        },
        discharge_ready_at=head.discharge_ready_at,
        cycle=head.cycle,
        closed_at=head.closed_at,
    )
    _load_parts(conn, case)
    _load_locks(conn, case)
    case.history = [
        dm.Event(e.at, e.login, e.unit, e.action, dm.Phase(e.phase) if e.phase else None, e.detail)
        for e in _rows(conn, t.CaseEvent, case_id, "position")
    ]
    units = {case.coordinator_unit, *case.participants}
    unit_table: Table = table_of(t.Unit)
    rows = conn.execute(
        select(unit_table.c.code, unit_table.c.name).where(unit_table.c.code.in_(units))
    )
    case.unit_names = {code: name for code, name in rows}
    return case


def _load_parts(conn: Connection, case: dm.Case) -> None:
    cid = case.id
    for m in _rows(conn, t.Mapping, cid):
        case.mapping = dm.Mapping(
            situation=m.situation,
            background=m.background,
            assessment=m.assessment,
            recommendation=m.recommendation,
            **_doc_fields(m),
        )
    recipients: dict[int, dict[str, dm.CallRecipient]] = defaultdict(dict)
    for r in _rows(conn, t.CallRecipient, cid, "call_number", "position"):
        recipients[r.call_number][r.unit] = dm.CallRecipient(
            r.unit, r.must_acknowledge, dm.Answer(r.state), r.comment, r.answered_at, r.answered_by
        )
    case.calls = [
        dm.Call(
            c.number,
            dm.CallKind(c.kind),
            c.cycle,
            c.meeting_form,
            c.place,
            c.meeting_at,
            recipients[c.number],
            c.others,
            c.sent_at,
            c.sent_by,
            _voided(c),
        )
        for c in _rows(conn, t.Call, cid, "number")
    ]
    activities: dict[tuple[int, int], list[dm.Activity]] = defaultdict(list)
    for a in _rows(conn, t.Activity, cid, "plan_position", "goal_id", "position"):
        activities[a.plan_position, a.goal_id].append(
            dm.Activity(
                a.activity_id, a.text, a.responsible_unit, a.responsible_person, a.follow_up_on
            )
        )
    goals: dict[int, list[dm.Goal]] = defaultdict(list)
    for g in _rows(conn, t.Goal, cid, "plan_position", "position"):
        goals[g.plan_position].append(
            dm.Goal(
                g.goal_id, g.goal, g.strengths, g.obstacles, activities[g.plan_position, g.goal_id]
            )
        )
    attendees: dict[int, list[dm.Attendee]] = defaultdict(list)
    for a in _rows(conn, t.PlanAttendee, cid, "plan_position", "position"):
        attendees[a.plan_position].append(dm.Attendee(a.unit, a.person))
    externals: dict[int, list[dm.ExternalParticipant]] = defaultdict(list)
    for e in _rows(conn, t.ExternalParticipant, cid, "plan_position", "position"):
        externals[e.plan_position].append(
            dm.ExternalParticipant(e.name, e.relation, e.contact, e.present)
        )
    case.plans = [
        dm.Plan(
            cycle=p.cycle,
            archived_at=p.archived_at,
            meeting_on=p.meeting_on,
            evaluation_on=p.evaluation_on,
            situation=p.situation,
            attendees=attendees[p.position],
            externals=externals[p.position],
            goals=goals[p.position],
            **_doc_fields(p),
        )
        for p in _rows(conn, t.Plan, cid, "position")
    ]
    entries: dict[int, dict[int, dm.FollowUpEntry]] = defaultdict(dict)
    for e in _rows(conn, t.FollowUpEntry, cid, "cycle", "activity_id"):
        entries[e.cycle][e.activity_id] = dm.FollowUpEntry(
            e.activity_id, e.comment, dm.ActivityStatus(e.status), e.login, e.unit, e.at
        )
    case.follow_ups = {
        f.cycle: dm.FollowUp(cycle=f.cycle, entries=entries[f.cycle], **_doc_fields(f))
        for f in _rows(conn, t.FollowUp, cid, "cycle")
    }
    case.evaluations = {
        e.cycle: dm.Evaluation(
            cycle=e.cycle, summary=e.summary, meeting_at=e.meeting_at, **_doc_fields(e)
        )
        for e in _rows(conn, t.Evaluation, cid, "cycle")
    }
    reads: dict[int, dict[str, Any]] = defaultdict(dict)
    for r in _rows(conn, t.MessageRecipient, cid, "message_number", "position"):
        reads[r.message_number][r.unit] = r.read_at
    case.messages = [
        dm.InfoMessage(
            m.number, m.sender_unit, m.sender, m.text, m.sent_at, reads[m.number], _voided(m)
        )
        for m in _rows(conn, t.InfoMessage, cid, "number")
    ]


def _load_locks(conn: Connection, case: dm.Case) -> None:
    documents = {(kind.value, number): doc for kind, number, doc in _documents(case)}
    for lock in _rows(conn, t.EditLock, case.id):
        documents[lock.document, lock.number].edit_lock = dm.EditLock(
            lock.login, lock.user_name, lock.unit, lock.since
        )
    for s in _rows(conn, t.Signature, case.id, "document", "number", "position"):
        documents[s.document, s.number].signatures.append((s.login, s.unit, s.at))
