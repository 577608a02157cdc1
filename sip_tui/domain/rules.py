"""Who may do what, and when: the checks shared by the actions and the overview.

Each ``check_*`` returns ``None`` when the thing is allowed and otherwise the refusal, a
:class:`DomainError` with a Swedish message. The overview calls the unit-level checks to
decide "creatable" (grey with a cross); the actions raise the same refusals, so what the
overview offers and what the actions allow can never drift apart.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import datetime

from sip_tui.domain.errors import DomainError, InvalidInput, NoAccess, NotAllowed, WrongState
from sip_tui.domain.model import Answer, CallKind, Case
from sip_tui.domain.roles import (
    ACKNOWLEDGE_ROLES,
    COORDINATE_ROLES,
    EDIT_ROLES,
    Actor,
    Role,
)

# --- unit-level checks (the overview's "creatable") ----------------------------------------


def check_access(case: Case, unit: str) -> DomainError | None:
    participant = case.participants.get(unit)
    if participant is None:
        return NoAccess("Er enhet deltar inte i ärendet och har ingen behörighet till det.")
    if participant.state is Answer.DECLINED:
        return NoAccess(
            "Er enhet har nekat initiativet och har inte längre behörighet till ärendet."
        )
    if participant.state is Answer.FORWARDED:
        return NoAccess(
            "Er enhet har vidarebefordrat initiativet och har inte längre behörighet till ärendet."
        )
    return None


def check_member(case: Case, unit: str) -> DomainError | None:
    """Take part in the work: the unit has accepted (or joined through plan or message)."""
    refusal = check_access(case, unit)
    if refusal is not None:
        return refusal
    if not case.is_member(unit):
        return WrongState("Er enhet måste först acceptera initiativet.")
    return None


def check_open(case: Case) -> DomainError | None:
    if case.initiative.voided is not None:
        return WrongState("Ärendet är makulerat.")
    if case.closed_at is not None:
        return WrongState("Ärendet är avslutat.")
    return None


def check_sent(case: Case) -> DomainError | None:
    refusal = check_open(case)
    if refusal is None and case.initiative.sent_at is None:
        return WrongState("Initiativet är inte skickat ännu.")
    return refusal


def check_coordinator_unit(case: Case, unit: str, what: str) -> DomainError | None:
    if unit != case.coordinator_unit:
        return NotAllowed(f"Endast samordningsansvarig enhet kan {what}.")
    return None


def check_create_mapping(case: Case, unit: str) -> DomainError | None:
    refusal = check_sent(case) or check_member(case, unit)
    if refusal is not None:
        return refusal
    if case.active_mapping() is not None:
        return WrongState("Ärendet har redan en kartläggning.")
    plan = case.current_plan()
    if plan is not None and plan.is_locked:
        return WrongState("Planen är låst; kartläggningen kan inte längre skapas.")
    return None


def check_send_call(case: Case, unit: str, kind: CallKind) -> DomainError | None:
    refusal = (
        check_sent(case)
        or check_member(case, unit)
        or check_coordinator_unit(case, unit, "skicka kallelser")
    )
    if refusal is not None:
        return refusal
    if case.current_call(kind) is not None:
        return WrongState(
            f"Det finns redan en kallelse till {kind.label}; makulera den först "
            "om en ny ska skickas."
        )
    plan = case.current_plan()
    if kind is CallKind.EVALUATION and (plan is None or not plan.is_locked):
        return WrongState("Kallelse till utvärderingsmöte kan skickas först när planen är låst.")
    if kind is CallKind.PLANNING and plan is not None and plan.is_locked:
        return WrongState("Planen är redan låst; kalla till utvärderingsmöte i stället.")
    return None


def check_any_call_sendable(case: Case, unit: str) -> DomainError | None:
    refusals = [check_send_call(case, unit, kind) for kind in CallKind]
    return None if any(refusal is None for refusal in refusals) else refusals[0]


def check_create_plan(case: Case, unit: str) -> DomainError | None:
    refusal = check_sent(case) or check_member(case, unit)
    if refusal is not None:
        return refusal
    if case.current_plan() is not None:
        return WrongState("Ärendet har redan en plan; skapa Ny plan för att börja om.")
    if case.current_call(CallKind.PLANNING) is None:
        return WrongState("Planen kan skapas när kallelsen till planeringsmötet är skickad.")
    return None


def check_activate_follow_up(case: Case, unit: str) -> DomainError | None:
    refusal = (
        check_sent(case)
        or check_member(case, unit)
        or check_coordinator_unit(case, unit, "aktivera uppföljningen")
    )
    if refusal is not None:
        return refusal
    plan = case.current_plan()
    if plan is None or not plan.is_locked:
        return WrongState("Uppföljningen kan aktiveras först när planen är låst.")
    if case.follow_up() is not None:
        return WrongState("Uppföljningen är redan aktiverad.")
    return None


def check_send_message(case: Case, unit: str) -> DomainError | None:
    """Informationsmeddelande: "Alla Pratoranvändare med behörighet till SIP-ärendet",
    also a unit that has not yet answered the initiative (seed 001)."""
    return check_sent(case) or check_access(case, unit)


# --- user-level checks (actions) -----------------------------------------------------------


def check_role(actor: Actor, roles: frozenset[Role], what: str) -> DomainError | None:
    if actor.has_any(roles):
        return None
    needed = " eller ".join(sorted(role.label for role in roles))
    return NotAllowed(
        f"Din roll ({actor.role_labels}) får inte {what}; det kräver rollen {needed}."
    )


def check_acknowledger(actor: Actor, what: str) -> DomainError | None:
    return check_role(actor, ACKNOWLEDGE_ROLES, what)


def check_editor(actor: Actor, what: str) -> DomainError | None:
    return check_role(actor, EDIT_ROLES, what)


def check_coordinator(case: Case, actor: Actor, what: str) -> DomainError | None:
    """Coordinator-only actions: the coordinating unit, and the coordinator role there.

    A unit without access hears that first (it declined, or never took part)."""
    return (
        check_access(case, actor.unit)
        or check_coordinator_unit(case, actor.unit, what)
        or check_role(actor, COORDINATE_ROLES, what)
    )


def require(*refusals: DomainError | None) -> None:
    """Raise the first refusal, if any."""
    for refusal in refusals:
        if refusal is not None:
            raise refusal


def required_text(value: str, field: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(message, field)
    return limited_text(text, field)


#: How long a name may be (the individual, a representative, whoever obtained consent).
NAME_LIMIT = 100
#: How long one free text may be (a reason, a comment, a message, one part of a document):
#: room for a page of text, never a pasted file.
TEXT_LIMIT = 5000
#: The typed texts that are names, by field (every other text is a free text).
NAME_FIELDS = frozenset({"name", "representative", "obtained_by"})


def text_limit(field: str) -> int:
    """The most characters the text of ``field`` may hold (its last dotted part decides)."""
    return NAME_LIMIT if field.rsplit(".", 1)[-1] in NAME_FIELDS else TEXT_LIMIT


def limited_text(value: str, field: str) -> str:
    """``value`` if it is within its field's limit, else the refusal that says the limit."""
    limit = text_limit(field)
    length = len(value.strip())
    if length > limit:
        what = "Namnet" if limit == NAME_LIMIT else "Texten"
        raise InvalidInput(
            f"{what} får vara högst {limit:,} tecken (nu {length:,}).".replace(",", "\u00a0"),
            field,
        )
    return value


def check_text_limits(value: object, prefix: str = "") -> None:
    """Every text in ``value`` (a command: its fields, and the fields of the dataclasses,
    lists and mappings it holds) within its limit; the first that is not is refused, named
    by its dotted field (``consent.representative``)."""
    if isinstance(value, str):
        limited_text(value, prefix)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for each in dataclasses.fields(value):
            name = f"{prefix}.{each.name}" if prefix else each.name
            check_text_limits(getattr(value, each.name), name)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_text_limits(item, prefix)
    elif isinstance(value, dict):
        for item in value.values():
            check_text_limits(item, prefix)


def aware(at: datetime) -> None:
    if at.tzinfo is None:
        raise ValueError("moments given to the domain must be timezone-aware")


def refusal_of(case: Case, action: Callable[[Case], object]) -> DomainError | None:
    """What ``action`` would be refused with, tried on a copy: the screens ask the same
    rules the actions apply, so a key is offered exactly when the action would be taken."""
    try:
        action(copy.deepcopy(case))
    except DomainError as refusal:
        return refusal
    return None
