"""A case as rows and back: :class:`sip_tui.domain.model.Case` <-> the aggregate tables.

A write persists only what the command changed. Before the domain acts, the rows the case
has in the database are noted (:func:`stored`, computed from the loaded case, no query);
afterwards :func:`update_case` computes the rows again and, table by table, keyed by each
table's primary key, DELETEs the rows that disappeared, UPDATEs the columns that changed
and INSERTs the new rows; untouched tables and rows are not written. The history is
append-only: only the new events are inserted. The case row gets the changed columns and
its ``row_version`` bumped (once per write, also when nothing else in it changed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, update

from sip_tui.domain import model as dm
from sip_tui.domain.documents import DocumentKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.rows.signed import content_json

Row = dict[str, Any]

#: The case's child tables, parents before children (the history is append-only, separate).
CHILD_TABLES: tuple[Table, ...] = tuple(
    table_of(model)
    for model in (
        t.Participant,
        t.Initiative,
        t.InitiativeRecipient,
        t.Mapping,
        t.EditLock,
        t.Signature,
        t.SignedDocument,
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
CALL: Table = table_of(t.Call)


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


def documents_of(case: dm.Case) -> Iterable[tuple[DocumentKind, int, dm.Document]]:
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
    for kind, number, doc in documents_of(case):
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
        if doc.signed is not None:
            add(
                t.SignedDocument,
                document=kind.value,
                number=number,
                version=doc.signed.version,
                updated_at=doc.signed.updated_at,
                updated_by=doc.signed.updated_by,
                content=content_json(doc.signed),
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
            documenting_unit=plan.documenting_unit,
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


def event_rows(case: dm.Case, start: int = 0, position: int | None = None) -> list[Row]:
    """Rows of ``case.history[start:]``; numbered from ``position`` (default ``start``)."""
    first = start if position is None else position
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
        for i, e in enumerate(case.history[start:], start=first)
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


# --- a write: only what changed -------------------------------------------------------------

Key = tuple[Any, ...]


def key_names(table: Table) -> tuple[str, ...]:
    """The table's primary-key columns, in declaration order."""
    return tuple(column.name for column in table.primary_key.columns)


#: The primary-key columns of each child table.
KEYS: dict[Table, tuple[str, ...]] = {table: key_names(table) for table in CHILD_TABLES}


@dataclass(frozen=True)
class Stored:
    """A case's rows as they are in the database, noted before a domain action changes it.

    ``events`` is how many history events the case has in the database and ``loaded`` how
    many of them are in ``case.history`` (all, or none when loaded without its history):
    the events after ``loaded`` are the new ones, numbered from ``events``."""

    case: Row
    children: dict[Table, dict[Key, Row]]
    events: int
    loaded: int


def by_key(table: Table, rows: Iterable[Row]) -> dict[Key, Row]:
    """``rows`` of ``table`` by their primary key."""
    names = key_names(table)
    return {tuple(row[name] for name in names): row for row in rows}


def keyed(rows: dict[Table, list[Row]]) -> dict[Table, dict[Key, Row]]:
    """Every child table's rows by primary key (tables without rows included, empty)."""
    return {table: by_key(table, rows.get(table, ())) for table in CHILD_TABLES}


def stored(case: dm.Case, events: int | None = None) -> Stored:
    """Note the rows of a just-loaded ``case`` before it is changed. ``events``: the
    number of its events in the database when ``case.history`` does not hold them all."""
    loaded = len(case.history)
    return Stored(
        case_row(case),
        keyed(child_rows(case)),
        loaded if events is None else events,
        loaded,
    )


def write_rows(
    conn: Connection, table: Table, before: dict[Key, Row], after: dict[Key, Row]
) -> None:
    """Bring the rows of ``table`` from ``before`` to ``after`` (both by primary key, see
    :func:`by_key`): DELETE the gone, UPDATE the changed columns, INSERT the new rows."""
    names = key_names(table)
    where = and_(
        *(table.c[name] == bindparam(f"k_{name}", type_=table.c[name].type) for name in names)
    )
    gone = [key for key in before if key not in after]
    if gone:
        conn.execute(
            delete(table).where(where),
            [{f"k_{name}": value for name, value in zip(names, key, strict=True)} for key in gone],
        )
    # One executemany per set of changed columns (usually one set: the columns one edit touched).
    changed: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for key, row in after.items():
        old = before.get(key)
        if old is None or old == row:
            continue
        columns = tuple(name for name, value in row.items() if old.get(name) != value)
        keys = {f"k_{name}": value for name, value in zip(names, key, strict=True)}
        changed[columns].append(keys | {f"v_{name}": row[name] for name in columns})
    for columns, params in changed.items():
        values = {name: bindparam(f"v_{name}", type_=table.c[name].type) for name in columns}
        conn.execute(update(table).where(where).values(values), params)
    new = [row for key, row in after.items() if key not in before]
    if new:
        conn.execute(insert(table), new)


def update_case(conn: Connection, before: Stored, case: dm.Case) -> None:
    """Write back a changed case: what changed since ``before`` (see the module's doc)."""
    head = case_row(case)
    changed = {name: value for name, value in head.items() if before.case.get(name) != value}
    conn.execute(
        CASE.update()
        .where(CASE.c.id == case.id)
        .values(**changed, row_version=CASE.c.row_version + 1)
    )
    after = keyed(child_rows(case))
    for table in CHILD_TABLES:
        write_rows(conn, table, before.children[table], after[table])
    new_events = event_rows(case, before.loaded, before.events)
    if new_events:
        conn.execute(insert(EVENT), new_events)
