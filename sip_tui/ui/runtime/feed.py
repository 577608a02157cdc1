"""The app's one listener on the store's change feed.

However many screens are open (the overview, a case, a form), an app holds one listener:
on PostgreSQL one ``LISTEN`` connection, on SQLite one ``PRAGMA data_version`` poll. It
runs in a thread worker of the app and posts to the app, never touching a widget:

- ``StoreChanged(units)``, coalesced: the changes of ``COALESCE_SECONDS`` after the first
  one become one message;
- ``StoreUnavailable(message)`` once when the store cannot be reached; it retries every
  ``RETRY_SECONDS`` and, back, posts ``StoreChanged({"*"})`` (changes may have been
  missed meanwhile).

A ``StoreError`` is an outage; any other exception is a bug and ends the worker (and the
app, through its crash handler)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

from sip_tui.store.changes import ANY_UNIT, ChangeListener
from sip_tui.store.errors import StoreError
from sip_tui.ui.runtime.messages import StoreChanged, StoreUnavailable
from sip_tui.ui.runtime.workers import post

WAIT_SECONDS = 0.25  # one wait on the listener: also how soon a cancelled feed stops
COALESCE_SECONDS = 0.2
RETRY_SECONDS = 1.0


class ChangeFeed:
    def __init__(self, listen: Callable[[], ChangeListener], target: MessagePump) -> None:
        self._listen = listen
        self._target = target

    def run(self) -> None:
        """Until the worker is cancelled (the app unmounts)."""
        worker = get_current_worker()
        listener: ChangeListener | None = None
        pending: set[str] = set()
        flush_at: float | None = None
        away = False
        try:
            while not worker.is_cancelled:
                try:
                    if listener is None:
                        listener = self._listen()
                        if away:  # back: whatever changed meanwhile was not heard
                            away = False
                            pending.add(ANY_UNIT)
                            flush_at = time.monotonic()
                    timeout = WAIT_SECONDS
                    if flush_at is not None:
                        timeout = max(0.0, min(WAIT_SECONDS, flush_at - time.monotonic()))
                    units = listener.wait(timeout)
                except StoreError as trouble:
                    _close(listener)
                    listener = None
                    if not away:
                        away = True
                        post(self._target, StoreUnavailable(str(trouble)))
                    _pause(worker, RETRY_SECONDS)
                    continue
                if units:
                    pending |= units
                    if flush_at is None:
                        flush_at = time.monotonic() + COALESCE_SECONDS
                if flush_at is not None and time.monotonic() >= flush_at:
                    post(self._target, StoreChanged(frozenset(pending)))
                    pending, flush_at = set(), None
        finally:
            _close(listener)


def _close(listener: ChangeListener | None) -> None:
    if listener is not None:
        with contextlib.suppress(StoreError):
            listener.close()


def _pause(worker: Worker[None], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not worker.is_cancelled and time.monotonic() < deadline:
        time.sleep(min(0.1, seconds))
