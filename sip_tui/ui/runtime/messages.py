"""The messages that carry work back to the UI thread.

Thread workers and the change feed post these (``post_message`` is thread-safe) and never
touch a widget. None of them bubbles: the app forwards the feed's messages to the screens
itself, and a screen's result must not reach the app a second time."""

from __future__ import annotations

from datetime import datetime

from textual.message import Message

from sip_tui.domain.commands import Command, CreateCase
from sip_tui.domain.errors import DomainError
from sip_tui.domain.model import Case
from sip_tui.store.changes import ANY_UNIT
from sip_tui.store.service.api import OverviewRow, UnitInfo
from sip_tui.ui.widgets.status_bar import Counts


class StoreChanged(Message, bubble=False):
    """Some units' overviews changed (``"*"``: any unit's). Coalesced: one message for the
    changes of a short window."""

    def __init__(self, units: frozenset[str]) -> None:
        super().__init__()
        self.units = units

    def concerns(self, unit: str) -> bool:
        return ANY_UNIT in self.units or unit in self.units


class StoreUnavailable(Message, bubble=False):
    """The store cannot be used (a ``StoreError``): ``message`` is its Swedish clause
    (``StoreError.swedish``, e.g. "databasservern … svarar inte"). ``what`` (Swedish,
    e.g. "förklaringen") names what the user asked for and cannot have now; empty when
    nobody asked (a background read, the change feed). ``outage``: the store cannot be
    reached (it may come back by itself), not merely refusing a write. The app forwards one
    to every screen when an outage begins (``RuntimeApp.outage_since`` is then set)."""

    def __init__(self, message: str, what: str = "", outage: bool = True) -> None:
        super().__init__()
        self.message, self.what, self.outage = message, what, outage


class StoreBack(Message, bubble=False):
    """The store is reachable again after an outage (the change feed reconnected and the
    database answered). The app forwards it to every screen on the stack, after clearing
    ``RuntimeApp.outage_since``; a ``StoreChanged({"*"})`` follows (changes made meanwhile
    were not heard), so what is shown is read again."""


class OverviewLoaded(Message, bubble=False):
    """An overview read: the unit's rows and counts at ``now``. ``generation`` names the
    read; ``started`` (``time.monotonic()``) is when it began."""

    def __init__(
        self,
        rows: list[OverviewRow],
        counts: Counts,
        now: datetime,
        generation: int,
        started: float,
    ) -> None:
        super().__init__()
        self.rows, self.counts, self.now = rows, counts, now
        self.generation, self.started = generation, started


class CaseLoaded(Message, bubble=False):
    """A case read for the case screen."""

    def __init__(self, case: Case, generation: int) -> None:
        super().__init__()
        self.case, self.generation = case, generation


class CaseRefused(Message, bubble=False):
    """The case may not be read (no access, or gone): the domain's Swedish reason."""

    def __init__(self, reason: str, generation: int) -> None:
        super().__init__()
        self.reason, self.generation = reason, generation


class Explained(Message, bubble=False):
    """Why a cell has its status: a title and the text, ready to show."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title, self.text = title, text


class Executed(Message, bubble=False):
    """The store did what the user asked; ``case`` is the case as it now is."""

    def __init__(self, command: Command | CreateCase, case: Case) -> None:
        super().__init__()
        self.command, self.case = command, case


class Refused(Message, bubble=False):
    """It was not done: ``message`` (Swedish) says why. ``error`` is the domain's refusal
    (an ``EditConflict`` names who changed the document), None when the store could not be
    reached; ``field`` is the form field the refusal concerns."""

    def __init__(
        self,
        command: Command | CreateCase,
        message: str,
        error: DomainError | None,
        field: str | None,
    ) -> None:
        super().__init__()
        self.command, self.message, self.error, self.field = command, message, error, field


class CaseRead(Message, bubble=False):
    """A form's case read again (after a conflict: the version someone else saved)."""

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case


class ReadFailed(Message, bubble=False):
    """A read the user is waiting for failed: the Swedish reason."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class CaseOutdated(Message, bubble=False):
    """Someone else changed the case an open form shows."""


class UnitsLoaded(Message, bubble=False):
    """Every unit, for a unit picker."""

    def __init__(self, units: dict[str, UnitInfo]) -> None:
        super().__init__()
        self.units = units
