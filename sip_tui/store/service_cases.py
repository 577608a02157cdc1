"""The store's use cases on the case: initiative, calls, messages, cycles, voiding.
Each one transaction through :meth:`StoreBase._change`; the domain decides."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Connection, insert, select

from sip_tui.domain import calls, messages, voiding
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import CallKind, Case, Consent, Individual
from sip_tui.domain.personnummer import PersonnummerError, parse_personnummer
from sip_tui.domain.roles import Actor
from sip_tui.store import aggregate, changes, readmodel
from sip_tui.store.service_base import INDIVIDUAL, UNIT, StoreBase


class CaseActions(StoreBase):
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
            names = {
                code: name
                for code, name in conn.execute(
                    select(UNIT.c.code, UNIT.c.name).where(UNIT.c.code.in_([*recipients, unit]))
                )
            }
            known = set(names)
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
                unit_names=names,
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
