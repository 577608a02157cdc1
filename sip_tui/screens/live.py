"""The app's one listener on the shared store's change feed, which screens subscribe to.

However many screens are open (the overview, a case, a form), a user holds one listener:
on PostgreSQL one ``LISTEN`` connection, on SQLite one ``PRAGMA data_version`` poll. It runs
in a thread worker of the app; subscribers are called in that thread and hand work to the
UI thread themselves (``app.call_from_thread``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.worker import get_current_worker

from sip_tui.store.changes import ANY_UNIT, listener_for
from sip_tui.store.services import Store

RETRY_SECONDS = 2.0  # after the store was unreachable
WAIT_SECONDS = 0.25  # one wait on the change feed: also how soon quitting stops the worker
_ATTRIBUTE = "_sip_change_feed"


@dataclass(frozen=True)
class Subscriber:
    unit: str
    changed: Callable[[], object]  # the unit's data may have changed
    lost: Callable[[], object]  # the store cannot be reached (the feed retries)


class ChangeFeed:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._subscribers: dict[int, Subscriber] = {}
        self._lock = threading.Lock()

    def subscribe(
        self,
        owner: object,
        unit: str,
        changed: Callable[[], object],
        lost: Callable[[], object] = lambda: None,
    ) -> None:
        with self._lock:
            self._subscribers[id(owner)] = Subscriber(unit, changed, lost)

    def unsubscribe(self, owner: object) -> None:
        with self._lock:
            self._subscribers.pop(id(owner), None)

    def __len__(self) -> int:
        return len(self._current())

    def _current(self) -> list[Subscriber]:
        with self._lock:
            return list(self._subscribers.values())

    def run(self) -> None:
        """Until the worker is cancelled (the app quits): wait, then tell the subscribers."""
        worker = get_current_worker()
        listener = None
        while not worker.is_cancelled:
            try:
                if listener is None:
                    listener = listener_for(self.store.engine)
                units = listener.wait(timeout=WAIT_SECONDS)
            except Exception:  # noqa: BLE001 - server gone: tell, retry in a moment
                listener = None
                for subscriber in self._current():
                    subscriber.lost()
                time.sleep(RETRY_SECONDS)
                continue
            for subscriber in self._current() if units else []:
                if ANY_UNIT in units or subscriber.unit in units:
                    try:
                        subscriber.changed()
                    except Exception:  # noqa: BLE001 - its own read failed: the store is away
                        subscriber.lost()
        if listener is not None:
            listener.close()


def changes(app: App[Any], store: Store) -> ChangeFeed:
    """The app's change feed, started on first use."""
    feed = getattr(app, _ATTRIBUTE, None)
    if not isinstance(feed, ChangeFeed):
        feed = ChangeFeed(store)
        setattr(app, _ATTRIBUTE, feed)
        app.run_worker(feed.run, thread=True, group="changes", exit_on_error=False)
    return feed


def unsubscribe(app: App[Any], owner: object) -> None:
    """``owner`` (a screen going away) hears no more; starts nothing."""
    feed = getattr(app, _ATTRIBUTE, None)
    if isinstance(feed, ChangeFeed):
        feed.unsubscribe(owner)
