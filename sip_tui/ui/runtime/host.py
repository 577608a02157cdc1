"""``RuntimeApp``: the app base every screen runs on.

- It owns the change feed: started when the app mounts, stopped when it unmounts; one
  listener per app. ``StoreChanged`` from the feed is forwarded to every screen on the
  stack (a screen handles it with ``on_store_changed``; a hidden one may wait until it is
  shown again).
- It knows whether the store is out of reach: :attr:`RuntimeApp.outage_since` is set at
  the first ``StoreError`` of an outage, from the feed or from any store call
  (:func:`store_failed`), and cleared when the feed has reconnected. At the start it
  forwards ``StoreUnavailable`` to every screen, at the end ``StoreBack``; meanwhile every
  screen carries an :class:`OutageBanner` at its top.
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

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen, SystemModalScreen
from textual.worker import Worker

from sip_tui.store.errors import StoreError, is_outage
from sip_tui.store.service.api import Store
from sip_tui.ui.runtime.crash import CRASH_EXIT_CODE, crash_log_path, crash_message
from sip_tui.ui.runtime.crash import write_crash_log as write_log
from sip_tui.ui.runtime.messages import StoreBack, StoreChanged, StoreUnavailable
from sip_tui.ui.runtime.typeahead import TypeAhead, is_typed
from sip_tui.ui.widgets.outage_banner import OutageBanner

if TYPE_CHECKING:
    from sip_tui.ui.runtime.feed import ChangeFeed

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
        #: When the current outage began (Stockholm time, the store's clock); None while
        #: the store can be reached.
        self.outage_since: datetime | None = None
        #: When the screens last read the store (the overview's last read): what the
        #: banner says is shown during an outage.
        self.fetched_at: datetime | None = None
        self._feed: ChangeFeed | None = None

    # --- the change feed ----------------------------------------------------------------

    def on_mount(self) -> None:
        from sip_tui.ui.runtime.feed import ChangeFeed  # feed imports workers, which import us

        self._feed = ChangeFeed(self.store.listen, self, probe=self.store.probe)
        self._feed_worker = self.run_worker(self._feed.run, thread=True, group=FEED_GROUP)
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def on_unmount(self) -> None:
        if self._feed_worker is not None:
            self._feed_worker.cancel()

    def on_store_changed(self, message: StoreChanged) -> None:
        for screen in self.screen_stack:
            screen.post_message(StoreChanged(message.units))

    # --- outages --------------------------------------------------------------------------

    def on_store_unavailable(self, message: StoreUnavailable) -> None:
        """From the feed, or from a store call (:func:`store_failed`): an outage begins,
        unless one is on already; the feed looks again either way."""
        if self._feed is not None:
            self._feed.suspect()
        if self.outage_since is not None:
            # Already on (a start during an outage sets it before any screen exists):
            # make sure every screen shows it.
            self._paint_banners()
            return
        self.outage_since = self.store.clock.now()
        self._paint_banners()
        for screen in self.screen_stack:
            screen.post_message(StoreUnavailable(message.message))

    def on_store_back(self, message: StoreBack) -> None:
        """From the feed: the store answers again."""
        if self.outage_since is None:
            return
        self.outage_since = None
        self._paint_banners()
        for screen in self.screen_stack:
            screen.post_message(StoreBack())

    def note_fetched(self, moment: datetime) -> None:
        """What is shown was read from the store at ``moment`` (the overview's reads)."""
        self.fetched_at = moment
        if self.outage_since is not None:
            self._paint_banners()

    def _paint_banners(self) -> None:
        for screen in self.screen_stack:
            self._paint_banner(screen)

    def _paint_banner(self, screen: Screen[Any]) -> None:
        """The banner at the top of ``screen`` while an outage lasts; none after (and
        none in Textual's own screens: the command palette)."""
        if isinstance(screen, SystemModalScreen):
            return
        banners = list(screen.query_children(OutageBanner))
        if self.outage_since is None:
            for banner in banners:
                banner.remove()
            return
        if not banners:
            banners = [OutageBanner()]
            screen.mount(banners[0])
        banners[0].show(self.outage_since, self.fetched_at, self.store.clock.now())

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
        if self.outage_since is not None:
            self._paint_banner(screen)

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


def store_failed(app: App[Any], trouble: StoreError) -> None:
    """(Any thread.) A store call met ``trouble``: tell ``app`` (if it is a
    ``RuntimeApp``) that an outage has begun, unless the store only refused a write (a
    full disk, a read-only file: reads work, and the refusal says why)."""
    if isinstance(app, RuntimeApp) and is_outage(trouble):
        with contextlib.suppress(RuntimeError):  # the app's loop has stopped
            app.post_message(StoreUnavailable(trouble.swedish))


def outage_since(app: App[Any]) -> datetime | None:
    """:attr:`RuntimeApp.outage_since` of ``app``; None for another app."""
    return app.outage_since if isinstance(app, RuntimeApp) else None


def note_fetched(app: App[Any], moment: datetime) -> None:
    """:meth:`RuntimeApp.note_fetched` of ``app``, if it is a ``RuntimeApp``."""
    if isinstance(app, RuntimeApp):
        app.note_fetched(moment)


def record_own_write(app: App[Any], case_id: int | None) -> None:
    """Tell ``app`` (if it is a ``RuntimeApp``) that the user's write to ``case_id`` has
    committed; see :meth:`RuntimeApp.own_write`."""
    if isinstance(app, RuntimeApp):
        app.own_write(case_id)


def own_writes(app: App[Any], read_started: float) -> set[int]:
    """:meth:`RuntimeApp.own_writes` of ``app``; none for another app."""
    return app.own_writes(read_started) if isinstance(app, RuntimeApp) else set()
