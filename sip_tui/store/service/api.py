"""The service API: every write is a command run by ``Store.execute`` (one transaction).

Every write (a) checks that the user is a member of the acting unit (the domain then
checks the role and the case), (b) lets the domain decide and change the case, (c) writes
the access-log entry, the case and its read models in the same transaction, and tells the
change feed which units' overviews changed. Refusals are domain errors with Swedish
messages; the store re-implements no rule. The plumbing is in ``service_base``, the
write pipeline there too; who-is-who and the reads are here.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, select

from sip_tui.domain import deadlines
from sip_tui.domain.addressing import MOST
from sip_tui.domain.deadlines import DueCounts
from sip_tui.domain.model import Answer, CallKind, Case, Phase, Status
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.rules import check_access
from sip_tui.domain.session import Session
from sip_tui.domain.status import Task, TaskKind, tasks_for
from sip_tui.store import models as t
from sip_tui.store.changes import ChangeListener, listener_for
from sip_tui.store.errors import DatabaseUnreachable, StoreError
from sip_tui.store.models import table_of
from sip_tui.store.rows import aggregate, readmodel
from sip_tui.store.schema import check_schema
from sip_tui.store.service.audit import AuditStore
from sip_tui.store.service.contacts import PhoneListStore
from sip_tui.store.service.deviations import DeviationStore
from sip_tui.store.service.outbox import OutboxStore
from sip_tui.store.service.pipeline import MEMBERSHIP, UNIT, USER
from sip_tui.store.service.prints import PrintStore
from sip_tui.store.service.reports import ReportStore
from sip_tui.store.service.roster import RosterStore
from sip_tui.store.service.routine import RoutineStore
from sip_tui.store.translate import translate_errors


@dataclass(frozen=True)
class UnitInfo:
    code: str
    name: str
    short_name: str
    organisation: str
    kind: str
    switchboard: str
    direct_phone: str


@dataclass(frozen=True)
class Membership:
    unit: UnitInfo
    roles: frozenset[Role]


@dataclass(frozen=True)
class AddressingFacts:
    """Units to propose as recipients, from the store (see ``Store.addressing``)."""

    other_cases: list[str]
    frequent: list[str]


@dataclass(frozen=True)
class OverviewRow:
    """One case as the unit sees it in the overview."""

    case_id: int
    individual_name: str
    personnummer: str
    coordinator_unit: str
    statuses: dict[Phase, Status]
    next_deadline: datetime | None
    open_tasks: int
    is_open: bool


@dataclass(frozen=True)
class OpenCase:
    """An open case of an individual that the asking unit has access to."""

    case_id: int
    individual_name: str
    coordinator_unit: str
    coordinator_name: str


class Store(
    RosterStore,
    OutboxStore,
    DeviationStore,
    RoutineStore,
    PrintStore,
    PhoneListStore,
    ReportStore,
    AuditStore,
):
    """The shared store. Thread-safe: every call takes its own connection. Every write is
    a domain command run by :meth:`execute`; who-is-who and the reads are here."""

    # --- who is who -----------------------------------------------------------------------

    def listen(self) -> ChangeListener:
        """A listener on this store's change feed, on its own connection: ``wait(timeout)``
        returns the units whose overview changed (``{"*"}``: any). Opening it and waiting on
        it raise :class:`StoreError` when the database cannot be used, never a driver's
        error; a listener that raised is spent (close it, open another)."""
        with _feed_errors(self):
            return _TranslatedListener(listener_for(self.engine), self)

    def probe(self) -> None:
        """Is the store usable now? Raises :class:`StoreError` unless a connection
        (checked before use) reads the database at the schema this program needs (the
        change feed asks before it says the store is back: a server up with an emptied
        database is not)."""
        check_schema(self.engine)

    def user_name(self, login: str) -> str | None:
        with self._read() as conn:
            return conn.execute(select(USER.c.name).where(USER.c.login == login)).scalar()

    def memberships(self, login: str) -> list[Membership]:
        """The units a user may log in on, with their roles there, by unit name."""
        with self._read() as conn:
            rows = conn.execute(
                select(UNIT, MEMBERSHIP.c.role)
                .join(MEMBERSHIP, MEMBERSHIP.c.unit == UNIT.c.code)
                .where(MEMBERSHIP.c.login == login)
                .order_by(UNIT.c.name)
            ).all()
        units: dict[str, tuple[UnitInfo, set[Role]]] = {}
        for row in rows:
            info = UnitInfo(
                row.code,
                row.name,
                row.short_name,
                row.organisation,
                row.kind,
                row.switchboard,
                row.direct_phone,
            )
            units.setdefault(row.code, (info, set()))[1].add(Role(row.role))
        return [Membership(info, frozenset(roles)) for info, roles in units.values()]

    def units(self, codes: Iterable[str] | None = None) -> dict[str, UnitInfo]:
        query = select(UNIT)
        if codes is not None:
            query = query.where(UNIT.c.code.in_(list(codes)))
        with self._read() as conn:
            return {
                r.code: UnitInfo(
                    r.code,
                    r.name,
                    r.short_name,
                    r.organisation,
                    r.kind,
                    r.switchboard,
                    r.direct_phone,
                )
                for r in conn.execute(query)
            }

    # --- reads ------------------------------------------------------------------------------

    def overview_for(
        self, reader: Session | str, include_closed: bool = False
    ) -> list[OverviewRow]:
        """Every case the unit takes part in, as it sees them (indexed read model).

        ``reader`` is the session whose unit's overview is read: the read is access-logged
        (one ``overview`` line naming the unit and how many cases, not one per case), a
        user who is no member of the unit is refused and the attempt logged. A unit code
        instead is a read by a local job without a user (``sip-tui status``): logged as
        login :data:`SYSTEM`."""
        unit = reader.unit if isinstance(reader, Session) else reader
        view = readmodel.VIEW
        query = select(view).where(view.c.unit == unit)
        if not include_closed:
            query = query.where(view.c.is_open.is_(True))
        session = reader if isinstance(reader, Session) else None
        refusals = self._refusals_logged(session, "overview") if session else nullcontext()
        with refusals, self._transaction(write=True) as conn:
            if session is not None:
                actor = self._actor(conn, session.user, session.unit)
            else:
                actor = Actor(SYSTEM, SYSTEM, unit, frozenset())
            rows = conn.execute(query).all()
            which = "all" if include_closed else "open"
            self._log(conn, actor, "overview", detail=f"{len(rows)} cases ({which})")
        return [
            OverviewRow(
                r.case_id,
                r.individual_name,
                r.personnummer,
                r.coordinator_unit,
                readmodel.decode(r.statuses),
                r.next_deadline,
                r.open_tasks,
                r.is_open,
            )
            for r in rows
        ]

    def unit_tasks(self, unit: str) -> list[dict[str, Any]]:
        """The unit's open tasks with deadlines, soonest first (rows of the task table)."""
        task = readmodel.TASK
        with self._read(unit) as conn:
            rows = (
                conn.execute(
                    select(task)
                    .where(task.c.unit == unit)
                    .order_by(task.c.deadline.is_(None), task.c.deadline)
                )
                .mappings()
                .all()
            )
        return [dict(row) for row in rows]

    def deadline_counts(self, unit: str, now: datetime) -> DueCounts:
        """The unit's open tasks due at the next cut-off, due by the end of today and
        already overdue (the ranges are the domain's: :func:`deadlines.windows`)."""
        task = readmodel.TASK
        limits = deadlines.windows(now, self.calendar)

        def count(*where: Any) -> int:
            query = select(func.count()).where(task.c.unit == unit, *where)
            return int(conn.execute(query).scalar_one())

        def within(bounds: tuple[datetime, datetime]) -> int:
            low, high = bounds
            return count(task.c.deadline > low, task.c.deadline <= high) if low < high else 0

        with self._read(unit) as conn:
            overdue = count(task.c.deadline <= limits.overdue_to)
            return DueCounts(within(limits.cutoff), within(limits.today), overdue)

    def open_case(self, session: Session, case_id: int, reason: str = "") -> Case:
        """Read a whole case for the session's user on its unit; the read is access-logged."""
        with (
            self._refusals_logged(session, "read", case_id),
            self._transaction(write=True, snapshot=True) as conn,
        ):
            actor = self._actor(conn, session.user, session.unit)
            case = self._load(conn, case_id, for_update=False)
            refusal = check_access(case, session.unit)
            if refusal is not None:
                raise refusal
            self._log(conn, actor, "read", case, reason)
        self.histories.put(case.id, case.history)
        return case

    def record_export(
        self, session: Session, what: str, rows: int, cases: Iterable[int] = ()
    ) -> None:
        """Log an export (a CSV file the user saves: ``what`` e.g. "deviations", "report",
        "log"), before the file is written: an export is a disclosure, so none is made that
        the log does not hold. The case ids it names go in the detail."""
        named = sorted(set(cases))
        detail = f"{rows} rows" + (f"; cases {', '.join(map(str, named))}" if named else "")
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, session.user, session.unit)
            self._log(conn, actor, f"export-{what}", detail=detail)

    def addressing(self, session: Session, personnummer: str | None) -> AddressingFacts:
        """What proposing recipients for a new initiative draws on (domain.addressing): the
        units of the individual's other cases that the session's unit takes part in (no
        other case is revealed), and the units most often in cases the unit coordinated in
        the last twelve months, most often first. A unit that declined or forwarded is no
        proposal (it was the wrong recipient)."""
        participant: Table = table_of(t.Participant)
        case: Table = table_of(t.SipCase)
        view = readmodel.VIEW
        gone = (Answer.DECLINED.value, Answer.FORWARDED.value)
        since = self.clock.now() - timedelta(days=365)
        with self._read(session.unit) as conn:
            others: list[str] = []
            if personnummer:
                visible = select(view.c.case_id).where(
                    view.c.unit == session.unit, view.c.personnummer == personnummer
                )
                others = list(
                    conn.execute(
                        select(participant.c.unit)
                        .where(
                            participant.c.case_id.in_(visible),
                            participant.c.unit != session.unit,
                            participant.c.state.not_in(gone),
                        )
                        .group_by(participant.c.unit)
                        .order_by(func.count().desc(), participant.c.unit)
                    ).scalars()
                )
            count = func.count().label("n")
            frequent = list(
                conn.execute(
                    select(participant.c.unit)
                    .join(case, case.c.id == participant.c.case_id)
                    .where(
                        case.c.coordinator_unit == session.unit,
                        case.c.created_at >= since,
                        participant.c.unit != session.unit,
                        participant.c.state.not_in(gone),
                    )
                    .group_by(participant.c.unit)
                    .order_by(count.desc(), participant.c.unit)
                    .limit(MOST)
                ).scalars()
            )
        return AddressingFacts(others, frequent)

    def open_cases_of(self, session: Session, personnummer: str) -> list[OpenCase]:
        """The open cases of the individual (12 digits) that the session's unit has access
        to, oldest first: only these, so no other unit's case is revealed. Logged, since it
        tells who has a case."""
        view = readmodel.VIEW
        query = (
            select(view.c.case_id, view.c.individual_name, view.c.coordinator_unit, UNIT.c.name)
            .join(UNIT, UNIT.c.code == view.c.coordinator_unit)
            .where(
                view.c.unit == session.unit,
                view.c.personnummer == personnummer,
                view.c.is_open.is_(True),
            )
            .order_by(view.c.case_id)
        )
        with (
            self._refusals_logged(session, "find-open-cases", personnummer=personnummer),
            self._transaction(write=True) as conn,
        ):
            actor = self._actor(conn, session.user, session.unit)
            found = [OpenCase(*row) for row in conn.execute(query)]
            detail = ", ".join(str(case.case_id) for case in found)
            self._log(conn, actor, "find-open-cases", detail=detail, personnummer=personnummer)
        return found

    def case_stamp(self, case_id: int, unit: str | None = None) -> int:
        """How many things have happened in the case (its history's length): a cheap,
        unlogged way for an open case screen (of ``unit``) to see that it must read the
        case again."""
        event = aggregate.EVENT
        with self._read(unit) as conn:
            query = select(func.count()).select_from(event).where(event.c.case_id == case_id)
            return int(conn.execute(query).scalar_one())

    def case_tasks(self, case_id: int, unit: str | None = None) -> list[Task]:
        """Every unit's open tasks in one case, from the read model (for "explain"), as
        ``unit`` may see them."""
        task, call = readmodel.TASK, aggregate.CALL
        # A call to acknowledge is named by its meeting (kind and time), read with the task.
        about_call = (
            (call.c.case_id == task.c.case_id)
            & (call.c.number == task.c.ref)
            & (task.c.kind == TaskKind.ANSWER_CALL.value)
        )
        query = (
            select(task, call.c.kind.label("call_kind"), call.c.meeting_at)
            .select_from(task.outerjoin(call, about_call))
            .where(task.c.case_id == case_id)
            .order_by(task.c.position)
        )
        with self._read(unit) as conn:
            rows = conn.execute(query).all()
        return [
            Task(
                r.case_id,
                r.unit,
                Phase(r.phase),
                TaskKind(r.kind),
                r.since,
                r.deadline,
                from_unit=r.from_unit,
                ref=r.ref,
                holder=r.holder,
                call_kind=CallKind(r.call_kind) if r.call_kind is not None else None,
                meeting_at=r.meeting_at,
            )
            for r in rows
        ]

    def tasks_in_case(self, case: Case, unit: str) -> list[Task]:
        return tasks_for(case, unit, self.calendar)


__all__ = ["SYSTEM", "Membership", "OverviewRow", "Store", "UnitInfo"]

#: The access log's login for a read by a local job without a user (``sip-tui status``).
SYSTEM = "(system)"


@contextmanager
def _feed_errors(store: Store) -> Iterator[None]:
    """The change feed only reads: any driver error on its connection means the database
    cannot be reached now (the feed retries), never a bug in the data."""
    try:
        with translate_errors(store.engine):
            yield
    except StoreError:
        raise
    except Exception as error:
        if not isinstance(error, (sqlite3.Error, *_driver_errors())):
            raise
        raise DatabaseUnreachable(
            f"the change feed lost its connection to the database ({type(error).__name__})",
            "förbindelsen med databasen bröts",
        ) from error


def _driver_errors() -> tuple[type[Exception], ...]:
    module = sys.modules.get("psycopg")
    return (module.Error,) if module is not None else ()


class _TranslatedListener:
    def __init__(self, listener: ChangeListener, store: Store) -> None:
        self._listener, self._store = listener, store

    def wait(self, timeout: float) -> set[str]:
        with _feed_errors(self._store):
            return self._listener.wait(timeout)

    def close(self) -> None:
        with _feed_errors(self._store):
            self._listener.close()
