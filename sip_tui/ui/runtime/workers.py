"""Leaving a thread worker: a message posted, or (for the forms, until their writes move
to commands) a callback run on the UI thread. Either way the result is dropped when the
worker was cancelled or superseded, or its screen closed, or the app quit meanwhile:
nobody is there to see it, and raising it at quit would end the app with a traceback.

This is the one module that calls ``call_from_thread``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.worker import NoActiveWorker, get_current_worker

from sip_tui.domain.errors import DomainError, EditConflict, InvalidInput
from sip_tui.store.errors import StoreError
from sip_tui.store.services import Store, UnitInfo
from sip_tui.ui.runtime.host import record_own_write

T = TypeVar("T")
Problem = Callable[[str, str | None], object]


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


def to_ui(widget: Widget, callback: Callable[..., object], *args: object) -> None:
    """From a worker thread: run ``callback`` on the UI thread, unless the worker was
    cancelled or ``widget``'s screen closed or the app quit meanwhile."""
    if cancelled() or not widget.is_attached:
        return
    try:
        widget.app.call_from_thread(callback, *args)
    except RuntimeError:  # NoActiveAppError, or the app's loop has stopped
        return


def deliver(
    app: App[Any],
    call: Callable[[], T],
    done: Callable[[T], object],
    problem: Problem,
    conflict: Callable[[EditConflict], object] | None = None,
) -> bool:
    """Run ``call`` (a store write, in a worker thread); True when it went through. A
    refusal, or the store out of reach, goes to ``problem`` with the Swedish reason (and
    the field it concerns); nothing typed is touched. Success is recorded as the user's
    own write (see ``RuntimeApp.own_write``) before ``done`` runs."""
    try:
        result = call()
    except InvalidInput as refusal:
        app.call_from_thread(problem, str(refusal), refusal.field)
        return False
    except DomainError as refusal:
        app.call_from_thread(problem, str(refusal), None)
        if conflict is not None and isinstance(refusal, EditConflict):
            app.call_from_thread(conflict, refusal)
        return False
    except StoreError as trouble:
        message = f"Kunde inte nå databasen: {trouble}. Det du skrivit finns kvar; försök igen."
        app.call_from_thread(problem, message, None)
        return False
    record_own_write(app, None)
    app.call_from_thread(done, result)
    return True


def fetch_units(
    app: App[Any],
    store: Store,
    loaded: Callable[[dict[str, UnitInfo]], object],
    problem: Callable[[str], object],
) -> None:
    """Every unit, for a unit picker (in a worker thread); a failure is told, not raised."""
    try:
        units = store.units()
    except StoreError as trouble:
        app.call_from_thread(problem, f"Kunde inte hämta enheterna: {trouble}")
        return
    app.call_from_thread(loaded, units)
