"""The outbox of notices (table ``notice``): queued once by key, claimed by one round,
marked sent, or kept with the error and retried by the next round.

* **Queue**: ``INSERT … ON CONFLICT (key) DO NOTHING``, so two rounds asking for the same
  notice queue it once.
* **Claim**: in one short transaction the pending notices (not sent, not expired, not
  claimed within the lease) are locked — ``SELECT … FOR UPDATE SKIP LOCKED`` on
  PostgreSQL; on SQLite the transaction is the single writer (``BEGIN IMMEDIATE``) — and
  stamped ``claimed_at``. A round sends only what it claimed, outside any transaction, so
  no lock is held while a mail server answers; a round that died leaves claims that
  another may take over after the lease.
* **Result**: ``sent_at``, or the error, one more attempt and the claim released.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import Table, and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from sip_tui.domain.notices import ACKNOWLEDGE_KINDS
from sip_tui.domain.status import TaskKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.rows import readmodel
from sip_tui.store.service.pipeline import USER, StoreBase

NOTICE: Table = table_of(t.Notice)
ACTIVITY: Table = table_of(t.Activity)
PLAN: Table = table_of(t.Plan)
#: A claim older than this may be taken over (longer than any round's sends take).
LEASE: Final = timedelta(minutes=10)
ERROR_LIMIT: Final = 500


@dataclass(frozen=True)
class Notice:
    """One e-mail or SMS (a row of the outbox)."""

    key: str
    unit: str
    kind: str
    channel: str
    login: str
    address: str
    text: str
    expires_at: datetime
    attempts: int = 0
    error: str = ""
    sent_at: datetime | None = None


@dataclass(frozen=True)
class NamedTask:
    """An open task that names a person: the signer (``holder``, a login) or the
    activity's responsible person (``named``, as typed in the plan)."""

    unit: str
    kind: TaskKind
    since: datetime
    deadline: datetime | None
    holder: str | None
    named: str


@dataclass(frozen=True)
class Contact:
    login: str
    email: str
    mobile: str


class OutboxStore(StoreBase):
    """The outbox and what notices are made from (mixed into ``Store``)."""

    def units_with_open_acknowledgements(self) -> list[str]:
        task = readmodel.TASK
        kinds = sorted(kind.value for kind in ACKNOWLEDGE_KINDS)
        with self._read() as conn:
            query = select(task.c.unit).where(task.c.kind.in_(kinds)).distinct()
            return sorted(conn.execute(query).scalars())

    def named_tasks(self) -> list[NamedTask]:
        """Every open task that names a person: documents to sign (the edit lock's
        holder) and activities to follow up whose activity in the case's live plan names
        an *Ansvarig person*."""
        task, activity, plan = readmodel.TASK, ACTIVITY, PLAN
        signing = select(task).where(task.c.kind == TaskKind.SIGN.value, task.c.holder.is_not(None))
        live = and_(
            plan.c.case_id == activity.c.case_id,
            plan.c.position == activity.c.plan_position,
            plan.c.archived_at.is_(None),
            plan.c.voided_at.is_(None),
        )
        following = (
            select(task, activity.c.responsible_person, activity.c.plan_position)
            .join(
                activity,
                and_(activity.c.case_id == task.c.case_id, activity.c.activity_id == task.c.ref),
            )
            .join(plan, live)
            .where(
                task.c.kind == TaskKind.FOLLOW_UP_ACTIVITY.value,
                activity.c.responsible_person != "",
            )
            .order_by(activity.c.plan_position)
        )
        with self._read() as conn:
            signers = conn.execute(signing).mappings().all()
            followers = conn.execute(following).mappings().all()
        found = [
            NamedTask(r["unit"], TaskKind.SIGN, r["since"], r["deadline"], r["holder"], "")
            for r in signers
        ]
        newest: dict[tuple[int, int, str], NamedTask] = {}  # the newest live plan's activity
        for r in followers:
            newest[(r["case_id"], r["ref"], r["unit"])] = NamedTask(
                r["unit"],
                TaskKind.FOLLOW_UP_ACTIVITY,
                r["since"],
                r["deadline"],
                None,
                r["responsible_person"],
            )
        return found + list(newest.values())

    def contacts(self, logins: Sequence[str]) -> list[Contact]:
        """E-mail and mobile number of these users, in the order given."""
        with self._read() as conn:
            rows = conn.execute(
                select(USER.c.login, USER.c.email, USER.c.mobile).where(
                    USER.c.login.in_(list(logins))
                )
            ).all()
        found = {row.login: Contact(row.login, row.email, row.mobile) for row in rows}
        return [found[login] for login in logins if login in found]

    def queue(self, notices: Sequence[Notice], now: datetime) -> int:
        """Queue the notices not queued before (by key); how many were new."""
        if not notices:
            return 0
        with self._transaction(write=True) as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            added = 0
            for notice in notices:
                result = conn.execute(
                    dialect.insert(NOTICE)
                    .values(
                        key=notice.key,
                        unit=notice.unit,
                        kind=notice.kind,
                        channel=notice.channel,
                        login=notice.login,
                        address=notice.address,
                        text=notice.text,
                        created_at=now,
                        expires_at=notice.expires_at,
                        attempts=0,
                        error="",
                    )
                    .on_conflict_do_nothing(index_elements=[NOTICE.c.key])
                    .returning(NOTICE.c.key)
                )
                added += len(result.all())
            return added

    def claim(self, now: datetime, lease: timedelta = LEASE) -> list[Notice]:
        """Claim the pending notices for this round (see the module's docstring)."""
        pending = and_(
            NOTICE.c.sent_at.is_(None),
            NOTICE.c.expires_at > now,
            or_(NOTICE.c.claimed_at.is_(None), NOTICE.c.claimed_at < now - lease),
        )
        with self._transaction(write=True) as conn:
            query = select(NOTICE).where(pending).order_by(NOTICE.c.created_at, NOTICE.c.key)
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = conn.execute(query).mappings().all()
            keys = [row["key"] for row in rows]
            if keys:
                conn.execute(update(NOTICE).where(NOTICE.c.key.in_(keys)).values(claimed_at=now))
        return [_notice(row) for row in rows]

    def mark_sent(self, key: str, at: datetime) -> None:
        with self._transaction(write=True) as conn:
            conn.execute(
                update(NOTICE)
                .where(NOTICE.c.key == key)
                .values(sent_at=at, attempts=NOTICE.c.attempts + 1, claimed_at=None)
            )

    def mark_failed(self, key: str, error: str) -> None:
        """Keep the notice with the error; the claim is released for the next round."""
        with self._transaction(write=True) as conn:
            conn.execute(
                update(NOTICE)
                .where(NOTICE.c.key == key)
                .values(
                    error=" ".join(error.split())[:ERROR_LIMIT],
                    attempts=NOTICE.c.attempts + 1,
                    claimed_at=None,
                )
            )

    def notices(self, unit: str | None = None) -> list[Notice]:
        """The outbox (of one unit), oldest first."""
        query = select(NOTICE).order_by(NOTICE.c.created_at, NOTICE.c.key)
        if unit is not None:
            query = query.where(NOTICE.c.unit == unit)
        with self._read() as conn:
            return [_notice(row) for row in conn.execute(query).mappings()]


def _notice(row: object) -> Notice:
    values = dict(row)  # type: ignore[call-overload]
    return Notice(
        values["key"],
        values["unit"],
        values["kind"],
        values["channel"],
        values["login"],
        values["address"],
        values["text"],
        values["expires_at"],
        values["attempts"],
        values["error"],
        values["sent_at"],
    )
