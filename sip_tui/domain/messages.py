"""Informationsmeddelande: send to units of the case (adding new ones), mark read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sip_tui.domain.errors import InvalidInput, NotAllowed, WrongState
from sip_tui.domain.model import (
    Answer,
    Case,
    InfoMessage,
    JoinedVia,
    Participant,
    Phase,
)
from sip_tui.domain.recording import record
from sip_tui.domain.roles import Actor
from sip_tui.domain.rules import (
    check_access,
    check_acknowledger,
    check_open,
    check_send_message,
    require,
    required_text,
)

# --- information messages ---------------------------------------------------------------------


def send_message(
    case: Case,
    actor: Actor,
    at: datetime,
    *,
    text: str,
    recipients: Iterable[str],
    add_units: Iterable[str] = (),
) -> InfoMessage:
    """Informationsmeddelande to units of the case; ``add_units`` brings new units in."""
    require(
        check_open(case),
        check_access(case, actor.unit),
        check_acknowledger(actor, "skicka informationsmeddelanden"),
        check_send_message(case, actor.unit),
    )
    body = required_text(text, "text", "Skriv meddelandet.")
    new_units = [unit for unit in dict.fromkeys(add_units) if unit and unit != actor.unit]
    units = list(dict.fromkeys([*recipients, *new_units]))
    if actor.unit in units:
        raise InvalidInput("Er egen enhet kan inte vara mottagare.", "recipients")
    if not units:
        raise InvalidInput("Välj minst en mottagande enhet.", "recipients")
    for unit in units:
        if unit not in new_units and not case.has_access(unit):
            raise InvalidInput(
                f"{case.unit_name(unit)} deltar inte i ärendet; välj Lägg till enhet för att "
                "ta med den.",
                "recipients",
            )
    for unit in new_units:
        if not case.has_access(unit):
            case.participants[unit] = Participant(unit, JoinedVia.MESSAGE, Answer.ACCEPTED, at)
    message = InfoMessage(
        number=len(case.messages) + 1,
        sender_unit=actor.unit,
        sender=actor.user,
        text=body,
        sent_at=at,
        read_at=dict.fromkeys(units),
    )
    case.messages.append(message)
    record(
        case,
        actor,
        at,
        "Skickade informationsmeddelande",
        Phase.MED,
        ", ".join(case.unit_name(unit) for unit in units),
    )
    return message


def mark_message_read(case: Case, actor: Actor, at: datetime, number: int) -> None:
    """Kvittera informationsmeddelandet: our unit has read it."""
    require(
        check_open(case),
        check_access(case, actor.unit),
        check_acknowledger(actor, "kvittera meddelanden"),
    )
    message = next((m for m in case.messages if m.number == number), None)
    if message is None:
        raise InvalidInput(f"Meddelande {number} finns inte i ärendet.")
    if not message.is_active:
        raise WrongState("Meddelandet är makulerat.")
    if actor.unit not in message.read_at:
        raise NotAllowed("Meddelandet är inte skickat till er enhet.")
    if message.read_at[actor.unit] is not None:
        raise WrongState("Er enhet har redan kvitterat meddelandet.")
    message.read_at[actor.unit] = at
    record(case, actor, at, "Läste informationsmeddelande", Phase.MED, str(number))
