"""Type-ahead that lands where the user sees it: keys typed faster than the screen changes
wait, in order, until the key before them has been handled and the focus has moved.

Textual hands every key to the widget focused at the moment the app reads it, without
waiting for the previous key to be handled. A key that opens a dialog, or picks a row
to add, moves the focus only a few messages later (the dialog is composed, the new row
mounted, ``focus()`` itself is queued), so what was typed right after it went to the old
field (a participant's name) or to a dialog closing (lost). The app therefore lets
:class:`TypeAhead` hold typed input (``Key`` and ``Paste``):

- one key at a time: after a key is handed on, the next waits until a :class:`KeyDone`
  sent after it to the same widget has bubbled back to the app (every widget on the way
  has handled the key first);
- while the screen changes: from a push or pop until the screen shown has handled what
  was queued to it (composed, mounted, focused, the dialog's result callback run);
- then each held key goes back through the app's queue, behind any queued ``focus()``.

Nothing is ever held for long: a key whose :class:`KeyDone` never comes back (its widget
was removed) and a screen that never settles are let go after :data:`PATIENCE` seconds.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

#: The longest a typed key waits (seconds) for the key before it or for a screen change.
PATIENCE = 2.0

Typed = events.Key | events.Paste


def is_typed(event: events.Event) -> bool:
    """A key or a paste from the terminal, not yet handed to a widget."""
    return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded


class KeyDone(Message):
    """Sent after a key to the widget that got it; bubbles back to the app."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class TypeAhead:
    """The app's typed-input gate (see the module docstring)."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.waiting: deque[Typed] = deque()
        self._serial = 0  # the key handed on last; its KeyDone opens the gate
        self._busy = False
        self._busy_timer: Timer | None = None
        self._holds: dict[int, Timer] = {}
        self._next_hold = 0
        self._admitted: Typed | None = None  # the held event on its way back

    # --- the app's event path -----------------------------------------------------------------

    def admit(self, event: Typed) -> bool:
        """May ``event`` be handed on now? If not, it waits its turn."""
        if event is self._admitted:
            self._admitted = None
            return True
        if self._busy or self._holds or self.waiting or self._admitted is not None:
            self.waiting.append(event)
            return False
        self._busy = True
        return True

    def handed_on(self, target: MessagePump) -> None:
        """``event`` went to ``target`` (or was a binding the app ran): the next key waits
        until ``target`` and its parents have handled it."""
        self._serial += 1
        serial = self._serial
        self._stop_busy_timer()
        self._busy_timer = self.app.set_timer(PATIENCE, lambda: self.done(serial))
        if not target.post_message(KeyDone(serial)):  # closing: nothing to wait for
            self.done(serial)

    def done(self, serial: int) -> None:
        """The key ``serial`` has been handled (or waited long enough)."""
        if serial != self._serial or not self._busy:
            return
        self._busy = False
        self._stop_busy_timer()
        self._next()

    # --- screen changes and other moves of the focus --------------------------------------

    def hold(self) -> int:
        """Hold typed input until :meth:`release` (or :data:`PATIENCE` seconds)."""
        self._next_hold += 1
        token = self._next_hold
        self._holds[token] = self.app.set_timer(PATIENCE, lambda: self.release(token))
        return token

    def release(self, token: int) -> None:
        timer = self._holds.pop(token, None)
        if timer is not None:
            timer.stop()
            self._next()

    def screen_changed(self, screen: Screen[object]) -> None:
        """A screen was pushed or popped: hold until ``screen`` has handled what is queued
        to it now, then let the app run what that queued (a ``focus()``) before the keys."""
        token = self.hold()

        def settled() -> None:
            if not self.app.call_later(self.release, token):
                self.release(token)

        if not screen.call_later(settled):
            self.release(token)

    # --- internals ---------------------------------------------------------------------------

    def _next(self) -> None:
        """Send the first waiting key back through the app's queue (behind a queued
        ``focus()``), when nothing holds it."""
        if self._busy or self._holds or self._admitted is not None or not self.waiting:
            return
        event = self.waiting.popleft()
        self._busy = True
        self._admitted = event
        if not self.app.post_message(event):  # the app is closing
            self._admitted, self._busy = None, False
            self.waiting.clear()

    def _stop_busy_timer(self) -> None:
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
