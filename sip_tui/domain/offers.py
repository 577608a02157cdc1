"""What a case offers an actor now, in commands: what it must acknowledge (Acceptera /
Neka), the messages to mark read, what may be voided, whether a key may be offered before
the user has typed what it needs. The case screen shows exactly these, and sends the very
commands it was offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sip_tui.domain.commands import (
    AcceptCall,
    AcceptInitiative,
    Command,
    DeclineCall,
    DeclineInitiative,
    MarkMessageRead,
    Void,
    VoidCall,
    VoidEvaluation,
    VoidFollowUp,
    VoidFollowUpEntry,
    VoidInitiative,
    VoidMapping,
    VoidMessage,
    VoidPlan,
    allowed,
    refusal,
)
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import Case
from sip_tui.domain.roles import Actor
from sip_tui.domain.texts import short_moment


def void_commands(case: Case) -> list[Void]:
    """Every Makulera the case could take (before asking whether it is allowed)."""
    found: list[Void] = [VoidInitiative(case.id), VoidMapping(case.id)]
    found += [VoidCall(case.id, call.number) for call in case.calls if call.is_active]
    found += [VoidPlan(case.id), VoidFollowUp(case.id)]
    follow_up = case.follow_up()
    entries = sorted(follow_up.entries) if follow_up is not None else []
    found += [VoidFollowUpEntry(case.id, activity_id) for activity_id in entries]
    found.append(VoidEvaluation(case.id))
    found += [VoidMessage(case.id, m.number) for m in case.active_messages()]
    return found


@dataclass(frozen=True)
class Acknowledgement:
    """Something the actor's unit must acknowledge now: the commands that answer it."""

    what: str  # "initiativet", "kallelsen till planeringsmöte tis 1 dec 13:00"
    accept: AcceptInitiative | AcceptCall
    decline: DeclineInitiative | DeclineCall

    @property
    def declining_loses_access(self) -> bool:
        """Declining the initiative takes the unit out of the case."""
        return isinstance(self.decline, DeclineInitiative)


def acknowledgement_due(case: Case, actor: Actor, at: datetime) -> Acknowledgement | None:
    """The first thing the actor's unit must acknowledge (Acceptera / Neka): the
    initiative, else a call of the current plan, as the domain would allow it now."""
    due = [Acknowledgement("initiativet", AcceptInitiative(case.id), DeclineInitiative(case.id))]
    due += [
        Acknowledgement(
            f"kallelsen till {call.kind.label} {short_moment(call.meeting_at)}",
            AcceptCall(case.id, call.number),
            DeclineCall(case.id, call.number),
        )
        for call in case.active_calls(cycle=case.cycle)
    ]
    return next((each for each in due if allowed(each.accept, case, actor, at)), None)


def offered(command: Command, case: Case, actor: Actor, at: datetime, *typed: str) -> bool:
    """Whether a key for ``command`` should be offered: it would be allowed now, or refused
    only for want of what the user is about to type in the fields named ``typed`` (the
    unit to forward to, say)."""
    found = refusal(command, case, actor, at)
    return found is None or (isinstance(found, InvalidInput) and found.field in typed)


def unread_messages(case: Case, actor: Actor, at: datetime) -> list[MarkMessageRead]:
    """Mark as read: every message to the actor's unit it has not read yet."""
    found = [MarkMessageRead(case.id, message.number) for message in case.active_messages()]
    return [command for command in found if allowed(command, case, actor, at)]
