"""The tables (SQLModel). Only Alembic migrations create or change them.

Three groups:

* the world: organisations, units, users and their memberships (roles per unit),
  individuals, the watch roster (weekly and dated watches, absences, covers),
  deviations, the outbox of notices;
* the case aggregate, one table per part of :class:`sip_tui.domain.model.Case`; children
  are keyed by ``case_id`` plus a number local to the case, so a write can compare a
  case's rows before and after the domain acted by key and write only the difference,
  in one transaction (see ``store/aggregate.py``);
* read models kept in step with every write: ``case_unit_view`` (the overview row of each
  case for each unit with access) and ``task`` (open tasks with deadlines), both indexed
  by unit so the overview of one unit never scans the others;

plus ``access_log``, which the database itself refuses to UPDATE or DELETE (triggers in
the migration).

Moments are stored in UTC (``UtcDateTime``) and come back aware, in Stockholm time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import DateTime, Index, Table, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from sip_tui.domain.clock import STOCKHOLM

#: Constraint names that are the same on SQLite and PostgreSQL, so that a later migration can
#: name the constraint it drops or changes (SQLite's "batch" migrations need names; SQLite
#: itself would leave foreign keys and checks unnamed). Set before any table is declared.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored as UTC (naive on SQLite, timestamptz on PostgreSQL)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; moments must be aware")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(STOCKHOLM)


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table of a table model (SQLModel's ``__table__`` is untyped)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _moment(**kwargs: Any) -> Any:
    return Field(sa_type=UtcDateTime, **kwargs)


def _optional_moment(**kwargs: Any) -> Any:
    return Field(default=None, sa_type=UtcDateTime, **kwargs)


# --- the world ------------------------------------------------------------------------------


class Organisation(SQLModel, table=True):
    code: str = Field(primary_key=True)
    name: str
    kind: str  # "kommun" | "region"


class Unit(SQLModel, table=True):
    code: str = Field(primary_key=True)
    name: str
    short_name: str
    organisation: str = Field(foreign_key="organisation.code", index=True)
    kind: str  # hälsocentral, hemsjukvård, biståndshandläggning, psykiatri, slutenvård, ...
    switchboard: str = ""
    direct_phone: str = ""


class User(SQLModel, table=True):
    __tablename__ = "sip_user"

    login: str = Field(primary_key=True)  # the operating-system account
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    #: The mobile number SMS notices go to (``phone`` is the number shown to others).
    mobile: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Membership(SQLModel, table=True):
    __tablename__ = "membership"

    login: str = Field(foreign_key="sip_user.login", primary_key=True)
    unit: str = Field(foreign_key="unit.code", primary_key=True, index=True)
    role: str = Field(primary_key=True)  # sip_tui.domain.roles.Role


class Individual(SQLModel, table=True):
    personnummer: str = Field(primary_key=True, max_length=12)
    name: str


class WatchWeekly(SQLModel, table=True):
    """Who watches the unit's mailbox on a weekday, every week (0 Monday … 6 Sunday)."""

    __tablename__ = "watch_weekly"

    unit: str = Field(foreign_key="unit.code", primary_key=True)
    login: str = Field(foreign_key="sip_user.login", primary_key=True)
    weekday: int = Field(primary_key=True)


class WatchDated(SQLModel, table=True):
    """Who watches the unit's mailbox on one date (on that date, instead of the weekly)."""

    __tablename__ = "watch_dated"

    unit: str = Field(foreign_key="unit.code", primary_key=True)
    login: str = Field(foreign_key="sip_user.login", primary_key=True)
    day: date = Field(primary_key=True)


class Absence(SQLModel, table=True):
    """A person away from ``first`` to ``last`` (both included), in every unit."""

    login: str = Field(foreign_key="sip_user.login", primary_key=True)
    first: date = Field(primary_key=True)
    last: date = Field(primary_key=True)


class WatchCover(SQLModel, table=True):
    """Who covers the unit's watch from ``first`` to ``last`` when its watchers are away."""

    __tablename__ = "watch_cover"

    unit: str = Field(foreign_key="unit.code", primary_key=True)
    login: str = Field(foreign_key="sip_user.login", primary_key=True)
    first: date = Field(primary_key=True)
    last: date = Field(primary_key=True)


