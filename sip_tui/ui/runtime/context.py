"""What a screen about one case is given: the store, who is working (the session) and the
case as last read or returned by a command, with the domain's answer to "may I?"."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    #: The domain's verdict on each command a key offers, asked once per loaded case (a
    #: new case is a new context: ``with_case``).
    _verdicts: dict[str, DomainError | None] = field(
        default_factory=dict, compare=False, repr=False
    )

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
        """What the domain would refuse ``command`` with now (None: it is allowed); asked
        afresh, for what the user typed, just before it is sent."""
        return commands.refusal(command, self.case, self.actor, self.now())

    def verdict(self, command: Command) -> DomainError | None:
        """:meth:`refusal` of a command a key offers, asked once for this case: the footer
        asks often, and a key must not come and go while the case stays the same."""
        key = repr(command)
        if key not in self._verdicts:
            self._verdicts[key] = self.refusal(command)
        return self._verdicts[key]

    def allowed(self, command: Command) -> bool:
        return self.verdict(command) is None
