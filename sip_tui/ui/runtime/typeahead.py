"""Type-ahead that lands where the user sees it: keys typed faster than the screen changes
wait, in order, until the key before them has been handled and the focus has moved.

Textual hands every key to the widget focused at the moment the app reads it, without
waiting for the previous key to be handled. A key that opens a dialog, or picks a row
to add, moves the focus only a few messages later (the dialog is composed, the new row
mounted, ``focus()`` itself is queued), so what was typed right after it went to the old
field (a participant's name) or to a dialog closing (lost). The app therefore lets
:class:`TypeAhead` hold typed input (``Key`` and ``Paste``):

- one key at a time: after a key is handed on, the next waits until the widget that got
  it and then each of its parents up to the screen have handled everything queued to them
  since (the key, and what handling it posted there: an ``Input.Submitted`` that closes
  the dialog), and the app has run the key's bindings: a callback walks up from the widget
  to the app, run by each in turn;
- while the screen changes: from a push or pop until the screen shown has handled what
  was queued to it (composed, mounted, focused, the dialog's result callback run);
- while a write is on its way (``CommandSender.send``): until the screen that sent it has
  handled the result (Aktivera mounts the rows and focuses the first);
- then each held key goes back through the app's queue, behind any queued ``focus()``.

Nothing is ever held for long: a key whose walk never reaches the app (its widget was
removed) and a screen that never settles are let go after :data:`PATIENCE` seconds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

#: The longest a typed key waits (seconds) for the key before it or for a screen change
#: (the app's own time: a timer fires only when the app is free to run it).
PATIENCE = 5.0
#: How often the walk lets one widget's newer messages go first before it moves on.
ROUNDS = 8
#: How often the walk goes up again when something below got new messages meanwhile.
SWEEPS = 4

Typed = events.Key | events.Paste


def is_typed(event: events.Event) -> bool:
    """A key or a paste from the terminal, not yet handed to a widget."""
    return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded


@dataclass
class Walk:
    """One key's way up: the widget it went to, its parents, the app."""

    serial: int
    path: list[MessagePump]
    sweeps: int = SWEEPS


class TypeAhead:
    """The app's typed-input gate (see the module docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.waiting: deque[Typed] = deque()
        self._serial = 0  # the key on its way; only its walk (or timeout) opens the gate
        self._busy = False
        self._busy_timer: Timer | None = None
        self._holds: dict[int, Timer] = {}
        self._next_hold = 0
        self._admitted: Typed | None = None  # the held event on its way back
        self.handed = 0  # how many typed keys have been handed on so far

    @property
    def idle(self) -> bool:
        """Nothing typed is waiting or on its way."""
        return not (self.waiting or self._busy or self._holds or self._admitted is not None)

    # --- the app's event path -----------------------------------------------------------------

    def admit(self, event: Typed) -> bool:
        """May ``event`` be handed on now? If not, it waits its turn."""
        if event is self._admitted:
            self._admitted = None
            if not self._holds:
                return True
            self._busy = False  # a screen began to change since: first in line again
            self.waiting.appendleft(event)
            return False
        if self._busy or self._holds or self.waiting or self._admitted is not None:
            self.waiting.append(event)
            return False
        self._start()
        return True

    def _start(self) -> None:
        """A key is on its way: only its own walk (or timeout) lets the next one go."""
        self._busy = True
        self._serial += 1

    def handed_on(self, target: MessagePump) -> None:
        """The key went to ``target`` (or was a binding the app ran): the next key waits
        until ``target`` and its parents have handled it and what it caused there."""
        serial = self._serial
        self.handed += 1
        self._stop_busy_timer()
        self._busy_timer = self.app.set_timer(PATIENCE, lambda: self.done(serial))
        path = [target]
        while (parent := path[-1]._parent) is not None:
            path.append(parent)
        self._visit(Walk(serial, path), 0)

    def _walk(self, walk: Walk, index: int, rounds: int = ROUNDS) -> None:
        """Run on ``walk.path[index]``: what was queued to it before has been handled."""
        if walk.serial != self._serial:
            return
        if rounds > 0 and not walk.path[index]._message_queue.empty():  # newer ones first
            self._visit(walk, index, rounds - 1)
        elif index + 1 < len(walk.path):
            self._visit(walk, index + 1)
        elif walk.sweeps > 0 and any(not n._message_queue.empty() for n in walk.path):
            # The app ran a binding that posted to a widget below (Input: Enter posts
            # Submitted): walk up once more behind it.
            walk.sweeps -= 1
            self._visit(walk, 0)
        else:
            self.done(walk.serial)

    def _visit(self, walk: Walk, index: int, rounds: int = ROUNDS) -> None:
        if not walk.path[index].call_later(self._walk, walk, index, rounds):
            self.done(walk.serial)  # closing: nothing more to wait for

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

    def screen_changed(self, screen: Screen[Any]) -> None:
        """A screen was pushed or popped: hold until ``screen`` has run what is queued to
        it now (composed, focused, the dialog's result callback)."""
        self.settle(screen, self.hold())

    def settle(self, node: MessagePump, token: int) -> None:
        """Release ``token`` once ``node`` has handled what is queued to it now, and the
        app what that queued in turn (a ``focus()``)."""

        def settled() -> None:
            if not self.app.call_later(self.release, token):
                self.release(token)

        if not node.call_later(settled):
            self.release(token)

    # --- internals ---------------------------------------------------------------------------

    def _next(self) -> None:
        """Send the first waiting key back through the app's queue (behind a queued
        ``focus()``), when nothing holds it."""
        if self._busy or self._holds or self._admitted is not None or not self.waiting:
            return
        event = self.waiting.popleft()
        self._start()
        self._admitted = event
        if not self.app.post_message(event):  # the app is closing
            self._admitted, self._busy = None, False
            self.waiting.clear()

    def _stop_busy_timer(self) -> None:
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
