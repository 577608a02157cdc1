"""Printing a case (issue 13): a print is a disclosure, so reading a case to print it is
checked like any read (a member of a unit with access to the case) and access-logged,
action ``print-<what>`` with the individual's personnummer. Blank forms need no store.

What is printed is decided above the store (``sip_tui.paper``: only what the unit may
read, ``domain.documents.document_for``); the store gives the case and the contact
details a printout names: the units' switchboard and direct numbers, the people's title,
phone and e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from sip_tui.domain.model import Case
from sip_tui.domain.rules import check_access
from sip_tui.domain.session import Session
from sip_tui.store.service.pipeline import UNIT, USER, StoreBase

#: What may be printed from a case (``sip_tui.paper.PaperKind``'s values); the log's
#: action is ``print-`` and one of these.
PRINTABLE: tuple[str, ...] = ("plan", "utvardering", "checklista", "dokumentation", "uppfoljning")


@dataclass(frozen=True)
class UnitContact:
    code: str
    name: str
    switchboard: str
    direct_phone: str


@dataclass(frozen=True)
class PersonContact:
    login: str
    name: str
    title: str
    phone: str
    email: str


@dataclass(frozen=True)
class PrintSource:
    """A case as one unit prints it: the case, who prints it and when, and the contact
    details of the units and people it names."""

    case: Case
    unit: str  # the reading unit: what it may read is printed
    unit_name: str
    printed_by: str  # the printing user's name
    printed_at: datetime
    units: dict[str, UnitContact]
    people: dict[str, PersonContact]


class PrintStore(StoreBase):
    """Reads for printing (mixed into :class:`~sip_tui.store.service.api.Store`)."""

    def case_for_print(
        self, session: Session, case_id: int, what: str, form: str = ""
    ) -> PrintSource:
        """Read case ``case_id`` for the session's user on its unit to print ``what`` (one
        of :data:`PRINTABLE`; ``form`` — "pdf", "text" — goes in the log's detail). A
        Swedish ``DomainError`` when the user is no member of the unit or the unit has no
        access to the case; the print is access-logged in the same transaction."""
        if what not in PRINTABLE:
            raise ValueError(f"cannot print {what!r}; one of {', '.join(PRINTABLE)}")
        now = self.clock.now()
        with (
            self._refusals_logged(session, f"print-{what}", case_id),
            self._transaction(write=True, snapshot=True) as conn,
        ):
            actor = self._actor(conn, session.user, session.unit)
            case = self._load(conn, case_id, for_update=False)
            refusal = check_access(case, session.unit)
            if refusal is not None:
                raise refusal
            units = _units(conn, _unit_codes(case) | {session.unit})
            people = _people(conn, {case.coordinator_user, *case.user_names})
            self._log(conn, actor, f"print-{what}", case, detail=form)
        return PrintSource(
            case,
            session.unit,
            units[session.unit].name if session.unit in units else session.unit,
            actor.name,
            now,
            units,
            people,
        )


def _unit_codes(case: Case) -> set[str]:
    codes = {case.coordinator_unit, *case.participants, *case.unit_names}
    for plan in case.plans:
        codes.update(attendee.unit for attendee in plan.attendees)
        codes.update(activity.responsible_unit for activity in plan.activities())
        if plan.documenting_unit:
            codes.add(plan.documenting_unit)
    return codes


def _units(conn: Connection, codes: Iterable[str]) -> dict[str, UnitContact]:
    query = select(UNIT.c.code, UNIT.c.name, UNIT.c.switchboard, UNIT.c.direct_phone).where(
        UNIT.c.code.in_(sorted(codes))
    )
    return {row.code: UnitContact(*row) for row in conn.execute(query)}


def _people(conn: Connection, logins: Iterable[str]) -> dict[str, PersonContact]:
    query = select(USER.c.login, USER.c.name, USER.c.title, USER.c.phone, USER.c.email).where(
        USER.c.login.in_(sorted(logins))
    )
    return {row.login: PersonContact(*row) for row in conn.execute(query)}
