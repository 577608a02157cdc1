"""Store calls that are not case commands (the roster, the local routine, the deviation
register): run in a thread worker like :class:`~sip_tui.ui.runtime.commands.CommandSender`
runs commands, the result or the Swedish refusal posted back to the screen that asked.

A screen mixes in :class:`StoreCaller` and calls ``self.call_store(lambda: store.x(…),
then=…, refused=…)``. A ``DomainError`` comes back as its message (and the form field it
names), an unusable store as "Databasen kan inte användas just nu: … Det du skrivit finns
kvar" (and the app learns of an outage).
Nothing else is caught: any other exception is a bug and reaches the crash handler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any

from textual.message import Message
from textual.widget import Widget

from sip_tui.domain.errors import DomainError, InvalidInput
from sip_tui.store.errors import StoreError
from sip_tui.ui.runtime.host import store_failed
from sip_tui.ui.runtime.workers import post

_tokens = count(1)
UNUSABLE = "Databasen kan inte användas just nu: {trouble}. Det du skrivit finns kvar; försök igen."


@dataclass(frozen=True)
class CallRefusal:
    """Why a store call was not done (Swedish) and the field it concerns, if any."""

    message: str
    field: str | None = None
    unreachable: bool = False


class CallDone(Message, bubble=False):
    def __init__(self, token: int, result: object) -> None:
        super().__init__()
        self.token, self.result = token, result


class CallRefused(Message, bubble=False):
    def __init__(self, token: int, refusal: CallRefusal) -> None:
        super().__init__()
        self.token, self.refusal = token, refusal


Then = Callable[[Any], object]
OnRefused = Callable[[CallRefusal], object]


class StoreCaller:
    """Mixed into a Textual widget (a screen): :meth:`call_store`."""

    _calls: dict[int, tuple[Then | None, OnRefused | None]]

    def call_store(
        self,
        call: Callable[[], object],
        then: Then | None = None,
        refused: OnRefused | None = None,
    ) -> None:
        assert isinstance(self, Widget)
        if not hasattr(self, "_calls"):
            self._calls = {}
        token = next(_tokens)
        self._calls[token] = (then, refused)
        target = self

        def run() -> None:
            try:
                result = call()
            except InvalidInput as refusal:
                post(target, CallRefused(token, CallRefusal(str(refusal), refusal.field)))
            except DomainError as refusal:
                post(target, CallRefused(token, CallRefusal(str(refusal))))
            except StoreError as trouble:
                store_failed(target.app, trouble)
                unusable = CallRefusal(UNUSABLE.format(trouble=trouble.swedish), unreachable=True)
                post(target, CallRefused(token, unusable))
            else:
                post(target, CallDone(token, result))

        self.run_worker(run, thread=True, group="store-call", exit_on_error=True)

    def on_call_done(self, message: CallDone) -> None:
        message.stop()
        then, _ = self._calls.pop(message.token, (None, None))
        if then is not None:
            then(message.result)

    def on_call_refused(self, message: CallRefused) -> None:
        message.stop()
        _, refused = self._calls.pop(message.token, (None, None))
        if refused is not None:
            refused(message.refusal)
        else:
            assert isinstance(self, Widget)
            self.notify(message.refusal.message, severity="error")