class LocalRoutine(SQLModel, table=True):
    """A unit's local routine (seed 000): who watches, how the professional is told, who
    covers at absence, the support contact; changed by the unit's manager."""

    __tablename__ = "local_routine"

    unit: str = Field(foreign_key="unit.code", primary_key=True)
    watch_function: str = ""
    notify_how: str = ""
    cover: str = ""
    support: str = ""
    updated_by: str | None = Field(default=None, foreign_key="sip_user.login")
    updated_at: datetime | None = _optional_moment()


class Notice(SQLModel, table=True):
    """The outbox: one e-mail or SMS to send. ``key`` is unique per notice (unit, kind,
    recipient, what it is about), so a notice is queued once however often or however
    many rounds at once ask for it. ``claimed_at``: a round is sending it (a claim older
    than the lease may be taken over); ``sent_at`` once sent; ``error`` the last failure."""

    __table_args__ = (Index("ix_notice_pending", "sent_at", "expires_at"),)

    key: str = Field(primary_key=True)
    unit: str = Field(foreign_key="unit.code", index=True)
    kind: str  # "new" | "reminder"
    channel: str  # "email" | "sms"
    login: str
    address: str
    text: str
    created_at: datetime = _moment()
    expires_at: datetime = _moment()
    claimed_at: datetime | None = _optional_moment()
    sent_at: datetime | None = _optional_moment()
    attempts: int = 0
    error: str = ""


