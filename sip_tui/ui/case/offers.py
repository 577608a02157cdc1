"""What the case screen's keys would send now, asked of the domain once per loaded case:
the thing to acknowledge (Acceptera / Neka), the messages to mark read, what may be voided,
and whether the initiative may be forwarded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sip_tui.domain.commands import ForwardInitiative, MarkMessageRead
from sip_tui.domain.offers import Acknowledgement, acknowledgement_due, offered, unread_messages
from sip_tui.ui.dialogs.void import VoidTarget, void_targets
from sip_tui.ui.runtime.context import CaseContext


@dataclass(frozen=True)
class Offers:
    acknowledgement: Acknowledgement | None = None
    unread: list[MarkMessageRead] = field(default_factory=list)
    voidable: list[VoidTarget] = field(default_factory=list)
    forward: bool = False  # refused only for want of the unit to forward to

    @classmethod
    def of(cls, context: CaseContext, now: datetime) -> Offers:
        case, actor = context.case, context.actor
        return cls(
            acknowledgement_due(case, actor, now),
            unread_messages(case, actor, now),
            void_targets(context),
            offered(ForwardInitiative(case.id), case, actor, now, "to_unit"),
        )
