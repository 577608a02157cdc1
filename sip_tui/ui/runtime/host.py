"""``RuntimeApp``: the app base every screen runs on.

- It owns the change feed: started when the app mounts, stopped when it unmounts; one
  listener per app. ``StoreChanged`` and ``StoreUnavailable`` from the feed are forwarded
  to every screen on the stack (a screen handles them with ``on_store_changed`` /
  ``on_store_unavailable``; a hidden one may wait until it is shown again).
- It remembers the user's own writes (:meth:`RuntimeApp.own_write`), so that the overview
  does not announce "Nytt att göra" or ring for a change the user just made.
- It is the one failure handler: any exception that reaches Textual (a worker's, a
  handler's) ends the app with a short Swedish message, a ``crash.log`` without locals or
  exception messages, and return code ``CRASH_EXIT_CODE`` — never Textual's traceback
  with local variables, which printed a personnummer, a name and typed text.
- It hands typed keys on one at a time and holds them while the screen changes
  (``TypeAhead``), so that what is typed right after a key that opens a dialog or adds a
  row lands in the field that key focuses.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.worker import Worker

from sip_tui.store.service.api import Store
from sip_tui.ui.runtime.crash import CRASH_EXIT_CODE, crash_log_path, crash_message
from sip_tui.ui.runtime.crash import write_crash_log as write_log
from sip_tui.ui.runtime.messages import StoreChanged, StoreUnavailable
from sip_tui.ui.runtime.typeahead import TypeAhead, is_typed

FEED_GROUP = "changes"


class RuntimeApp(App[None]):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        #: Where a crash is logged; tests point it elsewhere.
        self.crash_log: Path = crash_log_path()
        self.crash_log_written: Path | None = None
        self._feed_worker: Worker[None] | None = None
        self._own_writes: list[tuple[float, int]] = []
        self._own_lock = threading.Lock()
        self._crashed = False
        self.type_ahead = TypeAhead(self)
        #: Since when the store is out of reach; None while it answers.
        self.outage_since: datetime | None = None  # (merged with wt-outage)

    # --- the change feed ----------------------------------------------------------------

    def on_mount(self) -> None:
        from sip_tui.ui.runtime.feed import ChangeFeed  # feed imports workers, which import us

        feed = ChangeFeed(self.store.listen, self)
        self._feed_worker = self.run_worker(feed.run, thread=True, group=FEED_GROUP)
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def on_unmount(self) -> None:
        if self._feed_worker is not None:
            self._feed_worker.cancel()

    def on_store_changed(self, message: StoreChanged) -> None:
        for screen in self.screen_stack:
            screen.post_message(StoreChanged(message.units))

    def on_store_unavailable(self, message: StoreUnavailable) -> None:
        for screen in self.screen_stack:
            screen.post_message(StoreUnavailable(message.message))

    # --- typed keys -------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if not is_typed(event):
            await super().on_event(event)
            return
        assert isinstance(event, (events.Key, events.Paste))
        if not self.screen_stack:  # closing: nothing left to type into
            return
        if not self.type_ahead.admit(event):
            return
        await super().on_event(event)
        self.type_ahead.handed_on(self.focused or self.screen)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        self.type_ahead.screen_changed(screen)

    # --- the user's own writes ------------------------------------------------------------

    def own_write(self, case_id: int | None) -> None:
        """The user's write to ``case_id`` has just committed (call it from any thread,
        after every successful write). ``None`` (or a case not yet created): the case of
        the topmost case screen or form (:meth:`current_case_id`); none there, nothing is
        recorded."""
        if case_id is None or case_id <= 0:
            case_id = self.current_case_id()
        if case_id is None:
            return
        with self._own_lock:
            self._own_writes.append((time.monotonic(), case_id))

    def own_writes(self, read_started: float) -> set[int]:
        """The cases of the user's writes not yet seen by a read. A read that started at
        ``read_started`` (``time.monotonic()``) has seen the writes recorded before then,
        which are forgotten now; later ones are still returned, since the read may have
        seen them too (the write committed a moment before it was recorded)."""
        with self._own_lock:
            cases = {case for _, case in self._own_writes}
            self._own_writes = [(at, c) for at, c in self._own_writes if at >= read_started]
        return cases

    def current_case_id(self) -> int | None:
        """The case the user works in now, if any (the app knows its screens)."""
        return None

    # --- the one failure handler --------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual calls this with every unhandled exception (a worker's arrives wrapped
        in ``WorkerFailed``). Replaces Textual's traceback with locals on exit."""
        if self._exception is None:  # the test harness re-raises it after the test
            self._exception = error
            self._exception_event.set()
        self._return_code = CRASH_EXIT_CODE
        if self._crashed:
            return
        self._crashed = True
        self.crash_log_written = write_log(error, self.crash_log)
        # Printed (as Text: never markup) when the terminal is restored, at its width; not
        # pre-rendered and cut at the screen's width as ``panic`` does.
        self._exit_renderables.append(Text(crash_message(self.crash_log_written)))
        self._close_messages_no_wait()


def hold_typing(app: App[Any]) -> Callable[[MessagePump], None]:
    """Hold typed keys (in a ``RuntimeApp``) until the function returned is called with
    the widget that must first handle what is queued to it then (see ``TypeAhead``)."""
    if not isinstance(app, RuntimeApp):
        return lambda node: None
    gate, token = app.type_ahead, app.type_ahead.hold()
    return lambda node: gate.settle(node, token)


def record_own_write(app: App[Any], case_id: int | None) -> None:
    """Tell ``app`` (if it is a ``RuntimeApp``) that the user's write to ``case_id`` has
    committed; see :meth:`RuntimeApp.own_write`."""
    if isinstance(app, RuntimeApp):
        app.own_write(case_id)


def own_writes(app: App[Any], read_started: float) -> set[int]:
    """:meth:`RuntimeApp.own_writes` of ``app``; none for another app."""
    return app.own_writes(read_started) if isinstance(app, RuntimeApp) else set()
