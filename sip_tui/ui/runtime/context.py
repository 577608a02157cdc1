"""What a screen about one case is given: the store, who is working (the session) and the
case as last read or returned by a command, with the domain's answer to "may I?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sip_tui.domain import commands
from sip_tui.domain.commands import Command
from sip_tui.domain.errors import DomainError
from sip_tui.domain.model import Case
from sip_tui.domain.roles import Actor
from sip_tui.domain.session import Session
from sip_tui.store.service.api import Store


@dataclass(frozen=True)
class CaseContext:
    """Who works (the session) in which case, with the store: what every form, dialog and
    the case screen are given."""

    store: Store
    session: Session
    case: Case

    @property
    def actor(self) -> Actor:
        return self.session.actor

    @property
    def unit(self) -> str:
        return self.session.unit

    def now(self) -> datetime:
        return self.store.clock.now()

    def with_case(self, case: Case) -> CaseContext:
        return CaseContext(self.store, self.session, case)

    def refusal(self, command: Command) -> DomainError | None:
        """What the domain would refuse ``command`` with now (None: it is allowed)."""
        return commands.refusal(command, self.case, self.actor, self.now())

    def allowed(self, command: Command) -> bool:
        return self.refusal(command) is None

    def offered(self, command: Command, *typed: str) -> bool:
        """Allowed, or refused only for want of what the user will type in ``typed``."""
        return commands.offered(command, self.case, self.actor, self.now(), *typed)
