"""The service API: one method per use case, each one transaction.

Every call (a) checks that the user is a member of the acting unit (the domain then
checks the role and the case), (b) lets the domain decide and change the case, (c) writes
the access-log entry, the case and its read models in the same transaction, and tells the
change feed which units' overviews changed. Refusals are domain errors with Swedish
messages; the store re-implements no rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, func, insert, select

from sip_tui.domain import calls, messages, voiding
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import InvalidInput, NoAccess, NotAllowed
from sip_tui.domain.model import CallKind, Case, Consent, Individual, Phase, Status
from sip_tui.domain.personnummer import PersonnummerError, parse_personnummer
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.rules import check_access
from sip_tui.domain.status import Task, TaskKind, tasks_for
from sip_tui.store import aggregate, changes, readmodel
from sip_tui.store import models as t
from sip_tui.store.engine import begin_write
from sip_tui.store.models import table_of

T = TypeVar("T")
LOG: Table = table_of(t.AccessLog)
MEMBERSHIP: Table = table_of(t.Membership)
UNIT: Table = table_of(t.Unit)
USER: Table = table_of(t.User)
INDIVIDUAL: Table = table_of(t.Individual)


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


class Store:
    """The shared store. Thread-safe: every call takes its own connection."""

    def __init__(self, engine: Engine, clock: Clock, calendar: WorkCalendar) -> None:
        self.engine = engine
        self.clock = clock
        self.calendar = calendar

    # --- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        if write:
            with begin_write(self.engine) as conn:
                yield conn
        else:
            with self.engine.begin() as conn:
                yield conn

    def _actor(self, conn: Connection, login: str, unit: str) -> Actor:
        user = conn.execute(select(USER.c.name).where(USER.c.login == login)).scalar()
        if user is None:
            raise NotAllowed(
                f"Användaren {login} finns inte i sip-tui; be enhetens administratör lägga "
                "till dig."
            )
        roles = (
            conn.execute(
                select(MEMBERSHIP.c.role).where(
                    MEMBERSHIP.c.login == login, MEMBERSHIP.c.unit == unit
                )
            )
            .scalars()
            .all()
        )
        if not roles:
            raise NotAllowed(
                f"Du är inte medlem av enheten {unit}; be enhetens administratör om behörighet."
            )
        return Actor(login, user, unit, frozenset(Role(role) for role in roles))

    def _log(
        self,
        conn: Connection,
        actor: Actor,
        action: str,
        case: Case | None = None,
        detail: str = "",
    ) -> None:
        conn.execute(
            insert(LOG).values(
                at=self.clock.now(),
                login=actor.user,
                unit=actor.unit,
                action=action,
                case_id=case.id if case else None,
                personnummer=case.individual.personnummer if case else None,
                detail=detail,
            )
        )

    def _load(self, conn: Connection, case_id: int, for_update: bool) -> Case:
        case = aggregate.load_case(conn, case_id, for_update=for_update)
        if case is None:
            raise InvalidInput(f"Ärende {case_id} finns inte.")
        return case

    def _change(
        self,
        login: str,
        unit: str,
        case_id: int,
        action: str,
        change: Callable[[Case, Actor, datetime], T],
    ) -> T:
        """Run one domain action on one case in one transaction."""
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, login, unit)
            case = self._load(conn, case_id, for_update=True)
            events_before = len(case.history)
            now = self.clock.now()
            result = change(case, actor, now)
            aggregate.update_case(conn, case, events_before)
            units = readmodel.refresh(conn, case, self.calendar, now)
            self._log(conn, actor, action, case)
            changes.notify(conn, units)
            return result

    # --- who is who -----------------------------------------------------------------------

    def user_name(self, login: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(USER.c.name).where(USER.c.login == login)).scalar()

    def memberships(self, login: str) -> list[Membership]:
        """The units a user may log in on, with their roles there, by unit name."""
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
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

    def overview_for(self, unit: str, include_closed: bool = False) -> list[OverviewRow]:
        """Every case the unit takes part in, as it sees them (indexed read model)."""
        view = readmodel.VIEW
        query = select(view).where(view.c.unit == unit)
        if not include_closed:
            query = query.where(view.c.is_open.is_(True))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
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
        with self.engine.connect() as conn:
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

    def deadline_counts(self, unit: str, now: datetime) -> tuple[int, int]:
        """(due at the next cut-off, already overdue) for the unit's open tasks."""
        task = readmodel.TASK
        cutoff = self.calendar.next_cutoff(now)
        with self.engine.connect() as conn:
            overdue = conn.execute(
                select(func.count()).where(task.c.unit == unit, task.c.deadline <= now)
            ).scalar_one()
            due = conn.execute(
                select(func.count()).where(
                    task.c.unit == unit, task.c.deadline > now, task.c.deadline <= cutoff
                )
            ).scalar_one()
        return int(due), int(overdue)

    def open_case(self, login: str, unit: str, case_id: int, reason: str = "") -> Case:
        """Read a whole case for the user on the unit; the read is access-logged."""
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, login, unit)
            case = self._load(conn, case_id, for_update=False)
            refusal = check_access(case, unit)
            if refusal is not None:
                raise refusal
            self._log(conn, actor, "read", case, reason)
            return case

    def case_tasks(self, case_id: int) -> list[Task]:
        """Every unit's open tasks in one case, from the read model (for "explain")."""
        task = readmodel.TASK
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(task).where(task.c.case_id == case_id).order_by(task.c.position)
            ).all()
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
            )
            for r in rows
        ]

    def tasks_in_case(self, case: Case, unit: str) -> list[Task]:
        return tasks_for(case, unit, self.calendar)

    # --- the case and its initiative ------------------------------------------------------

    def create_case(
        self,
        login: str,
        unit: str,
        *,
        personnummer: str,
        name: str,
        reason: str,
        consent: Consent,
        recipients: Sequence[str],
        discharge_ready_at: datetime | None = None,
    ) -> int:
        """Nytt ärende with a draft initiative; returns the case id."""
        try:
            number = parse_personnummer(personnummer, self.clock.now().date())
        except PersonnummerError as error:
            raise InvalidInput(str(error), "personnummer") from None
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, login, unit)
            now = self.clock.now()
            known = set(
                conn.execute(select(UNIT.c.code).where(UNIT.c.code.in_(recipients))).scalars()
            )
            unknown = [code for code in recipients if code not in known]
            if unknown:
                raise InvalidInput(f"Okänd enhet: {', '.join(unknown)}.", "recipients")
            case = wf.new_case(
                case_id=0,
                actor=actor,
                at=now,
                individual=Individual(number.digits12, name.strip()),
                reason=reason,
                consent=consent,
                recipients=recipients,
                discharge_ready_at=discharge_ready_at,
            )
            self._upsert_individual(conn, case.individual)
            aggregate.insert_case(conn, case)
            units = readmodel.refresh(conn, case, self.calendar, now, replace=False)
            self._log(conn, actor, "create", case)
            changes.notify(conn, units)
            return case.id

    def _upsert_individual(self, conn: Connection, person: Individual) -> None:
        existing = conn.execute(
            select(INDIVIDUAL.c.name).where(INDIVIDUAL.c.personnummer == person.personnummer)
        ).scalar()
        if existing is None:
            conn.execute(
                insert(INDIVIDUAL).values(personnummer=person.personnummer, name=person.name)
            )
        elif existing != person.name:
            conn.execute(
                INDIVIDUAL.update()
                .where(INDIVIDUAL.c.personnummer == person.personnummer)
                .values(name=person.name)
            )

    def update_initiative(
        self,
        login: str,
        unit: str,
        case_id: int,
        *,
        reason: str,
        consent: Consent,
        recipients: Sequence[str],
    ) -> None:
        """Spara the draft initiative (before it is sent)."""
        self._change(
            login,
            unit,
            case_id,
            "save-initiative",
            lambda c, a, at: wf.update_initiative(
                c, a, at, reason=reason, consent=consent, recipients=recipients
            ),
        )

    def send_initiative(self, login: str, unit: str, case_id: int) -> None:
        self._change(login, unit, case_id, "send-initiative", wf.send_initiative)

    def accept_initiative(self, login: str, unit: str, case_id: int, comment: str = "") -> None:
        self._change(
            login,
            unit,
            case_id,
            "accept-initiative",
            lambda c, a, at: wf.accept_initiative(c, a, at, comment),
        )

    def decline_initiative(self, login: str, unit: str, case_id: int, reason: str) -> None:
        self._change(
            login,
            unit,
            case_id,
            "decline-initiative",
            lambda c, a, at: wf.decline_initiative(c, a, at, reason),
        )

    def forward_initiative(
        self, login: str, unit: str, case_id: int, to_unit: str, comment: str = ""
    ) -> None:
        self._change(
            login,
            unit,
            case_id,
            "forward-initiative",
            lambda c, a, at: wf.forward_initiative(c, a, at, to_unit, comment),
        )

    def set_discharge_ready(self, login: str, unit: str, case_id: int, ready_at: datetime) -> None:
        self._change(
            login,
            unit,
            case_id,
            "discharge-ready",
            lambda c, a, at: wf.set_discharge_ready(c, a, at, ready_at),
        )

    # --- calls and messages -----------------------------------------------------------------

    def send_call(
        self,
        login: str,
        unit: str,
        case_id: int,
        *,
        kind: CallKind,
        meeting_form: str,
        place: str,
        meeting_at: datetime,
        recipients: dict[str, bool],
        others: str = "",
    ) -> int:
        call = self._change(
            login,
            unit,
            case_id,
            "send-call",
            lambda c, a, at: calls.send_call(
                c,
                a,
                at,
                kind=kind,
                meeting_form=meeting_form,
                place=place,
                meeting_at=meeting_at,
                recipients=recipients,
                others=others,
            ),
        )
        return call.number

    def accept_call(
        self, login: str, unit: str, case_id: int, number: int, comment: str = ""
    ) -> None:
        self._change(
            login,
            unit,
            case_id,
            "accept-call",
            lambda c, a, at: calls.accept_call(c, a, at, number, comment),
        )

    def decline_call(self, login: str, unit: str, case_id: int, number: int, reason: str) -> None:
        self._change(
            login,
            unit,
            case_id,
            "decline-call",
            lambda c, a, at: calls.decline_call(c, a, at, number, reason),
        )

    def send_message(
        self,
        login: str,
        unit: str,
        case_id: int,
        *,
        text: str,
        recipients: Sequence[str],
        add_units: Sequence[str] = (),
    ) -> int:
        message = self._change(
            login,
            unit,
            case_id,
            "send-message",
            lambda c, a, at: messages.send_message(
                c, a, at, text=text, recipients=recipients, add_units=add_units
            ),
        )
        return message.number

    def mark_message_read(self, login: str, unit: str, case_id: int, number: int) -> None:
        self._change(
            login,
            unit,
            case_id,
            "read-message",
            lambda c, a, at: messages.mark_message_read(c, a, at, number),
        )

    # --- documents --------------------------------------------------------------------------

    def save_mapping(
        self, login: str, unit: str, case_id: int, text: doc.MappingText, base_version: int | None
    ) -> int:
        mapping = self._change(
            login,
            unit,
            case_id,
            "save-mapping",
            lambda c, a, at: doc.save_mapping(c, a, at, text, base_version),
        )
        return mapping.version

    def save_plan(
        self,
        login: str,
        unit: str,
        case_id: int,
        content: doc.PlanContent,
        base_version: int | None,
    ) -> int:
        plan = self._change(
            login,
            unit,
            case_id,
            "save-plan",
            lambda c, a, at: doc.save_plan(c, a, at, content, base_version),
        )
        return plan.version

    def save_follow_up(
        self,
        login: str,
        unit: str,
        case_id: int,
        entries: list[doc.ActivityFollowUp],
        base_version: int,
    ) -> None:
        self._change(
            login,
            unit,
            case_id,
            "save-follow-up",
            lambda c, a, at: doc.save_follow_up(c, a, at, entries, base_version),
        )

    def save_evaluation(
        self,
        login: str,
        unit: str,
        case_id: int,
        summary: str,
        meeting_at: datetime | None,
        base_version: int | None,
    ) -> int:
        evaluation = self._change(
            login,
            unit,
            case_id,
            "save-evaluation",
            lambda c, a, at: doc.save_evaluation(c, a, at, summary, meeting_at, base_version),
        )
        return evaluation.version

    def sign(self, login: str, unit: str, case_id: int, kind: doc.DocumentKind) -> None:
        self._change(
            login, unit, case_id, f"sign-{kind.value}", lambda c, a, at: doc.sign(c, a, at, kind)
        )

    def lock(self, login: str, unit: str, case_id: int, kind: doc.DocumentKind) -> None:
        self._change(
            login, unit, case_id, f"lock-{kind.value}", lambda c, a, at: doc.lock(c, a, at, kind)
        )

    def take_over(self, login: str, unit: str, case_id: int, kind: doc.DocumentKind) -> None:
        self._change(
            login,
            unit,
            case_id,
            f"take-over-{kind.value}",
            lambda c, a, at: doc.take_over(c, a, at, kind),
        )

    # --- cycles, closing, voiding --------------------------------------------------------------

    def activate_follow_up(self, login: str, unit: str, case_id: int) -> None:
        self._change(login, unit, case_id, "activate-follow-up", wf.activate_follow_up)

    def new_plan(self, login: str, unit: str, case_id: int) -> None:
        self._change(login, unit, case_id, "new-plan", wf.new_plan)

    def close_case(self, login: str, unit: str, case_id: int) -> None:
        self._change(login, unit, case_id, "close", wf.close_case)

    def void(
        self, login: str, unit: str, case_id: int, part: str, reason: str, number: int = 0
    ) -> None:
        """Makulera ``part``: initiative, mapping, call (number), plan, message (number)."""
        actions: dict[str, Callable[[Case, Actor, datetime], None]] = {
            "initiative": lambda c, a, at: voiding.void_initiative(c, a, at, reason),
            "mapping": lambda c, a, at: voiding.void_mapping(c, a, at, reason),
            "call": lambda c, a, at: voiding.void_call(c, a, at, number, reason),
            "plan": lambda c, a, at: voiding.void_plan(c, a, at, reason),
            "message": lambda c, a, at: voiding.void_message(c, a, at, number, reason),
        }
        if part not in actions:
            raise InvalidInput(f"Okänd del att makulera: {part}.")
        self._change(login, unit, case_id, f"void-{part}", actions[part])


__all__ = ["Membership", "NoAccess", "OverviewRow", "Store", "TaskKind", "UnitInfo"]
