"""A case read back from its rows into a :class:`sip_tui.domain.model.Case` (the other
half of ``aggregate``, which writes it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, or_, select

from sip_tui.domain import model as dm
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.rows.aggregate import CASE, documents_of
from sip_tui.store.rows.signed import signed_from


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


EVENT: Table = table_of(t.CaseEvent)


def event_count(conn: Connection, case_id: int) -> int:
    """How many history events the case has (its history's length), from the index."""
    query = select(func.count()).select_from(EVENT).where(EVENT.c.case_id == case_id)
    return int(conn.execute(query).scalar_one())


def load_history(conn: Connection, case_id: int) -> list[dm.Event]:
    """The case's history, oldest first."""
    return [
        dm.Event(e.at, e.login, e.unit, e.action, dm.Phase(e.phase) if e.phase else None, e.detail)
        for e in _rows(conn, t.CaseEvent, case_id, "position")
    ]


def load_case(
    conn: Connection, case_id: int, for_update: bool = False, history: bool = True
) -> dm.Case | None:
    """Read a whole case, or None. ``for_update`` locks its row (PostgreSQL) so that
    writers of one case queue up instead of overwriting each other.

    ``history=False`` leaves ``case.history`` empty (the write path: the domain only
    appends to it, and reading every event made each write cost more than the last); the
    number of events is then :func:`event_count`. Everything else is loaded the same."""
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
    if history:
        case.history = load_history(conn, case_id)
    units = {case.coordinator_unit, *case.participants, *case.initiative.recipients}
    unit_table: Table = table_of(t.Unit)
    rows = conn.execute(
        select(unit_table.c.code, unit_table.c.name).where(unit_table.c.code.in_(units))
    )
    case.unit_names = {code: name for code, name in rows}
    # Everyone who did something in the case is in its history (every action records);
    # asked of the database, so that it needs no history loaded.
    user_table: Table = table_of(t.User)
    actors = select(EVENT.c.login).where(EVENT.c.case_id == case_id)
    rows = conn.execute(
        select(user_table.c.login, user_table.c.name).where(
            or_(user_table.c.login == case.coordinator_user, user_table.c.login.in_(actors))
        )
    )
    case.user_names = {login: name for login, name in rows}
    return case


def complete_names(conn: Connection, case: dm.Case) -> None:
    """After a command: the names of units and people new to the case (a unit brought in,
    someone acting for the first time), added to those it already knows."""
    units = {case.coordinator_unit, *case.participants, *case.initiative.recipients}
    units -= case.unit_names.keys()
    if units:
        unit_table: Table = table_of(t.Unit)
        rows = conn.execute(
            select(unit_table.c.code, unit_table.c.name).where(unit_table.c.code.in_(units))
        )
        case.unit_names = {**case.unit_names, **{key: name for key, name in rows}}
    logins = {case.coordinator_user, *(event.user for event in case.history)}
    logins -= case.user_names.keys()
    if logins:
        user_table: Table = table_of(t.User)
        rows = conn.execute(
            select(user_table.c.login, user_table.c.name).where(user_table.c.login.in_(logins))
        )
        case.user_names = {**case.user_names, **{key: name for key, name in rows}}


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
            documenting_unit=p.documenting_unit,
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
    documents = {(kind.value, number): doc for kind, number, doc in documents_of(case)}
    for lock in _rows(conn, t.EditLock, case.id):
        documents[lock.document, lock.number].edit_lock = dm.EditLock(
            lock.login, lock.user_name, lock.unit, lock.since
        )
    for s in _rows(conn, t.Signature, case.id, "document", "number", "position"):
        documents[s.document, s.number].signatures.append((s.login, s.unit, s.at))
    for d in _rows(conn, t.SignedDocument, case.id):
        live = documents[d.document, d.number]
        live.signed = signed_from(live, d.version, d.updated_at, d.updated_by, d.content)
