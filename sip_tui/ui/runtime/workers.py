"""Leaving a thread worker: a typed message posted to the screen that asked, dropped when
the worker was cancelled or superseded, or its screen closed, or the app quit meanwhile:
nobody is there to see it, and raising it at quit would end the app with a traceback.
No module of sip-tui calls ``call_from_thread``: workers post messages."""

from __future__ import annotations

from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.worker import NoActiveWorker, get_current_worker

from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.runtime.host import store_failed
from sip_tui.ui.runtime.messages import ReadFailed, UnitsLoaded


def cancelled() -> bool:
    """Is the worker running this call cancelled (or superseded by an exclusive one)?"""
    try:
        return get_current_worker().is_cancelled
    except NoActiveWorker:
        return False


def post(target: MessagePump, message: Message) -> bool:
    """From a worker thread: post ``message`` to ``target``, unless the worker was
    cancelled or ``target`` is gone. True when it was queued."""
    if cancelled():
        return False
    if isinstance(target, Widget) and not target.is_attached:
        return False
    try:
        return target.post_message(message)
    except RuntimeError:  # the app's loop has stopped
        return False


def read_units(target: Widget, store: Store) -> None:
    """(Worker thread.) Every unit, for a unit picker: :class:`UnitsLoaded` to ``target``;
    when they cannot be read, :class:`ReadFailed` saying so (the case's own units stay)."""
    try:
        units = store.units()
    except StoreError as trouble:
        store_failed(target.app, trouble)
        post(target, ReadFailed(f"Kunde inte hämta enheterna: {trouble.swedish}."))
        return
    post(target, UnitsLoaded(units))
