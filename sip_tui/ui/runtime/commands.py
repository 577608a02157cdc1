"""Sending a command: the one path every user action takes to the store.

A screen asks the domain whether a command is allowed (``domain.commands``), then sends
that command (:meth:`CommandSender.send`). A thread worker runs ``Store.execute`` and posts
:class:`Executed` (with the new case: nothing is read again) or :class:`Refused` (the
domain's Swedish reason and the form field it concerns, or the store being out of reach)
to the screen that sent it. The worker never touches a widget; a result that arrives after
its screen closed, or after a newer command of the same screen superseded it, is dropped.
Keys typed meanwhile wait until the screen has handled the result (``hold_typing``): what
the result mounts and focuses (Aktivera's rows) gets them.

When the store is out of reach (a ``StoreError``, never a refusal of the domain) the
commands not yet run are kept as a local draft (``drafting``) before ``Refused`` is posted:
every form and dialog gets that, and the draft is in the local file even if the app is
closed or crashes a moment later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.widget import Widget

from sip_tui.domain.commands import Command, CreateCase
from sip_tui.domain.errors import DomainError, InvalidInput
from sip_tui.domain.model import Case
from sip_tui.domain.session import Session
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.runtime.drafting import KEPT, DraftKeeper, owner_of
from sip_tui.ui.runtime.host import hold_typing, record_own_write, store_failed
from sip_tui.ui.runtime.messages import Executed, Refused
from sip_tui.ui.runtime.workers import post

AnyCommand = Command | CreateCase
#: A store that cannot be used (``StoreError.swedish``: "databasservern … svarar inte",
#: "disken där databasfilen … ligger är full").
UNREACHABLE = "Inget ändrades: {trouble}. Det du skrivit finns kvar; försök igen."


@dataclass(frozen=True)
class _Run:
    store: Store
    session: Session
    commands: tuple[AnyCommand, ...]
    target: Widget
    drafts: DraftKeeper

    def __call__(self) -> None:
        """(Worker thread.) The commands in order; the first refusal stops the rest."""
        case: Case | None = None
        for index, command in enumerate(self.commands):
            try:
                case = self.store.execute(self.session, command)
                # Recorded before the change feed wakes the overview: no "Nytt att göra"
                # and no bell for the user's own change.
                record_own_write(self.target.app, case.id)
            except InvalidInput as refusal:
                self._post(Refused(command, str(refusal), refusal, refusal.field))
                return
            except DomainError as refusal:
                self._post(Refused(command, str(refusal), refusal, None))
                return
            except StoreError as trouble:
                store_failed(self.target.app, trouble)
                kept = self.drafts.keep(self.commands[index:], self.store.clock.now())
                text = (KEPT if kept else UNREACHABLE).format(trouble=trouble.swedish)
                self._post(Refused(command, text, None, None))
                return
        self.drafts.settle(self.commands)
        if case is not None:
            self._post(Executed(self.commands[-1], case))

    def _post(self, message: Executed | Refused) -> None:
        post(self.target, message)  # dropped when superseded or the screen closed


Then = Callable[[Case], object]
OnRefused = Callable[[Refused], object]


class CommandSender:
    """What a screen (or dialog) that sends commands mixes in: :meth:`send` with what to do
    when it is done (``then(case)``) or refused (``refused(message)``; by default
    :meth:`show_refusal`). The host is a Textual ``Widget`` that says who works with
    :meth:`who`; the messages come back to it and are handled here."""

    _pending: dict[int, tuple[Then | None, OnRefused | None]]
    _typing: dict[int, Callable[[Widget], None]]  # releases the keys held for a command
    _drafts: DraftKeeper  # what this sender kept as local drafts

    def who(self) -> tuple[Store, Session]:
        raise NotImplementedError

    def send(
        self, *commands: AnyCommand, then: Then | None = None, refused: OnRefused | None = None
    ) -> None:
        assert isinstance(self, Widget)
        if not hasattr(self, "_pending"):
            self._pending, self._typing = {}, {}
        self._pending[id(commands[-1])] = (then, refused)
        for command in commands[:-1]:
            self._pending[id(command)] = (None, refused)
        release = hold_typing(self.app)  # the first result that comes back lets them go
        self._typing.update((id(command), release) for command in commands)
        store, session = self.who()
        run = _Run(store, session, commands, self, self.draft_keeper())
        self.run_worker(run, thread=True, group="command", exit_on_error=True)

    def draft_keeper(self) -> DraftKeeper:
        """This sender's drafts (made on first use)."""
        if not hasattr(self, "_drafts"):
            self._drafts = DraftKeeper(owner_of(*self.who()))
        return self._drafts

    def _continuations(self, command: AnyCommand) -> tuple[Then | None, OnRefused | None]:
        pending: dict[int, tuple[Then | None, OnRefused | None]] = getattr(self, "_pending", {})
        return pending.pop(id(command), (None, None))

    def _let_typing_go(self, command: AnyCommand) -> None:
        """After the continuation: keys typed meanwhile go on once what it queued ran."""
        assert isinstance(self, Widget)
        release = getattr(self, "_typing", {}).pop(id(command), None)
        if release is not None:
            self._typing = {k: v for k, v in self._typing.items() if v is not release}
            release(self)

    def on_executed(self, message: Executed) -> None:
        message.stop()
        then, _ = self._continuations(message.command)
        self.took(message.case)
        if then is not None:
            then(message.case)
        self._let_typing_go(message.command)

    def on_refused(self, message: Refused) -> None:
        message.stop()
        _, refused = self._continuations(message.command)
        if refused is not None:
            refused(message)
        else:
            self.show_refusal(message)
        self._let_typing_go(message.command)

    def took(self, case: Case) -> None:
        """The case as the store now has it, before ``then`` runs (forms keep it)."""

    def show_refusal(self, message: Refused) -> None:
        assert isinstance(self, Widget)
        self.notify(message.message, severity="error")
