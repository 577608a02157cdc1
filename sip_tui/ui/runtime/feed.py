"""The app's one listener on the store's change feed, and the judge of an outage's end.

However many screens are open (the overview, a case, a form), an app holds one listener:
on PostgreSQL one ``LISTEN`` connection, on SQLite one ``PRAGMA data_version`` poll. It
runs in a thread worker of the app and posts to the app, never touching a widget:

- ``StoreChanged(units)``, coalesced: the changes of ``COALESCE_SECONDS`` after the first
  one become one message;
- ``StoreUnavailable(message)`` once when the store cannot be reached (and again after a
  suspicion, see below, when a try fails: the app may have seen the store back meanwhile);
- ``StoreBack()`` when it can again — a new listener opened and the store's ``probe``
  passed (a server up with an emptied database is no return) — then
  ``StoreChanged({"*"})`` at once: changes may have been missed meanwhile.

While away it tries again with back-off: ``FIRST_RETRY_SECONDS``, doubling up to
``MAX_RETRY_SECONDS``, so a return is seen within a second and the screens have read
again well within 2 s. Any store call elsewhere that meets an outage calls
:meth:`ChangeFeed.suspect`: a listener does not notice every outage at once (a dead
connection not yet used), so the feed drops its listener and tries again after the
back-off. The back-off starts from the first step again after ``CALM_SECONDS`` without
trouble, so a store that fails only some calls is asked at most once a second.

A ``StoreError`` is an outage; any other exception is a bug and ends the worker (and the
app, through its crash handler)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

from sip_tui.store.changes import ANY_UNIT, ChangeListener
from sip_tui.store.errors import StoreError
from sip_tui.ui.runtime.messages import StoreBack, StoreChanged, StoreUnavailable
from sip_tui.ui.runtime.workers import post

WAIT_SECONDS = 0.25  # one wait on the listener: also how soon a cancelled feed stops
COALESCE_SECONDS = 0.2
FIRST_RETRY_SECONDS = 0.25
MAX_RETRY_SECONDS = 1.0
CALM_SECONDS = 10.0


class Backoff:
    """The pauses between tries: the first, then doubling to the most; from the first
    again once ``CALM_SECONDS`` passed since the last pause began."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._delay: float | None = None
        self._last = 0.0

    def next(self) -> float:
        now = self._clock()
        if self._delay is None or now - self._last > CALM_SECONDS:
            self._delay = FIRST_RETRY_SECONDS
        else:
            self._delay = min(self._delay * 2, MAX_RETRY_SECONDS)
        self._last = now
        return self._delay


class ChangeFeed:
    def __init__(
        self,
        listen: Callable[[], ChangeListener],
        target: MessagePump,
        probe: Callable[[], None] = lambda: None,
    ) -> None:
        self._listen = listen
        self._probe = probe
        self._target = target
        self._suspect = threading.Event()

    def suspect(self) -> None:
        """(Any thread.) A store call met an outage: the feed looks again (after the
        back-off) and says ``StoreBack`` only once the store answers."""
        self._suspect.set()

    def run(self) -> None:
        """Until the worker is cancelled (the app unmounts)."""
        worker = get_current_worker()
        listener: ChangeListener | None = None
        pending: set[str] = set()
        flush_at: float | None = None
        away = False  # the store is out of reach, as far as the feed knows
        announced = False  # StoreUnavailable posted for this time away
        backoff = Backoff()
        try:
            while not worker.is_cancelled:
                if self._suspect.is_set():
                    self._suspect.clear()
                    if not away:  # the app knows; a try that fails says it again
                        away, announced = True, False
                        _close(listener)
                        listener = None
                        _pause(worker, backoff.next())
                        continue
                try:
                    if listener is None:
                        listener = self._listen()
                        if away:
                            self._probe()
                            away = announced = False
                            post(self._target, StoreBack())
                            pending.add(ANY_UNIT)  # whatever changed meanwhile was not heard
                            flush_at = time.monotonic()
                    timeout = WAIT_SECONDS
                    if flush_at is not None:
                        timeout = max(0.0, min(WAIT_SECONDS, flush_at - time.monotonic()))
                    units = listener.wait(timeout)
                except StoreError as trouble:
                    _close(listener)
                    listener = None
                    away = True
                    if not announced:
                        announced = True
                        post(self._target, StoreUnavailable(trouble.swedish))
                    _pause(worker, backoff.next())
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
        time.sleep(min(0.05, seconds))