class Deviation(SQLModel, table=True):
    """Avvikelse: from which unit, when it happened, what happened, which case and item.

    ``status``: ``confirmed`` (registered by ``reported_by``, or a proposal confirmed),
    ``proposed`` (by sip-tui for an overdue item: ``reported_by`` is NULL and
    ``proposal_key`` names the item, unique, so it is proposed once) or ``dismissed``
    (``reason`` says why). ``decided_by``/``decided_at``: who confirmed or dismissed it."""

    __table_args__ = (
        Index("ix_deviation_unit_occurred_at", "unit", "occurred_at"),
        Index("ux_deviation_proposal_key", "proposal_key", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit: str = Field(foreign_key="unit.code", index=True)
    reported_by: str | None = Field(default=None, foreign_key="sip_user.login")
    reported_at: datetime = _moment()
    occurred_at: datetime = _moment()
    case_id: int | None = Field(default=None, foreign_key="sip_case.id")
    description: str
    status: str = "confirmed"
    proposal_key: str | None = None
    item: str = ""  # a task kind ("answer-call", …) or "" when no item is named
    item_ref: int | None = None
    deadline: datetime | None = _optional_moment()
    decided_by: str | None = Field(default=None, foreign_key="sip_user.login")
    decided_at: datetime | None = _optional_moment()
    reason: str = ""


# --- the case aggregate -----------------------------------------------------------------------


class SipCase(SQLModel, table=True):
    __tablename__ = "sip_case"

    id: int | None = Field(default=None, primary_key=True)
    personnummer: str = Field(foreign_key="individual.personnummer", index=True)
    coordinator_unit: str = Field(foreign_key="unit.code", index=True)
    coordinator_user: str = Field(foreign_key="sip_user.login")
    created_at: datetime = _moment()
    discharge_ready_at: datetime | None = _optional_moment()
    cycle: int = 1
    closed_at: datetime | None = _optional_moment()
    row_version: int = 1  # bumped by every write: the store's own optimistic check


class Participant(SQLModel, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    unit: str = Field(foreign_key="unit.code", primary_key=True, index=True)
    via: str
    state: str
    joined_at: datetime = _moment()
    comment: str = ""
    answered_at: datetime | None = _optional_moment()
    answered_by: str | None = None
    forwarded_to: str | None = None


class _Voidable(SQLModel):
    voided_at: datetime | None = _optional_moment()
    voided_by: str | None = None
    voided_unit: str | None = None
    void_reason: str | None = None


class Initiative(_Voidable, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    reason: str
    consent_given: bool
    consent_by: str
    consent_obtained_by: str
    consent_obtained_on: date
    representative: str = ""
    secrecy_assessment: str = ""
    created_at: datetime = _moment()
    sent_at: datetime | None = _optional_moment()
    sent_by: str | None = None


class InitiativeRecipient(SQLModel, table=True):
    """The units chosen while the initiative is a draft (in the order chosen)."""

    __tablename__ = "initiative_recipient"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    unit: str = Field(foreign_key="unit.code")


class _Document(_Voidable):
    created_at: datetime = _moment()
    created_by: str
    version: int = 1
    updated_at: datetime | None = _optional_moment()
    updated_by: str | None = None
    locked_at: datetime | None = _optional_moment()
    locked_by: str | None = None


class Mapping(_Document, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    situation: str = ""
    background: str = ""
    assessment: str = ""
    recommendation: str = ""


class EditLock(SQLModel, table=True):
    """Who holds a document's edit lock: from Spara to Signera."""

    __tablename__ = "edit_lock"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    document: str = Field(primary_key=True)  # DocumentKind
    number: int = Field(primary_key=True)  # plan position or cycle; 0 for the mapping
    login: str
    user_name: str
    unit: str
    since: datetime = _moment()


class Signature(SQLModel, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    document: str = Field(primary_key=True)
    number: int = Field(primary_key=True)
    position: int = Field(primary_key=True)
    login: str
    unit: str
    at: datetime = _moment()


class SignedDocument(SQLModel, table=True):
    """A document's text at its last signature: what other units read while someone edits.

    ``content`` is JSON (the document kind's text fields, ``store/rows/signed.py``)."""

    __tablename__ = "signed_document"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    document: str = Field(primary_key=True)  # DocumentKind
    number: int = Field(primary_key=True)  # plan position or cycle; 0 for the mapping
    version: int
    updated_at: datetime | None = _optional_moment()
    updated_by: str | None = None
    content: str


class Call(_Voidable, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    number: int = Field(primary_key=True)
    kind: str
    cycle: int
    meeting_form: str
    place: str
    meeting_at: datetime = _moment()
    others: str = ""
    sent_at: datetime = _moment()
    sent_by: str


class CallRecipient(SQLModel, table=True):
    __tablename__ = "call_recipient"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    call_number: int = Field(primary_key=True)
    unit: str = Field(foreign_key="unit.code", primary_key=True)
    position: int = 0
    must_acknowledge: bool = True
    state: str = "pending"
    comment: str = ""
    answered_at: datetime | None = _optional_moment()
    answered_by: str | None = None


class Plan(_Document, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)  # order in the case, archived and voided too
    cycle: int
    archived_at: datetime | None = _optional_moment()
    meeting_on: date | None = None
    evaluation_on: date | None = None
    situation: str = ""
    documenting_unit: str = Field(default="", sa_column_kwargs={"server_default": ""})


class PlanAttendee(SQLModel, table=True):
    __tablename__ = "plan_attendee"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    plan_position: int = Field(primary_key=True)
    position: int = Field(primary_key=True)
    unit: str
    person: str = ""


class ExternalParticipant(SQLModel, table=True):
    """Övriga deltagare: relatives, school, Försäkringskassan — not users of the system."""

    __tablename__ = "external_participant"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    plan_position: int = Field(primary_key=True)
    position: int = Field(primary_key=True)
    name: str
    relation: str = ""
    contact: str = ""
    present: bool = True


class Goal(SQLModel, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    plan_position: int = Field(primary_key=True)
    goal_id: int = Field(primary_key=True)
    position: int = 0
    goal: str
    strengths: str = ""
    obstacles: str = ""


class Activity(SQLModel, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    plan_position: int = Field(primary_key=True)
    activity_id: int = Field(primary_key=True)
    goal_id: int
    position: int = 0
    text: str
    responsible_unit: str
    responsible_person: str = ""
    follow_up_on: date | None = None


class FollowUp(_Document, table=True):
    __tablename__ = "follow_up"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    cycle: int = Field(primary_key=True)


class FollowUpEntry(SQLModel, table=True):
    __tablename__ = "follow_up_entry"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    cycle: int = Field(primary_key=True)
    activity_id: int = Field(primary_key=True)
    comment: str
    status: str
    login: str
    unit: str
    at: datetime = _moment()


class Evaluation(_Document, table=True):
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    cycle: int = Field(primary_key=True)
    summary: str = ""
    meeting_at: datetime | None = _optional_moment()


class InfoMessage(_Voidable, table=True):
    __tablename__ = "info_message"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    number: int = Field(primary_key=True)
    sender_unit: str
    sender: str
    text: str
    sent_at: datetime = _moment()


class MessageRecipient(SQLModel, table=True):
    __tablename__ = "message_recipient"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    message_number: int = Field(primary_key=True)
    unit: str = Field(primary_key=True)
    position: int = 0
    read_at: datetime | None = _optional_moment()


class CaseEvent(SQLModel, table=True):
    """The case's history (who did what, when): append-only."""

    __tablename__ = "case_event"

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    at: datetime = _moment()
    login: str
    unit: str
    action: str
    phase: str | None = None
    detail: str = ""


# --- read models ----------------------------------------------------------------------------


#: Indexes the migrations create on PostgreSQL only (not declared on the models).
POSTGRESQL_ONLY_INDEXES = frozenset({"ix_case_unit_view_overview"})


class CaseUnitView(SQLModel, table=True):
    """One overview row: a case as one unit with access sees it. Updated on every write.

    Keyed (unit, case_id) and, on SQLite, stored WITHOUT ROWID: the table is then clustered
    by unit, so one unit's overview reads a few neighbouring pages however big the store
    grows. PostgreSQL gets a covering index instead (``ix_case_unit_view_overview``, in
    the migration only): see docs/performance.md."""

    __tablename__ = "case_unit_view"
    __table_args__ = (Index("ix_case_unit_view_case", "case_id"), {"sqlite_with_rowid": False})

    unit: str = Field(primary_key=True)
    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    is_open: bool
    statuses: str = Field(max_length=6)  # one letter per column: D O T C -
    next_deadline: datetime | None = _optional_moment()  # our earliest open task deadline
    open_tasks: int = 0  # how many tasks are ours
    individual_name: str
    personnummer: str
    coordinator_unit: str
    updated_at: datetime = _moment()


class Task(SQLModel, table=True):
    """An open task of one unit, with its deadline. Brought up to date on every write."""

    __table_args__ = (Index("ix_task_unit_deadline", "unit", "deadline"),)

    case_id: int = Field(foreign_key="sip_case.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    unit: str
    phase: str
    kind: str
    since: datetime = _moment()
    deadline: datetime | None = _optional_moment()
    from_unit: str | None = None
    ref: int | None = None
    holder: str | None = None


# --- the access log -----------------------------------------------------------------------


class AccessLog(SQLModel, table=True):
    """Every read and change of a case: who, on which unit, when, what, which individual.

    The database refuses UPDATE and DELETE on this table (triggers in the migration)."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _moment()
    login: str = Field(index=True)
    unit: str
    action: str
    case_id: int | None = Field(default=None, index=True)
    personnummer: str | None = Field(default=None, index=True)
    detail: str = ""


class SpotCheck(SQLModel, table=True):
    """A recorded check of the access log (loggkontroll, HSLF-FS 2016:40 4 kap.): who
    checked, on which unit, when, what (search criteria or sample), the finding and the
    follow-up. Append-only like ``access_log`` (triggers in migration 0008)."""

    __tablename__ = "spot_check"

    id: int | None = Field(default=None, primary_key=True)
    unit: str = Field(foreign_key="unit.code", index=True)
    checked_by: str = Field(foreign_key="sip_user.login")
    at: datetime = _moment()
    criteria: str = ""
    finding: str
    follow_up: str = ""


class SpotCheckEntry(SQLModel, table=True):
    """One access-log line a spot check looked at. Append-only."""

    __tablename__ = "spot_check_entry"

    spot_check_id: int = Field(foreign_key="spot_check.id", primary_key=True)
    log_id: int = Field(primary_key=True)  # an access_log id (checked by the store)


class ChangeCounter(SQLModel, table=True):
    """The SQLite change feed: per unit, the sequence number of the last write that changed
    its overview (see :mod:`sip_tui.store.changes`). A read writes nothing here."""

    __tablename__ = "change_counter"

    unit: str = Field(primary_key=True)
    seq: int = Field(index=True)


class StoreInfo(SQLModel, table=True):
    """What the database is: key ``kind`` is ``real`` (also when absent), ``demo`` or
    ``training``; a frozen clock (``SIP_TUI_NOW``) only on the last two (migration 0009)."""

    __tablename__ = "store_info"

    key: str = Field(primary_key=True)
    value: str
