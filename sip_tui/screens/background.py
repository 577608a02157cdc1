"""Store calls made from thread workers, with their outcome handed to the UI thread: the
result, or the Swedish reason for a refusal (and the form field it concerns). Nothing a
user typed is touched either way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.widget import Widget

from sip_tui.domain.errors import DomainError, EditConflict, InvalidInput
from sip_tui.store.errors import StoreError
from sip_tui.store.services import Store, UnitInfo

T = TypeVar("T")
Problem = Callable[[str, str | None], object]


def deliver(
    app: App[Any],
    call: Callable[[], T],
    done: Callable[[T], object],
    problem: Problem,
    conflict: Callable[[EditConflict], object] | None = None,
) -> bool:
    """Run ``call`` (in a worker thread); True when it went through."""
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


def to_ui(widget: Widget, callback: Callable[..., object], *args: object) -> None:
    """From a worker thread: run ``callback`` on the UI thread, unless ``widget``'s screen
    closed or the app quit meanwhile (a read finishing late): then nobody is there to see
    the result, and it is dropped rather than raised as a worker failure at quit."""
    if not widget.is_attached:
        return
    try:
        widget.app.call_from_thread(callback, *args)
    except RuntimeError:  # NoActiveAppError, or the app's loop has stopped
        return
