"""The deviation register in the store (seed 000, *Avvikelsehantering*): proposals for
overdue items, made once each; the register listed with filters, a deviation registered,
a proposal confirmed or dismissed — every one of these by a user access-logged, reads
too. The rules are the domain's (``domain.deviations``).

**Proposals** are made by ``propose_deviations``: by every ``sip-tui notify`` round (all
units) and whenever a unit's register is read (that unit), so the list is current even
without a timer. Each is an ``INSERT … ON CONFLICT (proposal_key) DO NOTHING``: two
rounds at once, or a round and a reader, propose an item once.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from sip_tui.domain import deviations as rules
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.deviations import Deviation, DeviationStatus, Item
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import Phase
from sip_tui.domain.roles import Actor
from sip_tui.domain.rules import check_access
from sip_tui.domain.session import Session
from sip_tui.domain.status import TaskKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.rows import readmodel
from sip_tui.store.service.pipeline import LOG, StoreBase

DEVIATION: Table = table_of(t.Deviation)
CASE: Table = table_of(t.SipCase)


class DeviationStore(StoreBase):
    """The deviation register (mixed into :class:`~sip_tui.store.service.api.Store`)."""

    def propose_deviations(self, now: datetime, unit: str | None = None) -> int:
        """Propose a deviation for every overdue item (of ``unit``, else of every unit)
        not proposed before; how many were new. Made by sip-tui: not access-logged."""
        with self._transaction(write=True) as conn:
            return _propose(conn, now, unit)

    def deviations(
        self,
        session: Session,
        first: date | None = None,
        last: date | None = None,
        statuses: Collection[DeviationStatus] = (),
    ) -> list[Deviation]:
        """The session unit's register, oldest first: deviations that happened from
        ``first`` to ``last`` (whole Stockholm days, both included) with one of
        ``statuses`` (all when empty). The unit's overdue items are proposed first. Any
        member of the unit may read it; the read is access-logged (filters, case ids)."""
        now = self.clock.now()
        query = select(DEVIATION).where(DEVIATION.c.unit == session.unit)
        if first is not None:
            query = query.where(DEVIATION.c.occurred_at >= _day_start(first))
        if last is not None:
            query = query.where(DEVIATION.c.occurred_at < _day_start(last + timedelta(days=1)))
        if statuses:
            query = query.where(DEVIATION.c.status.in_(sorted(s.value for s in statuses)))
        query = query.order_by(DEVIATION.c.occurred_at, DEVIATION.c.id)
        with (
            self._refusals_logged(session, "deviations-read"),
            self._transaction(write=True) as conn,
        ):
            actor = self._actor(conn, session.user, session.unit)
            _propose(conn, now, session.unit)
            found = [_deviation(row) for row in conn.execute(query).mappings()]
            cases = sorted({d.case_id for d in found if d.case_id is not None})
            detail = (
                f"from {first or '-'} to {last or '-'}, "
                f"status {','.join(sorted(s.value for s in statuses)) or 'all'}: "
                f"{len(found)} rows; cases {', '.join(map(str, cases)) or '-'}"
            )
            _log(conn, self.clock.now(), actor, "deviations-read", None, detail)
        return found

    def register_deviation(
        self,
        session: Session,
        occurred_at: datetime,
        description: str,
        case_id: int | None = None,
        item: TaskKind | None = None,
        item_ref: int | None = None,
    ) -> Deviation:
        """Register a deviation of the session's unit (confirmed: the user reports it).
        Refused in Swedish for a role that may not, an empty description, a moment in the
        future, a case the unit has no access to. Access-logged."""
        now = self.clock.now()
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, session.user, session.unit)
            text = rules.check_register(actor, occurred_at, description, now)
            if case_id is not None:
                case = self._load(conn, case_id, for_update=False, history=False)
                refusal = check_access(case, session.unit)
                if refusal is not None:
                    raise refusal
            elif item is not None:
                raise InvalidInput("Ange ärendet som uppgiften hör till.", "case_id")
            new_id = conn.execute(
                insert(DEVIATION)
                .values(
                    unit=session.unit,
                    reported_by=actor.user,
                    reported_at=now,
                    occurred_at=occurred_at,
                    case_id=case_id,
                    description=text,
                    status=DeviationStatus.CONFIRMED.value,
                    item=item.value if item is not None else "",
                    item_ref=item_ref,
                    reason="",
                )
                .returning(DEVIATION.c.id)
            ).scalar_one()
            _log(conn, now, actor, "deviation-register", case_id, f"deviation {new_id}")
            return _read(conn, new_id, lock=False)

    def confirm_deviation(
        self, session: Session, deviation_id: int, comment: str = ""
    ) -> Deviation:
        """Confirm a proposal of the session's unit (an optional comment)."""
        return self._decide(session, deviation_id, "deviation-confirm", comment)

    def dismiss_deviation(self, session: Session, deviation_id: int, reason: str) -> Deviation:
        """Dismiss a proposal of the session's unit; the reason is required (a Swedish
        refusal without one, and nothing changes)."""
        return self._decide(session, deviation_id, "deviation-dismiss", reason)

    def _decide(self, session: Session, deviation_id: int, action: str, text: str) -> Deviation:
        now = self.clock.now()
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, session.user, session.unit)
            before = _read(conn, deviation_id, lock=True)
            if action == "deviation-confirm":
                after = rules.confirm(before, actor, now, text)
            else:
                after = rules.dismiss(before, actor, now, text)
            conn.execute(
                update(DEVIATION)
                .where(DEVIATION.c.id == deviation_id)
                .values(
                    status=after.status.value,
                    decided_by=after.decided_by,
                    decided_at=after.decided_at,
                    reason=after.reason,
                )
            )
            _log(conn, now, actor, action, after.case_id, f"deviation {deviation_id}")
        return after


