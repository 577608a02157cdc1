"""Following the shared store's change feed from a thread worker (overview, case screen)."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.worker import get_current_worker

from sip_tui.store.changes import ANY_UNIT, listener_for
from sip_tui.store.services import Store

RETRY_SECONDS = 2.0  # after the store was unreachable
WAIT_SECONDS = 0.25  # one wait on the change feed: also how soon quitting stops the worker


def follow_changes(
    store: Store, unit: str, changed: Callable[[], object], lost: Callable[[], object]
) -> None:
    """Block until the current worker is cancelled; call ``changed()`` whenever ``unit``'s
    data may have changed, ``lost()`` when the store cannot be reached (then retry)."""
    worker = get_current_worker()
    listener = None
    while not worker.is_cancelled:
        try:
            if listener is None:
                listener = listener_for(store.engine)
            units = listener.wait(timeout=WAIT_SECONDS)
            if units and (ANY_UNIT in units or unit in units):
                changed()
        except Exception:  # noqa: BLE001 - server gone: show it, retry in a moment
            listener = None
            lost()
            time.sleep(RETRY_SECONDS)
    if listener is not None:
        listener.close()
