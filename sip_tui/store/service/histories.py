"""The histories of the cases this process has read or written, so that a write need not
read a long history back to return the case.

A case's history is append-only: its first *n* events never change. So a cached history
of exactly as many events as the database counts before a write is that history, and the
write's new events complete it. Anything else (another process wrote meanwhile, a write
rolled back) is a miss, and the history is read. Kept only after a commit; bounded."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from sip_tui.domain.model import Event

SIZE = 256  # cases: a few hundred kB at most for a user's working set


class HistoryCache:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._items: OrderedDict[int, tuple[Event, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, case_id: int, count: int) -> tuple[Event, ...] | None:
        """The case's first ``count`` events, if that is exactly what is cached."""
        with self._lock:
            events = self._items.get(case_id)
            if events is None or len(events) != count:
                return None
            self._items.move_to_end(case_id)
            return events

    def put(self, case_id: int, events: Sequence[Event]) -> None:
        """``events`` is the case's whole history as committed."""
        with self._lock:
            self._items[case_id] = tuple(events)
            self._items.move_to_end(case_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