def _propose(conn: Connection, now: datetime, unit: str | None) -> int:
    task = readmodel.TASK
    query = select(task).where(task.c.deadline.is_not(None), task.c.deadline < now)
    if unit is not None:
        query = query.where(task.c.unit == unit)
    items = [_item(row) for row in conn.execute(query).mappings()]
    wanted = rules.proposals(items, now)
    # Most overdue items were proposed by an earlier round: skip those without a write.
    known: set[str] = set()
    keys = [proposal.key for proposal in wanted]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found = select(DEVIATION.c.proposal_key).where(DEVIATION.c.proposal_key.in_(chunk))
        known.update(str(key) for key in conn.execute(found).scalars())
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    added = 0
    for proposal in (p for p in wanted if p.key not in known):
        result = conn.execute(
            dialect.insert(DEVIATION)
            .values(
                unit=proposal.unit,
                reported_by=None,
                reported_at=now,
                occurred_at=proposal.occurred_at,
                case_id=proposal.case_id,
                description=proposal.description,
                status=DeviationStatus.PROPOSED.value,
                proposal_key=proposal.key,
                item=proposal.item.value,
                item_ref=proposal.item_ref,
                deadline=proposal.deadline,
                reason="",
            )
            .on_conflict_do_nothing(index_elements=[DEVIATION.c.proposal_key])
            .returning(DEVIATION.c.id)
        )
        added += len(result.all())
    return added


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def _item(row: Any) -> Item:
    return Item(
        row["case_id"],
        row["unit"],
        Phase(row["phase"]),
        TaskKind(row["kind"]),
        row["ref"],
        row["deadline"],
    )


def _deviation(row: Any) -> Deviation:
    return Deviation(
        id=row["id"],
        unit=row["unit"],
        status=DeviationStatus(row["status"]),
        occurred_at=row["occurred_at"],
        description=row["description"],
        reported_at=row["reported_at"],
        reported_by=row["reported_by"],
        case_id=row["case_id"],
        item=row["item"],
        item_ref=row["item_ref"],
        deadline=row["deadline"],
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        reason=row["reason"],
    )


def _read(conn: Connection, deviation_id: int, lock: bool) -> Deviation:
    query = select(DEVIATION).where(DEVIATION.c.id == deviation_id)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    if row is None:
        raise InvalidInput(f"Avvikelse {deviation_id} finns inte.", "deviation")
    return _deviation(row)


def _log(
    conn: Connection,
    at: datetime,
    actor: Actor,
    action: str,
    case_id: int | None,
    detail: str,
) -> None:
    """An access-log line; one about a case names its individual, like a case read."""
    personnummer = None
    if case_id is not None:
        found = conn.execute(select(CASE.c.personnummer).where(CASE.c.id == case_id))
        personnummer = found.scalar()
    conn.execute(
        insert(LOG).values(
            at=at,
            login=actor.user,
            unit=actor.unit,
            action=action,
            case_id=case_id,
            personnummer=personnummer,
            detail=detail,
        )
    )
